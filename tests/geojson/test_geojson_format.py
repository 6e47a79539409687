"""GeoJSON: RFC 7946 shape, lossless round trips, foreign GeoJSON, and bad input."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _support import FIXTURES, written_or_refused
from conflictevents import Reason, strategies
from conflictevents.errors import ParseError
from conflictevents.formats import geojson, read
from conflictevents.model import (
    Actor,
    Classification,
    Event,
    EventDate,
    Fatalities,
    Location,
    Record,
)

_POSITION = {"type": "array", "minItems": 2, "maxItems": 3,
             "prefixItems": [{"type": "number", "minimum": -180, "maximum": 180},
                             {"type": "number", "minimum": -90, "maximum": 90}],
             "items": {"type": "number"}}
#: RFC 7946 FeatureCollection of Point (or null) Features, hand-written.
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {"type": "array", "items": {
            "type": "object",
            "required": ["type", "geometry", "properties"],
            "properties": {
                "type": {"const": "Feature"},
                "id": {"type": ["string", "number"]},
                "geometry": {"oneOf": [
                    {"type": "null"},
                    {"type": "object", "required": ["type", "coordinates"],
                     "properties": {"type": {"const": "Point"}, "coordinates": _POSITION}},
                ]},
                "properties": {"type": ["object", "null"]},
            },
        }},
    },
}


def _write(records: list[Record], **options: Any) -> tuple[str, Any]:
    buffer = io.StringIO()
    report = written_or_refused(geojson.write, records, buffer, **options)
    return buffer.getvalue(), report


def _check(text: str, records: list[Record]) -> None:
    document = json.loads(text)
    jsonschema.validate(document, SCHEMA)
    for item, record in zip(document["features"], records, strict=True):
        place = getattr(record, "location", None) or getattr(record, "place", None)
        if item["geometry"] is not None:
            assert item["geometry"]["coordinates"] == [place.longitude, place.latitude]
        assert item["properties"]["id"] == record.id


def _located(record: Record) -> bool:
    place = getattr(record, "location", None) or getattr(record, "place", None)
    return place is not None and place.has_coordinates


HAMA = Event(
    id="SYR1", date=dt.date(2024, 12, 5),
    classifications=[Classification("acled", "Armed clash", parent="Battles")],
    actor1=Actor("HTS"), location=Location("Hama", country="SYR", latitude=35.1318,
                                           longitude=36.7578),
    fatalities=Fatalities(12, 10, 20), notes="Clashes in Hama.",
)


def test_writes_line_per_feature_with_flat_properties() -> None:
    text, report = _write([HAMA, HAMA])
    lines = text.splitlines()
    assert lines[0] == geojson.HEADER
    assert lines[-1] == "]}"
    assert len(lines) == 4
    assert lines[1].endswith(",")
    assert not lines[2].endswith(",")
    _check(text, [HAMA, HAMA])
    properties = json.loads(text)["features"][0]["properties"]
    assert properties["event_type"] == "Battles"
    assert properties["sub_event_type"] == "Armed clash"
    assert properties["fatalities"] == 12
    assert properties["fatalities_low"] == 10
    assert properties["country"] == "SYR"
    assert properties["record"]["schema"] == "conflictevents/1"
    assert report.written == 2
    assert report.lossless


def test_records_without_coordinates_are_counted_or_written_with_null() -> None:
    nowhere = Event(id="X", date=dt.date(2024, 1, 1))
    text, report = _write([nowhere, HAMA])
    assert report.left_out == {Reason.NO_COORDINATES: 1}
    assert [r.id for r in geojson.read(io.StringIO(text))] == ["SYR1"]
    text, report = _write([nowhere, HAMA], null_geometry=True)
    assert report.left_out == {}
    assert json.loads(text)["features"][0]["geometry"] is None
    assert list(geojson.read(io.StringIO(text))) == [nowhere, HAMA]


def test_empty_collection() -> None:
    text, _ = _write([])
    assert json.loads(text) == {"type": "FeatureCollection", "features": []}
    assert list(geojson.read(io.StringIO(text))) == []


@given(st.lists(strategies.records(), max_size=4))
def test_every_record_round_trips_and_the_output_is_valid(records: list[Record]) -> None:
    text, report = _write(records, null_geometry=True)
    assert report.lossless
    _check(text, records)
    assert list(geojson.read(io.StringIO(text))) == records
    # reading the same document parsed whole (not line by line) gives the same records
    pretty = json.dumps(json.loads(text), indent=2)
    assert list(geojson.read(io.StringIO(pretty))) == records


@given(st.lists(strategies.records(), max_size=4))
def test_located_records_are_written_and_others_counted(records: list[Record]) -> None:
    text, report = _write(records)
    located = [r for r in records if _located(r)]
    assert report.written == len(located)
    assert report.left_out.get(Reason.NO_COORDINATES, 0) == len(records) - len(located)
    _check(text, located)


def test_detected_by_content() -> None:
    text, _ = _write([HAMA])
    assert read(io.StringIO(text)).format == "geojson"
    assert read(FIXTURES / "geojson" / "foreign.geojson").format == "geojson"


def test_foreign_geojson_is_mapped_by_property_names() -> None:
    first, second = geojson.read(FIXTURES / "geojson" / "foreign.geojson")
    assert first.id == "F1"
    assert first.classifications == (Classification("acled", "Armed clash", parent="Battles"),)
    assert first.location == Location("Hama", country="SYR", latitude=35.1318,
                                      longitude=36.7578)
    assert first.fatalities == Fatalities(12)
    assert first.extra("geojson", "marker-color") == "#ff0000"
    assert second.id == "2"
    assert second.date == EventDate.month_of(2024, 12)
    assert second.location is None


def _feature(**changes: Any) -> str:
    item: dict[str, Any] = {"type": "Feature", "id": "A",
                            "geometry": {"type": "Point", "coordinates": [1.0, 2.0]},
                            "properties": {"date": "2024-01-01"}}
    item.update(changes)
    return json.dumps(item)


BAD_LINES = [
    ("{not json", None),
    (_feature(geometry={"type": "Polygon", "coordinates": []}), "geometry.type"),
    (_feature(geometry={"type": "Point", "coordinates": [1]}), "geometry.coordinates"),
    (_feature(geometry={"type": "Point", "coordinates": [200.0, 1.0]}), "longitude"),
    (_feature(properties={}), "properties.date"),
    (_feature(id=None, properties={"date": "2024-01-01"}), "properties.id"),
    (_feature(properties={"date": "the day after"}), "properties.date"),
    (_feature(properties={"date": "2024-01-01", "fatalities": "many"}),
     "properties.fatalities"),
    (_feature(properties={"date": "2024-01-01", "record": {"schema": "x"}}),
     "properties.record.schema"),
    ('{"type":"Polygon"}', None),
]


@pytest.mark.parametrize("policy", ["raise", "skip", "collect"])
@pytest.mark.parametrize(("line", "column"), BAD_LINES)
def test_a_bad_feature_line_is_a_located_error(policy: str, line: str,
                                               column: str | None) -> None:
    good = geojson.feature(HAMA)
    text = "\n".join([geojson.HEADER, json.dumps(good) + ",", line + ",",
                      json.dumps(good), "]}"])
    if policy == "raise":
        with pytest.raises(ParseError) as caught:
            list(geojson.read(io.StringIO(text)))
        error = caught.value
    else:
        stream = geojson.read(io.StringIO(text), on_error=policy)  # type: ignore[arg-type]
        assert list(stream) == [HAMA, HAMA]
        assert stream.report.skipped == 1
        if policy == "skip":
            return
        [error] = stream.report.errors
    assert error.line == 3
    if column is not None:
        assert error.column == column


@pytest.mark.parametrize("policy", ["raise", "skip", "collect"])
@pytest.mark.parametrize("text", [
    '{"type": "FeatureCollection", "features": 3}',
    '{"type": "Topology"}',
    "[1, 2",
    geojson.HEADER + "\n",  # never closed
])
def test_bad_documents_are_located_errors(policy: str, text: str) -> None:
    if policy == "raise":
        with pytest.raises(ParseError):
            list(geojson.read(io.StringIO(text)))
    else:
        stream = geojson.read(io.StringIO(text), on_error=policy)  # type: ignore[arg-type]
        assert list(stream) == []
        assert stream.report.skipped == 1


def test_whole_document_size_limit() -> None:
    text = json.dumps({"type": "FeatureCollection", "features": [geojson.feature(HAMA)]},
                      indent=1)
    with pytest.raises(ParseError, match="max_document"):
        list(geojson.read(io.StringIO(text), max_document=100))


def test_whole_document_errors_name_the_feature() -> None:
    text = json.dumps({"type": "FeatureCollection", "features": [
        geojson.feature(HAMA), {"type": "Feature", "geometry": None, "properties": {}}]},
        indent=1)
    with pytest.raises(ParseError) as caught:
        list(geojson.read(io.StringIO(text)))
    assert caught.value.column == "features[1].properties.id"


@settings(max_examples=50)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_raise_only_parse_errors(data: bytes) -> None:
    for prefix in (b"", (geojson.HEADER + "\n").encode()):
        for policy in ("raise", "skip", "collect"):
            with contextlib.suppress(ParseError):
                list(geojson.read(io.BytesIO(prefix + data), on_error=policy))  # type: ignore[arg-type]
