"""Events as tables: one flat Arrow schema, and pandas, polars, Parquet and DuckDB through it.

Needs the ``arrow`` extra (``pip install 'conflictevents[arrow]'``); :func:`to_pandas` needs
``pandas`` and :func:`to_polars` needs ``polars`` as well. ``import conflictevents`` does not
import this module: import it yourself (``from conflictevents import tables``).

Events become the table :data:`SCHEMA` (described in :doc:`/reference/table-schema`) with
:func:`to_arrow` (``tables.to_arrow(ce.read(path))``), and come back with :func:`from_arrow`;
nothing is lost either way. :func:`read_table` and :func:`iter_batches` read a file of any
format into the table batch by batch: GDELT and ICEWS files given by path with the columnar
reader (vectorised; the same table and errors as the typed reader), the others through
their typed reader.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from conflictevents._optional import require
from conflictevents.model import Record
from conflictevents.tables._columnar import iter_batches, read_table
from conflictevents.tables._schema import (
    DEFAULT_BATCH_SIZE,
    SCHEMA,
    SCHEMA_VERSION,
    from_arrow,
    iter_record_batches,
    to_arrow,
)

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "SCHEMA",
    "SCHEMA_VERSION",
    "from_arrow",
    "iter_batches",
    "iter_record_batches",
    "read_table",
    "to_arrow",
    "to_pandas",
    "to_polars",
]


def _table(data: Any) -> Any:
    pa = require("pyarrow", "arrow")
    if isinstance(data, pa.Table):
        return data
    if isinstance(data, pa.RecordBatch):
        return pa.Table.from_batches([data])
    return to_arrow(data)


def to_pandas(data: Iterable[Record] | Any, *, arrow_dtypes: bool = False) -> Any:
    """A :class:`pandas.DataFrame` of events (records, or an event table), a row per event.

    :param arrow_dtypes: keep Arrow's types (``pd.ArrowDtype``: lists, maps and nullable
        integers stay typed, without a copy); by default pandas' own types, where lists and
        structs become Python objects and dates ``datetime.date`` objects.

    >>> import datetime
    >>> import conflictevents as ce
    >>> from conflictevents import tables
    >>> frame = tables.to_pandas([ce.Event("1", datetime.date(2024, 1, 2), fatalities=3)])
    >>> frame[["id", "fatalities_best"]].to_dict("records")
    [{'id': '1', 'fatalities_best': 3}]
    """
    pd = require("pandas", "pandas")
    table = _table(data)
    if arrow_dtypes:
        return table.to_pandas(types_mapper=pd.ArrowDtype)
    return table.to_pandas()


def to_polars(data: Iterable[Record] | Any) -> Any:
    """A :class:`polars.DataFrame` of events (records, or an event table), a row per event.

    Polars has no map type: the ``extras`` column becomes a list of ``{key, value}`` structs.

    >>> import datetime
    >>> import conflictevents as ce
    >>> from conflictevents import tables
    >>> frame = tables.to_polars([ce.Event("1", datetime.date(2024, 1, 2), tags=("a", "b"))])
    >>> frame["tags"].to_list()
    [['a', 'b']]
    """
    pl = require("polars", "polars")
    return pl.from_arrow(_table(data))
