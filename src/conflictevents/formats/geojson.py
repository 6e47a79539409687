"""GeoJSON (RFC 7946): records as points on a map, one Feature per record.

The writer streams a ``FeatureCollection`` in a line-per-feature shape::

    {"type":"FeatureCollection","features":[
    {"type":"Feature","id":"...","geometry":{...},"properties":{...}},
    {"type":"Feature",...}
    ]}

Each Feature has a Point geometry ``[longitude, latitude]`` (the coordinates exactly as the
record has them), flat properties that map tools can show and filter (:data:`PROPERTIES`),
and, in the property ``"record"``, the record's full JSON form (the form of the JSON Lines
format), from which the reader rebuilds the record exactly. A record without coordinates is
left out and counted (``"no coordinates"``), or written with ``"geometry": null`` when the
writer is given ``null_geometry=True``.

The reader reads files in that shape one line at a time. Other GeoJSON (a FeatureCollection
laid out any other way, or a single Feature) is parsed whole, up to ``max_document``
characters. Features without a ``"record"`` property are mapped by the documented property
names: a Point geometry gives the coordinates; ``id`` and ``date`` are required; what cannot
be mapped is a located :class:`~conflictevents.ParseError`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TextIO

from conflictevents import places
from conflictevents.dates import parse_date
from conflictevents.errors import (
    InputTooLargeError,
    ParseError,
    UnknownCodeError,
    ValidationError,
)
from conflictevents.formats import _strict_json as strict_json
from conflictevents.formats._io import DEFAULT_MAX_FIELD, Input, Source, Target, bad_text
from conflictevents.formats._json_model import from_json, to_json
from conflictevents.formats._policy import ErrorPolicy, OnError
from conflictevents.formats._registry import FormatSpec, RecordStream, register
from conflictevents.formats._registry import read as _read
from conflictevents.formats._registry import write as _write
from conflictevents.formats.report import ConversionReport
from conflictevents.model import (
    Actor,
    Claim,
    Classification,
    DatePrecision,
    Event,
    EventDate,
    Fatalities,
    GeoPrecision,
    Location,
    Record,
)
from conflictevents.model import Source as SourceRecord

__all__ = [
    "DEFAULT_MAX_DOCUMENT", "HEADER", "NAME", "PROPERTIES", "RECORD", "feature", "read", "write",
]

NAME = "geojson"
HEADER = '{"type":"FeatureCollection","features":['
"""The first line of a file this module writes."""
FOOTER = "]}"
RECORD = "record"
"""The property that holds a record's full JSON form."""
DEFAULT_MAX_DOCUMENT = strict_json.DEFAULT_MAX_DOCUMENT
"""How many characters a GeoJSON document not in the line-per-feature shape may have (16 MiB;
it also limits the number of values, one for every 16 characters, so that parsing it stays
within about 100 MB)."""

PROPERTIES: dict[str, str] = {
    "record_type": "event, claim or control_change",
    "id": "the record's id",
    "date": "the first day (ISO 8601)",
    "date_end": "the last day, when it differs from date",
    "date_precision": "day, span, week, month or year",
    "event_type": "ACLED event type (events)",
    "sub_event_type": "ACLED sub-event type (events)",
    "cameo_code": "CAMEO event code (events)",
    "ucdp_type_of_violence": "UCDP type of violence, 1-3 (events)",
    "actor1": "first actor's name (events); the claimant (claims); the new holder (control)",
    "actor2": "second actor's name (events); the previous holder (control changes)",
    "country": "ISO 3166-1 alpha-3 of the place",
    "admin1": "first-order division",
    "admin2": "second-order division",
    "location": "the place's name",
    "geo_precision": "how precisely the place is known (exact, near, admin2...)",
    "fatalities": "best estimate of deaths",
    "fatalities_low": "low estimate",
    "fatalities_high": "high estimate",
    "notes": "free text (events, control changes)",
    "statement": "what was said (claims)",
    "sources": "source names, separated by '; '",
    "contested": "whether the place is contested after the change (control changes)",
    RECORD: "the full record, as JSON Lines writes it",
}
"""The flat properties of every written Feature (those that apply), and what they hold."""


