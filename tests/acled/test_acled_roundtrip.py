"""ACLED round trips: fixtures, the bundled example, real files and generated events."""

from __future__ import annotations

import difflib
import io
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictevents as ce
from _support import FIXTURES, ROOT
from conflictevents.formats import acled
from conflictevents.strategies import acled as acled_strategies

ACLED_FIXTURES = FIXTURES / "acled"
EXAMPLE = ROOT / "examples" / "data" / "acled-syria-2024-12.csv"


def _text_of(path: Path) -> str:
    """The file's text as the reader sees it (no byte order mark; line ends kept)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return handle.read()


def _write_back(path: Path) -> tuple[str, ce.ConversionReport]:
    events = list(acled.read(path))
    buffer = io.StringIO(newline="")
    report = acled.write(events, buffer)
    return buffer.getvalue(), report


def _assert_same_text(got: str, expected: str, name: str) -> None:
    if got != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(keepends=True), got.splitlines(keepends=True),
            fromfile=f"{name} (read)", tofile=f"{name} (written back)", n=0))
        pytest.fail(f"writing {name} back changed it:\n{diff[:4000]}")


@pytest.mark.parametrize(
    "name", ["current.csv", "current-text-dates.csv", "legacy.csv", "crlf.csv", "bom.csv"]
)
def test_a_fixture_writes_back_byte_for_byte(name: str) -> None:
    path = ACLED_FIXTURES / name
    written, report = _write_back(path)
    _assert_same_text(written, _text_of(path), name)
    assert report.lossless
    assert report.written == len(_text_of(path).splitlines()) - 1


def test_the_bundled_example_writes_back_byte_for_byte() -> None:
    written, report = _write_back(EXAMPLE)
    _assert_same_text(written, _text_of(EXAMPLE), EXAMPLE.name)
    assert report.written >= 25


def test_crlf_is_detected_and_reproduced() -> None:
    written, _ = _write_back(ACLED_FIXTURES / "crlf.csv")
    assert written.count("\r\n") == 4
    assert "\n" not in written.replace("\r\n", "")
    events = list(acled.read(ACLED_FIXTURES / "crlf.csv"))
    assert {e.extra("acled", acled.EOL_KEY) for e in events} == {"\r\n"}
    # the caller may choose another terminator
    buffer = io.StringIO(newline="")
    acled.write(events, buffer, line_terminator="\n")
    assert "\r" not in buffer.getvalue()


def test_a_file_written_by_the_writer_reads_back_equal_and_rewrites_identically() -> None:
    events = list(acled.read(EXAMPLE))
    once = io.StringIO(newline="")
    acled.write(events, once, layout="legacy")
    again = list(acled.read(io.StringIO(once.getvalue(), newline="")))
    twice = io.StringIO(newline="")
    acled.write(again, twice)
    assert twice.getvalue() == once.getvalue()


@given(st.lists(acled_strategies.acled_events(), max_size=4))
def test_generated_events_survive_a_round_trip(events: list[ce.Event]) -> None:
    buffer = io.StringIO(newline="")
    report = acled.write(events, buffer)
    assert report.written == len(events)
    assert not report.left_out
    assert not report.dropped
    back = list(acled.read(io.StringIO(buffer.getvalue(), newline="")))
    assert [_plain(e) for e in back] == events


@given(acled_strategies.acled_events())
def test_generated_events_survive_the_legacy_layout_too(event: ce.Event) -> None:
    buffer = io.StringIO(newline="")
    acled.write([event], buffer, layout="legacy")
    (back,) = acled.read(io.StringIO(buffer.getvalue(), newline=""))
    # the legacy layout has no disorder_type and no tags, and its back has a layout marker
    assert back.date == event.date
    assert back.classification("acled") == event.classification("acled")
    assert (back.actor1, back.actor2, back.location) == (event.actor1, event.actor2, event.location)
    assert (back.fatalities, back.sources, back.notes) == (event.fatalities, event.sources,
                                                           event.notes)
    rewritten = io.StringIO(newline="")
    acled.write([back], rewritten)
    assert rewritten.getvalue() == buffer.getvalue()


@given(st.lists(acled_strategies.acled_events(), max_size=3))
def test_generated_events_survive_the_api_json(events: list[ce.Event]) -> None:
    buffer = io.StringIO()
    acled.write_api(events, buffer)
    assert [_plain(e) for e in acled.read_api(io.StringIO(buffer.getvalue()))] == events


def test_the_api_fixture_reads_and_round_trips() -> None:
    events = list(acled.read_api(ACLED_FIXTURES / "api.json"))
    assert [e.id for e in events] == ["SYR900001", "SYR900004", "SYR900015"]
    assert events[0].location is not None
    assert events[0].location.latitude == 36.138
    assert events[0].extra("acled", "latitude") == "36.1380"  # the API's own spelling
    buffer = io.StringIO()
    acled.write_api(events, buffer)
    import json

    original = json.loads((ACLED_FIXTURES / "api.json").read_text("utf-8"))["data"]
    assert json.loads(buffer.getvalue())["data"] == original


def _plain(event: ce.Event) -> ce.Event:
    """*event* without the ``@`` facts of the file it was read from."""
    extras = {fmt: {k: v for k, v in columns.items() if not k.startswith("@")}
              for fmt, columns in event.extras.items()}
    return attrs.evolve(event, extras={fmt: c for fmt, c in extras.items() if c})
