"""Code a user writes, checked with ``mypy --strict`` (by ``test_typing.py`` and ``.ci/run``).

Every annotation here is a claim about the library's types: a stream of an event format
yields events, a detected one records, ``FrozenMap.get`` is typed like ``Mapping.get``.
Nothing here runs; it only has to type-check.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import conflictevents as ce
from conflictevents.formats import acled, gdelt, geojson, icews, jsonl, ucdp


def events_of_an_event_format(path: str) -> Iterator[ce.Event]:
    stream: ce.RecordStream[ce.Event] = ce.read(path, "acled")
    for event in stream:
        acled_type = event.classification("acled")
        if acled_type is not None and event.location is not None:
            print(event.date.start, acled_type.code, event.location.country)
        yield event


def every_reader_of_an_event_format(path: str) -> list[ce.RecordStream[ce.Event]]:
    return [acled.read(path), gdelt.read(path), icews.read(path), ucdp.read(path),
            ce.read(path, "gdelt2"), ce.read(path, "ucdp-ged"), ce.read(path, "hxl"),
            ce.read(path, "gdelt-reduced"), ce.read(path, "icews")]


def records_of_a_detected_format(path: str) -> int:
    stream: ce.RecordStream[ce.Record] = ce.read(path)
    claims = 0
    for record in stream:
        if isinstance(record, ce.Claim):
            claims += 1
    return claims


def records_of_a_mixed_format(path: str) -> list[ce.RecordStream[ce.Record]]:
    return [jsonl.read(path), geojson.read(path), ce.read(path, "jsonl")]


def extras_are_typed(event: ce.Event) -> str:
    columns: ce.FrozenMap[str, str] | None = event.extras.get("acled")
    if columns is None:
        return ""
    timestamp: str | None = columns.get("timestamp")
    region: str = columns.get("region", "")
    return (timestamp or "") + region


def one_call_conversion(source: str, target: str) -> int:
    report: ce.ConversionReport = ce.convert(source, target, from_="ucdp-ged", to="acled")
    left_out: int = sum(report.left_out.values())
    reasons: list[str] = [reason.value for reason in report.left_out]
    return left_out + len(reasons)


def refused_conversions_are_caught(events: list[ce.Event]) -> ce.ConversionReport | None:
    try:
        return ce.write(events, io.StringIO(), "gdelt2", derive=False)
    except ce.ConversionError as error:
        return error.report


def a_missing_file_is_a_file_not_found_error(path: str) -> bool:
    try:
        ce.read(path, "acled")
    except FileNotFoundError:
        return False
    return True


def dates_are_accepted_as_text() -> ce.ControlChange:
    hama = ce.Location("Hama", country="SYR")
    return ce.ControlChange("c1", hama, "5 December 2024", new=ce.Actor("HTS"))


def a_date_is_a_date() -> dt.date:
    return ce.parse_date("2024-12-05").start
