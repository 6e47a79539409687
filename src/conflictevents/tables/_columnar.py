"""Reading files straight into the event table, batch by batch.

:func:`iter_batches` reads any format with its typed reader (so every check, warning and
located error of the reading contract applies) and gathers the events into record batches of
:data:`~conflictevents.tables.SCHEMA`, one batch at a time: memory stays bounded by the batch
size, whatever the size of the file. :func:`read_table` gathers the batches into one table,
which equals ``to_arrow(conflictevents.read(source))`` by construction.

A vectorised reader for GDELT and ICEWS (pyarrow's CSV reader and :mod:`pyarrow.compute`
checks) was built against the typed readers of 0.1.0 and taken out before release, when the
typed readers learnt the publishers' real files (lower-case CAMEO blocks, codes kept with
warnings, back-file coordinates): it no longer gave the same table, and a faster path that
disagrees with the typed one is not one this library ships. It is in the project's history
to be brought level with the typed readers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from conflictevents._optional import require
from conflictevents.formats._io import DEFAULT_MAX_DECOMPRESSED, FileSource
from conflictevents.formats._policy import OnError
from conflictevents.formats._registry import read as _typed_read
from conflictevents.formats.report import ConversionReport
from conflictevents.tables._schema import (
    DEFAULT_BATCH_SIZE,
    SCHEMA,
    events_only,
    iter_record_batches,
)

pa = require("pyarrow", "arrow")

__all__ = ["iter_batches", "read_table"]


def iter_batches(
    source: FileSource,
    format: str | None = None,
    *,
    on_error: OnError = "raise",
    report: ConversionReport | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_bytes: int = DEFAULT_MAX_DECOMPRESSED,
    member: str | None = None,
    encoding: str | None = None,
    dayfirst: bool | None = None,
    **options: Any,
) -> Iterator[Any]:
    """Read *source* as record batches of :data:`~conflictevents.tables.SCHEMA`.

    The batches hold the events :func:`conflictevents.read` gives, in the same order; a row
    that cannot be read is the same located :class:`~conflictevents.ParseError` under the same
    *on_error* policy, and the warnings are in *report*. Claims and control changes (JSON
    Lines) are counted in the report as left out: the table holds events.

    :param source: a path or a file object; gzip and zip are decompressed.
    :param format: the format's name; detected when omitted.
    :param batch_size: events per batch.
    :param options: the format reader's own options, and ``encoding``/``dayfirst`` as
        :func:`conflictevents.read` takes them.
    :raises FormatError: for an unknown format or one that cannot be detected.
    :raises ParseError: for a row that cannot be read (under ``"raise"``), or an input that
        cannot be opened.
    """
    report = report if report is not None else ConversionReport()
    with _typed_read(source, format, on_error=on_error, report=report, max_bytes=max_bytes,
                     member=member, encoding=encoding, dayfirst=dayfirst,
                     **options) as records:
        yield from iter_record_batches(events_only(records, report), batch_size=batch_size)


def read_table(source: FileSource, format: str | None = None, **options: Any) -> Any:
    """Read *source* into a :class:`pyarrow.Table` of :data:`~conflictevents.tables.SCHEMA`:
    ``to_arrow(conflictevents.read(source, format))``. It takes the arguments of
    :func:`iter_batches`.

    >>> import io
    >>> from conflictevents import tables
    >>> row = "\\t".join(["1", "20241205", "202412", "2024", "2024.9260", *[""] * 20,
    ...                   "1", "190", "190", "19", "4", "-10.0", "2", "1", "2", "-5.1",
    ...                   *(["0", "", "", "", "", "", "", ""] * 3), "20241205101500",
    ...                   "https://www.example.com/news/1"])
    >>> table = tables.read_table(io.StringIO(row + "\\n"), "gdelt2")
    >>> table["id"].to_pylist(), table["sources"][0].as_py()[0]["name"]
    (['1'], 'example.com')
    """
    return pa.Table.from_batches(list(iter_batches(source, format, **options)), schema=SCHEMA)
