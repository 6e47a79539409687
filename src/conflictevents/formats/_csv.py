"""Reading and writing delimited text rows with located errors: shared by the CSV formats."""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal, NamedTuple, TextIO

from conflictevents.errors import InputTooLargeError, ParseError
from conflictevents.formats._io import DEFAULT_MAX_FIELD, LongLine, bad_text

__all__ = [
    "Row",
    "SpreadsheetSafeWriter",
    "detect_line_terminator",
    "neutralise_formula",
    "read_rows",
    "writer",
]

class Row(NamedTuple):
    """One record of a delimited file: its cells and the physical line it starts on (a
    named tuple: one is made per row of every CSV file)."""

    line: int
    cells: list[str]


def detect_line_terminator(first_line: str) -> str:
    """``"\\r\\n"`` if *first_line* ends so, else ``"\\n"``."""
    return "\r\n" if first_line.endswith("\r\n") else "\n"


class _Feeder:
    """The lines of one input, as ``csv.reader`` pulls them, with what read_rows needs.

    It counts physical lines (for the line numbers of errors), keeps the lines of the record
    being read (at most ``max_field`` characters of them), and stops a record that grows past
    ``max_field``: the rest of that record is read and counted but not kept (a quote left
    open cannot gather the rest of the file), and the csv reader is told the input ended.
    """

    def __init__(self, lines: Iterable[str], max_field: int) -> None:
        self._lines = iter(lines)
        self._max = max_field
        self.count = 0  # physical lines pulled so far
        self.exhausted = False
        self.kept: list[str] = []  # the lines of the current record
        self.size = 0  # characters of the current record
        self.quotes = 0  # double quotes in the current record
        self.overflow = 0  # the size of the current record when it passed the limit

    def start_record(self) -> None:
        self.kept.clear()
        self.size = 0
        self.quotes = 0
        self.overflow = 0

    def __iter__(self) -> _Feeder:
        return self

    def _pull(self) -> str:
        try:
            line = next(self._lines)
        except StopIteration:
            self.exhausted = True
            raise
        self.count += 1
        return line

    def __next__(self) -> str:
        if self.overflow:
            raise StopIteration  # ends the csv reader's record; read_rows carries on
        try:  # self._pull(), inline: this runs for every line
            line = next(self._lines)
        except StopIteration:
            self.exhausted = True
            raise
        self.count += 1
        self.size += len(line)
        self.quotes += line.quotes if isinstance(line, LongLine) else line.count('"')
        if self.size <= self._max:
            self.kept.append(line)
            return line
        # Too long: skip to where the record ends (an even number of quotes so far means
        # the line ended outside quotes), counting.
        while self.quotes % 2:
            try:
                line = self._pull()
            except StopIteration:
                break
            self.size += len(line)
            self.quotes += line.quotes if isinstance(line, LongLine) else line.count('"')
        self.overflow = self.size
        self.kept.clear()
        raise StopIteration


_FIELD_LIMIT_ERROR = "field larger than field limit"


def read_rows(
    lines: Iterable[str],
    *,
    source: str,
    delimiter: str = ",",
    max_field: int = DEFAULT_MAX_FIELD,
    quoting: Literal[0, 1, 2, 3] = csv.QUOTE_MINIMAL,
) -> Iterator[Row | ParseError]:
    """Every row of *lines*, or a located :class:`ParseError` in its place.

    A row with a NUL byte, bytes that are not UTF-8, malformed quoting (``"1"2``, a quote
    left open at the end) or a field longer than *max_field* is yielded as an error, and
    reading goes on with the next row. A row (all its lines) longer than *max_field* is
    refused as it is read: no more than *max_field* characters of it are ever held, even
    inside a quote left open.

    The csv module's process-wide ``field_size_limit`` is left alone: a row with a field
    longer than it (131,072 by default) is parsed again with the limit raised to
    *max_field* for the time of that one row.
    """
    feeder = _Feeder(lines, max_field)
    reader = csv.reader(feeder, delimiter=delimiter, quoting=quoting, strict=True)
    kept = feeder.kept
    while True:
        if feeder.size:  # feeder.start_record(), inline
            kept.clear()
            feeder.size = feeder.quotes = feeder.overflow = 0
        start = feeder.count + 1
        try:
            cells = next(reader)
        except StopIteration:
            if feeder.overflow:
                yield _too_long(feeder, source, start, max_field)
                continue
            if feeder.exhausted:
                return
            continue  # pragma: no cover - the csv reader stops only at the end or a limit
        except csv.Error as error:
            if feeder.overflow:
                yield _too_long(feeder, source, start, max_field)
                continue
            if str(error).startswith(_FIELD_LIMIT_ERROR):
                reparsed = _reparse(feeder, delimiter, quoting, max_field)
                if isinstance(reparsed, list):
                    cells = reparsed
                else:
                    if feeder.overflow:
                        yield _too_long(feeder, source, start, max_field)
                    else:
                        yield ParseError(f"malformed row ({reparsed})", source=source,
                                         line=start)
                    continue
            else:
                yield ParseError(f"malformed row ({_explain(error)})", source=source,
                                 line=start)
                continue
        if feeder.overflow:
            yield _too_long(feeder, source, start, max_field)
            continue
        joined = "\x1f".join(cells)
        if len(joined) <= max_field and bad_text(joined) is None:
            yield Row(start, cells)
            continue
        for index, cell in enumerate(cells):
            if len(cell) > max_field:
                yield InputTooLargeError(
                    f"field of {len(cell)} characters is longer than the limit of {max_field}",
                    source=source, line=start, column=index + 1,
                )
                break
            problem = bad_text(cell)
            if problem is not None:
                yield ParseError(problem, source=source, line=start, column=index + 1,
                                 value=cell.encode("utf-8", "surrogateescape"))
                break
        else:
            yield Row(start, cells)


