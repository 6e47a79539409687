"""Dask: many files as one dataframe, on a real local cluster (two worker processes)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import conflictevents as ce
from _support import real_files

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")
pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
tables = pytest.importorskip("conflictevents.tables")
from conflictevents import dask as ce_dask  # noqa: E402


def _gdelt_events(first: int, count: int) -> list[ce.Event]:
    events = []
    for n in range(first, first + count):
        events.append(ce.Event(
            str(n), dt.date(2024, 1 + n % 12, 1 + n % 28),
            classifications=(ce.Classification("cameo", ("190", "010", "0231")[n % 3]),),
            actor1=ce.Actor("SYRIA", country="SYR", cameo_code="SYR") if n % 2 else None,
            location=ce.Location("Hama, Hama, Syria", country="SYR", latitude=35.13,
                                 longitude=36.75, precision="exact") if n % 4 else None,
            sources=(ce.Source("example.com", url=f"https://www.example.com/{n}"),),
        ))
    return events


@pytest.fixture(scope="module")
def cluster() -> object:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as local, \
            distributed.Client(local) as client:
        yield client


def _expected(paths: list[Path], **options: object) -> object:
    frames = [tables.to_pandas(tables.read_table(p, **options), arrow_dtypes=True)
              for p in paths]
    return pd.concat(frames)


def test_many_files_on_a_local_cluster_equal_each_file_read_and_concatenated(
    tmp_path: Path, cluster: object
) -> None:
    paths = []
    for i in range(4):  # generated GDELT 2.0 files, one also gzipped
        path = tmp_path / (f"2024010{i}.export.CSV" + (".gz" if i == 3 else ""))
        ce.write(_gdelt_events(100 * i + 1, 25 + i), path, "gdelt2")
        paths.append(path)
    jsonl = tmp_path / "more.jsonl"  # a format read by the typed reader, detected per file
    ce.write(_gdelt_events(900, 5), jsonl, "jsonl")
    paths.append(jsonl)
    frame = ce_dask.read_dataframe(str(tmp_path / "*"))
    assert frame.npartitions == len(paths)
    assert list(frame.columns) == tables.SCHEMA.names
    result = frame.compute()
    expected = _expected(sorted(paths))
    pd.testing.assert_frame_equal(result, expected)
    # and nothing was lost on the way: the events themselves come back
    back = pa.Table.from_pandas(result, schema=tables.SCHEMA, preserve_index=False)
    events = [e for p in sorted(paths) for e in ce.read(p)]
    assert list(tables.from_arrow(back)) == events


def test_real_gdelt_files_on_a_local_cluster(cluster: object) -> None:
    found = real_files("gdelt2")
    if not found:
        pytest.skip("no real data: the gdelt2 folder is absent or empty")
    frame = ce_dask.read_dataframe([str(p) for p in found], "gdelt2", on_error="skip")
    result = frame.compute()
    pd.testing.assert_frame_equal(result, _expected(sorted(found), format="gdelt2",
                                                    on_error="skip"))
    assert len(result) > 0


def test_a_bad_row_fails_the_computation_with_its_location(tmp_path: Path,
                                                           cluster: object) -> None:
    path = tmp_path / "bad.export.CSV"
    ce.write(_gdelt_events(1, 3), path, "gdelt2")
    lines = path.read_text("utf-8").splitlines(keepends=True)
    lines[1] = "x" + lines[1]
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ce.ParseError) as caught:
        ce_dask.read_dataframe(path, "gdelt2").compute()
    assert (caught.value.line, caught.value.column) == (2, "GLOBALEVENTID")


def test_no_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        ce_dask.read_dataframe(str(tmp_path / "*.csv"))
