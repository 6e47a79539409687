"""The columnar reader (GDELT 1.0 and 2.0, ICEWS, by path) and the typed reader give the same
table,
the same warnings and the same located errors, under every policy: on real files, on files
the strategies make, and on files with one cell corrupted. And the vectorised path really is
the one taken for rows it can vouch for."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conflictevents as ce
from _support import real_file_params
from conflictevents.formats import gdelt, icews
from conflictevents.strategies import gdelt as gdelt_strategies
from conflictevents.strategies import icews as icews_strategies

pa = pytest.importorskip("pyarrow")
tables = pytest.importorskip("conflictevents.tables")
from conflictevents.tables import _columnar_gdelt, _columnar_icews  # noqa: E402

_REAL = real_file_params("gdelt1") + real_file_params("gdelt2") + real_file_params("icews")


def _facts(report: ce.ConversionReport) -> dict[str, Any]:
    return {
        "warnings": [(type(w).__name__, w.code, w.line, w.column, repr(w.value), str(w))
                     for w in report.warnings],
        "errors": [(type(e).__name__, e.line, e.column, str(e)) for e in report.errors],
        "skipped": report.skipped,
    }


def _outcome(read: Any) -> tuple[Any, Any, dict[str, Any], int]:
    report = ce.ConversionReport()
    try:
        table = read(report)
    except ce.ParseError as error:
        return None, (type(error).__name__, error.line, error.column, str(error)), \
            _facts(report), report.read
    return table, None, _facts(report), report.read


def assert_same(path: Path, fmt: str | None = None, *, block_size: int | None = None,
                **options: Any) -> Any:
    """Read *path* both ways (the columnar reader in blocks of *block_size* bytes);
    everything the caller can see must be equal."""
    typed = _outcome(lambda report: tables.to_arrow(
        ce.read(path, fmt, report=report, **options)))
    blocks = {} if block_size is None else {"block_size": block_size}
    columnar = _outcome(lambda report: tables.read_table(path, fmt, report=report,
                                                         **blocks, **options))
    assert columnar[1] == typed[1]  # the same error, or none
    assert columnar[2] == typed[2]  # the same warnings, errors collected, rows skipped
    assert columnar[3] == typed[3]  # rows read (before the error, if any)
    if typed[0] is not None:
        assert columnar[0].schema == typed[0].schema
        assert columnar[0].equals(typed[0])
    return columnar[0]


@pytest.fixture
def typed_rows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The lines the typed row reader was asked to read by the columnar reader."""
    asked: list[int] = []
    parse = gdelt._parse_line

    def counting(text: str, name: str, source: str, number: int, *args: Any) -> Any:
        asked.append(number)
        return parse(text, name, source, number, *args)

    monkeypatch.setattr(_columnar_gdelt.gdelt, "_parse_line", counting)
    return asked


@pytest.mark.parametrize("path", _REAL)
@pytest.mark.parametrize("on_error", ["raise", "collect"])
def test_every_real_gdelt_file_reads_the_same_both_ways(path: Path, on_error: str) -> None:
    table = assert_same(path, on_error=on_error)
    assert table is not None
    assert table.num_rows > 0


@pytest.mark.parametrize("path", _REAL)
def test_real_rows_are_read_by_the_vectorised_path(path: Path, typed_rows: list[int],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    parse = icews._parse_line

    def counting(text: str, source: str, number: int, *args: Any) -> Any:
        typed_rows.append(number)
        return parse(text, source, number, *args)

    strict = ce.ConversionReport()  # every row with a warning is an error here
    list(ce.read(path, report=strict, on_error="collect", on_warning="error"))
    typed_rows.clear()  # (the fixture counts the typed read's rows too)
    monkeypatch.setattr(_columnar_icews.icews, "_parse_line", counting)
    table = tables.read_table(path, on_error="collect")
    assert table.num_rows > 0
    # Only rows the typed reader warns about or refuses go to it: the others are vectorised.
    assert set(typed_rows) <= {error.line for error in strict.errors}


def _write(folder: Path, rows: list[list[str] | str], eol: str) -> Path:
    path = folder / "events.export.CSV"
    with open(path, "w", encoding="utf-8", newline="") as out:
        for row in rows:
            out.write((row if isinstance(row, str) else "\t".join(row)) + eol)
    return path


def _rows(version: int) -> st.SearchStrategy[list[str] | str]:
    good = gdelt_strategies.raw_rows(version)
    odd = gdelt_strategies.odd_rows(version).map(lambda row: row.cells)
    broken = gdelt_strategies.broken_rows(version).map(lambda row: row.cells)
    return st.one_of(good, good, good, odd, broken, st.just(""))


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=40, deadline=None)
@given(version=st.sampled_from([1, 2]), data=st.data(),
       eol=st.sampled_from(["\n", "\r\n"]),
       on_error=st.sampled_from(["raise", "skip", "collect"]),
       on_warning=st.sampled_from(["report", "error"]),
       block=st.sampled_from([64, 700, 1 << 20]))
