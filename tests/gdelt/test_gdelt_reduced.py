"""GDELT 1.0 reduced event files (issue 14): 17 columns, a header, ragged rows; read,
detected and written back byte for byte."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictevents as ce
from _support import FIXTURES
from conflictevents.codes import cameo
from conflictevents.formats import gdelt_reduced
from conflictevents.strategies import gdelt as gdelt_strategies

SAMPLE = FIXTURES / "gdelt" / "reduced.sample.txt"
HEADER = "\t".join(gdelt_reduced.COLUMNS) + "\n"


def _events(text: str) -> tuple[list[ce.Event], ce.RecordStream]:
    stream = ce.read(io.StringIO(text), "gdelt-reduced")
    return [e for e in stream if isinstance(e, ce.Event)], stream


def test_fixture_is_detected_read_and_written_back_byte_for_byte() -> None:
    stream = ce.read(SAMPLE)
    events = list(stream)
    assert stream.format == "gdelt-reduced"
    assert len(events) == 6
    out = io.StringIO()
    report = ce.write(events, out, "gdelt-reduced")
    assert report.lossless, report
    assert out.getvalue() == SAMPLE.read_text("utf-8")
    assert {(w.code, w.column) for w in stream.report.warnings} == {
        ("unknown-code", "CAMEOCode"), ("unknown-code", "Source")}


def test_rows_map_onto_the_model() -> None:
    events, _ = _events(SAMPLE.read_text("utf-8"))
    first, ragged, ethnic = events[:3]
    assert first.id == "19790101-SYR-ISR-190"
    assert first.date.start == dt.date(1979, 1, 1)
    assert first.classification("cameo") == ce.Classification("cameo", "190")
    assert first.actor1 == ce.Actor("SYR", country="SYR", cameo_code="SYR")
    assert first.location == ce.Location("35, 38", latitude=35.0, longitude=38.0,
                                         precision=ce.GeoPrecision.COUNTRY)
    assert ragged.location is None
    assert len(ragged.extras["gdelt-reduced"]) == 11
    assert ethnic.actor1 == ce.Actor("kurREB", cameo_code="kurREB")


def test_ragged_rows_keep_their_length() -> None:
    for cells in (8, 11, 17):
        row = "\t".join(["19790101", "AFR", "FRA", "043", "1", "4", "1", "2.8"]
                        + [""] * (cells - 8))
        text = HEADER + row + "\n"
        events, _ = _events(text)
        out = io.StringIO()
        ce.write(events, out, "gdelt-reduced")
        assert out.getvalue() == text


def test_an_event_of_another_format_is_written_with_every_column() -> None:
    event = ce.Event(id="E1", date=dt.date(2024, 12, 5),
                     classifications=[ce.Classification("cameo", "193")],
                     actor1=ce.Actor("Rebels", cameo_code="SYRREB", country="SYR"),
                     location=ce.Location("Hama", country="SYR", latitude=35.1318,
                                          longitude=36.7578, precision="exact"),
                     notes="clashes")
    out = io.StringIO()
    report = ce.write([event], out, "gdelt-reduced")
    row = out.getvalue().splitlines()[1].split("\t")
    assert row == ["20241205", "SYRREB", "", "193", "1", "", "4", "-10.0", "", "", "", "",
                   "", "", "4", "35.1318", "36.7578"]
    assert report.derived == {"extras.gdelt-reduced.NumEvents": 1}
    assert report.dropped == {"id": 1, "actor1.name": 1, "location.name": 1,
                              "location.country": 1, "notes": 1}


def test_unknown_own_extras_and_other_formats_extras_are_reported() -> None:
    event = ce.Event(id="19790101-AFR-FRA-043", date=dt.date(1979, 1, 1),
                     classifications=[ce.Classification("cameo", "043")],
                     actor1=ce.Actor("AFR", cameo_code="AFR"),
                     actor2=ce.Actor("FRA", cameo_code="FRA", country="FRA"),
                     extras={"gdelt-reduced": {"Foo": "x"}, "acled": {"notes": "y"}})
    report = ce.write([event], io.StringIO(), "gdelt-reduced")
    assert report.dropped == {"extras.gdelt-reduced.Foo": 1, "extras.acled": 1}


def test_crlf_is_kept() -> None:
    text = SAMPLE.read_text("utf-8").replace("\n", "\r\n")
    events = list(ce.read(io.BytesIO(text.encode()), "gdelt-reduced"))
    out = io.BytesIO()
    ce.write(events, out, "gdelt-reduced")
    assert out.getvalue() == text.encode()


@pytest.mark.parametrize(("row", "column", "reason"), [
    ("19791301\tAFR\tFRA\t043", "Date", "not a real date"),
    ("1979-01-01\tAFR\tFRA\t043", "Date", "YYYYMMDD"),
    ("19790101\tAFR\tFRA\t999", "CAMEOCode", "not a CAMEO event code"),
    ("19790101\tAFR\tFRA\t043\tmany", "NumEvents", "whole number"),
    ("19790101\tAFR\tFRA\t043\t1\t4\t1\t2.8\t1\t95\t2", "SourceGeoLat", "between"),
    ("19790101\tAFR\tFRA\t043\t1\t4\t1\t2.8\t1\t45", "SourceGeoLong", "go together"),
    ("19790101\tAFR\tFRA\t043\t1\t4\t1\t2.8\t9", "SourceGeoType", "0 to 5"),
    ("19790101\tAFR\tFRA", None, "at least"),
    ("19790101" + "\tx" * 17, None, "at most 17"),
])
def test_bad_rows_are_located(row: str, column: str | None, reason: str) -> None:
    text = HEADER + "19790101\tAFR\tFRA\t043\n" + row + "\n"
    with pytest.raises(ce.ParseError, match=reason) as caught:
        list(ce.read(io.StringIO(text), "gdelt-reduced"))
    assert (caught.value.line, caught.value.column) == (3, column)
    collecting = ce.read(io.StringIO(text), "gdelt-reduced", on_error="collect")
    assert len(list(collecting)) == 1
    assert len(collecting.report.errors) == 1


def test_a_wrong_header_is_named() -> None:
    text = HEADER.replace("NumArts", "NumArticles") + "19790101\tAFR\tFRA\t043\n"
    with pytest.raises(ce.ParseError, match="NumArts"):
        list(ce.read(io.StringIO(text), "gdelt-reduced"))
    with pytest.raises(ce.FormatError, match="gdelt-reduced"):
        ce.read(io.StringIO(text))


def test_module_functions(tmp_path: object) -> None:
    events = list(gdelt_reduced.read(SAMPLE, on_warning="report", encoding="utf-8"))
    out = io.StringIO()
    gdelt_reduced.write(events, out)
    assert out.getvalue() == SAMPLE.read_text("utf-8")
    with pytest.raises(ce.ParseError):
        list(gdelt_reduced.read(SAMPLE, on_warning="error"))


_DAY = st.dates(dt.date(1979, 1, 1), dt.date(2012, 12, 31)).map(lambda d: d.strftime("%Y%m%d"))
_COUNT = st.sampled_from(["", "1", "12"])


@st.composite
def _geo(draw: st.DrawFn) -> list[str]:
    if draw(st.booleans()):
        return ["", "", ""]
    kind = draw(st.sampled_from(["", "1", "2", "3", "4", "5"]))
    return [kind, draw(st.sampled_from(["0", "46", "-27.5", "38.4199"])),
            draw(st.sampled_from(["2", "-117.122", "133", "0"]))]


@st.composite
def _rows(draw: st.DrawFn) -> list[str]:
    code = draw(gdelt_strategies.event_codes())
    cells = [draw(_DAY), draw(gdelt_strategies.actor_codes() | st.just("")),
             draw(gdelt_strategies.actor_codes() | st.just("")), code, draw(_COUNT),
             draw(_COUNT), draw(st.sampled_from(["", str(cameo.quad_class(code))])),
             draw(st.sampled_from(["", "-10", "2.8", "4"]))]
    for _ in range(3):
        cells += draw(_geo())
    cut = draw(st.integers(4, 17))
    if not any(cells[cut:]):
        cells = cells[:cut]
    return cells


@given(_rows())
def test_any_row_reads_and_writes_back(cells: list[str]) -> None:
    text = HEADER + "\t".join(cells) + "\n"
    events, _ = _events(text)
    out = io.StringIO()
    report = ce.write(events, out, "gdelt-reduced")
    assert out.getvalue() == text
    assert report.lossless, report
