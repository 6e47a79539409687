"""Every row of every code book looks up to itself, in any case and with stray spaces."""

from __future__ import annotations

import pytest

from conflictevents.codes import acled, cameo, crosswalks, plover, ucdp


def _spellings(code: str) -> list[str]:
    return [code, code.lower(), code.upper(), f" {code} ", f"\t{code}"]


def test_cameo_event_rows() -> None:
    for ev in cameo.events():
        for spelling in _spellings(ev.code):
            assert cameo.event(spelling) == ev


@pytest.mark.parametrize(
    ("rows", "lookup"),
    [
        (cameo.actor_countries, cameo.actor_country),
        (cameo.actor_roles, cameo.actor_role),
        (cameo.known_groups, cameo.known_group),
        (cameo.ethnic_codes, cameo.ethnic_code),
        (cameo.religion_codes, cameo.religion_code),
    ],
    ids=["countries", "roles", "known-groups", "ethnic", "religions"],
)
def test_cameo_actor_rows(rows: object, lookup: object) -> None:
    assert callable(rows)
    assert callable(lookup)
    records = list(rows())
    assert len({r.code for r in records}) == len(records)
    for record in records:
        for spelling in _spellings(record.code):
            assert lookup(spelling) == record


def test_acled_rows() -> None:
    for et in acled.event_types():
        for spelling in _spellings(et.name):
            assert acled.event_type(spelling) == et
    for sub in acled.sub_event_types():
        assert sub.disorder_type in acled.DISORDER_TYPES
        for spelling in _spellings(sub.name):
            assert acled.sub_event_type(spelling) == sub
    for at in acled.actor_types():
        assert acled.actor_type(at.code) == acled.actor_type(str(at.code)) == at
        assert acled.actor_type(at.label.upper()) == at
    for inter in acled.interactions():
        assert acled.interaction(inter.code) == acled.interaction(inter.label.lower()) == inter
    for legacy in acled.legacy_event_types():
        for spelling in _spellings(legacy.name):
            assert acled.legacy_event_type(spelling) == legacy


def test_plover_rows() -> None:
    for t in plover.event_types():
        for name in (t.name, *t.aliases):
            for spelling in _spellings(name):
                assert plover.event_type(spelling) == t
        for m in plover.modes(t.name):
            assert m.event_type == t.name
            assert plover.mode(t.name.lower(), m.name.upper()) == m


def test_ucdp_rows_and_crosswalk_targets() -> None:
    for v in ucdp.types_of_violence():
        assert ucdp.type_of_violence(v.code) == v
        row = ucdp.to_acled(v.code)
        if row is not None:
            event_type, sub = row.targets
            assert acled.sub_event_type(sub).event_type == event_type
    for c in ucdp.event_clarities():
        assert ucdp.event_clarity(str(c.code)) == c
    for p in ucdp.where_precisions():
        assert ucdp.where_precision(p.code) == p
    for p in ucdp.date_precisions():
        assert ucdp.date_precision(p.code) == p


def test_every_crosswalk_table_is_listed() -> None:
    for name in ("acled_to_cameo", "cameo_to_acled", "cameo_to_plover",
                 "acled_actor_type_to_cameo_role", "acled_legacy_to_acled",
                 "acled_legacy_to_cameo"):
        rows = crosswalks.table(name)  # type: ignore[arg-type]
        assert rows
        assert all(r.note for r in rows)