def test_generated_files_read_the_same_both_ways(version: int, data: st.DataObject, eol: str,
                                                 on_error: str, on_warning: str,
                                                 block: int) -> None:
    rows = data.draw(st.lists(_rows(version), max_size=25))
    fmt = "gdelt2" if version == 2 else "gdelt1"
    with tempfile.TemporaryDirectory() as folder:
        path = _write(Path(folder), rows, eol)
        assert_same(path, fmt, on_error=on_error, on_warning=on_warning, block_size=block)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=15, deadline=None)
@given(rows=st.lists(gdelt_strategies.raw_rows(2), min_size=1, max_size=20))
def test_rows_with_warnings_go_to_the_typed_reader(rows: list[list[str]]) -> None:
    asked: list[int] = []
    parse = gdelt._parse_line

    def counting(text: str, name: str, source: str, number: int, *args: Any) -> Any:
        asked.append(number)
        return parse(text, name, source, number, *args)

    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        path = _write(Path(folder), list(rows), "\n")
        strict = ce.ConversionReport()  # every row with a warning is an error here
        tables.to_arrow(ce.read(path, "gdelt2", report=strict, on_error="collect",
                                on_warning="error"))
        patch.setattr(_columnar_gdelt.gdelt, "_parse_line", counting)
        table = assert_same(path, "gdelt2")
    assert table.num_rows == len(rows)
    assert {error.line for error in strict.errors} <= set(asked)


def test_clean_rows_never_reach_the_typed_reader(tmp_path: Path, typed_rows: list[int]
                                                 ) -> None:
    rows = [[str(1000 + n), *_GOOD[1:]] for n in range(50)]
    path = _write(tmp_path, rows, "\n")
    assert tables.read_table(path, "gdelt2").num_rows == 50
    assert typed_rows == []


# -- one cell corrupted -----------------------------------------------------------------------

_GOOD = ["1000", "20241205", "202412", "2024", "2024.9260",
         "SYRMIL", "SYRIA", "SYR", "", "", "", "", "MIL", "", "", *[""] * 10,
         "1", "190", "190", "19", "4", "-10.0", "2", "1", "2", "-5.1",
         "0", "", "", "", "", "", "", "",
         "4", "Hama, Hama, Syria", "SY", "SY13", "", "35.1318", "36.7578", "-1",
         "4", "Hama, Hama, Syria", "SY", "SY13", "", "35.1318", "36.7578", "-1",
         "20241205101500", "https://www.example.com/news/1"]