# -- writing ---------------------------------------------------------------------------------


def _place(record: Record) -> Location | None:
    if isinstance(record, Event):
        return record.location
    if isinstance(record, Claim):
        return record.place
    return record.location


def _properties(record: Record) -> dict[str, Any]:
    out: dict[str, Any] = {}
    date: EventDate | None
    if isinstance(record, Event):
        out["record_type"] = "event"
        date = record.date
    elif isinstance(record, Claim):
        out["record_type"] = "claim"
        date = record.date
    else:
        out["record_type"] = "control_change"
        date = record.date
    out["id"] = record.id
    if date is not None:
        out["date"] = date.start.isoformat()
        if date.end != date.start:
            out["date_end"] = date.end.isoformat()
        out["date_precision"] = date.precision.value
    if isinstance(record, Event):
        acled = record.classification(Classification.ACLED)
        if acled is not None:
            if acled.parent is not None:
                out["event_type"] = acled.parent
            out["sub_event_type"] = acled.code
        for scheme, key in ((Classification.CAMEO, "cameo_code"),
                            (Classification.UCDP, "ucdp_type_of_violence")):
            found = record.classification(scheme)
            if found is not None:
                out[key] = found.code
        if record.actor1 is not None:
            out["actor1"] = record.actor1.name
        if record.actor2 is not None:
            out["actor2"] = record.actor2.name
    elif isinstance(record, Claim):
        out["actor1"] = record.claimant.name
        out["statement"] = record.statement
    else:
        if record.new is not None:
            out["actor1"] = record.new.name
        if record.previous is not None:
            out["actor2"] = record.previous.name
        out["contested"] = record.contested
    place = _place(record)
    if place is not None:
        if place.country is not None:
            out["country"] = place.country
        if place.admin1 is not None:
            out["admin1"] = place.admin1
        if place.admin2 is not None:
            out["admin2"] = place.admin2
        out["location"] = place.name
        if place.precision is not None:
            out["geo_precision"] = place.precision.value
    fatalities = getattr(record, "fatalities", None)
    if isinstance(fatalities, Fatalities):
        out["fatalities"] = fatalities.best
        if fatalities.low is not None:
            out["fatalities_low"] = fatalities.low
        if fatalities.high is not None:
            out["fatalities_high"] = fatalities.high
    notes = getattr(record, "notes", None)
    if notes is not None:
        out["notes"] = notes
    sources = record.sources if isinstance(record, Event) else (
        record.reported_by if isinstance(record, Claim) else ())
    if sources:
        out["sources"] = "; ".join(s.name for s in sources)
    out[RECORD] = to_json(record)
    return out


def feature(record: Record) -> dict[str, Any]:
    """The GeoJSON Feature of *record* (``geometry`` is ``None`` without coordinates)."""
    place = _place(record)
    geometry: dict[str, Any] | None = None
    if place is not None and place.latitude is not None and place.longitude is not None:
        geometry = {"type": "Point", "coordinates": [place.longitude, place.latitude]}
    return {"type": "Feature", "id": record.id, "geometry": geometry,
            "properties": _properties(record)}


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _write_records(
    records: Iterable[Record], stream: TextIO, report: ConversionReport,
    options: Mapping[str, Any],
) -> None:
    null_geometry = bool(options.get("null_geometry", False))
    stream.write(HEADER + "\n")
    pending: str | None = None
    for record in records:
        item = feature(record)
        if item["geometry"] is None and not null_geometry:
            report.leave_out("no coordinates")
            continue
        if pending is not None:
            stream.write(pending + ",\n")
        pending = _dumps(item)
        report.written += 1
    if pending is not None:
        stream.write(pending + "\n")
    stream.write(FOOTER + "\n")


# -- reading ---------------------------------------------------------------------------------


