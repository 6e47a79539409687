"""The spatio-temporal index never loses a pair that the windows allow."""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import given, settings
from hypothesis import strategies as st

import conflictevents as ce
from conflictevents._index import SpaceTimeIndex
from conflictevents._matching import DEFAULT_DISTANCES_KM, compare_places

PRECISIONS = [None, *ce.GeoPrecision]


def _radius(location: ce.Location | None) -> float:
    if location is None or location.coordinates is None:
        return math.inf
    return DEFAULT_DISTANCES_KM[location.precision or ce.GeoPrecision.NEAR]


@st.composite
def _records(draw: st.DrawFn) -> tuple[ce.Location | None, ce.EventDate]:
    day = dt.date(2024, 12, 1) + dt.timedelta(days=draw(st.integers(0, 40)))
    kind = draw(st.sampled_from(["day", "span", "week", "month", "year"]))
    date = {
        "day": ce.EventDate.day(day),
        "span": ce.EventDate.span(day, day + dt.timedelta(days=draw(st.integers(1, 5)))),
        "week": ce.EventDate.week_of(day),
        "month": ce.EventDate.month_of(day.year, day.month),
        "year": ce.EventDate.year_of(day.year),
    }[kind]
    if draw(st.booleans()) and draw(st.booleans()):
        return None, date
    country = draw(st.sampled_from(["SYR", "IRQ", None]))
    if draw(st.integers(0, 5)) == 0:
        return ce.Location("somewhere", country=country,
                           precision=draw(st.sampled_from(PRECISIONS))), date
    lat = draw(st.floats(34.0, 36.0)) if draw(st.booleans()) else draw(st.floats(-80, 80))
    lon = draw(st.floats(35.0, 38.0)) if draw(st.booleans()) else draw(st.floats(-179, 179))
    # divisions named by code, by name, by both or not at all: the index splits its coarse
    # buckets by them and must still find every pair the rule on divisions allows
    admin1 = draw(st.sampled_from([None, "Hama", "Hamah", "Idlib"]))
    code = draw(st.sampled_from([None, "SY-HM", "SY-ID"]))
    return ce.Location("somewhere", country=country, latitude=lat, longitude=lon,
                       admin1=admin1, admin1_code=code,
                       precision=draw(st.sampled_from(PRECISIONS))), date


@settings(max_examples=150, deadline=None)
@given(st.lists(_records(), min_size=1, max_size=30), st.integers(0, 2))
def test_every_pair_within_the_windows_is_a_candidate(
        records: list[tuple[ce.Location | None, ce.EventDate]], pad: int) -> None:
    index = SpaceTimeIndex(pad_days=pad)
    for i, (location, date) in enumerate(records):
        index.add(i, location, date, _radius(location))
    for i, (location, date) in enumerate(records):
        found = index.near(location, date, _radius(location))
        for j, (other, other_date) in enumerate(records):
            gap = max(0, (other_date.earliest - date.latest).days,
                      (date.earliest - other_date.latest).days)
            if gap > pad:
                continue
            if location is not None and other is not None and not compare_places(
                    location, other).same:
                continue
            if location is not None and other is not None and location.country and \
                    other.country and location.country != other.country:
                continue
            assert j in found, (i, j)