_CORRUPTIONS = [
    ("GLOBALEVENTID", "x1"), ("GLOBALEVENTID", ""), ("GLOBALEVENTID", "١٢"),
    ("Day", "20240231"), ("Day", "00000101"), ("Day", "2024120"), ("Day", "2024-12-05"),
    ("MonthYear", "202401"), ("Year", "2023"), ("FractionDate", ""), ("FractionDate", "1e3"),
    ("FractionDate", " 2024.5"), ("EventCode", "1299"), ("EventCode", "999"),
    ("EventCode", ""), ("EventRootCode", "18"), ("QuadClass", "2"),
    ("GoldsteinScale", "nan"), ("GoldsteinScale", "10.5"), ("GoldsteinScale", "-1e1"),
    ("GoldsteinScale", ""), ("IsRootEvent", "2"), ("NumMentions", "-1"),
    ("AvgTone", "100.01"), ("AvgTone", "1_0"), ("Actor1Code", "SYRMI"),
    ("Actor1Code", "SYRzzq"), ("Actor1Code", " SYR"), ("Actor1Code", "kurGOV"),
    ("Actor1Name", " "), ("Actor1Name", ""), ("Actor1CountryCode", "ZZZ"),
    ("Actor1CountryCode", "syr"), ("Actor1Type1Code", "XYZ"), ("Actor2Name", "\x07"),
    ("ActionGeo_Lat", "91"), ("ActionGeo_Lat", ""), ("ActionGeo_Lat", "0"),
    ("ActionGeo_Long", "0"), ("ActionGeo_CountryCode", "QQ"), ("ActionGeo_Type", "9"),
    ("ActionGeo_FullName", " "), ("Actor1Geo_Lat", "x"), ("Actor2Geo_Type", "7"),
    ("DATEADDED", "2024x"), ("SOURCEURL", "http://user@Example.com/x"),
    ("SOURCEURL", "HTTPS://WWW.EXAMPLE.COM:8080/A"), ("SOURCEURL", "https://www./"),
    ("SOURCEURL", "a b://c"), ("SOURCEURL", "https://exämple.com/"), ("SOURCEURL", " "),
    ("SOURCEURL", "http://[::1]/x"), ("SOURCEURL", "BBC Monitoring"),
    ("SOURCEURL", "1http://x.com/"), ("SOURCEURL", "https:///path"),
    ("SOURCEURL", "https://h?x=1"), ("SOURCEURL", "HTTP://X.COM/"), ("SOURCEURL", "https://h:8a/"),
    ("SOURCEURL", "https://x.com/\x7f"), ("SOURCEURL", "https://X.COM"),
    ("SOURCEURL", "http:/x.com/a"), ("SOURCEURL", "https://:80/x"), ("SOURCEURL", "https://www."),
    ("SOURCEURL", "https://x.com/a\tb"), ("SOURCEURL", "https://x.com/é"),
]


@pytest.mark.parametrize(("column", "value"), _CORRUPTIONS)
@pytest.mark.parametrize("on_error", ["raise", "collect"])
@pytest.mark.parametrize("on_warning", ["report", "error"])
def test_a_corrupted_cell_is_refused_or_warned_about_identically(
        tmp_path: Path, column: str, value: str, on_error: str, on_warning: str) -> None:
    index = gdelt.COLUMNS_V2.index(column)
    bad = list(_GOOD)
    bad[index] = value
    second = [*_GOOD[:0], "1001", *_GOOD[1:]]
    path = _write(tmp_path, [_GOOD, bad, second], "\n")
    assert_same(path, "gdelt2", on_error=on_error, on_warning=on_warning)


@pytest.mark.parametrize("damage", [
    b"\xff\xfe", b"\x00", b"\t", b"\r", b"\t\t\t",
])
@pytest.mark.parametrize("on_error", ["raise", "skip", "collect"])
def test_corrupted_bytes_are_refused_identically(tmp_path: Path, damage: bytes,
                                                 on_error: str) -> None:
    good = "\t".join(_GOOD).encode()
    bad = good.replace(b"SYRIA", b"SY" + damage + b"RIA", 1)
    path = tmp_path / "damaged.export.CSV"
    path.write_bytes(b"\n".join([good, bad, good.replace(b"1000", b"1001", 1)]) + b"\n")
    import gzip

    gzipped = tmp_path / "damaged.export.CSV.gz"  # not scanned whole for UTF-8
    gzipped.write_bytes(gzip.compress(path.read_bytes()))
    for each in (path, gzipped):
        assert_same(each, "gdelt2", on_error=on_error)
        assert_same(each, on_error=on_error)


def test_a_line_longer_than_the_limit_is_the_typed_readers_error(tmp_path: Path) -> None:
    good = "\t".join(_GOOD)
    long = good.replace("SYRIA", "S" * 5000, 1)
    path = _write(tmp_path, [good, long, good, "", good], "\r\n")
    for on_error in ("raise", "collect"):
        assert_same(path, "gdelt2", on_error=on_error, max_field=1000)
        assert_same(path, "gdelt2", on_error=on_error, max_field=1000, block_size=300)


