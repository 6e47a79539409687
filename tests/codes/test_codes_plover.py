"""PLOVER event types and modes."""

from __future__ import annotations

import pytest

from conflictevents.codes import plover
from conflictevents.errors import UnknownCodeError

# PLOVER manual 0.8 (17-Sep-2021), "Summary of event categories" and each section's
# "Quad category"; DEMAND was renamed REQUEST on 1 September 2021.
EXPECTED = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}


def test_event_types_and_quads() -> None:
    assert {t.name: t.quad_class for t in plover.event_types()} == EXPECTED


def test_lookups() -> None:
    assert plover.event_type(" assault ").name == "ASSAULT"
    assert plover.event_type("request").name == "REQUEST"
    assert plover.event_type("DEMAND") == plover.event_type("REQUEST")
    assert plover.event_type(" demand ").aliases == ("DEMAND",)
    assert plover.is_event_type("demand")
    assert plover.event_type("Cooperation").name == "COOPERATE"
    assert plover.is_event_type("Protest")
    assert not plover.is_event_type("CRIME")
    assert not plover.is_event_type(3)
    for bad in ("", "FIGHT", "CRIME", "YIELD"):
        with pytest.raises(UnknownCodeError):
            plover.event_type(bad)


def test_scores_and_recipients() -> None:
    assert plover.event_type("ASSAULT").score == -9.3
    assert plover.event_type("RETREAT").score == 7.6
    assert {t.name for t in plover.event_types() if t.requires_recipient} == {
        "COOPERATE", "AID", "SANCTION",
    }
    for t in plover.event_types():
        assert (t.score < 0) == (t.quad_class >= 3)


def test_modes() -> None:
    assert [m.name for m in plover.modes("consult")] == [
        "visit", "third-party", "multilateral", "phone",
    ]
    assert plover.modes("AGREE") == ()
    assert {m.name for m in plover.modes("protest")} == {
        "demo", "riot", "general", "strike", "hunger", "boycott", "obstruct",
    }
    assert len(plover.modes("ASSAULT")) == 17  # crowd-control added in September 2021
    assert plover.mode("assault", " Firearms ").name == "firearms"
    assert plover.modes("request") == plover.modes("DEMAND")
    assert {m.event_type for m in plover.modes("demand")} == {"REQUEST"}
    assert "seize" in {m.name for m in plover.modes("COERCE")}
    with pytest.raises(UnknownCodeError):
        plover.mode("ASSAULT", "phone")
    with pytest.raises(UnknownCodeError):
        plover.modes("FIGHT")
