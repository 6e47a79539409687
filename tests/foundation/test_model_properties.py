"""Properties of the core types: strategies build valid values; invalid values are refused."""

from __future__ import annotations

import datetime as dt
import math
import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictevents as ce
from conflictevents import strategies


@given(strategies.records())
def test_every_generated_record_survives_revalidation(record: ce.Record) -> None:
    # Rebuilding a record from its own fields runs every validator again.
    rebuilt = attrs.evolve(record)
    assert rebuilt == record
    assert hash(rebuilt) == hash(record)


@given(strategies.records())
def test_records_pickle(record: ce.Record) -> None:
    assert pickle.loads(pickle.dumps(record)) == record


@given(strategies.events())
def test_events_are_frozen(event: ce.Event) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        event.id = "other"  # type: ignore[misc]


@given(st.floats().filter(lambda x: math.isnan(x) or not -90 <= x <= 90))
def test_latitude_out_of_range_or_nan_is_refused(latitude: float) -> None:
    with pytest.raises(ce.ValidationError) as caught:
        ce.Location("Hama", latitude=latitude, longitude=36.75)
    assert caught.value.field == "latitude"
    assert caught.value.type_name == "Location"


@given(st.floats().filter(lambda x: math.isnan(x) or not -180 <= x <= 180))
def test_longitude_out_of_range_or_nan_is_refused(longitude: float) -> None:
    with pytest.raises(ce.ValidationError) as caught:
        ce.Location("Hama", latitude=35.0, longitude=longitude)
    assert caught.value.field == "longitude"


@given(st.integers(max_value=-1))
def test_negative_fatalities_are_refused(count: int) -> None:
    with pytest.raises(ce.ValidationError, match="negative"):
        ce.Fatalities(count)


@given(st.integers(min_value=0, max_value=1000), st.integers(min_value=1, max_value=100))
def test_a_range_that_contradicts_best_is_kept_and_flagged(best: int, gap: int) -> None:
    # Publishers' own inconsistencies (UCDP's high below best) are kept as written.
    above = ce.Fatalities(best, low=best + gap)
    assert (above.low, above.consistent) == (best + gap, False)
    if best >= gap:
        below = ce.Fatalities(best, high=best - gap)
        assert (below.high, below.consistent) == (best - gap, False)
    assert ce.Fatalities(best, low=max(best - gap, 0), high=best + gap).consistent


@given(strategies.dates(), st.integers(min_value=1, max_value=400))
def test_end_before_start_is_refused(start: dt.date, days: int) -> None:
    with pytest.raises(ce.ValidationError) as caught:
        ce.EventDate(start, start - dt.timedelta(days=days), ce.DatePrecision.SPAN)
    assert caught.value.field == "end"


@given(st.text(alphabet=" \t\n\u3000", max_size=5))
def test_blank_names_are_refused(name: str) -> None:
    for build in (ce.Actor, ce.Location, ce.Source):
        with pytest.raises(ce.ValidationError, match=r"empty|string"):
            build(name)


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3))
def test_country_codes_are_checked_against_iso(code: str) -> None:
    import pycountry

    known = pycountry.countries.get(alpha_3=code) is not None or code == "XKX"
    if known:
        assert ce.Actor("x", country=code).country == code
    else:
        with pytest.raises(ce.ValidationError, match="country"):
            ce.Actor("x", country=code)


@given(strategies.event_dates())
def test_earliest_and_latest_bound_the_period(date: ce.EventDate) -> None:
    assert date.earliest <= date.start <= date.end <= date.latest
    assert date.contains(date.start)
    assert date.overlaps(date)


@given(strategies.event_dates(), strategies.event_dates())
def test_overlap_is_symmetric(a: ce.EventDate, b: ce.EventDate) -> None:
    assert a.overlaps(b) == b.overlaps(a)


@given(strategies.fatalities(), strategies.fatalities())
def test_fatality_agreement_is_symmetric(a: ce.Fatalities, b: ce.Fatalities) -> None:
    assert a.agrees_with(b) == b.agrees_with(a)
    assert a.agrees_with(a)


@given(strategies.gradings())
def test_grading_text_round_trips(grading: ce.Grading) -> None:
    assert ce.Grading.parse(str(grading)) == grading
