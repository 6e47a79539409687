"""Deduplication properties: idempotent, order-independent, never loses a source."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

import conflictevents as ce
from conflictevents import strategies
from conflictevents.dedupe import dedupe, find_duplicates

_CLASSIFICATIONS = [
    ce.Classification("acled", "Armed clash", parent="Battles"),
    ce.Classification("cameo", "193"),
    ce.Classification("cameo", "190"),
    ce.Classification("acled", "Air/drone strike", parent="Explosions/Remote violence"),
    ce.Classification("cameo", "195"),
    ce.Classification("plover", "ASSAULT"),
]
_ACTORS = [
    ce.Actor("Syrian army", kind=1, country="SYR"),
    ce.Actor("SYRIA", country="SYR", cameo_code="SYRMIL"),
    ce.Actor("Rebels", kind=2, country="SYR"),
    ce.Actor("REBEL", country="SYR", cameo_code="SYRREB"),
    ce.Actor("Russian air force", kind=8, country="RUS"),
]
_FORMATS = ["acled", "gdelt2", "ucdp-ged", "icews"]


@st.composite
def _reports(draw: st.DrawFn) -> list[ce.Event]:
    """A few happenings, each reported a few times by different formats and sources, with
    small differences in date, place, fatalities and wording."""
    out: list[ce.Event] = []
    for h in range(draw(st.integers(1, 3))):
        day = dt.date(2024, 12, 1) + dt.timedelta(days=draw(st.integers(0, 6)))
        lat = draw(st.floats(34.0, 36.0))
        lon = draw(st.floats(36.0, 38.0))
        for r in range(draw(st.integers(1, 4))):
            shift = draw(st.integers(-1, 1))
            date = (ce.EventDate.day(day + dt.timedelta(days=shift)) if draw(st.booleans())
                    else ce.EventDate.span(day - dt.timedelta(1), day + dt.timedelta(1)))
            location = ce.Location(
                draw(st.sampled_from(["Hama", "Hamah", "Aleppo"])), country="SYR",
                latitude=lat + draw(st.floats(-0.05, 0.05)),
                longitude=lon + draw(st.floats(-0.05, 0.05)),
                precision=draw(st.sampled_from(list(ce.GeoPrecision)[:4])),
            )
            fmt = draw(st.sampled_from(_FORMATS))
            out.append(ce.Event(
                id=f"{fmt[:2].upper()}{h}{r}{draw(st.integers(0, 9))}",
                date=date,
                classifications=(draw(st.sampled_from(_CLASSIFICATIONS)),),
                actor1=draw(st.sampled_from(_ACTORS)),
                actor2=draw(st.none() | st.sampled_from(_ACTORS)),
                location=location,
                fatalities=draw(st.none() | strategies.fatalities()),
                sources=tuple(draw(st.lists(st.sampled_from(
                    [ce.Source(n) for n in ("OSDH", "Reuters", "AFP", "SANA")]), max_size=2,
                    unique=True))),
                tags=tuple(draw(st.lists(st.sampled_from(["a", "b", "c"]), max_size=2,
                                         unique=True))),
                extras={fmt: {"row": str(r)}},
            ))
    return out


def _key(events: list[ce.Event]) -> list[str]:
    return [repr(e) for e in events]


@given(_reports())
def test_dedupe_is_idempotent(events: list[ce.Event]) -> None:
    once, _ = dedupe(events)
    twice, merges = dedupe(once)
    assert twice == once
    assert merges == []
    assert find_duplicates(once) == []


@given(_reports(), st.randoms())
def test_dedupe_does_not_depend_on_input_order(events: list[ce.Event], rnd: object) -> None:
    shuffled = list(events)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    first, first_merges = dedupe(events)
    second, second_merges = dedupe(shuffled)
    assert _key(first) == _key(second)
    assert first_merges == second_merges


@given(_reports())
def test_merging_never_loses_a_source_or_a_tag(events: list[ce.Event]) -> None:
    result, merges = dedupe(events)
    kept_sources = {s for e in result for s in e.sources}
    assert {s for e in events for s in e.sources} <= kept_sources
    assert {t for e in events for t in e.tags} <= {t for e in result for t in e.tags}
    assert len(result) + sum(len(m.events) - 1 for m in merges) == len(events)
    for merge in merges:
        assert merge.merged in result or any(
            merge.merged.id in later.events for later in merges)


@settings(max_examples=25)
@given(st.lists(strategies.events(), max_size=6))
def test_generated_events_dedupe_without_error(events: list[ce.Event]) -> None:
    result, _ = dedupe(events)
    assert dedupe(result)[0] == result
    assert {s for e in events for s in e.sources} <= {s for e in result for s in e.sources}
