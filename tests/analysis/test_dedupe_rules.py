"""Deduplication: one happening reported by ACLED-, GDELT- and UCDP-style records."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import conflictevents as ce
from conflictevents.dedupe import compare_events, dedupe, find_duplicates, merge_events

DAY = dt.date(2024, 12, 5)
OSDH = ce.Source("Syrian Observatory for Human Rights")
ARTICLE = ce.Source("news article", url="https://example.org/hama-fighting")

ACLED = ce.Event(
    id="SYR140001", date=ce.EventDate.day(DAY),
    classifications=(ce.Classification("acled", "Armed clash", parent="Battles"),),
    actor1=ce.Actor("Military Operations Command", kind=2, country="SYR"),
    actor2=ce.Actor("Military Forces of Syria (2000-2024)", kind=1, country="SYR"),
    location=ce.Location("Hama", country="SYR", admin1="Hama", latitude=35.1318,
                         longitude=36.7578, precision="exact"),
    fatalities=12, sources=(OSDH,), tags=("street fighting",),
    extras={"acled": {"timestamp": "1733500000"}},
)
GDELT = ce.Event(
    id="1209876543", date=ce.EventDate.day(DAY),
    classifications=(ce.Classification("cameo", "193"),),
    actor1=ce.Actor("SYRIA", country="SYR", cameo_code="SYRMIL"),
    actor2=ce.Actor("REBEL", country="SYR", cameo_code="SYRREB"),
    location=ce.Location("Hama, Hamah, Syria", country="SYR", latitude=35.135,
                         longitude=36.755, precision="exact"),
    sources=(ARTICLE,), extras={"gdelt2": {"AvgTone": "-4.2"}},
)
UCDP = ce.Event(
    id="ged-555001", date=ce.EventDate.span(DAY - dt.timedelta(1), DAY + dt.timedelta(1)),
    classifications=(ce.Classification("ucdp", "1"),),
    actor1=ce.Actor("Government of Syria", kind=1, country="SYR"),
    actor2=ce.Actor("HTS", kind=2, country="SYR"),
    location=ce.Location("Hama governorate", country="SYR", admin1="Hama", latitude=35.2,
                         longitude=36.9, precision="admin1"),
    fatalities=ce.Fatalities(20, low=15, high=40), sources=(ce.Source("Reuters"),),
    extras={"ucdp-ged": {"conflict_new_id": "299"}},
)
# Same day and place, but another happening: an air strike in Idlib by the same actors
IDLIB = attrs.evolve(
    GDELT, id="1209876999",
    location=ce.Location("Idlib", country="SYR", latitude=35.93, longitude=36.63,
                         precision="exact"),
)
# Another ACLED event at Hama the same day: same origin, so never merged with the first
ACLED_2 = attrs.evolve(ACLED, id="SYR140002", fatalities=3)


def test_the_three_reports_are_one_happening() -> None:
    groups = find_duplicates([UCDP, IDLIB, GDELT, ACLED])
    assert [g.ids for g in groups] == [("1209876543", "SYR140001", "ged-555001")]
    comparison = compare_events(ACLED, GDELT)
    assert comparison.matches
    assert comparison.first == "1209876543"
    assert comparison.distance_km is not None
    assert comparison.distance_km < 1
    assert comparison.classification == (
        "related through the crosswalks (cameo '193' ~ acled 'Armed clash')")
    assert "swapped" in (comparison.actors or "")
    assert "kind Rebel groups (SYR) ~ CAMEO SYRREB" in (comparison.actors or "")
    text = comparison.explain()
    assert "different formats (gdelt2 / acled)" in text
    assert "2024-12-05 overlaps 2024-12-05" in text


def test_each_criterion_can_refuse() -> None:
    far = compare_events(ACLED, IDLIB)
    assert far.place is not None
    assert not far.place.same
    assert not far.matches
    assert "NOT same place" in far.explain()
    later = compare_events(ACLED, attrs.evolve(GDELT, date=DAY + dt.timedelta(2)))
    assert later.dates is None
    assert not later.matches
    other_kind = compare_events(ACLED, attrs.evolve(
        GDELT, classifications=(ce.Classification("cameo", "0874"),)))
    assert other_kind.classification is None
    assert not other_kind.matches
    strangers = compare_events(ACLED, attrs.evolve(
        GDELT, actor1=ce.Actor("TURKEY", country="TUR", cameo_code="TURMIL"),
        actor2=ce.Actor("KURD", cameo_code="KUR")))
    assert strangers.actors is None
    assert not strangers.matches
    same_origin = compare_events(ACLED, ACLED_2)
    assert same_origin.origin is None
    assert not same_origin.matches


def test_places_without_coordinates_compare_by_names() -> None:
    def at(location: ce.Location) -> ce.Event:
        return attrs.evolve(GDELT, location=location)

    hama = ce.Location("Hama", country="SYR", admin1="Hama")
    assert compare_events(ACLED, at(hama)).place == compare_events(ACLED, at(hama)).place
    by_name = compare_events(at(hama), attrs.evolve(ACLED, location=ce.Location(
        "hama", country="SYR")))
    assert by_name.matches
    province = ce.Location("Somewhere in Hama", country="SYR", admin1="Hama",
                           precision="admin1")
    assert compare_events(at(hama), attrs.evolve(ACLED, location=province)).matches
    village = ce.Location("Kafr Nabudah", country="SYR", admin1="Hama", precision="exact")
    assert not compare_events(at(hama), attrs.evolve(ACLED, location=village)).matches
    abroad = ce.Location("Hama", country="LBN")
    assert not compare_events(at(hama), attrs.evolve(ACLED, location=abroad)).matches


def test_merge_keeps_everything() -> None:
    events, merges = dedupe([ACLED, UCDP, GDELT, IDLIB])
    assert [e.id for e in events] == ["1209876543", "1209876999"]
    merged = events[0]
    assert set(merged.sources) == {OSDH, ARTICLE, ce.Source("Reuters")}
    assert [c.scheme for c in merged.classifications] == ["cameo", "acled", "ucdp"]
    assert merged.fatalities == ce.Fatalities(12, low=12, high=40)
    assert set(merged.extras) == {"acled", "gdelt2", "ucdp-ged"}
    assert merged.tags == ("street fighting",)
    assert merged.date == ce.EventDate.day(DAY)
    assert merged.location == GDELT.location
    [merge] = merges
    assert merge.events == ("1209876543", "SYR140001", "ged-555001")
    assert merge.merged == merged
    assert ("location", "ged-555001", "Hama governorate") in merge.set_aside
    assert "merged 1209876543, SYR140001, ged-555001 into 1209876543" in merge.explain()


def test_same_origin_is_never_merged_even_through_a_third() -> None:
    events, merges = dedupe([ACLED, ACLED_2, GDELT])
    assert len(events) == 2
    [merge] = merges
    assert merge.events == ("1209876543", "SYR140001")


def test_identical_events_collapse_and_same_format_extras_are_kept() -> None:
    events, merges = dedupe([ACLED, ACLED])
    assert events == [ACLED]
    assert merges[0].comparisons[0].identical
    other = attrs.evolve(GDELT, id="1209876544", sources=(ce.Source("another article"),),
                         extras={"gdelt2": {"AvgTone": "-6.0"}})
    merged, aside = merge_events([other, GDELT])
    assert merged.extras == {"gdelt2": {"AvgTone": "-4.2"},
                             "gdelt2@1209876544": {"AvgTone": "-6.0"}}
    assert aside == ()


def test_merge_needs_events() -> None:
    with pytest.raises(ValueError, match="at least one"):
        merge_events([])
