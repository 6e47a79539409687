"""The shared format machinery: opening, compression limits, registry, detection, reports."""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
from pathlib import Path

import pytest

import conflictevents as ce
from conflictevents.formats import _csv, _io, jsonl

LINE = '{"schema":"conflictevents/1","type":"event","id":"e1","date":"2024-12-05"}\n'


def _zip(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_gzip_and_zip_open_transparently(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(LINE.encode()))
    (tmp_path / "a.zip").write_bytes(_zip({"a.jsonl": LINE}))
    (tmp_path / "misnamed.csv").write_bytes(gzip.compress(LINE.encode()))
    for name in ("a.jsonl.gz", "a.zip", "misnamed.csv"):
        assert [r.id for r in ce.read(tmp_path / name)] == ["e1"]
    assert [r.id for r in ce.read(io.BytesIO(_zip({"a.jsonl": LINE})))] == ["e1"]


def test_zip_with_several_members_needs_a_name() -> None:
    data = _zip({"a.jsonl": LINE, "b.jsonl": LINE.replace("e1", "e2")})
    with pytest.raises(ce.ParseError, match="2 members"):
        ce.read(io.BytesIO(data), format="jsonl")
    chosen = ce.read(io.BytesIO(data), format="jsonl", member="b.jsonl")
    assert [r.id for r in chosen] == ["e2"]
    with pytest.raises(ce.ParseError, match="no such member"):
        ce.read(io.BytesIO(data), format="jsonl", member="c.jsonl")


def test_decompression_is_limited() -> None:
    big = LINE * 1000
    with pytest.raises(ce.InputTooLargeError, match="limit"):
        list(ce.read(io.BytesIO(_zip({"a.jsonl": big})), format="jsonl", max_bytes=10_000))
    with pytest.raises(ce.InputTooLargeError, match="limit"):
        list(ce.read(io.BytesIO(gzip.compress(big.encode())), format="jsonl", max_bytes=10_000))
    assert len(list(ce.read(io.BytesIO(gzip.compress(big.encode())), format="jsonl"))) == 1000


def test_corrupt_compressed_data_is_a_parse_error() -> None:
    data = gzip.compress((LINE * 100).encode())
    with pytest.raises(ce.ParseError, match="corrupt"):
        list(ce.read(io.BytesIO(data[:40] + b"\x00" * 20 + data[60:]), format="jsonl"))
    with pytest.raises(ce.ParseError, match="zip"):
        list(ce.read(io.BytesIO(b"PK\x03\x04" + b"\x00" * 50), format="jsonl"))


def test_missing_file_is_a_parse_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(ce.ParseError, match=r"missing\.jsonl") as caught:
        ce.read(tmp_path / "missing.jsonl")
    assert "cannot open" in str(caught.value)
    assert isinstance(caught.value, FileNotFoundError)
    assert isinstance(caught.value, ce.InputNotFoundError)
    with pytest.raises(FileNotFoundError):
        ce.read(tmp_path / "missing.csv", "acled")
    with pytest.raises(FileNotFoundError):
        ce.detect_format(tmp_path / "missing.csv")


def test_unknown_and_undetectable_formats(tmp_path: Path) -> None:
    with pytest.raises(ce.FormatError, match="unknown format 'excel'"):
        ce.read(io.StringIO(LINE), format="excel")
    with pytest.raises(ce.FormatError, match="cannot tell"):
        ce.read(io.StringIO("hello\nworld\n"))
    with pytest.raises(ce.FormatError, match="cannot tell"):
        ce.write([], tmp_path / "out.unknown")
    with pytest.raises(TypeError, match="does not take"):
        ce.read(io.StringIO(LINE), format="jsonl", colour="red")


def test_detect_format() -> None:
    assert ce.detect_format([LINE]) == "jsonl"
    assert "jsonl" in ce.format_names()
    with pytest.raises(ce.FormatError):
        ce.detect_format(["what is this"])


def test_on_error_must_be_a_policy() -> None:
    with pytest.raises(ValueError, match="on_error"):
        ce.read(io.StringIO(LINE), format="jsonl", on_error="ignore")  # type: ignore[arg-type]


def test_stream_is_lazy_and_closable(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text("".join(LINE.replace("e1", f"e{i}") for i in range(100)))
    with ce.read(path) as stream:
        assert next(stream).id == "e0"
        assert stream.report.read == 1
    assert list(stream) == []


def test_write_to_binary_stream_and_report_text() -> None:
    buffer = io.BytesIO()
    report = jsonl.write([jsonl.loads(LINE)], buffer)
    assert buffer.getvalue().decode() == LINE
    assert str(report).startswith("read 0, written 1, skipped 0")
    assert report.lossless
    report.drop("notes")
    report.derive("classifications.cameo")
    report.leave_out(ce.Reason.NO_COORDINATES)
    assert not report.lossless
    text = str(report)
    assert "dropped:\n  notes: 1" in text
    assert "no-coordinates (no coordinates: " in text
    assert report.as_dict()["left_out"] == {"no-coordinates": 1}


def test_csv_rows_carry_their_physical_line() -> None:
    text = 'a,b\n1,"two\nlines"\n3,4\n5,"x\x00"\n6,7\n'
    results = list(_csv.read_rows(io.StringIO(text), source="t.csv"))
    rows = [r for r in results if isinstance(r, _csv.Row)]
    errors = [r for r in results if isinstance(r, ce.ParseError)]
    assert [(r.line, r.cells) for r in rows] == [
        (1, ["a", "b"]), (2, ["1", "two\nlines"]), (4, ["3", "4"]), (6, ["6", "7"])]
    assert [(e.line, e.column, e.reason) for e in errors] == [(5, 2, "NUL byte in the data")]


def test_csv_field_limit_is_located() -> None:
    text = "a,b\n1," + "x" * 5000 + "\n2,3\n"
    results = list(_csv.read_rows(io.StringIO(text), source="t.csv", max_field=1000))
    assert isinstance(results[1], ce.InputTooLargeError)
    assert results[1].line == 2
    assert isinstance(results[2], _csv.Row)
    assert results[2].cells == ["2", "3"]


def test_bad_text_detection() -> None:
    assert _io.bad_text("fine, thank you") is None
    assert _io.bad_text("nul\x00") == "NUL byte in the data"
    assert _io.bad_text(b"\xff".decode("utf-8", "surrogateescape")) == "bytes that are not UTF-8"


def test_parse_error_message_and_relocation() -> None:
    error = ce.ParseError("bad latitude", value="300")
    located = error.located(source="f.csv", line=7, column="latitude")
    assert str(located) == "f.csv:7: column latitude: bad latitude (value '300')"
    assert located.located(line=9).line == 7


@pytest.mark.parametrize(
    ("cell", "written"),
    [("=1+1", "'=1+1"), ("+CMD|' /C calc'!A0", "'+CMD|' /C calc'!A0"), ("@SUM(A1)", "'@SUM(A1)"),
     ("-2+3", "'-2+3"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("-35.5", "-35.5"), ("+3", "+3"),
     ("-1e5", "-1e5"), ("Hama", "Hama"), ("", ""), ("a=b", "a=b")],
)
def test_spreadsheet_safe_writer(cell: str, written: str) -> None:
    buffer = io.StringIO()
    _csv.writer(buffer, spreadsheet_safe=True).writerow([cell])
    plain = io.StringIO()
    _csv.writer(plain).writerow([written])
    assert buffer.getvalue() == plain.getvalue()
    unsafe = io.StringIO()
    _csv.writer(unsafe).writerow([cell])
    text = unsafe.getvalue()
    assert next(iter(csv.reader(io.StringIO(text, newline="")))) == [cell]


@pytest.mark.parametrize("terminator", ["\n", "\r\n"])
def test_csv_writer_round_trips_every_line_break(terminator: str) -> None:
    rows = [["a\rb", "c\nd", "e\r\nf", "plain"], ["", '"', "x,y", "\r"]]
    buffer = io.StringIO(newline="")
    out = _csv.writer(buffer, line_terminator=terminator)
    for row in rows:
        out.writerow(row)
    text = buffer.getvalue()
    assert text.endswith('"' + terminator)
    assert text.count(terminator) >= 2
    back = [r.cells for r in _csv.read_rows(io.StringIO(text, newline=""), source="t")]
    assert back == rows
