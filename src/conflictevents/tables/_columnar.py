"""Reading files straight into the event table, batch by batch.

:func:`iter_batches` reads GDELT 1.0 and 2.0 and ICEWS files given by path
(:data:`COLUMNAR_FORMATS`) with the columnar reader: blocks of lines are split and checked
with :mod:`pyarrow.compute`, and the values that come from code books are looked up once per
distinct combination of cells. A row those checks cannot vouch for (another layout, bad
bytes, a code the code books lack, a cell that contradicts another, a number or URL written
unusually) is read by the format's typed row reader with the same error policy, and merged
back in line order; so the table is the typed reader's, with the same warnings and the same
located errors. Every other input (other formats, file objects, an ``encoding=``, a file
that is not UTF-8) is read by the typed reader and gathered into record batches of
:data:`~conflictevents.tables.SCHEMA`. Either way memory stays bounded by the block or batch
size, whatever the size of the file, and :func:`read_table` equals
``to_arrow(conflictevents.read(source))``.
"""

from __future__ import annotations

import collections
import concurrent.futures
import os
from collections.abc import Iterator
from typing import Any, cast

from conflictevents._optional import require
from conflictevents.formats._io import (
    DEFAULT_MAX_DECOMPRESSED,
    DEFAULT_MAX_FIELD,
    DEFAULT_MAX_RATIO,
    FileSource,
    Input,
    open_input,
)
from conflictevents.formats._policy import ErrorPolicy, OnError
from conflictevents.formats._registry import (
    HEAD_LINES,
    ReadFunction,
    _detect_lines,
    binary_format,
    get_format,
)
from conflictevents.formats._registry import read as _typed_read
from conflictevents.formats.report import ConversionReport
from conflictevents.tables._schema import (
    DEFAULT_BATCH_SIZE,
    SCHEMA,
    events_only,
    iter_record_batches,
)

pa = require("pyarrow", "arrow")

__all__ = [
    "COLUMNAR_FORMATS",
    "DEFAULT_BLOCK_SIZE",
    "TABLE_BLOCK_SIZE",
    "iter_batches",
    "read_table",
]

COLUMNAR_FORMATS = ("gdelt1", "gdelt2", "icews")
"""The formats :func:`iter_batches` reads with the columnar reader (from a path)."""

DEFAULT_BLOCK_SIZE = 1024**2
"""Bytes of input the columnar reader splits and checks at a time in :func:`iter_batches`
(small, so that a stream of batches, to Parquet say, stays small in memory)."""

TABLE_BLOCK_SIZE = 8 * 1024**2
"""The same in :func:`read_table`, which holds the whole table anyway: larger blocks are
faster."""

