"""UCDP GED: reading, writing, round trips, and bad input under every error policy."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import conflictevents.formats as formats
from _support import FIXTURES
from conflictevents import places, strategies
from conflictevents.errors import ParseError
from conflictevents.formats import ucdp
from conflictevents.model import (
    Actor,
    Claim,
    Classification,
    DatePrecision,
    Event,
    EventDate,
    GeoPrecision,
    Location,
    Source,
)
from conflictevents.strategies import ucdp as ucdp_strategies

SAMPLE = FIXTURES / "ucdp" / "ged_sample.csv"


def _csv(rows: list[dict[str, str]], columns: tuple[str, ...] = ucdp.COLUMNS) -> str:
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    out.writerow(columns)
    for row in rows:
        out.writerow([row.get(c, "") for c in columns])
    return buffer.getvalue()


def _write(records: list[Event], **options: object) -> tuple[str, formats.ConversionReport]:
    buffer = io.StringIO()
    report = ucdp.write(records, buffer, **options)  # type: ignore[arg-type]
    return buffer.getvalue(), report


# -- the fixture -----------------------------------------------------------------------------


def test_fixture_maps_onto_the_core_types() -> None:
    events = list(ucdp.read(SAMPLE))
    assert [e.id for e in events] == ["530101", "530102", "244657", "132140", "401200", "88001"]
    hama = events[0]
    assert hama.date == EventDate(dt.date(2024, 12, 5))
    assert hama.classifications == (Classification("ucdp", "1"),)
    # gwnoa 652: Syria, once the code book has the Gleditsch-Ward table
    gw_country = "SYR" if hasattr(places, "country_from_gwno") else None
    assert hama.actor1 == Actor("Government of Syria", country=gw_country)
    assert hama.actor2 == Actor("HTS")
    assert hama.location == Location(
        "Hama town", country="SYR", admin1="Hama governorate", admin2="Hama district",
        latitude=35.1318, longitude=36.7578, precision=GeoPrecision.EXACT)
    assert (hama.fatalities.best, hama.fatalities.low, hama.fatalities.high) == (24, 20, 31)
    assert hama.extra("ucdp-ged", "relid") == "SYR-2024-1-299-1042"
    assert hama.extra("ucdp-ged", "deaths_civilians") == "0"
    assert hama.extra("ucdp-ged", "gwnob") is None  # empty cells are not kept
    # the date's time part is kept as written
    assert hama.extra("ucdp-ged", "date_start") == "2024-12-05 00:00:00.000"
    assert events[1].date == EventDate(dt.date(2024, 12, 2), dt.date(2024, 12, 8),
                                       DatePrecision.WEEK)
    assert events[1].classifications == (Classification("ucdp", "3"),)
    assert events[4].date == EventDate.year_of(1999)
    assert events[4].location is not None
    assert events[4].location.country == "RUS"
    assert events[4].extra("ucdp-ged", "country") == "Russia (Soviet Union)"
    assert events[4].location.precision is GeoPrecision.COUNTRY
    assert events[5].date == EventDate.month_of(1994, 5)
    assert events[5].location is not None
    assert events[5].location.country == "YEM"
    assert events[5].location.precision is GeoPrecision.INTERNATIONAL


def test_fixture_round_trips_byte_for_byte() -> None:
    text, report = _write(list(ucdp.read(SAMPLE)))
    assert text == SAMPLE.read_text("utf-8")
    assert report.lossless
    assert report.written == 6


def test_derive_adds_marked_acled_types() -> None:
    events = list(ucdp.read(SAMPLE, derive=True))
    assert events[0].classification("acled") == Classification(
        "acled", "Armed clash", parent="Battles", derived=True, via="ucdp->acled")
    assert events[1].classification("acled") == Classification(
        "acled", "Attack", parent="Violence against civilians", derived=True,
        via="ucdp->acled")
    assert events[0].classification("acled", derived=False) is None
    # the derived classification is not written (UCDP has no column for it) nor counted
    text, report = _write(events)
    assert text == SAMPLE.read_text("utf-8")
    assert report.lossless


def test_detected_from_the_header() -> None:
    stream = formats.read(SAMPLE)
    assert stream.format == "ucdp-ged"
    assert len(list(stream)) == 6


def test_date_prec_one_with_two_days_is_a_span_and_written_back() -> None:
    text = _csv([{"id": "1", "date_start": "2020-01-01", "date_end": "2020-01-03",
                  "date_prec": "1", "year": "2020"}])
    [event] = list(ucdp.read(io.StringIO(text)))
    assert event.date.precision is DatePrecision.SPAN
    assert _write([event])[0] == text


def test_older_layouts_are_read_by_name_and_written_back() -> None:
    columns = ("id", "year", "type_of_violence", "side_a", "side_b", "gwnoa", "latitude",
               "longitude", "country", "date_prec", "date_start", "date_end", "low", "best",
               "high")
    text = _csv([{"id": "7", "year": "2010", "type_of_violence": "2", "side_a": "A",
                  "side_b": "B", "gwnoa": "", "latitude": "1.5", "longitude": "2.5",
                  "country": "Syria", "date_prec": "1", "date_start": "2010-03-04",
                  "date_end": "2010-03-04", "low": "1", "best": "2", "high": "3"}], columns)
    [event] = list(ucdp.read(io.StringIO(text)))
    assert event.extra("ucdp-ged", ucdp.LAYOUT_KEY) == ",".join(columns)
    assert _write([event])[0] == text


def test_missing_values_written_as_na_survive() -> None:
    text = _csv([{"id": "9", "year": "2001", "date_start": "2001-02-03",
                  "date_end": "2001-02-03", "date_prec": "1", "latitude": "NA",
                  "longitude": "NA", "best": "NA", "low": "NA", "high": "NA",
                  "where_prec": "NA", "country": "Syria", "where_coordinates": "Aleppo"}])
    [event] = list(ucdp.read(io.StringIO(text)))
    assert event.fatalities is None
    assert event.location is not None
    assert event.location.coordinates is None
    assert _write([event])[0] == text


# -- writing other records -------------------------------------------------------------------


def test_writer_counts_what_it_cannot_carry() -> None:
    event = Event(
        id="X1", date=dt.date(2024, 12, 5),
        classifications=[Classification("cameo", "190"), Classification("ucdp", "1")],
        actor1=Actor("Syrian army", kind=1, country="SYR"),
        associates1=[Actor("Militia")],
        location=Location("Hama", country="SYR", admin3="Hama city"),
        notes="Clashes.", tags=["a"], sources=[Source("SOHR")],
        extras={"acled": {"timestamp": "1"}},
    )
    claim = Claim(id="C1", statement="We hold Hama.", claimant=Actor("HTS"))
    text, report = _write([event, claim])
    assert report.written == 1
    assert report.left_out == {formats.Reason.CLAIM: 1}
    assert report.dropped == {
        "classifications.cameo": 1, "actor1.kind": 1, "actor1.country": 1, "associates1": 1,
        "location.admin3": 1, "notes": 1, "tags": 1, "sources": 1, "extras.acled": 1}
    [back] = list(ucdp.read(io.StringIO(text)))
    assert back.classifications == (Classification("ucdp", "1"),)
    assert back.location == Location("Hama", country="SYR")


def test_writer_marks_a_derived_type_of_violence() -> None:
    event = Event(id="1", date=dt.date(2020, 1, 1), classifications=[
        Classification("ucdp", "3", derived=True, via="acled->ucdp")])
    text, report = _write([event])
    assert report.derived == {"classifications.ucdp": 1}
    assert next(iter(ucdp.read(io.StringIO(text)))).classifications == (
        Classification("ucdp", "3"),)


def test_empty_input_writes_the_header() -> None:
    assert _write([])[0] == ",".join(ucdp.COLUMNS) + "\n"


def test_stale_raw_text_is_not_written() -> None:
    import attrs

    [event] = list(ucdp.read(io.StringIO(_csv([{
        "id": "1", "date_start": "2020-01-01 00:00:00.000",
        "date_end": "2020-01-01 00:00:00.000", "date_prec": "1", "year": "2020",
        "country": "Russia (Soviet Union)", "where_coordinates": "X"}]))))
    assert event.location is not None
    moved = attrs.evolve(event, date=EventDate(dt.date(2021, 6, 1)),
                         location=attrs.evolve(event.location, country="UKR"))
    [back] = list(ucdp.read(io.StringIO(_write([moved])[0])))
    assert back.date == moved.date
    assert back.location is not None
    assert back.location.country == "UKR"
    assert back.extra("ucdp-ged", "year") is None


# -- properties ------------------------------------------------------------------------------


@given(ucdp_strategies.events())
def test_every_representable_event_round_trips(event: Event) -> None:
    text, report = _write([event])
    assert report.lossless, report
    assert list(ucdp.read(io.StringIO(text))) == [event]


@given(ucdp_strategies.events(derive=True))
def test_every_representable_event_round_trips_with_derive(event: Event) -> None:
    text, _ = _write([event])
    assert list(ucdp.read(io.StringIO(text), derive=True)) == [event]


@given(st.lists(ucdp_strategies.rows(), min_size=1, max_size=4))
def test_every_valid_row_is_read_and_written_back_identically(rows: list[dict[str, str]]) -> None:
    text = _csv(rows)
    events = list(ucdp.read(io.StringIO(text)))
    assert len(events) == len(rows)
    assert _write(events)[0] == text


@given(strategies.events())
def test_any_event_writes_and_reads_back_without_error(event: Event) -> None:
    text, report = _write([event])
    assert report.written == 1
    [back] = list(ucdp.read(io.StringIO(text)))
    assert back.id == event.id
    assert back.date == event.date


# -- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(ucdp_strategies.BREAKS))
@pytest.mark.parametrize("policy", ["raise", "skip", "collect"])
@settings(max_examples=8)
@given(data=st.data())
def test_a_broken_row_is_a_located_error(kind: str, policy: str, data: st.DataObject) -> None:
    good = data.draw(ucdp_strategies.rows())
    broken, _, column = data.draw(ucdp_strategies.broken_rows(kind))
    text = _csv([good, broken, good])
    stream = ucdp.read(io.StringIO(text), on_error=policy)  # type: ignore[arg-type]
    if policy == "raise":
        with pytest.raises(ParseError) as caught:
            list(stream)
        error = caught.value
    else:
        assert len(list(stream)) == 2
        assert stream.report.skipped == 1
        if policy == "skip":
            assert stream.report.errors == []
            return
        [error] = stream.report.errors
    assert error.line == 3
    assert error.column == column


@pytest.mark.parametrize("policy", ["raise", "skip", "collect"])
@pytest.mark.parametrize(("text", "line", "column"), [
    ("id,relid\n1,a\n", 1, "date_start"),
    ("id,date_start,id\n1,2020-01-01,2\n", 1, "id"),
    (",".join(ucdp.COLUMNS) + "\n1,2,3\n", 2, None),
    (",".join(ucdp.COLUMNS) + "\n\"unclosed" + ",x" * 48 + "\n", 2, None),
    (",".join(ucdp.COLUMNS) + "\n1" + ",\x00" * 48 + "\n", 2, 2),
])
def test_bad_files_give_located_errors(policy: str, text: str, line: int,
                                       column: object) -> None:
    if policy == "raise":
        with pytest.raises(ParseError) as caught:
            list(ucdp.read(io.StringIO(text), on_error=policy))  # type: ignore[arg-type]
        assert caught.value.line == line
        assert caught.value.column == column
    else:
        stream = ucdp.read(io.StringIO(text), on_error=policy)  # type: ignore[arg-type]
        assert list(stream) == []
        assert stream.report.skipped >= 1
        if policy == "collect":
            assert stream.report.errors[0].line == line


@given(st.binary(max_size=300))
def test_arbitrary_bytes_raise_only_parse_errors(data: bytes) -> None:
    header = (",".join(ucdp.COLUMNS) + "\n").encode()
    for policy in ("raise", "skip", "collect"):
        with contextlib.suppress(ParseError):
            list(ucdp.read(io.BytesIO(header + data), on_error=policy))  # type: ignore[arg-type]


# -- real files ------------------------------------------------------------------------------


@given(ucdp_strategies.rows(), st.integers(1, 50), st.sampled_from(["low", "high"]))
def test_a_range_the_publisher_contradicts_is_read_as_written_with_a_warning(
    row: dict[str, str], gap: int, side: str
) -> None:
    best = int(row["best"])
    if side == "high" and best < gap:
        best = gap
        row["best"] = str(best)
    row[side] = str(best + gap if side == "low" else best - gap)
    text = io.StringIO(newline="")
    csv.writer(text, lineterminator="\n").writerows([list(row), list(row.values())])
    stream = formats.read(io.StringIO(text.getvalue(), newline=""), "ucdp-ged")
    (event,) = stream
    assert event.fatalities is not None
    assert getattr(event.fatalities, side) == int(row[side])
    assert not event.fatalities.consistent
    (warning,) = stream.report.warnings
    assert (warning.code, warning.line) == ("inconsistent-range", 2)
    out = io.StringIO(newline="")
    formats.write([event], out, "ucdp-ged")
    assert out.getvalue() == text.getvalue()
