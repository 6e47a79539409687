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

ISO 8601 date-times are dates in year-month-day order whatever their time part
(``2024-12-05T00:00:00Z``, ``2009-06-09 00:00:00.000``); so are compact ``20241205`` and
``2024/12/05``. Numeric dates with the day and the month both in front (``12/5/2024``) are
read day-first or month-first only when the text decides it (``25/12/2024``) or the caller
does (``dayfirst=``); otherwise they are an :class:`~conflictevents.errors.AmbiguousDateError`,
never a guess. Readers decide a whole file's order from its unambiguous dates.

>>> str(parse_date("2024-12-05T00:00:00"))
'2024-12-05'
>>> str(parse_date("12/5/2024", dayfirst=False))
'2024-12-05'
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re

from conflictevents.errors import AmbiguousDateError, ParseError
from conflictevents.model.event_date import DatePrecision, EventDate

__all__ = ["is_ambiguous_numeric", "numeric_day_order", "parse_date", "parse_iso_date"]

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# An ISO 8601 date-time: the date, then a time (T or a space), fractions, a zone. The date is
# the date as written (local to the zone, never moved to UTC).
_ISO_DATETIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[T ]\d{2}(?::?\d{2}(?::?\d{2}(?:[.,]\d{1,9})?)?)?"
    r"\s?(?:Z|[+-]\d{2}(?::?\d{2})?)?$",
    re.IGNORECASE,
)
# Year first, in any of the separators publishers use, or none (GDELT's SQLDATE, DATEADDED).
_YEAR_FIRST = re.compile(r"^(\d{4})([/.\-])(\d{1,2})\2(\d{1,2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:\d{2}(?:\d{2}(?:\d{2})?)?)?$")
# Day and month in front, in either order: 12/5/2024, 05.12.2024, 5-12-24.
_NUMERIC = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})$")
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
    """A ``YYYY-MM-DD`` date, fast; anything else is a :class:`ParseError`.

    >>> parse_iso_date("2024-12-05")
    datetime.date(2024, 12, 5)
    >>> parse_iso_date("5/12/2024")
    Traceback (most recent call last):
        ...
    conflictevents.errors.ParseError: <input>: not an ISO 8601 date (YYYY-MM-DD) (value '5/12/2024')
    """
    try:
        return _dt.date.fromisoformat(text)
    except (ValueError, TypeError):
        raise ParseError("not an ISO 8601 date (YYYY-MM-DD)", source=source, value=text) from None


def numeric_day_order(text: str) -> bool | None:
    """For a numeric date with the day and the month in front, which order the text itself
    shows: ``True`` day-first (``25/12/2024``), ``False`` month-first (``12/25/2024``), and
    ``None`` when either reading is possible (``12/5/2024``) or the text is not such a date.

    >>> numeric_day_order("25/12/2024"), numeric_day_order("12/25/2024")
    (True, False)
    >>> numeric_day_order("12/5/2024") is None, numeric_day_order("2024-12-05") is None
    (True, True)
    """
    found = _NUMERIC.match(text.strip())
    if found is None:
        return None
    first, second = int(found.group(1)), int(found.group(3))
    if first > 12 >= second:
        return True
    if second > 12 >= first:
        return False
    return None


def is_ambiguous_numeric(text: str) -> bool:
    """Whether *text* is a numeric date that reads differently day-first and month-first.

    >>> is_ambiguous_numeric("12/5/2024"), is_ambiguous_numeric("25/12/2024")
    (True, False)
    >>> is_ambiguous_numeric("5/5/2024"), is_ambiguous_numeric("2024-12-05")
    (False, False)
    """
    found = _NUMERIC.match(text.strip())
    if found is None:
        return False
    first, second = int(found.group(1)), int(found.group(3))
    return first != second and first <= 12 and second <= 12


