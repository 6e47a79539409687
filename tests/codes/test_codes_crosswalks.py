"""Crosswalks between the code books."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conflictevents.codes import acled, cameo, crosswalks, plover
from conflictevents.errors import UnknownCodeError

ALL_CAMEO = [e.code for e in cameo.events()]
ALL_SUBS = [s.name for s in acled.sub_event_types()]

# The only CAMEO codes whose ACLED equivalent maps back under another CAMEO root:
# mass killings and ethnic cleansing are ACLED Violence against civilians/Attack (CAMEO 180).
ROOT_CHANGES = {"202": "18", "203": "18"}


def test_every_table_row_targets_exist() -> None:
    for row in crosswalks.table("acled_to_cameo"):
        acled.sub_event_type(row.source)
        for code in row.targets:
            assert cameo.event(code).code == code
        assert row.note
    for row in crosswalks.table("cameo_to_acled"):
        cameo.event(row.source)
        if row.targets:
            event_type, sub = row.targets
            assert acled.sub_event_type(sub).event_type == event_type
        assert row.note
    for row in crosswalks.table("cameo_to_plover"):
        cameo.event(row.source)
        if row.targets:
            assert plover.event_type(row.targets[0]).name == row.targets[0]
            if len(row.targets) == 2:
                assert plover.mode(row.targets[0], row.targets[1]).name == row.targets[1]
        assert row.note
    rows = crosswalks.table("acled_actor_type_to_cameo_role")
    assert [int(r.source) for r in rows] == list(range(1, 9))
    for row in rows:
        assert row.targets
        for role in row.targets:
            assert cameo.actor_role(role).code == role


def test_every_acled_sub_event_type_has_a_row() -> None:
    assert [r.source for r in crosswalks.table("acled_to_cameo")] == ALL_SUBS


def test_every_cameo_root_has_rows() -> None:
    roots = {e.code for e in cameo.events(level=1)}
    assert roots <= {r.source for r in crosswalks.table("cameo_to_acled")}
    assert roots <= {r.source for r in crosswalks.table("cameo_to_plover")}


@pytest.mark.parametrize("code", ALL_CAMEO)
def test_cameo_to_acled_to_cameo_stays_in_root(code: str) -> None:
    there = crosswalks.cameo_to_acled(code)
    if there is None:
        return
    back = crosswalks.acled_to_cameo(there.targets[1])
    assert back is not None
    assert cameo.root_of(back.target) == ROOT_CHANGES.get(code, code[:2])


@pytest.mark.parametrize("name", ALL_SUBS)
def test_acled_to_cameo_to_acled_stays_in_event_type(name: str) -> None:
    there = crosswalks.acled_to_cameo(name)
    if there is None:
        return
    back = crosswalks.cameo_to_acled(there.target)
    assert back is not None
    assert back.targets[0] == acled.sub_event_type(name).event_type


def test_verbal_codes_are_explicitly_unmapped() -> None:
    for ev in cameo.events():
        if int(ev.root) <= 13 and ev.code not in ("057", "0874"):
            assert crosswalks.cameo_to_acled(ev.code) is None, ev.code
    with pytest.raises(UnknownCodeError):
        crosswalks.cameo_to_acled("999")
    with pytest.raises(UnknownCodeError):
        crosswalks.acled_to_cameo("Skirmish")
    assert crosswalks.acled_to_cameo("Other") is None
    assert crosswalks.acled_to_cameo("Headquarters or base established") is None


def test_examples() -> None:
    res = crosswalks.cameo_to_acled("1451")
    assert res is not None
    assert (res.source, res.targets, res.matched) == (
        "1451", ("Riots", "Violent demonstration"), "145",
    )
    assert crosswalks.cameo_to_acled("193").targets == ("Battles", "Armed clash")  # type: ignore[union-attr]
    assert crosswalks.acled_to_cameo("air/drone strike").target == "195"  # type: ignore[union-attr]
    assert crosswalks.acled_to_cameo("Peaceful protest").target == "141"  # type: ignore[union-attr]
    assert crosswalks.cameo_to_plover("193").targets == ("ASSAULT", "firearms")  # type: ignore[union-attr]
    assert crosswalks.cameo_to_plover("0841").targets == ("RETREAT", "release")  # type: ignore[union-attr]
    assert crosswalks.cameo_to_plover("043").targets == ("CONSULT", "visit")  # type: ignore[union-attr]
    assert crosswalks.cameo_to_plover("010") is None
    assert crosswalks.cameo_to_plover("0256") is None
    assert crosswalks.acled_actor_type_to_cameo_role(1).targets[0] == "MIL"
    assert crosswalks.acled_actor_type_to_cameo_role("Rebel group").target == "REB"
    assert crosswalks.acled_actor_type_to_cameo_role("7").targets == ("CVL",)
    with pytest.raises(UnknownCodeError):
        crosswalks.acled_actor_type_to_cameo_role(9)


@pytest.mark.parametrize("code", ALL_CAMEO)
def test_every_cameo_code_above_02_maps_to_one_plover_type(code: str) -> None:
    res = crosswalks.cameo_to_plover(code)
    if code[:2] in ("01", "02"):
        assert res is None
        return
    assert res is not None
    assert plover.is_event_type(res.target)
    # the PLOVER quad agrees with CAMEO's except where PLOVER moved the code
    assert res.source == code


@given(st.sampled_from(ALL_CAMEO), st.sampled_from(["", " ", "\t"]), st.sampled_from(["", " "]))
def test_lookups_tolerate_whitespace(code: str, before: str, after: str) -> None:
    assert crosswalks.cameo_to_acled(before + code + after) == crosswalks.cameo_to_acled(code)
    plo = crosswalks.cameo_to_plover(before + code + after)
    assert plo == crosswalks.cameo_to_plover(code)
    if plo is not None:
        assert plo.source == code


@given(st.sampled_from(ALL_SUBS), st.sampled_from([str.lower, str.upper, str.title, str]),
       st.sampled_from(["", "  "]))
def test_acled_lookups_tolerate_case(name: str, transform: object, pad: str) -> None:
    assert callable(transform)
    res = crosswalks.acled_to_cameo(pad + transform(name) + pad)
    assert res == crosswalks.acled_to_cameo(name)
    if res is not None:
        assert res.source == name


def test_unknown_table_name() -> None:
    with pytest.raises(KeyError):
        crosswalks.table("nope")  # type: ignore[arg-type]
