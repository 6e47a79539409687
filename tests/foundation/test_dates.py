"""parse_date: loose dates with their precision, and refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictevents as ce
from conflictevents import strategies
from conflictevents.dates import parse_date, parse_iso_date

REFERENCE = dt.date(2024, 12, 6)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-12-05", ce.EventDate.day(dt.date(2024, 12, 5))),
        ("5 December 2024", ce.EventDate.day(dt.date(2024, 12, 5))),
        ("05 December 2024", ce.EventDate.day(dt.date(2024, 12, 5))),
        ("December 5, 2024", ce.EventDate.day(dt.date(2024, 12, 5))),
        ("Thursday, December 5", ce.EventDate.day(dt.date(2024, 12, 5))),
        ("Thu 5 Dec", ce.EventDate.day(dt.date(2024, 12, 5))),
        ("December 2024", ce.EventDate.month_of(2024, 12)),
        ("2024-12", ce.EventDate.month_of(2024, 12)),
        ("2024", ce.EventDate.year_of(2024)),
        ("early December 2024", ce.EventDate.span(dt.date(2024, 12, 1), dt.date(2024, 12, 10))),
        ("mid-December 2024", ce.EventDate.span(dt.date(2024, 12, 11), dt.date(2024, 12, 20))),
        ("late February 2024", ce.EventDate.span(dt.date(2024, 2, 21), dt.date(2024, 2, 29))),
        ("late February 2023", ce.EventDate.span(dt.date(2023, 2, 21), dt.date(2023, 2, 28))),
        ("2024-11-27/2024-12-08", ce.EventDate.span(dt.date(2024, 11, 27), dt.date(2024, 12, 8))),
        ("  5   December\t2024 ", ce.EventDate.day(dt.date(2024, 12, 5))),
    ],
)
def test_loose_dates(text: str, expected: ce.EventDate) -> None:
    assert parse_date(text, reference=REFERENCE) == expected


def test_year_comes_from_the_reference() -> None:
    assert parse_date("March 3", reference=dt.date(2021, 5, 1)) == ce.EventDate.day(
        dt.date(2021, 3, 3)
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("banana", "not a date"),
        ("10:00", "no month or day"),
        ("31 February 2024", "not a date|no such day"),
        ("Friday, December 5 2024", "is a Thursday, not a Friday"),
        ("2024-13", "out of range"),
        ("2024-12-10/2024-12-01", "ends before it starts"),
        ("early 2024-12-05", "go with a month"),
        ("9" * 500, "not a date"),
        ("\x00", "not a date"),
    ],
)
def test_nonsense_raises_parse_error(text: str, reason: str) -> None:
    with pytest.raises(ce.ParseError, match=reason) as caught:
        parse_date(text, reference=REFERENCE)
    assert caught.value.value == text


def test_no_year_and_no_reference_is_an_error() -> None:
    with pytest.raises(ce.ParseError, match="reference"):
        parse_date("December 5")


@given(st.text(max_size=60))
def test_only_parse_errors_escape(text: str) -> None:
    try:
        result = parse_date(text, reference=REFERENCE)
    except ce.ParseError:
        return
    assert isinstance(result, ce.EventDate)


@given(strategies.dates())
def test_iso_and_written_forms_agree(day: dt.date) -> None:
    assert parse_date(day.isoformat()) == ce.EventDate.day(day)
    assert parse_date(f"{day.day} {day:%B %Y}") == ce.EventDate.day(day)
    assert parse_iso_date(day.isoformat()) == day


def test_parse_iso_date_refuses_other_forms() -> None:
    with pytest.raises(ce.ParseError, match="ISO 8601"):
        parse_iso_date("05/12/2024", source="f.csv")