def parse_date(
    text: str, reference: _dt.date | None = None, *, dayfirst: bool | None = None
) -> EventDate:
    """The :class:`~conflictevents.EventDate` a piece of text denotes.

    :param text: the date as written.
    :param reference: the date the text was written on (a report's date). It supplies the
        year when the text has none ("Thursday, December 5").
    :param dayfirst: how to read a numeric date whose first two numbers could each be the
        day (``12/5/2024``): ``True`` day-first, ``False`` month-first, ``None`` (the
        default) only when the text itself decides it. A two-digit year is 1969-2068
        (``%y`` of POSIX: ``97`` is 1997, ``20`` is 2020).
    :returns: a ``DAY`` for a full date, a ``MONTH`` for a month, a ``YEAR`` for a year, and
        a ``SPAN`` for an interval (``"2024-12-01/2024-12-05"``) or a third of a month
        (``"early"`` is days 1-10, ``"mid"`` 11-20, ``"late"`` 21 to the end).
    :raises ParseError: when the text is not a date, names a weekday that does not match the
        date, or has no year and no reference was given.
    :raises AmbiguousDateError: for a numeric date that reads two ways, without ``dayfirst``.
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
    numeric = _numeric(stripped, text, dayfirst)
    if numeric is not None:
        return EventDate(numeric)
    if _YEAR.match(stripped):
        return _year(int(stripped), text)
    iso_month = _ISO_MONTH.match(stripped)
    if iso_month:
        return _month(int(iso_month.group(1)), int(iso_month.group(2)), text)
    third = _THIRD_PREFIX.match(stripped)
    if third:
        # One prefix only: "early early December" is not a date (and must not recurse).
        if _THIRD_PREFIX.match(third.group(2)):
            raise ParseError("'early', 'mid' and 'late' go with a month", value=text)
        month = parse_date(third.group(2), reference, dayfirst=dayfirst)
        if month.precision is not DatePrecision.MONTH:
            raise ParseError("'early', 'mid' and 'late' go with a month", value=text)
        first_day, last_day = _THIRDS[third.group(1).casefold()]
        last_day = min(last_day, month.end.day)
        return EventDate.span(month.start.replace(day=first_day), month.start.replace(day=last_day))
    return _loose(stripped, text, reference, dayfirst)


def _day(year: int, month: int, day: int, text: str) -> _dt.date:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        raise ParseError("no such day", value=text) from None


def _numeric(stripped: str, text: str, dayfirst: bool | None) -> _dt.date | None:
    """The day of an all-numeric date (ISO date-time, year first, compact, d/m/y or m/d/y),
    or ``None`` when *stripped* is not one."""
    found = _ISO_DATETIME.match(stripped)
    if found is not None:
        return _day(int(found.group(1)), int(found.group(2)), int(found.group(3)), text)
    found = _YEAR_FIRST.match(stripped)
    if found is not None:
        return _day(int(found.group(1)), int(found.group(3)), int(found.group(4)), text)
    found = _COMPACT.match(stripped)
    if found is not None:
        return _day(int(found.group(1)), int(found.group(2)), int(found.group(3)), text)
    found = _NUMERIC.match(stripped)
    if found is None:
        return None
    first, second, year_text = int(found.group(1)), int(found.group(3)), found.group(4)
    year = int(year_text)
    if len(year_text) == 2:
        year += 1900 if year >= 69 else 2000
    shown = numeric_day_order(stripped)
    if shown is not None and dayfirst is not None and shown != dayfirst:
        order = "day-first" if dayfirst else "month-first"
        raise ParseError(f"not a date when read {order}", value=text)
    order_first = shown if shown is not None else dayfirst
    if order_first is None:
        if first == second or first > 12 or second > 12:
            order_first = True  # the same date either way, or no date at all (below)
        else:
            raise AmbiguousDateError(
                "ambiguous date: the day and the month could be either way round; pass "
                "dayfirst=True or dayfirst=False (--dayfirst or --monthfirst)",
                value=text,
            )
    day, month = (first, second) if order_first else (second, first)
    return _day(year, month, day, text)


def _year(year: int, text: str) -> EventDate:
    if not 1 <= year <= 9999:
        raise ParseError("year out of range", value=text)
    return EventDate.year_of(year)


def _month(year: int, month: int, text: str) -> EventDate:
    if not 1 <= month <= 12 or not 1 <= year <= 9999:
        raise ParseError("month out of range", value=text)
    return EventDate.month_of(year, month)


#: The longest text read as a date in words: "Wednesday, 25 December 2024 14:00:00 +0000" is
#: 42 characters. Longer text is no date, and dateutil's time grows with the text's length.
_LONGEST_LOOSE = 100


def _loose(stripped: str, text: str, reference: _dt.date | None,
           dayfirst: bool | None) -> EventDate:
    if len(stripped) > _LONGEST_LOOSE:
        raise ParseError(f"not a date (longer than {_LONGEST_LOOSE} characters)", value=text)
    if len(re.findall(r"\d+", stripped)) >= 3 and not re.search(r"[^\W\d_]{3,}", stripped):
        # Three numbers and no month name: a numeric date in a shape the patterns above do
        # not know. dateutil would guess its order; refuse rather than guess.
        raise ParseError("not a date in a known numeric shape", value=text)
    from dateutil import parser as _dateutil_parser  # 45 ms to import: only when needed

    try:
        a = _dateutil_parser.parse(stripped, default=_DEFAULT_A, dayfirst=bool(dayfirst))
        b = _dateutil_parser.parse(stripped, default=_DEFAULT_B, dayfirst=bool(dayfirst))
    except (ValueError, OverflowError, TypeError, ArithmeticError, RecursionError):
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
