"""ICEWS as published (issue 14) and the hardening findings on its writer (issue 16): codes
outside the code book, stray spaces, sector lists, CRLF files, unknown extras."""

from __future__ import annotations

import datetime as dt
import io

import pytest

import conflictevents as ce
from _support import FIXTURES
from conflictevents.codes import cameo
from conflictevents.formats import icews

SAMPLE = FIXTURES / "icews" / "events.2024.sample.tab"
COLUMN = {name: i for i, name in enumerate(icews.COLUMNS)}


def _lines() -> list[list[str]]:
    return [line.split("\t") for line in SAMPLE.read_text("utf-8").splitlines()]


def _text(rows: list[list[str]]) -> str:
    return "".join("\t".join(row) + "\n" for row in rows)


def _round_trip(text: str) -> tuple[list[ce.Event], ce.RecordStream]:
    stream = ce.read(io.StringIO(text), "icews")
    events = [e for e in stream if isinstance(e, ce.Event)]
    out = io.StringIO()
    report = ce.write(events, out, "icews")
    assert out.getvalue() == text
    assert report.lossless, report
    return events, stream


def test_a_code_outside_the_code_book_is_kept_with_one_warning() -> None:
    rows = _lines()
    for row in rows[1:3]:
        row[COLUMN["CAMEO Code"]] = "1299"
    events, stream = _round_trip(_text(rows))
    coded = events[0].classification("cameo")
    assert coded is not None
    assert (coded.code, coded.unknown, coded.label) == ("1299", True, "unknown")
    assert [(w.code, w.line, w.column, w.value) for w in stream.report.warnings] == [
        ("unknown-code", 2, "CAMEO Code", "1299")]
    with pytest.raises(ce.ParseError, match="unknown-code"):
        list(ce.read(io.StringIO(_text(rows)), "icews", on_warning="error"))


def test_1213_reads_whether_or_not_the_code_book_has_it() -> None:
    # 1213 (Reject judicial cooperation) is in the CAMEO manual; ICEWS daily files use it.
    rows = _lines()
    rows[1][COLUMN["CAMEO Code"]] = "1213"
    events, stream = _round_trip(_text(rows))
    coded = events[0].classification("cameo")
    assert coded is not None
    assert coded.code == "1213"
    assert coded.unknown is not cameo.is_event_code("1213")
    assert stream.report.warned == (0 if cameo.is_event_code("1213") else 1)


def test_stray_spaces_sector_lists_intensity_and_na_are_kept() -> None:
    rows = _lines()
    rows[1][COLUMN["City"]] = " Ahwaz"
    rows[1][COLUMN["Source Sectors"]] = "Rebels,Insurgents,Sunni"
    rows[1][COLUMN["Intensity"]] = "-0.4"
    rows[2][COLUMN["Intensity"]] = "4.5"
    rows[2][COLUMN["District"]] = "NA"
    events, _ = _round_trip(_text(rows))
    assert events[0].location is not None
    assert events[0].location.name == " Ahwaz"
    assert events[0].extras["icews"]["Source Sectors"].split(",") == [
        "Rebels", "Insurgents", "Sunni"]


def test_a_crlf_file_is_written_back_with_crlf() -> None:  # issue 16, K10
    text = SAMPLE.read_text("utf-8").replace("\n", "\r\n")
    events = list(ce.read(io.BytesIO(text.encode()), "icews"))
    out = io.BytesIO()
    ce.write(events, out, "icews")
    assert out.getvalue() == text.encode()


def test_unknown_columns_of_the_own_extras_are_reported() -> None:  # issue 16, D7
    event = ce.Event(id="1", date=dt.date(2024, 12, 5),
                     classifications=[ce.Classification("cameo", "190")],
                     extras={"icews": {"Foo": "bar", "@eol": "\n"}, "gdelt2": {"Foo": "bar"}})
    out = io.StringIO()
    report = ce.write([event], out, "icews")
    assert report.dropped == {"extras.icews.Foo": 1, "extras.gdelt2": 1}


def test_an_empty_write_still_has_its_header() -> None:
    out = io.StringIO()
    ce.write([], out, "icews")
    assert out.getvalue() == "\t".join(icews.COLUMNS) + "\n"


def test_module_read_passes_the_common_options_on() -> None:
    rows = _lines()
    rows[1][COLUMN["CAMEO Code"]] = "1299"
    data = _text(rows).encode("cp1252")
    with pytest.raises(ce.ParseError):
        list(icews.read(io.BytesIO(data), encoding="utf-8", on_warning="error", dayfirst=True))
    assert len(list(icews.read(io.BytesIO(data), encoding="cp1252"))) == len(rows) - 1