def test_mixed_gdelt1_layouts_and_empty_lines(tmp_path: Path) -> None:
    daily = [*_GOOD[:1], *_GOOD[1:]]
    v1 = [c for i, c in enumerate(daily) if gdelt.COLUMNS_V2[i] not in
          ("Actor1Geo_ADM2Code", "Actor2Geo_ADM2Code", "ActionGeo_ADM2Code")]
    historical = v1[:-1]
    rows: list[list[str] | str] = [v1, "", historical, v1, "", "", historical]
    path = _write(tmp_path, rows, "\n")
    table = assert_same(path, "gdelt1")
    assert table.num_rows == 4
    assert_same(path)  # detected


def test_the_eol_of_a_crlf_file_is_recorded(tmp_path: Path) -> None:
    path = _write(tmp_path, [_GOOD, _GOOD], "\r\n")
    table = assert_same(path, "gdelt2")
    assert dict(table["extras"][0].as_py()[0][1])["@eol"] == "\r\n"


def test_batches_keep_to_the_batch_size(tmp_path: Path) -> None:
    path = _write(tmp_path, [_GOOD] * 10, "\n")
    batches = list(tables.iter_batches(path, "gdelt2", batch_size=3))
    assert [b.num_rows for b in batches] == [3, 3, 3, 1]


# -- conversion to Parquet ----------------------------------------------------------------------


def test_the_cli_conversion_to_parquet_goes_columnar_and_equals_the_record_path(
        tmp_path: Path, typed_rows: list[int]) -> None:
    from conflictevents import cli

    pq = pytest.importorskip("pyarrow.parquet")
    good = [[str(1000 + n), *_GOOD[1:]] for n in range(30)]
    odd = list(_GOOD)
    odd[gdelt.COLUMNS_V2.index("EventRootCode")] = "18"  # a warning: the typed reader's row
    bad = ["x", *_GOOD[1:]]  # refused
    source = _write(tmp_path, [*good[:10], odd, *good[10:20], bad, *good[20:]], "\r\n")
    columnar = tmp_path / "columnar.parquet"
    records = tmp_path / "records.parquet"
    assert cli.main(["convert", "--quiet", "--on-error", "skip", str(source),
                     str(columnar)]) != 0  # a row was skipped
    assert typed_rows == [11, 22]  # only the odd and the bad row went to the typed reader
    ce.write(ce.read(source, "gdelt2", on_error="skip"), records)
    expected = pq.read_table(records)
    assert expected.num_rows == 31
    assert pq.read_table(columnar).equals(expected)
    assert list(ce.read(columnar)) == list(ce.read(records))


def test_a_block_the_vectorised_step_fails_on_is_read_by_the_typed_reader(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed_rows: list[int]) -> None:
    def broken(*args: object) -> object:
        raise pa.ArrowNotImplementedError("something pyarrow cannot do")

    monkeypatch.setattr(_columnar_gdelt.GdeltBatches, "_check", broken)
    path = _write(tmp_path, [[str(1000 + n), *_GOOD[1:]] for n in range(5)], "\n")
    assert assert_same(path, "gdelt2").num_rows == 5
    typed_rows.clear()
    assert tables.read_table(path, "gdelt2").num_rows == 5
    assert typed_rows == [1, 2, 3, 4, 5]


# -- ICEWS --------------------------------------------------------------------------------------


def _icews_rows() -> st.SearchStrategy[list[str] | str]:
    good = icews_strategies.raw_rows()
    broken = icews_strategies.broken_rows().map(lambda row: row.cells)
    return st.one_of(good, good, good, broken, st.just(""))


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=40, deadline=None)
@given(rows=st.lists(_icews_rows(), max_size=25), eol=st.sampled_from(["\n", "\r\n"]),
       on_error=st.sampled_from(["raise", "skip", "collect"]),
       on_warning=st.sampled_from(["report", "error"]),
       block=st.sampled_from([64, 700, 1 << 20]))