class _FeatureError(Exception):
    def __init__(self, column: str | None, value: object, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.value = value
        self.reason = reason


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _point(geometry: object) -> tuple[float, float] | None:
    if geometry is None:
        return None
    if not isinstance(geometry, dict):
        raise _FeatureError("geometry", geometry, "must be an object or null")
    if geometry.get("type") != "Point":
        raise _FeatureError("geometry.type", geometry.get("type"),
                   "only Point geometries can be read (a record has one place)")
    coordinates = geometry.get("coordinates")
    if (not isinstance(coordinates, list) or len(coordinates) not in (2, 3)
            or not all(isinstance(c, (int, float)) and not isinstance(c, bool)
                       and math.isfinite(c) for c in coordinates)):
        raise _FeatureError("geometry.coordinates", coordinates,
                   "must be [longitude, latitude] (finite numbers)")
    longitude, latitude = float(coordinates[0]), float(coordinates[1])
    return latitude, longitude


def _prop_text(properties: Mapping[str, Any], key: str) -> str | None:
    value = properties.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _FeatureError(f"properties.{key}", value, "must be text")
    text = str(value).strip()
    return text or None


def _prop_count(properties: Mapping[str, Any], key: str) -> int | None:
    value = properties.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise _FeatureError(f"properties.{key}", value, "must be a whole number")


def _foreign_event(item: Mapping[str, Any], point: tuple[float, float] | None) -> Event:
    """An event from a Feature that this library did not write."""
    properties = item.get("properties") or {}
    if not isinstance(properties, dict):
        raise _FeatureError("properties", properties, "must be an object or null")
    identifier = _prop_text(properties, "id")
    if identifier is None and isinstance(item.get("id"), (str, int)) and not isinstance(
            item.get("id"), bool):
        identifier = str(item["id"]).strip() or None
    if identifier is None:
        raise _FeatureError("properties.id", None, "a feature needs an id (property or member)")
    start_text = _prop_text(properties, "date")
    if start_text is None:
        raise _FeatureError("properties.date", None, "a feature needs a date")
    try:
        start = parse_date(start_text)
        end_text = _prop_text(properties, "date_end")
        end = parse_date(end_text) if end_text is not None else start
    except ParseError as error:
        raise _FeatureError("properties.date", start_text, error.reason) from None
    precision_text = _prop_text(properties, "date_precision")
    try:
        precision = (DatePrecision(precision_text.lower()) if precision_text is not None
                     else start.precision if end is start else DatePrecision.SPAN)
    except ValueError:
        raise _FeatureError("properties.date_precision", precision_text,
                   "must be day, span, week, month or year") from None
    try:
        date = EventDate(start.start, end.end, precision)
    except ValidationError as error:
        raise _FeatureError("properties.date_end", properties.get("date_end"),
                            error.reason) from None
    classifications: list[Classification] = []
    sub_event_type = _prop_text(properties, "sub_event_type")
    if sub_event_type is not None:
        classifications.append(Classification(Classification.ACLED, sub_event_type,
                                              parent=_prop_text(properties, "event_type")))
    for key, scheme in (("cameo_code", Classification.CAMEO),
                        ("ucdp_type_of_violence", Classification.UCDP)):
        code = _prop_text(properties, key)
        if code is not None:
            classifications.append(Classification(scheme, code))
    country_text = _prop_text(properties, "country")
    country = None
    if country_text is not None:
        try:
            country = places.resolve_country(country_text)
        except UnknownCodeError:
            raise _FeatureError("properties.country", country_text, "not a known country") from None
    geo_text = _prop_text(properties, "geo_precision")
    geo = None
    if geo_text is not None:
        try:
            geo = GeoPrecision(geo_text.lower())
        except ValueError:
            raise _FeatureError("properties.geo_precision", geo_text,
                       "not a precision (exact, near, admin2, admin1, region, country, "
                       "international)") from None
    admin1, admin2 = _prop_text(properties, "admin1"), _prop_text(properties, "admin2")
    name = _prop_text(properties, "location")
    location = None
    if point is not None or any(v is not None for v in (name, country, admin1, admin2)):
        if name is None:
            name = admin2 or admin1 or (
                f"{point[0]!r}, {point[1]!r}" if point is not None else str(country))
        location = Location(name=name, country=country, admin1=admin1, admin2=admin2,
                            latitude=None if point is None else point[0],
                            longitude=None if point is None else point[1], precision=geo)
    best = _prop_count(properties, "fatalities")
    low, high = _prop_count(properties, "fatalities_low"), _prop_count(
        properties, "fatalities_high")
    fatalities = None if best is None else Fatalities(best, low, high)
    actor1, actor2 = _prop_text(properties, "actor1"), _prop_text(properties, "actor2")
    known = set(PROPERTIES) - {"statement", "contested"}
    source_text = _prop_text(properties, "sources")
    sources = [] if source_text is None else [
        SourceRecord(part.strip()) for part in source_text.split(";") if part.strip()]
    extras = {key: value if isinstance(value, str) else _dumps(value)
              for key, value in properties.items() if key not in known and value is not None}
    return Event(
        id=identifier, date=date, classifications=classifications,
        actor1=None if actor1 is None else Actor(actor1),
        actor2=None if actor2 is None else Actor(actor2),
        location=location, fatalities=fatalities, notes=_prop_text(properties, "notes"),
        sources=sources,
        extras={NAME: extras} if extras else None,
    )


def _record_of(item: object, source: str, line: int | None, path: str) -> Record:
    """The record of one Feature (already parsed)."""

    def where(column: str | None) -> str | None:
        if column is None:
            return path or None
        return f"{path}.{column}" if path else column

    try:
        if not isinstance(item, dict) or item.get("type") != "Feature":
            raise _FeatureError(None, item if not isinstance(item, dict) else item.get("type"),
                       "not a GeoJSON Feature")
        point = _point(item.get("geometry"))
        properties = item.get("properties")
        if isinstance(properties, dict) and isinstance(properties.get(RECORD), dict):
            try:
                return from_json(properties[RECORD], source=source, line=line)
            except ParseError as error:
                column = f"properties.{RECORD}" + (f".{error.column}" if error.column else "")
                raise _FeatureError(column, error.value, error.reason) from None
        return _foreign_event(item, point)
    except _FeatureError as bad:
        raise ParseError(bad.reason, source=source, line=line, column=where(bad.column),
                         value=bad.value) from None
    except ValidationError as error:
        raise ParseError(str(error), source=source, line=line, column=where(error.field),
                         value=error.value) from None


def _loads(text: str, source: str, line: int | None) -> Any:
    try:
        return strict_json.loads(text)
    except (ValueError, RecursionError) as error:
        reason = str(error) if isinstance(error, ValueError) else "nested too deeply"
        raise ParseError(f"not valid JSON ({reason})", source=source, line=line,
                         value=text) from None


def _is_header(line: str) -> bool:
    return line.strip().replace(" ", "") == HEADER


def _read_lines(lines: Iterator[tuple[int, str]], source: str, policy: ErrorPolicy,
                max_field: int) -> Iterator[Record]:
    closed = False
    for number, line in lines:
        text = line.strip()
        if not text:
            continue
        if closed:
            policy.handle(ParseError("data after the end of the FeatureCollection",
                                     source=source, line=number, value=text))
            return
        if text.replace(" ", "") == FOOTER:
            closed = True
            continue
        try:
            if len(line) > max_field:
                raise InputTooLargeError(
                    f"line of {len(line)} characters is longer than the limit of {max_field}",
                    source=source, line=number)
            problem = bad_text(line)
            if problem is not None:
                raise ParseError(problem, source=source, line=number,
                                 value=line.encode("utf-8", "surrogateescape"))
            item = _loads(text.removesuffix(","), source, number)
            record = _record_of(item, source, number, "")
        except ParseError as error:
            policy.handle(error)
            continue
        yield record
    if not closed:
        policy.handle(ParseError("the FeatureCollection is not closed (no ']}' line)",
                                 source=source))


def _read_document(lines: Iterator[tuple[int, str]], source: str, policy: ErrorPolicy,
                   max_document: int) -> Iterator[Record]:
    parts: list[str] = []
    size = 0
    for _, line in lines:
        size += len(line)
        if size > max_document:
            policy.handle(InputTooLargeError(
                f"a GeoJSON document not written one feature per line is read whole; this one "
                f"exceeds {max_document} characters (raise max_document)", source=source))
            return
        parts.append(line)
    text = "".join(parts)
    parts.clear()
    problem = bad_text(text)
    try:
        if problem is not None:
            raise ParseError(problem, source=source)
        too_large = strict_json.document_too_large(text, max_document)
        if too_large is not None:
            raise InputTooLargeError(f"{too_large} (raise max_document to read it)",
                                     source=source)
        data = _loads(text, source, None)
        if isinstance(data, dict) and data.get("type") == "Feature":
            features: list[Any] = [data]
            prefix = ""
        elif isinstance(data, dict) and data.get("type") == "FeatureCollection":
            found = data.get("features")
            if not isinstance(found, list):
                raise ParseError("a FeatureCollection needs a list of features",
                                 source=source, column="features")
            features, prefix = found, "features"
        else:
            raise ParseError("not a GeoJSON Feature or FeatureCollection", source=source,
                             column="type", value=data.get("type") if isinstance(data, dict)
                             else None)
    except ParseError as error:
        policy.handle(error)
        return
    for index, item in enumerate(features):
        try:
            record = _record_of(item, source, None, f"{prefix}[{index}]" if prefix else "")
        except ParseError as error:
            policy.handle(error)
            continue
        yield record


def _read_records(source: Input, policy: ErrorPolicy, options: Mapping[str, Any]) -> Iterator[
    Record
]:
    max_field = int(options.get("max_field", DEFAULT_MAX_FIELD))
    max_document = int(options.get("max_document", DEFAULT_MAX_DOCUMENT))
    # A document on one line may be longer than max_field: lines are bounded by the larger
    # limit here, and each shape checks its own.
    source.max_line = max(max_field, max_document)
    numbered = enumerate(source.lines(), start=1)
    for number, line in numbered:
        if not line.strip():
            continue
        if _is_header(line.lstrip("\ufeff")):
            yield from _read_lines(numbered, source.name, policy, max_field)
        else:
            def rest(first: tuple[int, str] = (number, line)) -> Iterator[tuple[int, str]]:
                yield first
                yield from numbered

            yield from _read_document(rest(), source.name, policy, max_document)
        return


def _sniff(head: list[str]) -> bool:
    joined = "".join("".join(head).lstrip("\ufeff").split())
    return joined.startswith('{"type":"Feature') or (
        joined.startswith("{") and '"type":"FeatureCollection"' in joined)


SPEC = register(
    FormatSpec(
        name=NAME,
        title="GeoJSON FeatureCollection (RFC 7946)",
        read=_read_records,
        write=_write_records,
        sniff=_sniff,
        suffixes=(".geojson",),
        read_options=frozenset({"max_field", "max_document"}),
        write_options=frozenset({"null_geometry"}),
    )
)


def read(source: Source, *, on_error: OnError = "raise", max_field: int = DEFAULT_MAX_FIELD,
         max_document: int = DEFAULT_MAX_DOCUMENT,
         report: ConversionReport | None = None) -> RecordStream:
    """Read the records of a GeoJSON file (see :func:`conflictevents.read`).

    :param max_field: the longest line accepted in the line-per-feature shape.
    :param max_document: the largest document accepted in any other shape (read whole).
    """
    return _read(source, NAME, on_error=on_error, report=report, max_field=max_field,
                 max_document=max_document)


def write(records: Iterable[Record], target: Target, *, null_geometry: bool = False,
          report: ConversionReport | None = None) -> ConversionReport:
    """Write records as a GeoJSON FeatureCollection, one Feature per line.

    :param null_geometry: write records without coordinates with ``"geometry": null``;
        by default they are left out and counted in ``report.left_out["no coordinates"]``.
    """
    return _write(records, target, NAME, report=report, null_geometry=null_geometry)
