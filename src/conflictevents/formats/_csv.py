"""Reading and writing delimited text rows with located errors: shared by the CSV formats."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal, TextIO

import attrs

from conflictevents.errors import InputTooLargeError, ParseError
from conflictevents.formats._io import DEFAULT_MAX_FIELD, bad_text

__all__ = ["Row", "detect_line_terminator", "read_rows", "writer"]

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


def writer(
    stream: TextIO, *, delimiter: str = ",", line_terminator: str = "\n"
) -> Any:
    """A ``csv.writer`` with minimal quoting, the given delimiter and line terminator."""
    return csv.writer(
        stream, delimiter=delimiter, lineterminator=line_terminator, quoting=csv.QUOTE_MINIMAL
    )


def header_index(header: Sequence[str]) -> dict[str, int]:
    """Column name -> position, for a header row."""
    return {name: index for index, name in enumerate(header)}
