"""The columnar path: reading files straight into the event table, batch by batch.

For the tab-separated formats with a columnar reader (:data:`COLUMNAR_FORMATS`), pyarrow's
CSV reader splits the input into record batches of raw cells (bytes: UTF-8 is checked per
cell, so that one bad row is one located error, not a failed file); the format's converter
checks them with vectorised functions (:mod:`pyarrow.compute`, dictionary look-ups of the
code books for the distinct values of a batch) and builds the columns of
:data:`~conflictevents.tables.SCHEMA`. Rows whose number of fields is not the batch's layout
come through pyarrow's ``invalid_row_handler`` with their line number: those of another
layout of the format (GDELT 1.0 files mix 57- and 58-field rows) are converted on the side
and merged back in file order; the others are located errors. Every error is the
:class:`~conflictevents.ParseError` the typed reader gives, on the same line and column, and
goes through the same ``on_error`` policy.

Other formats are read by the typed reader and converted with
:func:`~conflictevents.tables.iter_record_batches`: the table is the same, only slower.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
from collections.abc import Callable, Iterator
from typing import IO, Any

import attrs

from conflictevents._optional import require
from conflictevents.errors import InputTooLargeError, ParseError
from conflictevents.formats._io import (
    DEFAULT_MAX_DECOMPRESSED,
    DEFAULT_MAX_FIELD,
    Source,
    open_input,
)
from conflictevents.formats._policy import ErrorPolicy, OnError
from conflictevents.formats._registry import binary_format, detect_format, get_format
from conflictevents.formats._registry import read as _typed_read
from conflictevents.formats.report import ConversionReport
from conflictevents.tables._schema import (
    DEFAULT_BATCH_SIZE,
    SCHEMA,
    events_only,
    iter_record_batches,
)

pa = require("pyarrow", "arrow")
pv = require("pyarrow.csv", "arrow")
np = require("numpy", "arrow")
pc = require("pyarrow.compute", "arrow")

__all__ = ["COLUMNAR_FORMATS", "DEFAULT_BLOCK_SIZE", "iter_batches", "read_table"]

DEFAULT_BLOCK_SIZE = 1024**2
"""How many bytes of input the columnar reader parses at a time (about one record batch)."""

Converter = Callable[[dict[str, Any], tuple[str, ...], Any, "Context"], tuple[Any, "Errors"]]


@attrs.frozen
class TabularFormat:
    """A tab-separated format with a columnar converter.

    :param name: the format's registry name.
    :param layouts: field count -> column names.
    :param convert: raw cells (column -> binary array), the layout, the line numbers (a numpy
        array) and the context -> (a record batch of :data:`SCHEMA`, the row errors).
    :param layout_error: field count -> the reason a row of that many fields is refused.
    :param check_header: for a format with a header line, the check of that line (its text
        and the source's name), which raises the typed reader's
        :class:`~conflictevents.ParseError`.
    """

    name: str
    layouts: dict[int, tuple[str, ...]]
    convert: Converter
    layout_error: Callable[[int], str]
    check_header: Callable[[str, str], None] | None = None


@attrs.define
class Context:
    """What a converter needs besides the cells: where the data come from, the limits."""

    source: str
    max_field: int
    caches: dict[str, dict[str, Any]] = attrs.Factory(dict)
    """The converter's memory of distinct values, kept from batch to batch."""
    clean: Callable[[], bool] = lambda: False
    """Whether every byte read so far is UTF-8 without NUL (then no cell needs a check)."""
    block_size: int = 0
    """Bytes parsed at a time: no line is longer (pyarrow refuses one that would be)."""
    bad_lines: dict[int, bytes] = attrs.Factory(dict)
    """Lines with bytes that are not UTF-8, as they were (their cells hold ``?`` instead),
    by their number after ``line_offset``."""
    line_offset: int = 0
    """Lines before the ones pyarrow reads (a header)."""

    def original(self, line: int) -> bytes | None:
        """Line *line* as it was in the input, if it had bytes that are not UTF-8."""
        return self.bad_lines.get(line - self.line_offset)

    def may_be_too_long(self, raw: dict[str, Any]) -> bool:
        """Whether a line of these cells may be longer than ``max_field``."""
        if 0 < self.block_size <= self.max_field:
            return False
        return bool(sum(cells.nbytes for cells in raw.values()) > self.max_field)


class Errors:
    """The first error of each row of a batch; a row keeps the first error given to it, so
    checks must be made in the order the typed reader makes them."""

    def __init__(self, lines: Any, source: str) -> None:
        self.lines = lines
        self.source = source
        self.bad = np.zeros(len(lines), dtype=bool)
        self.found: dict[int, ParseError] = {}

    def add(self, mask: Any, column: str | None, reason: str, values: Any = None,
            kind: type[ParseError] = ParseError) -> None:
        """Give every row of *mask* (a numpy bool array) without an error this one."""
        new = np.asarray(mask, dtype=bool) & ~self.bad
        if not new.any():
            return
        for row in np.flatnonzero(new).tolist():
            value = None if values is None else _cell(values, row)
            self.found[row] = kind(reason, source=self.source, line=int(self.lines[row]),
                                   column=column, value=value)
        self.bad |= new

    def add_each(self, rows: Any, error_of: Callable[[int], tuple[str | None, str, Any]],
                 kind: type[ParseError] = ParseError) -> None:
        """Give each row of *rows* without an error the (column, reason, value) *error_of*
        returns for it."""
        for row in np.asarray(rows).tolist():
            if self.bad[row]:
                continue
            column, reason, value = error_of(row)
            self.found[row] = kind(reason, source=self.source, line=int(self.lines[row]),
                                   column=column, value=value)
            self.bad[row] = True

    def sorted(self) -> list[ParseError]:
        return [self.found[row] for row in sorted(self.found)]


def _cell(values: Any, row: int) -> Any:
    if isinstance(values, list):
        return values[row]
    return values[row].as_py()


# -- opening the input as bytes ---------------------------------------------------------------


class _EncodedText(io.RawIOBase):
    """A byte stream over text (UTF-8; lone surrogates back to the bytes they stand for)."""

    def __init__(self, chunks: Iterator[str]) -> None:
        self._chunks = chunks
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = chunk.encode("utf-8", "surrogateescape")
        view = memoryview(buffer)
        size = min(len(view), len(self._pending))
        view[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


_EMPTY_LINES = (b"\n", b"\r\n", b"\r")


class _Checked(io.RawIOBase):
    """A byte stream that checks the input as it goes through, once, in C: whether it is UTF-8
    without NUL so far (then no cell needs a check), and which lines are empty.

    Bytes that are not UTF-8 are passed on as ``?`` (one for one, so lengths stay) and their
    lines kept as they were in :attr:`bad_lines`, by line number: pyarrow then always sees
    text, and such a row is refused as the typed reader refuses it, naming its first bad cell.
    pyarrow skips empty lines and numbers the others; :meth:`physical` turns its numbers into
    the input's line numbers.
    """

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self._decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
        self.clean = True
        self.bad_lines: dict[int, bytes] = {}
        self._line = 0
        self._carry = b""
        self._carry_out = b""
        self._empty: list[int] = []
        self._pending = b""
        self._done = False

    def readable(self) -> bool:
        return True

    def physical(self, numbers: Any) -> Any:
        """The input's line numbers of the non-empty lines numbered *numbers* (1-based)."""
        empty = np.asarray(self._empty, dtype=np.int64)
        before = empty - np.arange(1, len(empty) + 1, dtype=np.int64)  # non-empty lines before
        numbers = np.asarray(numbers, dtype=np.int64)
        return numbers + np.searchsorted(before, numbers, side="left")

    def _lines(self, original: bytes, out: bytes, final: bool) -> None:
        parts = (self._carry + original).splitlines(keepends=True)
        differs = out is not original or self._carry_out != self._carry
        outs = (self._carry_out + out).splitlines(keepends=True) if differs else parts
        self._carry = self._carry_out = b""
        if not final and parts and (parts[-1].endswith(b"\r")
                                    or not parts[-1].endswith(b"\n")):
            self._carry = parts.pop()  # a line not ended yet (or a \r before a \n, maybe)
            self._carry_out = outs.pop() if outs is not parts else self._carry
        first = self._line
        self._empty += [first + i for i, part in enumerate(parts, start=1)
                        if len(part) <= 2 and part in _EMPTY_LINES]
        if outs is not parts:
            for i, (part, shown) in enumerate(zip(parts, outs, strict=True), start=1):
                if part != shown:
                    self.bad_lines[first + i] = part.rstrip(b"\r\n")
        self._line = first + len(parts)

    def _next(self) -> bytes:
        data = self._inner.read(1 << 20)
        final = not data
        text = self._decoder.decode(data, final=final)
        original = text.encode("utf-8", "surrogateescape")
        out = original
        if b"\x00" in original:
            self.clean = False
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8: passed on as "?"
            self.clean = False
            out = text.encode("utf-8", "replace")
        self._lines(original, out, final)
        self._done = final
        return out

    def readinto(self, buffer: Any) -> int:
        # Fill the buffer: pyarrow makes a block of what one read gives.
        view = memoryview(buffer).cast("B")
        size = 0
        while size < len(view):
            if not self._pending:
                if self._done:
                    break
                self._pending = self._next()
                continue
            step = min(len(view) - size, len(self._pending))
            view[size : size + step] = self._pending[:step]
            self._pending = self._pending[step:]
            size += step
        return size


@contextlib.contextmanager
def _open_bytes(source: Source, *, max_bytes: int, member: str | None
                ) -> Iterator[tuple[IO[bytes], str]]:
    """*source* as a buffered byte stream (decompressed, without a byte order mark)."""
    with open_input(source, max_bytes=max_bytes, member=member) as opened:
        inner = getattr(opened.stream, "buffer", None)
        ours = isinstance(source, (str, os.PathLike)) or not _is_text(source)
        if ours and inner is not None and hasattr(inner, "peek"):
            if inner.peek(3)[:3] == b"\xef\xbb\xbf":
                inner.read(3)
            yield inner, opened.name
            return
        # A text stream: its characters, encoded back (a byte order mark in it stays, as it
        # does for the typed reader).
        yield io.BufferedReader(_EncodedText(opened.lines()), 1 << 16), opened.name


def _is_text(stream: object) -> bool:
    return isinstance(stream, io.TextIOBase) or isinstance(getattr(stream, "encoding", None), str)


def _first_line(stream: Any) -> bytes:
    """The first line of a buffered byte stream, consumed, ended as Python's universal
    newlines end it (``\n``, ``\r\n`` or ``\r``)."""
    line = bytearray()
    while True:
        byte = stream.read(1)
        if not byte:
            return bytes(line)
        line += byte
        if byte == b"\n":
            return bytes(line)
        if byte == b"\r":
            if stream.peek(1)[:1] == b"\n":
                line += stream.read(1)
            return bytes(line)


def _strip_terminator(line: str) -> str:
    if line.endswith("\r\n"):
        return line[:-2]
    return line[:-1] if line.endswith(("\n", "\r")) else line


def _head_lines(stream: Any, count: int = 2) -> list[str]:
    """The first lines of a buffered byte stream, without consuming them."""
    data = stream.peek(1 << 16)[: 1 << 16]
    text: str = data.decode("utf-8", "surrogateescape")
    return text.splitlines(keepends=True)[:count]


# -- reading ----------------------------------------------------------------------------------


def _tabular(name: str) -> TabularFormat | None:
    if name in ("gdelt1", "gdelt2"):
        from conflictevents.tables import _gdelt

        return _gdelt.FORMATS[name]
    if name == "icews":
        from conflictevents.tables import _icews

        return _icews.FORMAT
    return None


COLUMNAR_FORMATS = ("gdelt1", "gdelt2", "icews")
"""The formats :func:`read_table` reads with vectorised checks (the others go through the
typed reader)."""


def _line_numbers(count: int, last: int, pending: list[int]) -> tuple[Any, int]:
    """The line numbers of the next *count* good rows after line *last*, skipping the lines
    in *pending* (sorted); and how many of *pending* they passed."""
    passed = 0
    while passed < len(pending) and pending[passed] <= last + count + passed:
        passed += 1
    span = np.arange(last + 1, last + count + passed + 1, dtype=np.int64)
    if passed:
        span = span[~np.isin(span, np.asarray(pending[:passed], dtype=np.int64))]
    return span, passed


def _side_rows(fmt: TabularFormat, main: int, rows: list[tuple[int, str]], context: Context
               ) -> tuple[list[tuple[Any, Any]], list[ParseError]]:
    """Convert the rows that did not have the main layout's number of fields."""
    errors: list[ParseError] = []
    groups: dict[int, list[tuple[int, str]]] = {}
    for line, text in rows:
        if len(text) > context.max_field:
            errors.append(InputTooLargeError(
                f"a line of {len(text)} characters is longer than the limit of "
                f"{context.max_field} (raise max_field to read it)", source=context.source,
                line=line))
            continue
        count = text.count("\t") + 1
        if count in fmt.layouts and count != main:
            groups.setdefault(count, []).append((line, text))
        else:
            errors.append(ParseError(fmt.layout_error(count), source=context.source, line=line))
    converted = []
    for count, group in groups.items():
        columns = fmt.layouts[count]
        texts = pa.array([text.encode("utf-8", "surrogateescape") for _, text in group],
                         pa.binary())
        split = pc.split_pattern(texts, b"\t")
        cells = {name: pc.list_element(split, i) for i, name in enumerate(columns)}
        lines = np.asarray([line for line, _ in group], dtype=np.int64)
        batch, found = fmt.convert(cells, columns, lines, context)
        converted.append((batch, found.lines[~found.bad]))
        errors += found.sorted()
    return converted, errors


def _tabular_batches(fmt: TabularFormat, stream: Any, name: str, policy: ErrorPolicy,
                     block_size: int, max_field: int) -> Iterator[Any]:
    offset = 0  # lines before the ones pyarrow reads
    if fmt.check_header is not None:
        header = _first_line(stream)
        if not header:
            return
        fmt.check_header(_strip_terminator(header.decode("utf-8", "surrogateescape")), name)
        offset = 1
    head = _head_lines(stream, 1)
    first = head[0].rstrip("\r\n").count("\t") + 1 if head else max(fmt.layouts)
    main = first if first in fmt.layouts else max(fmt.layouts)
    columns = fmt.layouts[main]
    invalid: list[tuple[int, str]] = []

    def handler(row: Any) -> str:
        invalid.append((row.number if row.number is not None else -1, row.text))
        return "skip"

    if not stream.peek(1):
        return  # an empty input has no rows
    checked = _Checked(stream)
    context = Context(name, max_field, clean=lambda: checked.clean, block_size=block_size,
                      bad_lines=checked.bad_lines, line_offset=offset)
    try:
        reader = _open_csv(checked, columns, handler, block_size, max_field)
    except pa.ArrowInvalid as error:
        raise InputTooLargeError(f"cannot split the input into rows ({error})",
                                 source=name, line=1) from None
    def physical(rows: list[tuple[int, str]]) -> list[tuple[int, str]]:
        lines = checked.physical([number for number, _ in rows]) + offset
        return [(int(line), text) for line, (_, text) in zip(lines, rows, strict=True)]

    last = 0  # pyarrow's number of the last row seen (empty lines are not numbered)
    try:
        while True:
            try:
                batch = reader.read_next_batch()
            except StopIteration:
                batch = None
            except pa.ArrowInvalid as error:
                raise InputTooLargeError(f"cannot split the input into rows ({error})",
                                         source=name,
                                         line=int(checked.physical([last + 1])[0]) + offset
                                         ) from None
            if batch is None:
                extra, invalid[:] = sorted(invalid), []
                yield from _emit([], _side_rows(fmt, main, physical(extra), context), policy)
                return
            invalid.sort()
            pending = [line for line, _ in invalid]
            lines, passed = _line_numbers(batch.num_rows, last, pending)
            side, invalid[:] = invalid[:passed], invalid[passed:]
            if batch.num_rows:
                last = int(lines[-1])
            if side:
                last = max(last, side[-1][0])
            cells = {column: batch.column(i) for i, column in enumerate(columns)}
            converted, found = fmt.convert(cells, columns, checked.physical(lines) + offset,
                                           context)
            parts = [(converted, found.lines[~found.bad])]
            yield from _emit(parts, _side_rows(fmt, main, physical(side), context), policy,
                             found.sorted())
    finally:
        with contextlib.suppress(Exception):
            reader.close()


def _open_csv(stream: Any, columns: tuple[str, ...], handler: Callable[[Any], str],
              block_size: int, max_field: int) -> Any:
    return pv.open_csv(
        stream,
        read_options=pv.ReadOptions(column_names=list(columns), use_threads=False,
                                    block_size=block_size),
        parse_options=pv.ParseOptions(delimiter="\t", quote_char=False, double_quote=False,
                                      escape_char=False, newlines_in_values=False,
                                      ignore_empty_lines=True, invalid_row_handler=handler),
        convert_options=pv.ConvertOptions(column_types={c: pa.binary() for c in columns},
                                          strings_can_be_null=False,
                                          quoted_strings_can_be_null=False, check_utf8=False),
    )


def _emit(parts: list[tuple[Any, Any]], side: tuple[list[tuple[Any, Any]], list[ParseError]],
          policy: ErrorPolicy, errors: list[ParseError] | None = None) -> Iterator[Any]:
    """Merge converted rows in line order and apply the error policy, as the typed reader
    would: rows before the first error are yielded before it is raised."""
    parts = [p for p in [*parts, *side[0]] if p[0].num_rows]
    errors = sorted([*(errors or []), *side[1]], key=lambda e: e.line or 0)
    batch = None
    lines = np.zeros(0, dtype=np.int64)
    if parts:
        batch = parts[0][0]
        if len(parts) > 1:
            batch = pa.Table.from_batches([p[0] for p in parts]).combine_chunks().to_batches()[0]
        lines = np.concatenate([p[1] for p in parts])
        if len(parts) > 1:
            order = np.argsort(lines, kind="stable")
            batch, lines = batch.take(pa.array(order)), lines[order]
    if errors and policy.mode == "raise":
        before = int(np.searchsorted(lines, errors[0].line or 0))
        if before and batch is not None:
            policy.report.read += before
            yield batch.slice(0, before)
        policy.handle(errors[0])
    for error in errors:
        policy.handle(error)
    if batch is not None and batch.num_rows:
        policy.report.read += batch.num_rows
        yield batch


def iter_batches(
    source: Source,
    format: str | None = None,
    *,
    on_error: OnError = "raise",
    report: ConversionReport | None = None,
    block_size: int = DEFAULT_BLOCK_SIZE,
    max_field: int = DEFAULT_MAX_FIELD,
    max_bytes: int = DEFAULT_MAX_DECOMPRESSED,
    member: str | None = None,
) -> Iterator[Any]:
    """Read *source* as record batches of :data:`~conflictevents.tables.SCHEMA`.

    For the formats of :data:`COLUMNAR_FORMATS` (GDELT 1.0 and 2.0, ICEWS) the checks are
    vectorised; the other formats are read by their typed reader. Either way the batches hold
    the events :func:`conflictevents.read` gives, in the same order, and a row that cannot be
    read is the same located :class:`~conflictevents.ParseError` under the same *on_error*
    policy (counted in *report*).

    :param source: a path or a file object; gzip and zip are decompressed.
    :param format: the format's name; detected from the first lines when omitted.
    :param block_size: bytes of input parsed at a time (columnar formats): about one record
        batch. A line longer than this cannot be split into cells and stops the read with an
        :class:`~conflictevents.InputTooLargeError` (raise *block_size* to read it).
    :param max_field: the longest line accepted, in characters.
    :raises FormatError: for an unknown format or one that cannot be detected.
    :raises ParseError: for a row that cannot be read (under ``"raise"``), or an input that
        cannot be opened.
    """
    report = report if report is not None else ConversionReport()
    policy = ErrorPolicy(on_error, report)
    if format is not None:
        get_format(format)  # an unknown name is a FormatError now
    else:
        binary = binary_format(source)  # Parquet, recognised by its magic bytes
        format = binary.name if binary is not None else None
    if format is not None and get_format(format).binary:
        with _typed_read(source, format, on_error=on_error, report=report) as records:
            yield from iter_record_batches(events_only(records, report),
                                           batch_size=DEFAULT_BATCH_SIZE)
        return
    with _open_bytes(source, max_bytes=max_bytes, member=member) as (stream, name):
        chosen = format if format is not None else detect_format(_head_lines(stream), name)
        fmt = _tabular(chosen)
        if fmt is not None:
            yield from _tabular_batches(fmt, stream, name, policy, block_size, max_field)
            return
        options: dict[str, Any] = {}
        if "max_field" in get_format(chosen).read_options:
            options["max_field"] = max_field
        # The typed reader, on the path (so that its errors name it) or on the bytes peeked at.
        again = source if isinstance(source, (str, os.PathLike)) else stream
        with _typed_read(again, chosen, on_error=on_error, report=report, max_bytes=max_bytes,
                         member=member, **options) as records:
            yield from iter_record_batches(events_only(records, report),
                                           batch_size=DEFAULT_BATCH_SIZE)


def read_table(
    source: Source,
    format: str | None = None,
    *,
    on_error: OnError = "raise",
    report: ConversionReport | None = None,
    block_size: int = DEFAULT_BLOCK_SIZE,
    max_field: int = DEFAULT_MAX_FIELD,
    max_bytes: int = DEFAULT_MAX_DECOMPRESSED,
    member: str | None = None,
) -> Any:
    """Read *source* into a :class:`pyarrow.Table` of :data:`~conflictevents.tables.SCHEMA`.

    The table equals ``to_arrow(conflictevents.read(source, format))``: the same events, the
    same errors (see :func:`iter_batches`, which takes the same arguments).

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
    batches = iter_batches(source, format, on_error=on_error, report=report,
                           block_size=block_size, max_field=max_field, max_bytes=max_bytes,
                           member=member)
    return pa.Table.from_batches(list(batches), schema=SCHEMA)
