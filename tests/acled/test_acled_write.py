"""Writing ACLED-style rows from events of any origin, and the report of what did not fit."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from hypothesis import given

import conflictevents as ce
from conflictevents import strategies
from conflictevents.formats import acled
from conflictevents.model import ActorKind, DatePrecision, GeoPrecision

DAY = dt.date(2024, 12, 5)
HAMA = ce.Location("Hama", country="SYR", admin1="Hama", latitude=35.1318, longitude=36.7578,
                   precision=GeoPrecision.EXACT)


def _rows(records: list[object], **options: object) -> tuple[list[dict[str, str]],
                                                          ce.ConversionReport]:
    buffer = io.StringIO()
    report = acled.write(records, buffer, **options)  # type: ignore[arg-type]
    return list(csv.DictReader(io.StringIO(buffer.getvalue()))), report


def test_an_event_from_elsewhere_fills_what_it_has_and_leaves_the_rest_empty() -> None:
    event = ce.Event(
        "gdelt-1", DAY,
        classifications=[ce.Classification("acled", "Armed clash", parent="Battles")],
        actor1=ce.Actor("Hayat Tahrir al Sham", kind=2),
        actor2=ce.Actor("Military Forces of Syria (2000-2024)", kind=1),
        location=HAMA, fatalities=19,
    )
    (row,), report = _rows([event])
    assert list(row) == list(acled.CURRENT_LAYOUT)
    assert row["event_id_cnty"] == "gdelt-1"
    assert row["event_date"] == "2024-12-05"
    assert (row["year"], row["time_precision"]) == ("2024", "1")
    assert row["disorder_type"] == "Political violence"
    assert (row["inter1"], row["inter2"]) == ("Rebel group", "State forces")
    assert row["interaction"] == "State forces-Rebel group"
    assert (row["iso"], row["country"], row["admin1"]) == ("760", "Syria", "Hama")
    assert (row["latitude"], row["longitude"], row["geo_precision"]) == ("35.1318", "36.7578",
                                                                         "1")
    assert row["fatalities"] == "19"
    assert row["region"] == row["timestamp"] == row["notes"] == row["source"] == ""
    assert report.written == 1
    assert report.derived == {"disorder_type": 1}  # from the code book, not coded


def test_the_legacy_layout_writes_numeric_codes() -> None:
    event = ce.Event("x1", DAY, classifications=[
        ce.Classification("acled", "Peaceful protest", parent="Protests")],
        actor1=ce.Actor("Protesters (Syria)", kind=ActorKind.PROTESTERS), location=HAMA)
    (row,), report = _rows([event], layout="legacy")
    assert list(row) == list(acled.LEGACY_LAYOUT)
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("6", "0", "60")
    assert (row["iso3"], row["event_id_no_cnty"]) == ("SYR", "1")
    assert report.lossless


def test_a_custom_column_list() -> None:
    event = ce.Event("x1", DAY, classifications=[
        ce.Classification("acled", "Attack", parent="Violence against civilians")],
        notes="a note")
    (row,), report = _rows([event], columns=["event_id_cnty", "event_date", "event_type",
                                            "sub_event_type"])
    assert row == {"event_id_cnty": "x1", "event_date": "2024-12-05",
                   "event_type": "Violence against civilians", "sub_event_type": "Attack"}
    assert report.dropped["notes"] == 1
    with pytest.raises(ValueError, match="'modern' is not one of 'current'"):
        _rows([event], layout="modern")
    with pytest.raises(ce.ConversionError):
        _rows([event], columns=["notes", "NOTES"])


CAMEO_CLASH = ce.Event("g1", DAY, classifications=[ce.Classification("cameo", "190")])
CAMEO_TALK = ce.Event("g2", DAY, classifications=[ce.Classification("cameo", "010")])
DERIVED = ce.Event("g3", DAY, classifications=[
    ce.Classification("acled", "Air/drone strike", derived=True, via="cameo->acled")])
UNTYPED = ce.Event("g4", DAY)


def test_without_derive_events_without_a_coded_acled_type_are_left_out() -> None:
    rows, report = _rows([CAMEO_CLASH, CAMEO_TALK, DERIVED, UNTYPED], derive=False)
    assert rows == []
    assert report.left_out == {
        "no ACLED event type (pass derive=True to use the crosswalk)": 4}
    assert report.written == 0


def test_with_derive_the_crosswalk_supplies_the_type_and_it_is_counted() -> None:
    rows, report = _rows([CAMEO_CLASH, CAMEO_TALK, DERIVED, UNTYPED], derive=True)
    assert [(r["event_id_cnty"], r["event_type"], r["sub_event_type"]) for r in rows] == [
        ("g1", "Battles", "Armed clash"),
        ("g3", "Explosions/Remote violence", "Air/drone strike"),
    ]
    assert report.derived["event_type"] == 2
    assert report.left_out == {
        "CAMEO code has no ACLED equivalent": 1,
        "no ACLED event type (pass derive=True to use the crosswalk)": 1,
    }
    assert report.dropped["classifications.cameo"] == 1  # the CAMEO code itself has no column


def test_a_wrong_acled_classification_cannot_reach_the_writer() -> None:
    # the model refuses it, so the writer never has to guess
    with pytest.raises(ce.ValidationError):
        ce.Classification("acled", "Skirmish")
    with pytest.raises(ce.ValidationError):
        ce.Classification("acled", "Armed clash", parent="Riots")


def test_what_acled_cannot_carry_is_counted() -> None:
    event = ce.Event(
        "u1", ce.EventDate.span(DAY, DAY + dt.timedelta(days=2)),
        classifications=[ce.Classification("acled", "Armed clash", parent="Battles"),
                         ce.Classification("cameo", "190"),
                         ce.Classification("plover", "ASSAULT", derived=True, via="x")],
        actor1=ce.Actor("HTS", kind=2, country="SYR", aliases=["Hayat Tahrir al-Sham"]),
        associates1=[ce.Actor("NFL", kind=2)],
        location=ce.Location("Hama", country="SYR", precision=GeoPrecision.COUNTRY),
        fatalities=ce.Fatalities(10, low=5, high=20),
        sources=[ce.Source("Reuters", url="https://reuters.com/x", scale="International")],
        extras={"gdelt2": {"AvgTone": "-4.2"}},
    )
    (row,), report = _rows([event])
    assert (row["event_date"], row["time_precision"]) == ("2024-12-05", "2")
    assert row["geo_precision"] == "3"
    assert row["source_scale"] == "International"
    assert report.dropped == {
        "date.end": 1, "fatalities.range": 1, "actor.country": 1, "actor.aliases": 1,
        "associates.kind": 1, "sources.url": 1, "location.precision": 1,
        "classifications.cameo": 1, "classifications.plover (derived)": 1, "extras.gdelt2": 1,
        "sources.scale": 1,
    }


def test_dates_acled_cannot_hold_are_left_out() -> None:
    acled_type = [ce.Classification("acled", "Armed clash", parent="Battles")]
    year = ce.Event("y1", ce.EventDate.year_of(2024), classifications=acled_type)
    month = ce.Event("m1", ce.EventDate.month_of(2024, 12), classifications=acled_type)
    rows, report = _rows([year, month])
    assert [(r["event_id_cnty"], r["event_date"], r["time_precision"]) for r in rows] == [
        ("m1", "2024-12-01", "3")]
    assert report.left_out == {"date less precise than a month (ACLED's time_precision 3)": 1}
    assert report.dropped["date.end"] == 1


def test_claims_and_control_changes_are_left_out_and_counted(hama_records: list[object]) -> None:
    rows, report = _rows(hama_records, derive=True)
    claims = sum(isinstance(r, ce.Claim) for r in hama_records)
    changes = sum(isinstance(r, ce.ControlChange) for r in hama_records)
    assert report.left_out["claims have no place in ACLED"] == claims
    assert report.left_out["control changes have no place in ACLED"] == changes
    assert report.written == len(rows)
    assert report.written + sum(report.left_out.values()) == len(hama_records)


def test_no_events_still_gives_a_header() -> None:
    buffer = io.StringIO()
    report = acled.write([], buffer)
    assert buffer.getvalue() == ",".join(acled.CURRENT_LAYOUT) + "\n"
    assert report.written == 0


@given(strategies.records())
def test_any_record_is_written_or_accounted_for(record: ce.Record) -> None:
    for derive in (False, True):
        buffer = io.StringIO()
        report = acled.write([record], buffer, derive=derive)
        assert report.written + sum(report.left_out.values()) == 1
        back = list(acled.read(io.StringIO(buffer.getvalue())))
        assert len(back) == report.written
        if report.written and isinstance(record, ce.Event):
            (event,) = back
            assert event.id == record.id
            assert event.date.start == record.date.start
            if record.date.precision in (DatePrecision.DAY, DatePrecision.WEEK,
                                         DatePrecision.MONTH) and not report.dropped:
                assert event.date == ce.EventDate(record.date.start, record.date.start,
                                                  record.date.precision)


def test_the_top_level_write_takes_the_options(tmp_path: object) -> None:
    from pathlib import Path

    target = Path(str(tmp_path)) / "out.csv"
    report = ce.write([CAMEO_CLASH], target, format="acled", derive=True, layout="legacy",
                      line_terminator="\r\n")
    assert report.written == 1
    assert target.read_bytes().startswith(b"data_id,iso,")
    assert target.read_bytes().endswith(b"\r\n")
