"""read_table and iter_batches: any file into the event table, batch by batch, so that the
table is ``to_arrow(read(f))`` and the errors are the typed reader's (file objects go through
the typed reader; the columnar reader's own equivalence tests are in
test_columnar_equivalence.py)."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conflictevents as ce
from _support import REAL_DATA, real_file_params
from conflictevents.strategies import gdelt as gdelt_strategies

pa = pytest.importorskip("pyarrow")
tables = pytest.importorskip("conflictevents.tables")


def _some_rows(count: int = 3) -> list[list[str]]:
    rows = []
    for n in range(count):
        rows.append(["1000" + str(n), "20241205", "202412", "2024", "2024.9260",
                     "SYR", "SYRIA", "SYR", *[""] * 7, *[""] * 10,
                     "1", "190", "190", "19", "4", "-10.0", "2", "1", "2", "-5.1",
                     *(["0", "", "", "", "", "", "", ""] * 2),
                     "4", "Hama, Hama, Syria", "SY", "SY13", "", "35.1318", "36.7578", "-1",
                     "20241205101500", f"https://www.example.com/news/{n}"])
    return rows


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=30)
@given(st.lists(gdelt_strategies.raw_rows(2), max_size=12), st.integers(1, 5))
def test_batches_of_any_size_make_the_table_of_the_events(rows: list[list[str]],
                                                          size: int) -> None:
    text = "".join("\t".join(cells) + "\n" for cells in rows)
    expected = tables.to_arrow(ce.read(io.StringIO(text), "gdelt2"))
    batches = list(tables.iter_batches(io.StringIO(text), "gdelt2", batch_size=size))
    assert all(batch.num_rows <= size for batch in batches)
    assert pa.Table.from_batches(batches, schema=tables.SCHEMA).equals(expected)


def test_errors_and_warnings_are_the_typed_readers() -> None:
    good = "\t".join(_some_rows(1)[0])
    bad = good.replace("20241205\t202412", "2024-13-45\t202412", 1)
    text = f"{good}\n{bad}\n"
    typed = ce.read(io.StringIO(text), "gdelt2", on_error="collect")
    expected = tables.to_arrow(typed)
    report = ce.ConversionReport()
    table = tables.read_table(io.StringIO(text), "gdelt2", on_error="collect", report=report)
    assert table.equals(expected)
    assert [(e.line, e.column) for e in report.errors] == [
        (e.line, e.column) for e in typed.report.errors]
    with pytest.raises(ce.ParseError):
        tables.read_table(io.StringIO(text), "gdelt2")


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


def test_claims_and_control_changes_are_left_out_and_counted() -> None:
    hama = Path(__file__).resolve().parents[2] / "examples" / "hama-2024.jsonl"
    report = ce.ConversionReport()
    table = tables.read_table(hama, report=report)
    records = list(ce.read(hama))
    events = [r for r in records if type(r) is ce.Event]
    assert list(tables.from_arrow(table)) == events
    assert sum(report.left_out.values()) == len(records) - len(events)


def test_an_unknown_format_is_a_format_error() -> None:
    with pytest.raises(ce.FormatError):
        tables.read_table(io.StringIO("x"), "no-such-format")
    with pytest.raises(ce.FormatError):
        tables.read_table(io.StringIO("nothing anyone reads\n"))


_REAL = [p for folder in sorted(d.name for d in REAL_DATA.iterdir() if d.is_dir())
         for p in real_file_params(folder)] if REAL_DATA.is_dir() else real_file_params("")


@pytest.mark.parametrize("path", _REAL)
def test_every_real_file_makes_a_table_that_gives_its_events_back(path: Path) -> None:
    events = [r for r in ce.read(path) if isinstance(r, ce.Event)]
    table = tables.read_table(path, batch_size=256)
    assert table.num_rows == len(events)
    assert list(tables.from_arrow(table)) == events
