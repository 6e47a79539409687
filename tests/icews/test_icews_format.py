"""ICEWS: fixtures, model mapping, round trips, real files and bad input."""

from __future__ import annotations

import contextlib
import gzip
import io
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictevents as ce
from _support import FIXTURES
from conflictevents.formats import icews
from conflictevents.strategies import icews as icews_strategies

SAMPLE = FIXTURES / "icews" / "events.2024.sample.tab"
HEADER = "\t".join(icews.COLUMNS) + "\n"
POLICIES = ("raise", "skip", "collect")


def _write(events: list[ce.Record], **options: object) -> tuple[str, ce.ConversionReport]:
    out = io.StringIO()
    report = ce.write(events, out, "icews", **options)
    return out.getvalue(), report


def test_fixture_is_detected_and_round_trips() -> None:
    stream = ce.read(SAMPLE)
    events = list(stream)
    assert stream.format == "icews"
    text, report = _write(events)
    assert report.lossless
    assert text == SAMPLE.read_text("utf-8")


def test_gzipped_fixture_and_module_functions(tmp_path: Path) -> None:
    zipped = tmp_path / "events.tab.gz"
    zipped.write_bytes(gzip.compress(SAMPLE.read_bytes()))
    events = list(icews.read(zipped))
    target = tmp_path / "out.tab"
    icews.write(events, target)
    assert target.read_text("utf-8") == SAMPLE.read_text("utf-8")


def test_rows_map_onto_the_model() -> None:
    events = [e for e in ce.read(SAMPLE) if isinstance(e, ce.Event)]
    hama = events[0]
    assert hama.id == "41230001"
    assert str(hama.date) == "2024-12-05"
    assert hama.classification("cameo") == ce.Classification("cameo", "193")
    assert hama.actor1 == ce.Actor("Hay'at Tahrir al-Sham", country="SYR")
    assert hama.actor2 == ce.Actor("Military (Syria)", country="SYR")
    assert hama.location == ce.Location(
        "Hama", country="SYR", admin1="Hama Governorate", latitude=35.1318,
        longitude=36.7578, precision=ce.GeoPrecision.EXACT)
    assert hama.sources == (ce.Source("Reuters News"),)
    assert hama.extras["icews"]["Source Sectors"] == "Rebels,Insurgents,Sunni"
    assert hama.extras["icews"]["Intensity"] == "-10"
    province = events[1].location
    assert province is not None
    assert (province.name, province.precision) == ("Hama Governorate", ce.GeoPrecision.ADMIN1)
    assert events[2].actor1 == ce.Actor("Russia", country="RUS")  # "Russian Federation"
    statement = events[3]
    assert statement.classification("cameo") == ce.Classification("cameo", "010")
    assert statement.location is not None
    assert statement.location.precision is ce.GeoPrecision.COUNTRY
    assert events[4].actor2 is None  # "NA"


def test_edited_event_gets_fresh_cells() -> None:
    hama = next(iter(ce.read(SAMPLE)))
    assert isinstance(hama, ce.Event)
    edited = attrs.evolve(hama, classifications=(ce.Classification("cameo", "190"),),
                          actor1=ce.Actor("HTS", country="SYR"))
    text, _ = _write([edited])
    cells = dict(zip(icews.COLUMNS, text.splitlines()[1].split("\t"), strict=False))
    assert (cells["CAMEO Code"], cells["Intensity"]) == ("190", "-10.0")
    assert cells["Event Text"] == "Use conventional military force, not specified below"
    assert (cells["Source Name"], cells["Source Sectors"], cells["Source Country"]) == (
        "HTS", "", "Syria")
    assert cells["Target Sectors"] == "Government,Military"


def test_acled_style_event_needs_derive() -> None:
    import datetime

    event = ce.Event(
        "SYR1", datetime.date(2024, 12, 5),
        classifications=(ce.Classification("acled", "Armed clash"),),
        actor1=ce.Actor("HTS", kind=2, country="SYR"), fatalities=3)
    text, report = _write([event], derive=False)
    assert report.written == 0
    assert text == HEADER
    ids: dict[str, str] = {}
    text, report = _write([event], derive=True, id_map=ids)
    assert report.written == 1
    assert ids == {"SYR1": "1"}
    assert report.derived == {"CAMEO Code": 1}
    assert report.dropped == {"id": 1, "actor1.kind": 1, "fatalities": 1,
                              "classifications.acled": 1}


@given(icews_strategies.raw_rows())
def test_rows_round_trip_byte_for_byte(cells: list[str]) -> None:
    text = HEADER + "\t".join(cells) + "\n"
    events = list(ce.read(io.StringIO(text), "icews"))
    assert _write(events)[0] == text


@given(icews_strategies.events())
def test_events_round_trip(event: ce.Event) -> None:
    text, report = _write([event])
    assert report.lossless, report
    back = list(ce.read(io.StringIO(text), "icews"))
    assert [attrs.evolve(e, extras={}) for e in back] == [event]


@given(icews_strategies.broken_rows())
def test_broken_rows_are_located(broken: icews_strategies.BrokenRow) -> None:
    good = SAMPLE.read_text("utf-8").splitlines()[1]
    text = HEADER + good + "\n" + "\t".join(broken.cells) + "\n"
    with pytest.raises(ce.ParseError) as caught:
        list(ce.read(io.StringIO(text), "icews"))
    assert (caught.value.line, caught.value.column) == (3, broken.column)
    for policy in ("skip", "collect"):
        stream = ce.read(io.StringIO(text), "icews", on_error=policy)
        assert len(list(stream)) == 1
        assert stream.report.skipped == 1
        assert len(stream.report.errors) == (policy == "collect")


@pytest.mark.parametrize("policy", POLICIES)
def test_wrong_header_is_an_error_under_every_policy(policy: str) -> None:
    text = SAMPLE.read_text("utf-8").replace("Source Sectors", "Source Sector", 1)
    with pytest.raises(ce.ParseError) as caught:
        list(ce.read(io.StringIO(text), "icews", on_error=policy))  # type: ignore[arg-type]
    assert (caught.value.line, caught.value.column) == (1, 4)


@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_library_errors(data: bytes) -> None:
    for policy in POLICIES:
        with contextlib.suppress(ce.ConflictEventsError):
            list(ce.read(io.BytesIO(HEADER.encode() + data), "icews",
                         on_error=policy))  # type: ignore[arg-type]