def _explain(error: csv.Error) -> str:
    text = str(error)
    if text.startswith("new-line character seen in unquoted field"):
        return ("a carriage return inside a cell that is not quoted; quote the cell, or "
                "pass a file opened with newline=''")
    if "expected after" in text:
        return f"{text}: a quoted cell must end with its closing quote"
    if text == "unexpected end of data":
        return "a quote left open at the end of the input"
    return text


def _too_long(feeder: _Feeder, source: str, start: int, max_field: int) -> InputTooLargeError:
    end = feeder.count
    where = "a line" if end <= start else f"a row of lines {start}-{end}"
    return InputTooLargeError(
        f"{where} of {feeder.overflow} characters is longer than the limit of {max_field} "
        "(raise max_field to read it)",
        source=source,
        line=start,
    )


def _reparse(
    feeder: _Feeder, delimiter: str, quoting: Literal[0, 1, 2, 3], max_field: int
) -> list[str] | csv.Error:
    """The cells of the current record, read again with the csv field limit raised."""
    kept = list(feeder.kept)
    previous = csv.field_size_limit()
    csv.field_size_limit(max(previous, max_field + 1))
    try:
        again = csv.reader(itertools.chain(kept, feeder), delimiter=delimiter,
                           quoting=quoting, strict=True)
        return next(again)
    except csv.Error as error:
        return error
    except StopIteration:
        return csv.Error("unexpected end of data")
    finally:
        csv.field_size_limit(previous)


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\x00")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
# A spreadsheet in a locale whose list separator is ";" splits an unquoted cell there, so
# each ";"-separated part is a cell of its own to it.
_AFTER_SEMICOLON = re.compile(r";(?=[=+\-@\t\r\x00])")


def neutralise_formula(cell: str) -> str:
    """The cell with a ``'`` in front if a spreadsheet would run it as a formula.

    Following OWASP's guidance on CSV injection (and OWASP ASVS 5.0, 1.2.10), a cell that
    begins with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or a NUL is prefixed
    with a single quote. A cell that is a plain number (``-35.5``, ``+3``) cannot be a
    formula and is left alone, so that coordinates and counts stay numbers. A spreadsheet
    set to a locale that separates values with ``;`` splits a cell there, so each part after
    a ``;`` is treated the same way.

    >>> neutralise_formula("=1+1"), neutralise_formula("-35.5")
    ("'=1+1", '-35.5')
    >>> neutralise_formula("Reuters;=HYPERLINK(1)")
    "Reuters;'=HYPERLINK(1)"
    """
    if ";" in cell and _AFTER_SEMICOLON.search(cell):
        return ";".join(_neutralise_one(part) for part in cell.split(";"))
    return _neutralise_one(cell)


def _neutralise_one(cell: str) -> str:
    if cell.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


class SpreadsheetSafeWriter:
    """A CSV writer that neutralises formula cells (:func:`neutralise_formula`)."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def writerow(self, row: Iterable[str]) -> Any:
        return self._inner.writerow([neutralise_formula(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[str]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(
    stream: TextIO,
    *,
    delimiter: str = ",",
    line_terminator: str = "\n",
    spreadsheet_safe: bool = False,
) -> Any:
    """A ``csv.writer`` with minimal quoting, the given delimiter and line terminator.

    :param spreadsheet_safe: neutralise cells a spreadsheet would run as formulas (off by
        default, because it changes the data: see :func:`neutralise_formula`).
    """
    target: Any = stream
    if line_terminator == "\n":
        # Before Python 3.13 the csv module quotes only the characters of its line terminator,
        # so a cell holding a lone "\r" would be written bare and not read back. Write "\r\n"
        # (which quotes both) and turn each row's terminator into "\n" on the way out.
        target = _LineFeedRows(stream)
        line_terminator = "\r\n"
    inner = csv.writer(
        target, delimiter=delimiter, lineterminator=line_terminator, quoting=csv.QUOTE_MINIMAL
    )
    return SpreadsheetSafeWriter(inner) if spreadsheet_safe else inner


class _LineFeedRows:
    """A stream for ``csv.writer`` that ends each written row with "\n" instead of "\r\n"."""

    __slots__ = ("_write",)

    def __init__(self, stream: TextIO) -> None:
        self._write = stream.write

    def write(self, text: str) -> int:
        if text.endswith("\r\n"):
            text = text[:-2] + "\n"
        return self._write(text)


def header_index(header: Sequence[str]) -> dict[str, int]:
    """Column name -> position, for a header row."""
    return {name: index for index, name in enumerate(header)}
