"""Reading dates as sources write them, with the precision they carry.

:func:`parse_date` understands ISO 8601 dates and intervals, the dates news text uses
("5 December 2024", "Thursday, December 5"), months ("December 2024"), years ("2024") and the
thirds of a month ("early December 2024"). It returns an
:class:`~conflictevents.EventDate` whose precision says what the text knew.

>>> import datetime
>>> str(parse_date("2024-12-05"))
'2024-12-05'
>>> str(parse_date("Thursday, December 5", reference=datetime.date(2024, 12, 6)))
'2024-12-05'
>>> str(parse_date("December 2024"))
'2024-12'
>>> str(parse_date("early December 2024"))
'2024-12-01/2024-12-10'
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re

from dateutil import parser as _dateutil_parser

from conflictevents.errors import ParseError
from conflictevents.model.event_date import DatePrecision, EventDate

__all__ = ["parse_date", "parse_iso_date"]

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^\d{4}$")
_THIRDS = {"early": (1, 10), "mid": (11, 20), "middle of": (11, 20), "late": (21, 31)}
_THIRD_PREFIX = re.compile(r"^(early|mid|middle of|late)[\s-]+(.*)$", re.IGNORECASE)
_WEEKDAYS = [name.casefold() for name in calendar.day_name]
_WEEKDAY_ABBR = [name.casefold() for name in calendar.day_abbr]

# Two defaults that differ in every component (both leap years, so 29 February parses):
# a component of the result that differs between them was not in the text.
_DEFAULT_A = _dt.datetime(2000, 1, 1)
_DEFAULT_B = _dt.datetime(2004, 2, 2)


def parse_iso_date(text: str, *, source: str | None = None) -> _dt.date:
    """A ``YYYY-MM-DD`` date, fast; anything else is a :class:`ParseError`."""
    try:
        return _dt.date.fromisoformat(text)
    except (ValueError, TypeError):
        raise ParseError("not an ISO 8601 date (YYYY-MM-DD)", source=source, value=text) from None


def parse_date(text: str, reference: _dt.date | None = None) -> EventDate:
    """The :class:`~conflictevents.EventDate` a piece of text denotes.

    :param text: the date as written.
    :param reference: the date the text was written on (a report's date). It supplies the
        year when the text has none ("Thursday, December 5").
    :returns: a ``DAY`` for a full date, a ``MONTH`` for a month, a ``YEAR`` for a year, and
        a ``SPAN`` for an interval (``"2024-12-01/2024-12-05"``) or a third of a month
        (``"early"`` is days 1-10, ``"mid"`` 11-20, ``"late"`` 21 to the end).
    :raises ParseError: when the text is not a date, names a weekday that does not match the
        date, or has no year and no reference was given.
    """
    if not isinstance(text, str):
        raise ParseError("a date must be text", value=text)
    stripped = " ".join(text.split())
    if not stripped:
        raise ParseError("empty date", value=text)
    if "/" in stripped and _ISO_DAY.match(stripped.split("/", 1)[0]):
        first, _, second = stripped.partition("/")
        start, end = parse_iso_date(first), parse_iso_date(second)
        if end < start:
            raise ParseError("the interval ends before it starts", value=text)
        return EventDate(start, end, DatePrecision.SPAN)
    if _ISO_DAY.match(stripped):
        return EventDate(parse_iso_date(stripped))
    if _YEAR.match(stripped):
        return _year(int(stripped), text)
    iso_month = _ISO_MONTH.match(stripped)
    if iso_month:
        return _month(int(iso_month.group(1)), int(iso_month.group(2)), text)
    third = _THIRD_PREFIX.match(stripped)
    if third:
        month = parse_date(third.group(2), reference)
        if month.precision is not DatePrecision.MONTH:
            raise ParseError("'early', 'mid' and 'late' go with a month", value=text)
        first_day, last_day = _THIRDS[third.group(1).casefold()]
        last_day = min(last_day, month.end.day)
        return EventDate.span(month.start.replace(day=first_day), month.start.replace(day=last_day))
    return _loose(stripped, text, reference)


def _year(year: int, text: str) -> EventDate:
    if not 1 <= year <= 9999:
        raise ParseError("year out of range", value=text)
    return EventDate.year_of(year)


def _month(year: int, month: int, text: str) -> EventDate:
    if not 1 <= month <= 12 or not 1 <= year <= 9999:
        raise ParseError("month out of range", value=text)
    return EventDate.month_of(year, month)


def _loose(stripped: str, text: str, reference: _dt.date | None) -> EventDate:
    try:
        a = _dateutil_parser.parse(stripped, default=_DEFAULT_A, dayfirst=True)
        b = _dateutil_parser.parse(stripped, default=_DEFAULT_B, dayfirst=True)
    except (ValueError, OverflowError, TypeError, ArithmeticError):
        raise ParseError("not a date", value=text) from None
    has_year, has_month, has_day = a.year == b.year, a.month == b.month, a.day == b.day
    if not has_month:
        raise ParseError("not a date (no month or day)", value=text)
    if not has_year:
        if reference is None:
            raise ParseError("the date has no year; give a reference date", value=text)
        year = reference.year
    else:
        year = a.year
    if not has_day:
        return _month(year, a.month, text)
    try:
        day = _dt.date(year, a.month, a.day)
    except ValueError:
        raise ParseError("no such day", value=text) from None
    _check_weekday(stripped, day, text)
    return EventDate(day)


def _check_weekday(stripped: str, day: _dt.date, text: str) -> None:
    words = re.findall(r"[^\W\d_]+", stripped.casefold())
    for word in words:
        if word in _WEEKDAYS:
            named = _WEEKDAYS.index(word)
        elif word in _WEEKDAY_ABBR:
            named = _WEEKDAY_ABBR.index(word)
        else:
            continue
        if named != day.weekday():
            raise ParseError(
                f"{day.isoformat()} is a {calendar.day_name[day.weekday()]}, "
                f"not a {calendar.day_name[named]}",
                value=text,
            )
