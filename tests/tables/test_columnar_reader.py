"""The columnar reader and the typed reader agree: the same table, the same errors.

``read_table(f) == to_arrow(read(f))`` on files the strategies make (valid rows, broken rows,
blank lines, both line terminators, GDELT 1.0's two layouts mixed) and on every real file.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conflictevents as ce
from _support import real_file_params
from conflictevents.formats.icews import COLUMNS as ICEWS_COLUMNS
from conflictevents.strategies import gdelt as gdelt_strategies
from conflictevents.strategies import icews as icews_strategies

pa = pytest.importorskip("pyarrow")
tables = pytest.importorskip("conflictevents.tables")

_SETTINGS = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
                     max_examples=60)


@st.composite
def gdelt_files(draw: st.DrawFn, version: int) -> str:
    """A GDELT file of *version*: valid rows, broken rows and blank lines."""
    line_end = draw(st.sampled_from(["\n", "\r\n"]))
    kinds = st.sampled_from(["valid", "valid", "valid", "broken", "blank"]
                            + (["historical"] if version == 1 else []))
    lines = []
    for kind in draw(st.lists(kinds, max_size=12)):
        if kind == "blank":
            lines.append("")
        elif kind == "broken":
            lines.append("\t".join(draw(gdelt_strategies.broken_rows(version)).cells))
        else:
            lines.append("\t".join(draw(gdelt_strategies.raw_rows(
                version, historical=kind == "historical"))))
    return "".join(line + line_end for line in lines)


@st.composite
def icews_files(draw: st.DrawFn) -> str:
    """An ICEWS file: the header, then valid rows, broken rows and blank lines."""
    line_end = draw(st.sampled_from(["\n", "\r\n"]))
    lines = ["\t".join(ICEWS_COLUMNS)]
    for kind in draw(st.lists(st.sampled_from(["valid", "valid", "broken", "blank", "na"]),
                              max_size=10)):
        if kind == "blank":
            lines.append("")
        elif kind == "broken":
            lines.append("\t".join(draw(icews_strategies.broken_rows()).cells))
        else:
            cells = draw(icews_strategies.raw_rows())
            if kind == "na":  # what readr writes for a missing value, and white space
                for i in draw(st.lists(st.integers(2, 19), max_size=6)):
                    cells[i] = draw(st.sampled_from(["NA", " ", ""]))
            lines.append("\t".join(cells))
    return "".join(line + line_end for line in lines)


def _errors(report: ce.ConversionReport) -> list[tuple[object, ...]]:
    return [(type(e), e.line, e.column, e.reason, e.value) for e in report.errors]


def _agree(data: str | bytes, fmt: str, **options: object) -> None:
    def source() -> io.StringIO | io.BytesIO:
        return io.BytesIO(data) if isinstance(data, bytes) else io.StringIO(data)

    typed_options = {k: v for k, v in options.items() if k == "max_field"}
    typed_report, columnar_report = ce.ConversionReport(), ce.ConversionReport()
    whole: ce.ParseError | None = None
    try:
        typed = tables.to_arrow(ce.read(source(), fmt, on_error="collect", report=typed_report,
                                        **typed_options))
    except ce.ParseError as error:  # an error about the whole input (a header)
        whole = error
    if whole is not None:  # the columnar reader gives the same one
        with pytest.raises(ce.ParseError) as caught:
            tables.read_table(source(), fmt, on_error="collect", **options)
        assert str(caught.value) == str(whole)
        return
    columnar = tables.read_table(source(), fmt, on_error="collect", report=columnar_report,
                                 **options)
    assert columnar.equals(typed)
    assert _errors(columnar_report) == _errors(typed_report)
    assert (columnar_report.read, columnar_report.skipped) == (typed_report.read,
                                                               typed_report.skipped)
    # Under "raise": the same first error, after the same events.
    if typed_report.errors:
        first = typed_report.errors[0]
        with pytest.raises(ce.ParseError) as caught:
            tables.read_table(source(), fmt, **options)
        assert (caught.value.line, caught.value.column, caught.value.reason) == (
            first.line, first.column, first.reason)
    else:
        assert tables.read_table(source(), fmt, **options).equals(typed)


@_SETTINGS
@given(text=gdelt_files(version=2))
def test_gdelt2_files_read_the_same_both_ways(text: str) -> None:
    _agree(text, "gdelt2")


@_SETTINGS
@given(text=gdelt_files(version=1))
def test_gdelt1_files_with_both_layouts_read_the_same_both_ways(text: str) -> None:
    _agree(text, "gdelt1")


@_SETTINGS
@given(text=gdelt_files(version=1), block=st.integers(min_value=600, max_value=3000))
def test_small_blocks_change_nothing(text: str, block: int) -> None:
    """Many batches, and rows of the other layout falling on batch boundaries."""
    _agree(text.encode("utf-8"), "gdelt1", block_size=block, max_field=block)


@_SETTINGS
@given(rows=st.lists(gdelt_strategies.raw_rows(2), min_size=1, max_size=4),
       where=st.integers(min_value=0), what=st.sampled_from(
           [b"\x00", b"\xff", b"\xc3", b"\xe2\x80", b"   ", b"\t", b"1e999", b"\xc2\xa0"]))
def test_bad_bytes_are_the_same_located_errors(rows: list[list[str]], where: int,
                                               what: bytes) -> None:
    data = bytearray("".join("\t".join(r) + "\n" for r in rows).encode("utf-8"))
    at = where % len(data)
    data[at:at] = what
    _agree(bytes(data), "gdelt2")


@_SETTINGS
@given(text=icews_files())
def test_icews_files_read_the_same_both_ways(text: str) -> None:
    _agree(text, "icews")
    _agree(text.encode("utf-8"), "icews", block_size=700, max_field=700)


def test_a_bad_icews_header_is_the_same_error() -> None:
    header = "\t".join(ICEWS_COLUMNS)
    for broken in (header.replace("Event Date", "Date"), header + "\tExtra", "x"):
        with pytest.raises(ce.ParseError) as typed:
            list(ce.read(io.StringIO(broken + "\n"), "icews"))
        with pytest.raises(ce.ParseError) as columnar:
            tables.read_table(io.StringIO(broken + "\n"), "icews")
        assert str(columnar.value) == str(typed.value)


def test_blank_and_long_lines(tmp_path: Path) -> None:
    row = "\t".join(["1", "20241205", "202412", "2024", "2024.9260", *[""] * 20,
                     "1", "190", "190", "19", "4", "-10.0", "2", "1", "2", "-5.1",
                     *(["0", "", "", "", "", "", "", ""] * 3), "20241205101500",
                     "https://www.example.com/news/1"])
    long_row = row.replace("news/1", "news/" + "x" * 2000)
    text = f"\n{row}\n\n{long_row}\n{row}\n" + "\t" * 60 + "\n\n" + "\t" * 3 + "\n" + row
    _agree(text, "gdelt2", max_field=1000)
    _agree(text.replace("\n", "\r").encode("utf-8"), "gdelt2", max_field=1000)


@pytest.mark.parametrize("wrap", ["plain", "gzip", "zip"])
def test_compressed_files_and_detection(tmp_path: Path, wrap: str) -> None:
    text = "".join("\t".join(cells) + "\n" for cells in _some_rows())
    path = tmp_path / "20241205.export.CSV"
    if wrap == "gzip":
        path = path.with_suffix(".CSV.gz")
        path.write_bytes(gzip.compress(text.encode("utf-8")))
    elif wrap == "zip":
        path = path.with_suffix(".CSV.zip")
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("20241205.export.CSV", text)
    else:
        path.write_text(text, encoding="utf-8")
    expected = tables.to_arrow(ce.read(path))
    assert expected.num_rows == 3
    assert tables.read_table(path).equals(expected)  # the format is detected
    assert tables.read_table(path, "gdelt2").equals(expected)


def test_other_formats_go_through_the_typed_reader() -> None:
    hama = Path(__file__).resolve().parents[2] / "examples" / "hama-2024.jsonl"
    report = ce.ConversionReport()
    table = tables.read_table(hama, report=report)
    events = [r for r in ce.read(hama) if type(r) is ce.Event]
    assert list(tables.from_arrow(table)) == events
    with open(hama, "rb") as stream:
        assert tables.read_table(stream).equals(table)


def test_an_unknown_format_is_a_format_error() -> None:
    with pytest.raises(ce.FormatError):
        tables.read_table(io.StringIO("x"), "no-such-format")
    with pytest.raises(ce.FormatError):
        tables.read_table(io.StringIO("nothing anyone reads\n"))


def _some_rows() -> list[list[str]]:
    rows = []
    for n in range(3):
        rows.append(["1000" + str(n), "20241205", "202412", "2024", "2024.9260",
                     "SYR", "SYRIA", "SYR", *[""] * 7, *[""] * 10,
                     "1", "190", "190", "19", "4", "-10.0", "2", "1", "2", "-5.1",
                     *(["0", "", "", "", "", "", "", ""] * 2),
                     "4", "Hama, Hama, Syria", "SY", "SY13", "", "35.1318", "36.7578", "-1",
                     "20241205101500", f"https://www.example.com/news/{n}"])
    return rows


_REAL = real_file_params("gdelt1") + real_file_params("gdelt2") + real_file_params("icews")


@pytest.mark.parametrize("path", _REAL)
def test_every_real_file_reads_the_same_both_ways(path: Path) -> None:
    fmt = path.parent.name
    expected = tables.to_arrow(ce.read(path, fmt))
    assert tables.read_table(path, fmt).equals(expected)


@pytest.mark.parametrize("path", _REAL)
def test_every_real_file_gives_the_same_rows_and_errors_both_ways(path: Path) -> None:
    _agree(path.read_bytes(), path.parent.name)


def test_a_multibyte_character_cut_at_the_end_is_located() -> None:
    row = "\t".join(_some_rows()[0])
    _agree((row + "\n" + row).encode("utf-8") + b"\xc3", "gdelt2")
    _agree((row + "\n" + row + "é").encode("utf-8")[:-1], "gdelt2")


@pytest.mark.parametrize(("column", "values"), [
    (7, ["XXX", "syr", " SYR", "AFR", ""]),         # Actor1CountryCode
    (8, ["ZZZ", "hez", "HEZ"]),                      # Actor1KnownGroupCode
    (9, ["ABO", "abo", "Xyz"]),                      # Actor1EthnicCode (any case is read)
    (12, ["GOV", "gov", "QQQ"]),                     # Actor1Type1Code
    (22, ["MIL", "mil", "QQQ"]),                     # Actor2Type1Code
    (5, ["SYRMIL", "syr", "SY", "SYR GOV"]),         # Actor1Code
    (15, ["SYR", "", "   "]),                        # Actor2Code, with an empty name
])
def test_actor_codes_give_the_same_errors(column: int, values: list[str]) -> None:
    rows = []
    for n, value in enumerate(values * 2):
        cells = list(_some_rows()[0])
        cells[0] = str(500 + n)
        cells[column] = value
        rows.append("\t".join(cells))
    _agree("\n".join(rows) + "\n", "gdelt2")


@st.composite
def _mutated(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        if not data:
            break
        at = draw(st.integers(min_value=0, max_value=len(data) - 1))
        action = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        if action == "flip":
            data[at] = draw(st.integers(min_value=0, max_value=255))
        elif action == "insert":
            data[at:at] = draw(st.sampled_from([b"\t", b"\n", b"\r", b"\r\n", b"\x00", b"\xff",
                                                b"\t" * 60 + b"\n", b"\n\n", b" ", b"NA"]))
        elif action == "delete":
            del data[at : at + draw(st.integers(min_value=1, max_value=10))]
        else:
            del data[at:]
    return bytes(data)


@_SETTINGS
@given(data=st.data(), version=st.sampled_from([1, 2, 0]))
def test_mutated_files_read_the_same_both_ways(data: st.DataObject, version: int) -> None:
    """Whatever bytes arrive, the two readers give the same rows and the same errors."""
    text = data.draw(icews_files() if version == 0 else gdelt_files(version=version))
    fmt = "icews" if version == 0 else f"gdelt{version}"
    _agree(data.draw(_mutated(text.encode("utf-8") or b"\n")), fmt)
