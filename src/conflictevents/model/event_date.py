"""Dates with a precision: when something happened, as precisely as the source knew it."""

from __future__ import annotations

import calendar
import datetime as _dt
import enum
from typing import Any

import attrs

from conflictevents.model._checks import fail


class DatePrecision(enum.Enum):
    """How precisely a source knew a date.

    The members map one to one onto UCDP GED's ``date_prec`` (1 to 5); ACLED's
    ``time_precision`` uses ``DAY`` (1), ``WEEK`` (2) and ``MONTH`` (3).
    """

    DAY = "day"
    """The day is known."""
    SPAN = "span"
    """The event falls within a span of a few days, given by ``start`` and ``end``."""
    WEEK = "week"
    """The week is known: the true date is within the week around ``start``..``end``."""
    MONTH = "month"
    """The month is known."""
    YEAR = "year"
    """The year is known."""


def _to_date(value: Any) -> Any:
    """Converter: a ``datetime`` becomes its ``date``; an ISO string is parsed."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            return value  # the validator refuses it with a clear message
    return value


def _to_precision(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return DatePrecision(value.strip().lower())
        except ValueError:
            return value
    return value


def to_event_date(value: Any) -> Any:
    """Converter shared by every type with a date: an :class:`EventDate` as it is, a
    ``datetime.date`` (or ``datetime``) that day, and text as
    :func:`conflictevents.parse_date` reads it (``"2024-12-05"``, ``"5 December 2024"``,
    ``"2024-12"``); anything else is left for the validator to refuse."""
    if type(value) is EventDate:
        return value
    if isinstance(value, _dt.date):
        return EventDate(value)
    if isinstance(value, str):
        from conflictevents.dates import parse_date  # the parser builds EventDates
        from conflictevents.errors import ParseError

        try:
            return parse_date(value)
        except ParseError:
            return value
    return value


def to_optional_event_date(value: Any) -> Any:
    """:func:`to_event_date`, with ``None`` kept."""
    return None if value is None else to_event_date(value)


@attrs.frozen(order=False)
class EventDate:
    """A date, or a period, with the precision its source gave it.

    ``start`` and ``end`` are the period the source gives (the same day for a single date);
    ``precision`` is how precisely the source knew it. :attr:`earliest` and :attr:`latest`
    bound the true date.

    >>> import datetime
    >>> EventDate(datetime.date(2024, 12, 5))
    EventDate(start=datetime.date(2024, 12, 5), end=datetime.date(2024, 12, 5), precision=<DatePrecision.DAY: 'day'>)
    >>> str(EventDate.month_of(2024, 12))
    '2024-12'

    :raises ValidationError: if ``end`` is before ``start``, or a ``DAY`` has two different days.
    """  # noqa: E501

    start: _dt.date = attrs.field(converter=_to_date)
    end: _dt.date = attrs.field(converter=_to_date)
    precision: DatePrecision = attrs.field(default=DatePrecision.DAY, converter=_to_precision)

    @end.default
    def _end_default(self) -> _dt.date:
        return self.start

    @start.validator
    def _check_start(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, _dt.date):
            raise fail(self, "start", value, "must be a datetime.date or an ISO 8601 date")

    @end.validator
    def _check_end(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, _dt.date):
            raise fail(self, "end", value, "must be a datetime.date or an ISO 8601 date")
        if value < self.start:
            raise fail(self, "end", value, f"must not be before start {self.start.isoformat()}")

    @precision.validator
    def _check_precision(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, DatePrecision):
            raise fail(self, "precision", value,
                       "must be a DatePrecision: " + ", ".join(p.value for p in DatePrecision))
        if value is DatePrecision.DAY and self.start != self.end:
            raise fail(self, "precision", value.value,
                       "a DAY date has the same start and end; use SPAN for a period")

    # -- constructors --------------------------------------------------------------------------

    @classmethod
    def day(cls, value: _dt.date) -> EventDate:
        """A single, known day."""
        return cls(value, value, DatePrecision.DAY)

    @classmethod
    def span(cls, start: _dt.date, end: _dt.date) -> EventDate:
        """A period of days, from *start* to *end* inclusive."""
        return cls(start, end, DatePrecision.SPAN)

    @classmethod
    def week_of(cls, value: _dt.date) -> EventDate:
        """A date known to within a week (ACLED's time_precision 2)."""
        return cls(value, value, DatePrecision.WEEK)

    @classmethod
    def month_of(cls, year: int, month: int) -> EventDate:
        """A whole month."""
        last = calendar.monthrange(year, month)[1]
        return cls(_dt.date(year, month, 1), _dt.date(year, month, last), DatePrecision.MONTH)

    @classmethod
    def year_of(cls, year: int) -> EventDate:
        """A whole year."""
        return cls(_dt.date(year, 1, 1), _dt.date(year, 12, 31), DatePrecision.YEAR)

    # -- what the date means -------------------------------------------------------------------

    @property
    def is_exact(self) -> bool:
        """Whether the date is a single known day."""
        return self.precision is DatePrecision.DAY

    @property
    def earliest(self) -> _dt.date:
        """The earliest day the event can have happened on."""
        return self._bounds()[0]

    @property
    def latest(self) -> _dt.date:
        """The latest day the event can have happened on."""
        return self._bounds()[1]

    def _bounds(self) -> tuple[_dt.date, _dt.date]:
        start, end = self.start, self.end
        if self.precision is DatePrecision.WEEK:
            pad = 6 - (end - start).days
            if pad > 0:
                before = _dt.timedelta(days=pad // 2)
                return start - before, end + _dt.timedelta(days=pad) - before
        elif self.precision is DatePrecision.MONTH:
            if (start.year, start.month) == (end.year, end.month):
                last = calendar.monthrange(end.year, end.month)[1]
                return start.replace(day=1), end.replace(day=last)
        elif self.precision is DatePrecision.YEAR and start.year == end.year:
            return _dt.date(start.year, 1, 1), _dt.date(end.year, 12, 31)
        return start, end

    def contains(self, day: _dt.date) -> bool:
        """Whether the event may have happened on *day* (between :attr:`earliest` and
        :attr:`latest`)."""
        earliest, latest = self._bounds()
        return earliest <= day <= latest

    def overlaps(self, other: EventDate) -> bool:
        """Whether the two dates may denote the same day."""
        a0, a1 = self._bounds()
        b0, b1 = other._bounds()
        return a0 <= b1 and b0 <= a1

    def __str__(self) -> str:
        start, end = self.start, self.end
        if self.precision is DatePrecision.DAY:
            return start.isoformat()
        if self.precision is DatePrecision.MONTH and (start, end) == self._bounds() and (
            start.month == end.month and start.year == end.year
        ):
            return start.strftime("%Y-%m")
        if self.precision is DatePrecision.YEAR and (start, end) == self._bounds():
            return f"{start.year:04d}"
        text = start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"
        return text if self.precision is DatePrecision.SPAN else f"{text} ({self.precision.value})"
