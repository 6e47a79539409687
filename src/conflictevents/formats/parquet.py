"""Parquet: the event table (:mod:`conflictevents.tables`) in a file, read and written losslessly.

A Parquet file written here holds one row per event in the columns of
:data:`conflictevents.tables.SCHEMA`; its key-value metadata records the layout's version
(``conflictevents.schema``) and the library's (``conflictevents.version``). Writing streams:
the events are turned into record batches of ``row_group_size`` events, each written as one
row group, so memory stays flat whatever the number of events. Reading streams the same way,
batch by batch, and gives back exactly the events written. Claims and control changes have no
place in the table: they are left out and counted in the report.

Pandas, polars, DuckDB and Spark read these files directly; see :doc:`/howto/tables`.

Needs the ``arrow`` extra (``pip install 'conflictevents[arrow]'``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, Any, ClassVar, Final, Literal

import attrs

from conflictevents._optional import require
from conflictevents.errors import ParseError
from conflictevents.formats import _options
from conflictevents.formats._binary import BinaryInput
from conflictevents.formats._io import FileSource, Target
from conflictevents.formats._policy import ErrorPolicy, OnError
from conflictevents.formats._registry import FormatSpec, RecordStream, register
from conflictevents.formats._registry import read as _read
from conflictevents.formats._registry import write as _write
from conflictevents.formats.report import ConversionReport
from conflictevents.model import Event, Record

__all__ = ["DEFAULT_ROW_GROUP_SIZE", "NAME", "read", "write", "write_batches"]

NAME: Final = "parquet"
DEFAULT_ROW_GROUP_SIZE = 65_536
"""How many events one row group holds by default."""
_COMPRESSIONS = ("zstd", "snappy", "gzip", "brotli", "lz4", "none")


Compression = Literal["zstd", "snappy", "gzip", "brotli", "lz4", "none"]


@attrs.frozen(kw_only=True)
class ReadOptions(_options.ReadOptions):
    """The options of :func:`read` (the text options, such as ``encoding``, do not apply)."""

    FORMAT: ClassVar[str] = NAME

    batch_size: int = _options.option(DEFAULT_ROW_GROUP_SIZE, "rows decoded at a time",
                                      minimum=1)


@attrs.frozen(kw_only=True)
class WriteOptions(_options.WriteOptions):
    """The options of :func:`write` (``encoding`` does not apply)."""

    FORMAT: ClassVar[str] = NAME

    row_group_size: int = _options.option(DEFAULT_ROW_GROUP_SIZE, "events per row group "
                                          "(and per batch held in memory)", minimum=1)
    compression: Compression = _options.option("zstd", "the Parquet compression codec")


def _read_records(source: BinaryInput, policy: ErrorPolicy,
                  options: ReadOptions) -> Iterator[Record]:
    pa = require("pyarrow", "arrow")
    pq = require("pyarrow.parquet", "arrow")
    from conflictevents.tables import _schema

    batch_size = options.batch_size
    # Whatever pyarrow raises on bytes that are not a sound Parquet file (ArrowException,
    # OSError, but also UnicodeDecodeError for names that are not UTF-8, ValueError...) means
    # one thing to a reader: the file is corrupt.
    corrupt = (pa.ArrowException, OSError, ValueError, LookupError, TypeError)
    try:
        opened = pq.ParquetFile(source.stream)
        names = set(opened.schema_arrow.names)
    except corrupt as error:
        raise ParseError(f"not a readable Parquet file ({error})", source=source.name) from None
    if "id" not in names:
        raise ParseError("not an event table: the file has no 'id' column",
                         source=source.name)
    unknown = sorted(names - set(_schema.SCHEMA.names))
    offset = 0

    def bad_row(row: int, column: str, error: Exception) -> None:
        reason = getattr(error, "reason", None) or str(error)
        policy.handle(ParseError(reason, source=source.name, line=offset + row + 1,
                                 column=column, value=getattr(error, "value", None)))

    batches = opened.iter_batches(batch_size=batch_size)
    while True:
        try:
            batch = next(batches, None)
        except corrupt as error:
            raise ParseError(f"corrupt Parquet data ({error})", source=source.name,
                             line=offset + 1) from None
        if batch is None:
            return
        for column in unknown:  # a newer layout's column: counted, not silently ignored
            policy.report.drop(f"extras.{NAME}.{column}", batch.num_rows)
        try:
            events = list(_schema.batch_events(batch, bad_row))
        except ParseError:
            raise
        except corrupt as error:
            raise ParseError(f"corrupt Parquet data ({error})", source=source.name,
                             line=offset + 1) from None
        yield from events
        offset += batch.num_rows


def _write_records(records: Iterable[Record], stream: IO[bytes], report: ConversionReport,
                   options: WriteOptions) -> None:
    pq = require("pyarrow.parquet", "arrow")
    from conflictevents.tables import _schema

    size, compression = options.row_group_size, options.compression
    with pq.ParquetWriter(stream, _schema.SCHEMA, compression=compression) as writer:
        for batch in _schema.iter_record_batches(records, batch_size=size, report=report):
            writer.write_batch(batch, row_group_size=size)


def write_batches(batches: Iterable[Any], target: Target, *, compression: str = "zstd",
                  row_group_size: int = 16_384,
                  report: ConversionReport | None = None) -> ConversionReport:
    """Write record batches of the event table (:data:`conflictevents.tables.SCHEMA`), such as
    those of :func:`conflictevents.tables.iter_batches`, as a Parquet file: batches are
    gathered into row groups of about *row_group_size* rows, and only those are in memory.
    This is how a GDELT file becomes Parquet without making an event object per row::

        from conflictevents import tables
        from conflictevents.formats import parquet
        parquet.write_batches(tables.iter_batches("20241205.export.CSV.zip"), "day.parquet")

    :returns: the report, with ``written`` counting the rows.

    >>> import io
    >>> import pyarrow.parquet as pq
    >>> import conflictevents as ce
    >>> from conflictevents import tables
    >>> from conflictevents.formats import jsonl
    >>> lines = "".join(jsonl.dumps(ce.Event(id=f"E{n}", date="2024-12-05")) + "\\n"
    ...                 for n in range(3))
    >>> target = io.BytesIO()
    >>> write_batches(tables.iter_batches(io.StringIO(lines), "jsonl"), target).written
    3
    >>> pq.read_table(io.BytesIO(target.getvalue())).column("id").to_pylist()
    ['E0', 'E1', 'E2']
    """
    pq = require("pyarrow.parquet", "arrow")
    from conflictevents.formats._binary import open_binary_output
    from conflictevents.tables import _schema

    if compression not in _COMPRESSIONS:
        raise ValueError(f"compression must be one of {', '.join(_COMPRESSIONS)}, "
                         f"not {compression!r}")
    report = report if report is not None else ConversionReport()
    pa = require("pyarrow", "arrow")
    waiting: list[Any] = []  # small batches, gathered into row groups of row_group_size
    rows = 0
    with open_binary_output(target) as stream, \
            pq.ParquetWriter(stream, _schema.SCHEMA, compression=compression) as writer:
        for batch in batches:
            waiting.append(batch)
            rows += batch.num_rows
            report.written += batch.num_rows
            if rows >= row_group_size:
                writer.write_table(pa.Table.from_batches(waiting, schema=_schema.SCHEMA),
                                   row_group_size=rows)
                waiting, rows = [], 0
        if rows:
            writer.write_table(pa.Table.from_batches(waiting, schema=_schema.SCHEMA),
                               row_group_size=rows)
    return report


def _sniff(head: list[str]) -> bool:
    return False  # a binary format: recognised by its magic bytes, not its text


SPEC = register(
    FormatSpec(
        name=NAME,
        title="Parquet event table (conflictevents.tables schema)",
        read=_read_records,
        write=_write_records,
        sniff=_sniff,
        suffixes=(".parquet", ".pq"),
        read_options=ReadOptions,
        write_options=WriteOptions,
        binary=True,
        magic=b"PAR1",
    )
)


def read(source: FileSource, *, on_error: OnError = "raise",
         batch_size: int = DEFAULT_ROW_GROUP_SIZE,
         report: ConversionReport | None = None) -> RecordStream[Event]:
    """Read the events of a Parquet event table, one at a time.

    :param source: a path or a binary file object.
    :param on_error: ``"raise"``, ``"skip"`` or ``"collect"``: what to do with a row the core
        types refuse (its error names the row number as ``line``, and the column).
    :param batch_size: how many rows are decoded at a time.
    :param report: a report to fill.
    """
    return _read(source, NAME, on_error=on_error, report=report, batch_size=batch_size)


def write(records: Iterable[Record], target: Target, *,
          row_group_size: int = DEFAULT_ROW_GROUP_SIZE, compression: Compression = "zstd",
          report: ConversionReport | None = None) -> ConversionReport:
    """Write events as a Parquet event table, one row group per *row_group_size* events.

    >>> import datetime, io
    >>> import conflictevents as ce
    >>> from conflictevents.formats import parquet
    >>> buffer = io.BytesIO()
    >>> event = ce.Event("1", datetime.date(2024, 12, 5), tags=("drone",))
    >>> parquet.write([event], buffer).written
    1
    >>> _ = buffer.seek(0)
    >>> list(parquet.read(buffer)) == [event]
    True

    :param records: events; claims and control changes are left out and counted.
    :param target: a path or a binary file object.
    :param row_group_size: events per row group (and per batch held in memory).
    :param compression: ``"zstd"`` (default), ``"snappy"``, ``"gzip"``, ``"brotli"``,
        ``"lz4"`` or ``"none"``.
    :param report: a report to fill.
    """
    return _write(records, target, NAME, report=report, row_group_size=row_group_size,
                  compression=compression)
