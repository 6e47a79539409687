"""Parquet as a format: lossless, streaming in row groups, detected by its magic bytes."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conflictevents as ce
from _support import ROOT, written_or_refused
from conflictevents import cli, strategies

pq = pytest.importorskip("pyarrow.parquet")
tables = pytest.importorskip("conflictevents.tables")
from conflictevents.formats import parquet  # noqa: E402

HAMA = ROOT / "examples" / "hama-2024.jsonl"


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
          max_examples=40)
@given(records=st.lists(strategies.records(), max_size=8),
       size=st.integers(min_value=1, max_value=3))
def test_events_come_back_whole_and_the_rest_is_counted(
    records: list[ce.Record], size: int
) -> None:
    buffer = io.BytesIO()
    report = written_or_refused(ce.write, records, buffer, "parquet", row_group_size=size)
    events = [r for r in records if type(r) is ce.Event]
    assert report.written == len(events)
    assert sum(report.left_out.values()) == len(records) - len(events)
    if records and not events:
        return  # none written: refused (ConversionError), never an empty table
    buffer.seek(0)
    metadata = pq.ParquetFile(buffer).metadata
    assert metadata.num_row_groups == -(-len(events) // size)
    buffer.seek(0)
    stream = ce.read(buffer)  # detected by its magic bytes
    assert list(stream) == events
    assert stream.report.read == len(events)


def test_the_file_records_schema_and_library_versions(tmp_path: Path) -> None:
    path = tmp_path / "out.parquet"
    ce.write(ce.read(HAMA, "jsonl"), path, report=ce.ConversionReport())  # by suffix
    metadata = pq.read_metadata(path).metadata
    assert metadata[b"conflictevents.schema"] == tables.SCHEMA_VERSION.encode()
    assert metadata[b"conflictevents.version"] == ce.__version__.encode()
    assert pq.read_schema(path).equals(tables.SCHEMA)
    events = [r for r in ce.read(HAMA, "jsonl") if type(r) is ce.Event]
    assert list(ce.read(path)) == events
    assert pq.read_table(path).equals(tables.to_arrow(events))


def test_the_cli_converts_to_and_from_parquet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "hama.parquet"
    assert cli.main(["convert", str(HAMA), str(out)]) == 0
    back = tmp_path / "back.jsonl"
    assert cli.main(["convert", str(out), str(back)]) == 0
    events = [r for r in ce.read(HAMA, "jsonl") if type(r) is ce.Event]
    assert list(ce.read(back, "jsonl")) == events
    assert "left out" in capsys.readouterr().err  # the claims and control changes


def test_a_bad_row_is_located_and_the_policy_applies(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    events = [ce.Event(str(n), dt.date(2024, 1, n)) for n in range(1, 4)]
    table = tables.to_arrow(events)
    ids = table.schema.get_field_index("id")
    broken = table.set_column(ids, table.schema.field(ids).with_nullable(True),
                              pa.array(["1", " ", "3"]))
    path = tmp_path / "bad.parquet"
    pq.write_table(broken, path)
    with pytest.raises(ce.ParseError) as caught:
        list(ce.read(path))
    assert (caught.value.line, caught.value.column) == (2, "id")
    stream = ce.read(path, on_error="collect")
    assert [e.id for e in stream] == ["1", "3"]
    assert stream.report.skipped == 1


def test_not_parquet_and_text_streams_are_library_errors(tmp_path: Path) -> None:
    with pytest.raises(ce.ParseError):
        list(ce.read(io.BytesIO(b"PAR1 but not really"), "parquet"))
    with pytest.raises(ce.ParseError, match="binary mode"):
        list(ce.read(io.StringIO("x"), "parquet"))
    with pytest.raises(ce.FormatError, match="binary mode"):
        ce.write([], io.StringIO(), "parquet")
    with pytest.raises(ValueError, match="compression"):
        parquet.write([], tmp_path / "x.parquet", compression="zip")


def test_the_cli_converts_gdelt_to_parquet_through_the_columnar_reader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    used: list[object] = []
    real = tables.iter_batches

    def spy(*args: object, **kwargs: object) -> object:
        used.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(tables, "iter_batches", spy)
    row = ["1", "20241205", "202412", "2024", "2024.9260", *[""] * 20,
           "1", "190", "190", "19", "4", "-10.0", "2", "1", "2", "-5.1",
           *(["0", "", "", "", "", "", "", ""] * 3), "20241205101500",
           "https://www.example.com/news/1"]
    bad = ["x", *row[1:]]
    source = tmp_path / "20241205.export.CSV"
    source.write_text("\n".join("\t".join(r) for r in (row, bad, row)) + "\n", "utf-8")
    out = tmp_path / "day.parquet"
    assert cli.main(["convert", "--on-error", "skip", str(source), str(out)]) != 0
    assert "skipped 1" in capsys.readouterr().err
    expected = list(ce.read(source, "gdelt2", on_error="skip"))
    assert list(ce.read(out)) == expected
    assert pq.read_table(out).equals(tables.to_arrow(expected))
    assert used == ["gdelt2"]  # detected, and read by the columnar reader


def test_read_table_of_a_parquet_file_is_the_table_written(tmp_path: Path) -> None:
    events = [r for r in ce.read(HAMA, "jsonl") if type(r) is ce.Event]
    path = tmp_path / "hama.parquet"
    ce.write(events, path)
    assert tables.read_table(path).equals(tables.to_arrow(events))  # detected
    assert tables.read_table(path, "parquet").equals(tables.to_arrow(events))
