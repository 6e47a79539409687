"""Reading and writing delimited text rows with located errors: shared by the CSV formats."""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal, TextIO

import attrs

from conflictevents.errors import InputTooLargeError, ParseError
from conflictevents.formats._io import DEFAULT_MAX_FIELD, bad_text

__all__ = [
    "Row",
    "SpreadsheetSafeWriter",
    "detect_line_terminator",
    "neutralise_formula",
    "read_rows",
    "writer",
]

# The csv module's own limit is lifted; the limit we enforce is max_field, with our message.
csv.field_size_limit(sys.maxsize if sys.maxsize < 2**63 else 2**62)


@attrs.frozen
class Row:
    """One record of a delimited file: its cells and the physical line it starts on."""

    line: int
    cells: list[str]


def detect_line_terminator(first_line: str) -> str:
    """``"\\r\\n"`` if *first_line* ends so, else ``"\\n"``."""
    return "\r\n" if first_line.endswith("\r\n") else "\n"


def read_rows(
    lines: Iterable[str],
    *,
    source: str,
    delimiter: str = ",",
    max_field: int = DEFAULT_MAX_FIELD,
    quoting: Literal[0, 1, 2, 3] = csv.QUOTE_MINIMAL,
) -> Iterator[Row | ParseError]:
    """Every row of *lines*, or a located :class:`ParseError` in its place.

    A row with a NUL byte, bytes that are not UTF-8 or a field longer than *max_field* is
    yielded as an error, and reading goes on with the next row. A quoting error that leaves
    the rest of the file unreadable ends the iteration with its error.
    """
    # Every line is checked on its way in, so that a huge field is refused before the csv
    # module has gathered all of it.
    oversized: list[int] = []

    def guarded(raw: Iterable[str]) -> Iterator[str]:
        for text in raw:
            if len(text) > max_field:
                oversized.append(len(text))
                yield "\n"
            else:
                yield text

    reader = csv.reader(guarded(lines), delimiter=delimiter, quoting=quoting, strict=False)
    previous_end = 0
    while True:
        start = previous_end + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield ParseError(f"malformed row ({error})", source=source, line=start)
            return
        previous_end = reader.line_num
        if oversized:
            size = oversized.pop()
            oversized.clear()
            yield InputTooLargeError(
                f"a line of {size} characters is longer than the limit of {max_field} "
                "(raise max_field to read it)",
                source=source,
                line=start,
            )
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


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def neutralise_formula(cell: str) -> str:
    """The cell with a ``'`` in front if a spreadsheet would run it as a formula.

    Following OWASP's guidance on CSV injection, a cell that begins with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return is prefixed with a single quote. A cell that is a plain
    number (``-35.5``, ``+3``) cannot be a formula and is left alone, so that coordinates and
    counts stay numbers.

    >>> neutralise_formula("=1+1"), neutralise_formula("-35.5")
    ("'=1+1", '-35.5')
    """
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