_WORKERS = 1
_AHEAD = 2
_OWN_OPTIONS = frozenset({"max_field", "on_warning", "max_ratio", "block_size"})


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

    GDELT 1.0 and 2.0 and ICEWS files given by path (:data:`COLUMNAR_FORMATS`) are read by the
    columnar reader, block by block; every other input by the format's typed reader (see
    :doc:`/howto/tables`). Both give the same batches, warnings and errors.

    :param source: a path or a file object; gzip and zip are decompressed.
    :param format: the format's name; detected when omitted.
    :param batch_size: the most events per batch.
    :param options: the format reader's own options (``max_field``, ``on_warning``...),
        ``encoding``/``dayfirst`` as :func:`conflictevents.read` takes them, and
        ``block_size``, the bytes of input the columnar reader checks at a time
        (:data:`DEFAULT_BLOCK_SIZE`).
    :raises FormatError: for an unknown format or one that cannot be detected.
    :raises ParseError: for a row that cannot be read (under ``"raise"``), or an input that
        cannot be opened.

    >>> import io
    >>> import conflictevents as ce
    >>> from conflictevents.formats import jsonl
    >>> lines = "".join(jsonl.dumps(ce.Event(id=f"E{n}", date="2024-12-05", fatalities=n)) + "\\n"
    ...                 for n in range(5))
    >>> batches = list(iter_batches(io.StringIO(lines), "jsonl", batch_size=2))
    >>> [batch.num_rows for batch in batches], batches[0].column("id").to_pylist()
    ([2, 2, 1], ['E0', 'E1'])
    """
    report = report if report is not None else ConversionReport()
    block_size = int(options.pop("block_size", DEFAULT_BLOCK_SIZE))
    chosen = _columnar_format(source, format, encoding, options, max_bytes, member)
    if chosen is not None:
        yield from _sliced(_columnar_batches(
            source, chosen, on_error=on_error, report=report, max_bytes=max_bytes,
            member=member, dayfirst=dayfirst, block_size=block_size, **options), batch_size)
        return
    with _typed_read(source, format, on_error=on_error, report=report, max_bytes=max_bytes,
                     member=member, encoding=encoding, dayfirst=dayfirst,
                     **options) as records:
        yield from iter_record_batches(events_only(records, report), batch_size=batch_size)


def _sliced(batches: Iterator[Any], size: int) -> Iterator[Any]:
    if size < 1:
        raise ValueError(f"batch_size must be at least 1, not {size}")
    for batch in batches:
        for start in range(0, batch.num_rows, size):
            yield batch.slice(start, size)


def _columnar_format(source: FileSource, format: str | None, encoding: str | None,
                     options: dict[str, Any], max_bytes: int, member: str | None
                     ) -> str | None:
    """The format to read with the columnar reader, or ``None`` for the typed path: the
    input must be a path to UTF-8 text (the typed reader decides other encodings) in one of
    :data:`COLUMNAR_FORMATS`, read with no option the columnar reader lacks."""
    if not isinstance(source, (str, os.PathLike)) or encoding is not None:
        return None
    if set(options) - _OWN_OPTIONS:
        return None
    if format is not None:
        get_format(format)  # an unknown name is a FormatError
        if format not in COLUMNAR_FORMATS:
            return None
    elif binary_format(source) is not None:
        return None
    name = os.fspath(source)
    max_ratio = float(options.get("max_ratio", DEFAULT_MAX_RATIO))
    with open_input(source, max_bytes=max_bytes, member=member, max_ratio=max_ratio) as opened:
        if opened.encoding != "utf-8" or opened.fallback is not None:
            return None
        if format is None:
            opened.max_line = int(options.get("max_field", DEFAULT_MAX_FIELD))
            format = _detect_lines(opened.head(HEAD_LINES), name or opened.name)
    return format if format in COLUMNAR_FORMATS else None


def _columnar_batches(source: FileSource, fmt: str, *, on_error: OnError,
                      report: ConversionReport, max_bytes: int, member: str | None,
                      dayfirst: bool | None, block_size: int, max_field: int = DEFAULT_MAX_FIELD,
                      on_warning: Any = "report", max_ratio: float = DEFAULT_MAX_RATIO
                      ) -> Iterator[Any]:
    from conflictevents.tables import _kernels
    from conflictevents.tables._columnar_gdelt import GdeltBatches
    from conflictevents.tables._columnar_icews import HEADER, IcewsBatches

    policy = ErrorPolicy(on_error, report, on_warning)
    policy.dayfirst = dayfirst
    with open_input(source, max_bytes=max_bytes, member=member, encoding="utf-8",
                    max_ratio=max_ratio) as opened:
        policy.source = name = opened.name
        stream = opened.stream.buffer
        kind = IcewsBatches if fmt == "icews" else GdeltBatches
        batches = kind(fmt, name, policy, max_field)
        first_line = 1
        # Blocks are checked in worker threads (pyarrow lets go of the interpreter), and
        # finished and handed on here, in file order; at most _AHEAD blocks are in memory.
        pending: collections.deque[Any] = collections.deque()
        pool = concurrent.futures.ThreadPoolExecutor(_WORKERS,
                                                     thread_name_prefix="conflictevents")

        def finished() -> Iterator[Any]:
            batch = batches.finish(pending.popleft().result())
            if batch is not None:
                report.read += batch.num_rows
                yield batch

        try:
            if kind is IcewsBatches:  # the header: the typed reader's, unless it is the usual
                header = stream.readline(len(HEADER) + 3)
                if header not in (HEADER + b"\n", HEADER + b"\r\n"):
                    raise _kernels.EscapeToTyped(header, 1)
                batches.eol = "\r\n" if header.endswith(b"\r\n") else None
                first_line = 2
            for lines in _kernels.block_lines(stream, block_size, max_field, first_line):
                if lines.eol is not None:
                    batches.eol = lines.eol
                pending.append(pool.submit(batches.vectorised, lines))
                if len(pending) >= _AHEAD:
                    yield from finished()
            while pending:
                yield from finished()
        except _kernels.EscapeToTyped as escape:
            while pending:
                yield from finished()
            # The rest of the file is the typed reader's, numbered as in the whole file.
            text = _kernels.padded_rest(escape.rest, stream, escape.line, batches.eol,
                                        HEADER if kind is IcewsBatches else None)
            rest = Input(text, name, "utf-8", None, max_field)
            spec = get_format(fmt)
            read_text = cast(ReadFunction, spec.read)
            records = read_text(rest, policy, spec.read_options(max_field=max_field))

            def counted() -> Iterator[Any]:
                for record in records:
                    report.read += 1
                    yield record

            yield from iter_record_batches(events_only(counted(), report))
        finally:
            for future in pending:
                future.cancel()
            pool.shutdown(wait=True)


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
    options.setdefault("block_size", TABLE_BLOCK_SIZE)
    return pa.Table.from_batches(list(iter_batches(source, format, **options)), schema=SCHEMA)
