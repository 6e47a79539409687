"""Fatality counts: a best estimate and, where a source gives one, a range."""

from __future__ import annotations

import attrs

from conflictevents.model._checks import fail

MAX_COUNT = 2**63 - 1
"""The largest count a :class:`Fatalities` holds: what a 64-bit integer column (Arrow,
pandas, SQL) can store. A larger number is a data error, and the longest (over 4,300 digits)
could not even be written as text."""


def _count(instance: object, field: str, value: object, *, optional: bool) -> None:
    if value is None and optional:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail(instance, field, value, "must be a whole number")
    if value < 0:
        raise fail(instance, field, value, "must not be negative")
    if value > MAX_COUNT:
        raise fail(instance, field, value, f"must fit in 64 bits (at most {MAX_COUNT})")


@attrs.frozen
class Fatalities:
    """How many people were killed: ``best``, and ``low``/``high`` where the source gives a range.

    >>> Fatalities(12, low=10, high=20)
    Fatalities(best=12, low=10, high=20)

    The counts are kept as the publisher gave them: a range that contradicts the best estimate
    (UCDP GED has real rows with ``high`` below ``best``) is allowed, and :attr:`consistent`
    says so; readers warn about it (``inconsistent-range``). Use :attr:`consistent` where an
    analysis needs ``low <= best <= high``.

    >>> Fatalities(5, high=3).consistent
    False

    :raises ValidationError: for a count that is not a non-negative whole number, or one
        over :data:`MAX_COUNT`.
    """

    best: int
    low: int | None = None
    high: int | None = None

    def __attrs_post_init__(self) -> None:
        _count(self, "best", self.best, optional=False)
        _count(self, "low", self.low, optional=True)
        _count(self, "high", self.high, optional=True)

    @property
    def consistent(self) -> bool:
        """Whether ``low <= best <= high`` (where those are given)."""
        return not (
            (self.low is not None and self.low > self.best)
            or (self.high is not None and self.high < self.best)
            or (self.low is not None and self.high is not None and self.low > self.high)
        )

    def __int__(self) -> int:
        return self.best

    def __str__(self) -> str:
        """The best estimate, with the range where there is one (the ``repr`` has every
        field).

        >>> str(Fatalities(37)), str(Fatalities(12, low=10, high=20)), str(Fatalities(3, high=5))
        ('37', '12 (10-20)', '3 (high 5)')
        """
        if self.low is not None and self.high is not None:
            return f"{self.best} ({self.low}-{self.high})"
        if self.low is not None:
            return f"{self.best} (low {self.low})"
        if self.high is not None:
            return f"{self.best} (high {self.high})"
        return str(self.best)

    def _range(self) -> tuple[int, int]:
        low = self.low if self.low is not None else self.best
        high = self.high if self.high is not None else self.best
        values = (low, self.best, high)
        return min(values), max(values)

    def agrees_with(self, other: Fatalities) -> bool:
        """Whether the two counts' ranges overlap (a point count is its own range)."""
        a0, a1 = self._range()
        b0, b1 = other._range()
        return a0 <= b1 and b0 <= a1
