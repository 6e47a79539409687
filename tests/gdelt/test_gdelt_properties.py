"""Property-based round trips for GDELT 1.0 and 2.0."""

from __future__ import annotations

import io

import attrs
from hypothesis import given

import conflictevents as ce
from conflictevents.strategies import gdelt as gdelt_strategies


def _without_extras(event: ce.Record) -> ce.Record:
    return attrs.evolve(event, extras={})


def _write(events: list[ce.Event], fmt: str, **options: object) -> tuple[str, ce.ConversionReport]:
    out = io.StringIO()
    report = ce.write(events, out, fmt, **options)
    return out.getvalue(), report


@given(gdelt_strategies.raw_rows(version=2))
def test_v2_rows_round_trip_byte_for_byte(cells: list[str]) -> None:
    text = "\t".join(cells) + "\n"
    events = list(ce.read(io.StringIO(text), "gdelt2"))
    assert _write(events, "gdelt2")[0] == text


@given(gdelt_strategies.raw_rows(version=1))
def test_v1_daily_rows_round_trip_byte_for_byte(cells: list[str]) -> None:
    text = "\t".join(cells) + "\n"
    events = list(ce.read(io.StringIO(text), "gdelt1"))
    assert _write(events, "gdelt1")[0] == text


@given(gdelt_strategies.raw_rows(version=1, historical=True))
def test_v1_historical_rows_round_trip_byte_for_byte(cells: list[str]) -> None:
    assert len(cells) == 57
    text = "\t".join(cells) + "\n"
    events = list(ce.read(io.StringIO(text)))  # detected from the 57 columns
    assert _write(events, "gdelt1")[0] == text


@given(gdelt_strategies.events(version=2))
def test_v2_events_round_trip(event: ce.Event) -> None:
    text, report = _write([event], "gdelt2", derive=False)
    assert report.lossless, report
    back = list(ce.read(io.StringIO(text), "gdelt2"))
    assert [_without_extras(e) for e in back] == [event]
    assert _write(back, "gdelt2")[0] == text  # and the kept cells reproduce the row


@given(gdelt_strategies.events(version=1))
def test_v1_events_round_trip(event: ce.Event) -> None:
    text, report = _write([event], "gdelt1", derive=False)
    assert report.lossless, report
    back = list(ce.read(io.StringIO(text), "gdelt1"))
    assert [_without_extras(e) for e in back] == [event]


@given(gdelt_strategies.events(version=1, historical=True))
def test_v1_historical_events_round_trip(event: ce.Event) -> None:
    text, report = _write([event], "gdelt1", layout="historical", derive=False)
    assert report.lossless, report
    back = list(ce.read(io.StringIO(text), "gdelt1"))
    assert [_without_extras(e) for e in back] == [event]


@given(gdelt_strategies.raw_rows(version=2))
def test_v2_rows_convert_to_v1_and_back(cells: list[str]) -> None:
    text = "\t".join(cells) + "\n"
    events = list(ce.read(io.StringIO(text), "gdelt2"))
    v1, report = _write(events, "gdelt1")
    dropped_adm2 = {key for key in report.dropped if key.endswith("ADM2Code")}
    assert set(report.dropped) == dropped_adm2
    back = list(ce.read(io.StringIO(v1), "gdelt1"))
    assert [_without_extras(e) for e in back] == [_without_extras(e) for e in events]


@given(ce_events=gdelt_strategies.events(version=2).map(lambda e: [e]))
def test_any_core_event_writes_or_is_counted(ce_events: list[ce.Event]) -> None:
    _text, report = _write(ce_events, "gdelt2")
    assert report.written + sum(report.left_out.values()) == 1
