"""The event table: its schema covers every field of the model, and nothing is lost."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictevents as ce
from conflictevents import strategies
from conflictevents.errors import ConversionError

pa = pytest.importorskip("pyarrow")
tables = pytest.importorskip("conflictevents.tables")
_schema = pytest.importorskip("conflictevents.tables._schema")


def test_every_model_field_has_a_column() -> None:
    """Adding a field to a core type without adding it to the schema fails here."""
    top = {column.name for column in _schema.EVENT_COLUMNS}
    assert top == {field.name for field in attrs.fields(ce.Event)}
    for cls, parts in _schema.PARTS.items():
        assert [p.name for p in parts] == [f.name for f in attrs.fields(cls)], cls.__name__
    for column in _schema.EVENT_COLUMNS:
        if column.cls is not None:
            assert column.cls in _schema.PARTS


def test_every_column_is_documented() -> None:
    for field in tables.SCHEMA:
        assert field.metadata, field.name
        assert field.metadata[b"doc"], field.name
    assert tables.SCHEMA.metadata[b"conflictevents.schema"] == tables.SCHEMA_VERSION.encode()
    assert tables.SCHEMA.metadata[b"conflictevents.version"] == ce.__version__.encode()


@given(st.lists(strategies.events(), max_size=8), st.integers(min_value=1, max_value=4))
def test_from_arrow_of_to_arrow_is_the_identity(events: list[ce.Event], size: int) -> None:
    table = tables.to_arrow(events, batch_size=size)
    assert table.schema.equals(tables.SCHEMA)
    assert table.num_rows == len(events)
    assert list(tables.from_arrow(table)) == events
    # batch by batch too, and the batch size does not change the table
    assert list(tables.from_arrow(tables.iter_record_batches(events, batch_size=size))) == events
    assert table.equals(tables.to_arrow(events))


@given(st.lists(strategies.records(), max_size=6))
def test_non_events_are_refused_or_counted(records: list[ce.Record]) -> None:
    events = [r for r in records if type(r) is ce.Event]
    report = ce.ConversionReport()
    table = tables.to_arrow(records, report=report)
    assert list(tables.from_arrow(table)) == events
    assert report.written == len(events)
    assert sum(report.left_out.values()) == len(records) - len(events)
    if len(events) < len(records):
        with pytest.raises(ConversionError, match="events only"):
            tables.to_arrow(records)


def test_batches_are_bounded() -> None:
    events = (ce.Event(str(n), dt.date(2024, 1, 1)) for n in range(10))
    sizes = [b.num_rows for b in tables.iter_record_batches(events, batch_size=4)]
    assert sizes == [4, 4, 2]
    with pytest.raises(ValueError, match="batch_size"):
        list(tables.iter_record_batches([], batch_size=0))


def test_a_table_without_newer_columns_reads_with_the_defaults() -> None:
    event = ce.Event("1", dt.date(2024, 1, 1), notes="x", tags=("a",))
    table = tables.to_arrow([event]).drop_columns(["notes", "tags"])
    assert list(tables.from_arrow(table)) == [attrs.evolve(event, notes=None, tags=())]


def test_a_value_the_model_refuses_names_row_and_column() -> None:
    table = tables.to_arrow([ce.Event("1", dt.date(2024, 1, 1), location=ce.Location("Hama")),
                             ce.Event("2", dt.date(2024, 1, 1), location=ce.Location("Hama"))])
    column = table.schema.get_field_index("location_latitude")
    broken = table.set_column(column, table.schema.field(column),
                              pa.array([None, 500.0], pa.float64()))
    with pytest.raises(ConversionError, match="row 2, column location"):
        list(tables.from_arrow(broken))


@given(st.lists(strategies.events(), max_size=5))
def test_pandas_and_polars_have_a_row_per_event(events: list[ce.Event]) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("polars")
    frame = tables.to_pandas(events)
    assert list(frame["id"]) == [e.id for e in events]
    assert isinstance(frame, pd.DataFrame)
    typed = tables.to_pandas(events, arrow_dtypes=True)
    assert list(typed.columns) == tables.SCHEMA.names
    polars_frame = tables.to_polars(events)
    assert polars_frame["id"].to_list() == [e.id for e in events]
    # the Arrow table behind the pandas frame comes back whole
    assert list(tables.from_arrow(pa.Table.from_pandas(typed, schema=tables.SCHEMA))) == events


def test_importing_conflictevents_imports_no_optional_library() -> None:
    code = (
        "import sys, conflictevents, conflictevents.formats\n"
        "import conflictevents.cli\n"
        "heavy = {'pyarrow', 'pandas', 'polars', 'dask', 'distributed', 'numpy'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_a_missing_extra_is_named() -> None:
    code = (
        "import sys; sys.modules['pyarrow'] = None\n"
        "try:\n"
        "    import conflictevents.tables\n"
        "except ImportError as error:\n"
        "    print(error)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert "pip install 'conflictevents[arrow]'" in done.stdout


def test_the_reference_page_lists_every_column() -> None:
    from _support import ROOT

    page = (ROOT / "docs" / "reference" / "table-schema.md").read_text("utf-8")
    for field in tables.SCHEMA:
        assert f"| `{field.name}` |" in page, field.name
        assert field.metadata[b"doc"].decode() in page, field.name
