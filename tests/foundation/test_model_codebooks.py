"""The core types use the code books: classifications and actor kinds are checked against them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictevents as ce
from conflictevents.codes import acled, cameo


def test_actor_kinds_are_acleds_actor_types() -> None:
    assert [kind.value for kind in ce.ActorKind] == [t.code for t in acled.actor_types()]
    for kind in ce.ActorKind:
        record = acled.actor_type(kind.value)
        assert kind.label == record.name
        assert ce.ActorKind.from_label(record.label) is kind
        assert ce.ActorKind.from_label(record.name.upper()) is kind


@given(st.sampled_from([e.code for e in cameo.events()]))
def test_every_cameo_code_is_a_valid_classification(code: str) -> None:
    assert ce.Classification("cameo", code).code == code


@pytest.mark.parametrize("code", ["10 ", "1", "0100", "999", "19a", ""])
def test_cameo_codes_must_be_canonical_and_known(code: str) -> None:
    with pytest.raises(ce.ValidationError):
        ce.Classification("cameo", code)


def test_acled_sub_event_types_carry_their_event_type() -> None:
    for sub in acled.sub_event_types():
        assert ce.Classification("acled", sub.name, parent=sub.event_type).parent == sub.event_type
    with pytest.raises(ce.ValidationError, match="Battles"):
        ce.Classification("acled", "Armed clash", parent="Protests")
    with pytest.raises(ce.ValidationError, match="write it as 'Armed clash'"):
        ce.Classification("acled", "armed  CLASH")
    with pytest.raises(ce.ValidationError, match="not an ACLED sub-event type"):
        ce.Classification("acled", "Alien invasion")


def test_unknown_schemes_are_free_text() -> None:
    assert ce.Classification("my_scheme", "anything at all").code == "anything at all"
