"""ACLED event types, sub-event types, actor types, interactions, precision codes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conflictevents.codes import acled
from conflictevents.errors import UnknownCodeError

# The ACLED codebook's event types and sub-event types (ACLED Codebook 2023/2024), in order.
PUBLISHED = {
    "Battles": ["Government regains territory", "Non-state actor overtakes territory",
                "Armed clash"],
    "Protests": ["Excessive force against protesters", "Protest with intervention",
                 "Peaceful protest"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Explosions/Remote violence": ["Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"],
    "Violence against civilians": ["Sexual violence", "Attack",
                                   "Abduction/forced disappearance"],
    "Strategic developments": ["Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"],
}


def test_event_types() -> None:
    assert [e.name for e in acled.event_types()] == [
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
        "Riots", "Strategic developments",
    ]


@pytest.mark.parametrize("event_type", sorted(PUBLISHED))
def test_every_event_type_has_its_published_sub_types(event_type: str) -> None:
    assert [s.name for s in acled.sub_event_types(event_type)] == PUBLISHED[event_type]
    assert [s.name for s in acled.sub_event_types(event_type.upper())] == PUBLISHED[event_type]


def test_twenty_five_sub_event_types() -> None:
    subs = list(acled.sub_event_types())
    assert len(subs) == 25 == sum(len(v) for v in PUBLISHED.values())
    assert {s.disorder_type for s in subs} == set(acled.DISORDER_TYPES)


def test_disorder_types() -> None:
    dt = {s.name: s.disorder_type for s in acled.sub_event_types()}
    assert dt["Armed clash"] == "Political violence"
    assert dt["Peaceful protest"] == "Demonstrations"
    assert dt["Protest with intervention"] == "Demonstrations"
    assert dt["Excessive force against protesters"] == "Political violence; Demonstrations"
    # ACLED's acledR `acled_event_categories`: violent demonstrations are demonstrations,
    # not political violence; only excessive force against protesters is both.
    assert dt["Violent demonstration"] == "Demonstrations"
    assert dt["Mob violence"] == "Political violence"
    assert dt["Agreement"] == "Strategic developments"
    for name in PUBLISHED["Explosions/Remote violence"] + PUBLISHED["Violence against civilians"]:
        assert dt[name] == "Political violence"


def test_sub_event_type_lookup() -> None:
    sub = acled.sub_event_type("  armed   CLASH ")
    assert sub == acled.AcledSubEventType("Armed clash", "Battles", "Political violence")
    assert acled.sub_event_type("air/drone strike").name == "Air/drone strike"
    assert acled.event_type("battles").name == "Battles"
    for bad in ("", "Armed clashes", "Battle"):
        with pytest.raises(UnknownCodeError):
            acled.sub_event_type(bad)
    with pytest.raises(UnknownCodeError):
        list(acled.sub_event_types("Nope"))


ACTOR_TYPES = {
    1: ("State forces", "State forces"), 2: ("Rebel groups", "Rebel group"),
    3: ("Political militias", "Political militia"), 4: ("Identity militias", "Identity militia"),
    5: ("Rioters", "Rioters"), 6: ("Protesters", "Protesters"), 7: ("Civilians", "Civilians"),
    8: ("External/Other forces", "External/Other forces"),
}


@pytest.mark.parametrize("code", sorted(ACTOR_TYPES))
def test_actor_types(code: int) -> None:
    name, label = ACTOR_TYPES[code]
    expected = acled.AcledActorType(code, name, label)
    for form in (code, str(code), f" {code} ", name, label, label.upper(), f"  {name.lower()}"):
        assert acled.actor_type(form) == expected


@pytest.mark.parametrize("bad", [0, 9, "9", "", "State", True, None, 1.0])
def test_actor_type_rejects(bad: object) -> None:
    with pytest.raises(UnknownCodeError):
        acled.actor_type(bad)  # type: ignore[arg-type]


def test_interaction_code_examples() -> None:
    assert acled.interaction_code(1, 2) == 12
    assert acled.interaction_code(2, 1) == 12
    assert acled.interaction_code(1) == 10
    assert acled.interaction_code(1, 0) == 10
    assert acled.interaction_code("7", "") == 70
    assert acled.interaction_code("External/Other forces", "Civilians") == 78
    assert acled.interaction_code("State forces", "Rebel group") == 12


@given(st.integers(1, 8), st.none() | st.integers(0, 8))
def test_interaction_code_is_in_the_table(a: int, b: int | None) -> None:
    code = acled.interaction_code(a, b)
    row = acled.interaction(code)
    assert row.code == code
    if not b:
        assert (row.first, row.second) == (a, None)
        assert row.label.endswith(" only")
    else:
        assert (row.first, row.second) == (min(a, b), max(a, b))
        assert acled.interaction_code(b, a) == code
    assert acled.interaction(row.label.upper()) == row
    assert acled.interaction(str(code)) == row


def test_interactions_table() -> None:
    rows = list(acled.interactions())
    assert len(rows) == 44
    assert acled.interaction("State forces-Rebel group").code == 12
    assert acled.interaction("state forces only").code == 10
    with pytest.raises(UnknownCodeError):
        acled.interaction(21)  # smaller digit first: 12, never 21
    with pytest.raises(UnknownCodeError):
        acled.interaction("Rebels-State")


def test_precision_codes() -> None:
    assert [p.code for p in acled.time_precisions()] == [1, 2, 3]
    assert [p.code for p in acled.geo_precisions()] == [1, 2, 3]
    assert "day" in acled.time_precision(1).meaning
    assert "week" in acled.time_precision("2").meaning
    assert "month" in acled.time_precision(3).meaning
    assert acled.geo_precision(1).kind == "geo"
    for bad in (0, 4, "x", None):
        with pytest.raises(UnknownCodeError):
            acled.time_precision(bad)  # type: ignore[arg-type]
        with pytest.raises(UnknownCodeError):
            acled.geo_precision(bad)  # type: ignore[arg-type]
