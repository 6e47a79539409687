"""HXL-tagged CSV: hashtag row, reading by hashtag, round trips, and bad input."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _support import FIXTURES
from conflictevents import Reason, strategies
from conflictevents.errors import ParseError
from conflictevents.formats import hxl, read
from conflictevents.model import (
    Actor,
    Classification,
    ControlChange,
    Event,
    EventDate,
    Fatalities,
    Location,
    Source,
)
from conflictevents.strategies import hxl as hxl_strategies

#: HXL hashtag syntax, written strictly: lower-case ASCII letters, digits and underscores.
VALID_TAG = re.compile(r"^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$")


def _write(records: list[Any]) -> tuple[str, Any]:
    buffer = io.StringIO()
    report = hxl.write(records, buffer)
    return buffer.getvalue(), report


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_hashtag_row_is_valid_hxl_and_matches_hdx_acled() -> None:
    rows = _rows(_write([])[0])
    assert len(rows) == 2
    assert all(VALID_TAG.match(tag) for tag in rows[1])
    assert len(set(rows[1])) == len(rows[1])
    tags = dict(zip(rows[0], rows[1], strict=True))
    # the hashtags HDX's ACLED datasets use
    assert tags["event_id"] == "#event+code"
    assert tags["event_date"] == "#date+occurred"
    assert tags["event_type"] == "#event+type"
    assert tags["sub_event_type"] == "#event+type+sub"
    assert tags["actor1"] == "#group+name+first"
    assert tags["assoc_actor_1"] == "#group+name+first+assoc"
    assert tags["actor2"] == "#group+name+second"
    assert tags["country"] == "#country+name"
    assert tags["iso3"] == "#country+code"
    assert tags["admin1"] == "#adm1+name"
    assert tags["location"] == "#loc+name"
    assert tags["latitude"] == "#geo+lat"
    assert tags["longitude"] == "#geo+lon"
    assert tags["source"] == "#meta+source"
    assert tags["notes"] == "#description"
    assert tags["fatalities"] == "#affected+killed"


@given(st.lists(strategies.events(), max_size=3))
def test_any_events_write_a_valid_hashtag_row(events: list[Event]) -> None:
    text, report = _write(events)
    rows = _rows(text)
    assert all(VALID_TAG.match(tag) for tag in rows[1] if tag)
    assert report.written == len(events)
    assert [e.id for e in hxl.read(io.StringIO(text))] == [e.id for e in events]


@given(st.lists(hxl_strategies.events(), max_size=3))
def test_every_representable_event_round_trips(events: list[Event]) -> None:
    text, report = _write(events)
    assert report.lossless, report
    assert list(hxl.read(io.StringIO(text))) == events


def test_hdx_fixture_is_read_by_hashtag() -> None:
    first, second = hxl.read(FIXTURES / "hxl" / "acled_hdx_sample.csv")
    assert first.id == "SYR130001"
    assert first.date.start == dt.date(2024, 12, 5)
    assert first.classifications == (Classification(
        "acled", "Non-state actor overtakes territory", parent="Battles"),)
    assert first.actor1 == Actor("Hayat Tahrir al-Sham")
    assert first.associates1 == (Actor("Ahrar al-Sham"), Actor("Jaysh al-Izza"))
    assert first.location == Location("Hama", country="SYR", admin1="Hama", admin2="Hama",
                                      latitude=35.1318, longitude=36.7578)
    assert first.fatalities == Fatalities(12)
    assert first.sources == (Source("SOHR"), Source("Reuters"))
    assert second.actor2 == Actor("Civilians (Syria)")


def test_tags_match_case_and_order_insensitively_and_most_specifically() -> None:
    [event] = hxl.read(FIXTURES / "hxl" / "reordered_tags.csv")
    assert event.id == "row3"
    # #affected+killed+f counts the women killed: never the total (issue 16, D2)
    assert event.fatalities is None
    assert event.extra("hxl", "#Affected+Killed+F") == "3"
    assert event.actor1 == Actor("Hayat Tahrir al-Sham")  # +first+name == +name+first
    assert event.location == Location("Homs", latitude=34.7324, longitude=36.7137)
    assert event.extra("hxl", "#x_other+note") == "kept"
    text, report = _write([event])
    assert report.lossless, report
    assert text == (FIXTURES / "hxl" / "reordered_tags.csv").read_text(encoding="utf-8")
    assert next(iter(hxl.read(io.StringIO(text)))) == event


def test_parse_hashtag() -> None:
    assert hxl.parse_hashtag("#Adm1 +Name") == hxl.Hashtag("adm1", frozenset({"name"}))
    assert hxl.parse_hashtag("#geo+lat+lat") == hxl.Hashtag("geo", frozenset({"lat"}))
    for bad in ("adm1", "#1adm", "#adm1+", "#adm-1", "# adm1", "#adm1+na me"):
        assert hxl.parse_hashtag(bad) is None
    assert hxl.is_hashtag_row(["#a", "", "#b+c"])
    assert hxl.is_hashtag_row(["#a", "b"])  # libhxl: at least half are hashtags
    assert not hxl.is_hashtag_row(["#a", "b", "c"])
    assert not hxl.is_hashtag_row(["", ""])


def test_detected_by_the_hashtag_row() -> None:
    text, _ = _write([])
    assert read(io.StringIO(text)).format == "hxl"


def test_writer_counts_what_it_cannot_carry() -> None:
    event = Event(
        id="E", date=dt.date(2024, 1, 1),
        classifications=[Classification("ucdp", "1"),
                         Classification("cameo", "190", derived=True, via="acled->cameo")],
        actor1=Actor("A", kind=1), associates1=[Actor("x;y")],
        fatalities=Fatalities(3, 1, 5), sources=[Source("S", url="https://a.org/b")],
        extras={"acled": {"timestamp": "1"}})
    change = ControlChange(id="C", location=Location("Hama"), date=EventDate(dt.date(2024, 12, 5)),
                           new=Actor("HTS"))
    _, report = _write([event, change])
    assert report.left_out == {Reason.CONTROL_CHANGE: 1}
    assert report.derived == {"classifications.cameo": 1}
    assert report.dropped == {"classifications.ucdp": 1, "actor1.kind": 1, "associates1": 1,
                              "fatalities.low": 1, "fatalities.high": 1, "sources.url": 1,
                              "extras.acled": 1}


def _tagged(*rows: list[str]) -> str:
    header = [h for h, _ in hxl.COLUMNS]
    tags = [t for _, t in hxl.COLUMNS]
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    out.writerows([header, tags, *rows])
    return buffer.getvalue()


def _row(**cells: str) -> list[str]:
    base = {"event_id": "A1", "event_date": "2024-01-01"}
    base.update(cells)
    return [base.get(h, "") for h, _ in hxl.COLUMNS]


BAD = [
    ({"event_date": ""}, "#date+occurred"),
    ({"event_date": "someday"}, "#date+occurred"),
    ({"date_end": "2023-01-01"}, "#date+occurred+end"),
    ({"date_precision": "hourly"}, "#date+occurred+precision"),
    ({"latitude": "north", "longitude": "1"}, "#geo+lat"),
    ({"latitude": "1"}, "#geo+lon"),
    ({"latitude": "95", "longitude": "1"}, "latitude"),
    ({"geo_precision": "fuzzy"}, "#geo+precision"),
    ({"fatalities": "-2"}, "#affected+killed"),
]


@pytest.mark.parametrize("policy", ["raise", "skip", "collect"])
@pytest.mark.parametrize(("cells", "column"), BAD)
def test_a_bad_row_is_a_located_error(policy: str, cells: dict[str, str], column: str) -> None:
    text = _tagged(_row(), _row(**cells), _row())
    if policy == "raise":
        with pytest.raises(ParseError) as caught:
            list(hxl.read(io.StringIO(text)))
        error = caught.value
    else:
        stream = hxl.read(io.StringIO(text), on_error=policy)  # type: ignore[arg-type]
        assert len(list(stream)) == 2
        assert stream.report.skipped == 1
        if policy == "skip":
            return
        [error] = stream.report.errors
    assert error.line == 4
    assert error.column == column


@pytest.mark.parametrize("policy", ["raise", "skip", "collect"])
@pytest.mark.parametrize("text", [
    "a,b\n1,2\n",  # no hashtag row
    "a,b\n#event+code,#loc+name\n1,2\n",  # no date column
    "a\n\"unclosed\n",
])
def test_bad_files_are_located_errors(policy: str, text: str) -> None:
    if policy == "raise":
        with pytest.raises(ParseError) as caught:
            list(hxl.read(io.StringIO(text)))
        assert caught.value.line is not None
    else:
        stream = hxl.read(io.StringIO(text), on_error=policy)  # type: ignore[arg-type]
        assert list(stream) == []
        assert stream.report.skipped == 1


@settings(max_examples=50)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_raise_only_parse_errors(data: bytes) -> None:
    head = _tagged().encode()
    for prefix in (b"", head):
        for policy in ("raise", "skip", "collect"):
            with contextlib.suppress(ParseError):
                list(hxl.read(io.BytesIO(prefix + data), on_error=policy))  # type: ignore[arg-type]
