"""One day/month order per file, decided from the file's own unambiguous dates.

A file written by one tool uses one convention: ``25/12/2024`` shows that it is day-first,
and then ``12/5/2024`` in the same file is 12 May. Rows are never read one by one in a
different order. A reader wraps its raw rows in :func:`decide`: rows whose dates do not need
the decision pass straight through; a row with an ambiguous date is held back (with the rows
after it, in order) until a later row decides the order, the input ends, or
:data:`MAX_HELD_ROWS` rows are held. Then the held rows are released, and the reader parses
their dates with :attr:`DayOrder.dayfirst`. If nothing decided it, ``dayfirst`` stays ``None``
and :func:`conflictevents.parse_date` refuses each ambiguous date with an
:class:`~conflictevents.errors.AmbiguousDateError` that names the option to pass.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from conflictevents.dates import is_ambiguous_numeric, numeric_day_order

__all__ = ["MAX_HELD_ROWS", "DayOrder", "decide"]

T = TypeVar("T")

MAX_HELD_ROWS = 100_000
"""How many rows a reader holds back, at most, while it looks for a date that decides the
file's day/month order (bounded memory: past that, the order is left undecided)."""


class DayOrder:
    """The day/month order of one input's numeric dates.

    :ivar dayfirst: ``True``, ``False``, or ``None`` while (or if) nothing decides it.
    :ivar given: whether the caller gave the order (``dayfirst=``) rather than the file.
    :ivar evidence: the date text and line that decided it, when the file did.
    :ivar resolved: how many ambiguous dates the file's own order resolved.
    """

    __slots__ = ("contradicted", "dayfirst", "evidence", "given", "resolved")

    def __init__(self, dayfirst: bool | None = None) -> None:
        self.dayfirst = dayfirst
        self.given = dayfirst is not None
        self.evidence: tuple[str, int | None] | None = None
        self.resolved = 0
        self.contradicted = False

    def observe(self, text: str, line: int | None = None) -> bool:
        """Take the order from *text* if it shows one; ``True`` if *text* is ambiguous."""
        shown = numeric_day_order(text)
        if shown is not None:
            if self.dayfirst is None:
                self.dayfirst = shown
                self.evidence = (text, line)
            elif shown != self.dayfirst:
                self.contradicted = True
            return False
        return is_ambiguous_numeric(text)

    @property
    def description(self) -> str:
        """How the order was decided, for reports and ``conflictevents info``."""
        if self.dayfirst is None:
            return "undecided"
        order = "day-first" if self.dayfirst else "month-first"
        if self.given:
            return f"{order} (as given)"
        if self.evidence is not None:
            text, line = self.evidence
            where = f" on line {line}" if line is not None else ""
            return f"{order} (decided by {text!r}{where})"
        return order


def decide(
    rows: Iterable[T],
    order: DayOrder,
    dates_of: Callable[[T], Iterable[str]],
    line_of: Callable[[T], int | None] = lambda row: None,
    *,
    max_held: int = MAX_HELD_ROWS,
) -> Iterator[T]:
    """*rows* in their order, each released once the file's day/month order is known for it.

    :param dates_of: the date texts of a row (empty for a row that is an error already).
    :param line_of: the row's line, for :attr:`DayOrder.evidence`.
    """
    held: deque[T] = deque()
    for row in rows:
        if order.dayfirst is not None and not held:
            for text in dates_of(row):
                if order.observe(text, line_of(row)):
                    order.resolved += 1
            yield row
            continue
        ambiguous = False
        for text in dates_of(row):
            ambiguous = order.observe(text, line_of(row)) or ambiguous
        if ambiguous or held:
            held.append(row)
            if ambiguous:
                order.resolved += 1
        else:
            yield row
        if held and (order.dayfirst is not None or len(held) >= max_held):
            yield from _drain(held)
    yield from _drain(held)
    if order.dayfirst is None:
        order.resolved = 0


def _drain(held: deque[T]) -> Iterator[T]:
    while held:
        yield held.popleft()