def test_generated_icews_files_read_the_same_both_ways(
        rows: list[list[str] | str], eol: str, on_error: str, on_warning: str,
        block: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.tab"
        with open(path, "w", encoding="utf-8", newline="") as out:
            out.write("\t".join(icews.COLUMNS) + eol)
            for row in rows:
                out.write((row if isinstance(row, str) else "\t".join(row)) + eol)
        assert_same(path, "icews", on_error=on_error, on_warning=on_warning, block_size=block)


_ICEWS_GOOD = ["926685", "2024-12-05", "Military (Syria)", "Military", "Syria",
               "Use conventional military force", "190", "-10.0", "Citizen (Syria)",
               "Social", "Syria", "28235806", "1", "Syrian Arab News Agency", "Hama", "",
               "Hama", "Syria", "35.1318", "36.7578"]
_ICEWS_CORRUPTIONS = [
    ("Event ID", ""), ("Event ID", "NA"), ("Event ID", "x"), ("Event Date", "2024-02-31"),
    ("Event Date", "2024-W01-1"), ("Event Date", "20241205"), ("Event Date", "0000-01-01"),
    ("CAMEO Code", "1299"), ("CAMEO Code", "999"), ("Intensity", "NA"), ("Intensity", " "),
    ("Intensity", "11"), ("Intensity", "1e1"), ("Story ID", "NA"), ("Story ID", "x"),
    ("Sentence Number", ""), ("Publisher", ""), ("Publisher", "NA"), ("Publisher", " "),
    ("Source Name", "NA"), ("Source Name", ""), ("Source Country", "Atlantis"),
    ("Target Name", "\x07"), ("City", ""), ("City", "NA"), ("Province", ""),
    ("Latitude", ""), ("Latitude", "91"), ("Longitude", "NA"), ("Country", "Narnia"),
]


@pytest.mark.parametrize(("column", "value"), _ICEWS_CORRUPTIONS)
@pytest.mark.parametrize("on_error", ["raise", "collect"])
@pytest.mark.parametrize("on_warning", ["report", "error"])
def test_a_corrupted_icews_cell_is_refused_or_warned_about_identically(
        tmp_path: Path, column: str, value: str, on_error: str, on_warning: str) -> None:
    bad = list(_ICEWS_GOOD)
    bad[icews.COLUMNS.index(column)] = value
    path = tmp_path / "events.tab"
    rows = ["\t".join(icews.COLUMNS), "\t".join(_ICEWS_GOOD), "\t".join(bad),
            "\t".join(["926686", *_ICEWS_GOOD[1:]])]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert_same(path, "icews", on_error=on_error, on_warning=on_warning)
    assert_same(path, on_error=on_error, on_warning=on_warning)  # detected


@pytest.mark.parametrize("header", [
    "\t".join(icews.COLUMNS[:-1]), "\t".join(icews.COLUMNS) + "\tExtra",
    "\t".join(icews.COLUMNS).lower(), "",
])
def test_an_icews_file_with_another_header_is_the_typed_readers(tmp_path: Path,
                                                              header: str) -> None:
    path = tmp_path / "events.tab"
    path.write_text(header + "\n" + "\t".join(_ICEWS_GOOD) + "\n", encoding="utf-8")
    assert_same(path, "icews")


def test_icews_rest_after_a_long_line_is_numbered_as_in_the_file(tmp_path: Path) -> None:
    long = list(_ICEWS_GOOD)
    long[icews.COLUMNS.index("Event Text")] = "x" * 3000
    path = tmp_path / "events.tab"
    rows = ["\t".join(icews.COLUMNS), "\t".join(_ICEWS_GOOD), "\t".join(long),
            "\t".join(["x", *_ICEWS_GOOD[1:]]), "\t".join(_ICEWS_GOOD)]
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    for on_error in ("raise", "collect"):
        assert_same(path, "icews", on_error=on_error, max_field=1000)
        assert_same(path, "icews", on_error=on_error, max_field=1000, block_size=200)


def test_clean_icews_rows_never_reach_the_typed_reader(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []
    monkeypatch.setattr(_columnar_icews.icews, "_parse_line",
                        lambda *args: asked.append(args[2]))  # type: ignore[func-returns-value]
    path = tmp_path / "events.tab"
    rows = ["\t".join(icews.COLUMNS)] + ["\t".join([str(n), *_ICEWS_GOOD[1:]])
                                        for n in range(1, 40)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert tables.read_table(path, "icews").num_rows == 39
    assert asked == []
