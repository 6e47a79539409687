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

The reader reads files in that shape one line at a time (also with other members on the
opening line, such as ``name`` and ``crs``). Other GeoJSON (a FeatureCollection laid out any
other way, or a single Feature) is parsed whole, up to ``max_document`` characters, and its
errors name the line where the Feature starts.

Features without a ``"record"`` property (GeoJSON written by other tools) are read as events
through the column names of the format their properties come from: ACLED's
(:data:`ACLED_PROPERTIES`), UCDP GED's (:data:`UCDP_PROPERTIES`, as ``ogr2ogr`` writes a GED
file) or this module's flat properties (:data:`PROPERTIES`). A Point geometry gives the
coordinates; an id and a date are required. Every property not mapped, the Feature's own
members and an altitude are kept in ``Event.extras["geojson"]``; the Feature as read
(``"@feature"``) and the collection's other members (``"@collection"``: ``name``, a legacy
``crs``...) are kept too, so that writing the events back gives the same document. A
``crs`` that is not WGS 84 longitude/latitude is refused, never taken as WGS 84.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar, TextIO, TypeVar

import attrs

from conflictevents import places
from conflictevents.codes import ucdp as ucdp_codes
from conflictevents.dates import is_ambiguous_numeric, parse_date
from conflictevents.errors import (
    ConflictEventsError,
    InputTooLargeError,
    ParseError,
    UnknownCodeError,
    ValidationError,
)
from conflictevents.formats import _options
from conflictevents.formats import _strict_json as strict_json
from conflictevents.formats._cells import CellError, is_reserved
from conflictevents.formats._day_order import DayOrder, decide
from conflictevents.formats._io import DEFAULT_MAX_FIELD, FileSource, Input, Target, bad_text
from conflictevents.formats._json_model import from_json, to_json
from conflictevents.formats._policy import ErrorPolicy, OnError, OnWarning
from conflictevents.formats._registry import FormatSpec, RecordStream, register
from conflictevents.formats._registry import read as _read
from conflictevents.formats._registry import write as _write
from conflictevents.formats.report import ConversionReport, Reason
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
    "ACLED_PROPERTIES", "COLLECTION_KEY", "COLUMNS", "DAYFIRST_KEY", "DEFAULT_MAX_DOCUMENT",
    "FEATURE_KEY", "HEADER", "NAME",
    "PROPERTIES", "RECORD", "UCDP_PROPERTIES", "feature", "read", "write",
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
COLUMNS: tuple[str, ...] = tuple(PROPERTIES)
"""The flat properties a written feature may have, in the order they are written (an event
has those of its fields that are set)."""


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
    """The GeoJSON Feature of *record* (``geometry`` is ``None`` without coordinates).

    >>> from conflictevents import Event, Location
    >>> event = Event(id="E1", date="2024-12-05",
    ...               location=Location("Hama", country="SYR", latitude=35.13, longitude=36.75))
    >>> f = feature(event)
    >>> f["type"], f["geometry"], f["id"]
    ('Feature', {'type': 'Point', 'coordinates': [36.75, 35.13]}, 'E1')
    """
    place = _place(record)
    geometry: dict[str, Any] | None = None
    if place is not None and place.latitude is not None and place.longitude is not None:
        geometry = {"type": "Point", "coordinates": [place.longitude, place.latitude]}
    return {"type": "Feature", "id": record.id, "geometry": geometry,
            "properties": _properties(record)}


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _without_reserved(record: Record) -> Record:
    if not isinstance(record, Event):
        return record
    kept = record.extras.get(NAME)
    if not kept or not any(is_reserved(key) for key in kept):
        return record
    extras = {fmt: dict(columns) for fmt, columns in record.extras.items()}
    extras[NAME] = {k: v for k, v in kept.items() if not is_reserved(k)}
    if not extras[NAME]:
        del extras[NAME]
    return attrs.evolve(record, extras=extras)


def _verbatim(record: Record) -> str | None:
    """The Feature *record* was read from, if it still says what the record holds."""
    if not isinstance(record, Event):
        return None
    text = record.extra(NAME, FEATURE_KEY)
    if text is None:
        return None
    try:
        item = json.loads(text, parse_constant=_refuse_constant)
        day_text = record.extra(NAME, DAYFIRST_KEY)
        dayfirst = None if day_text is None else day_text == "true"
        again = _record_of(item, _Reading("", None, dayfirst=dayfirst), None, "")
    except (ParseError, ValueError, RecursionError):
        return None
    if _without_reserved(again) != _without_reserved(record):
        return None
    return text


def _header(record: Record | None) -> str:
    if not isinstance(record, Event):
        return HEADER
    members = record.extra(NAME, COLLECTION_KEY)
    if members is None:
        return HEADER
    try:
        data = json.loads(members, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        return HEADER
    if not isinstance(data, dict):
        return HEADER
    data = {k: v for k, v in data.items() if k not in ("type", "features")}
    inner = _dumps({"type": "FeatureCollection", **data})
    return inner[:-1] + ',"features":['


@attrs.frozen(kw_only=True)
class ReadOptions(_options.DocumentReadOptions):
    """The options of :func:`read` (``max_document`` bounds any shape but one feature per
    line)."""

    FORMAT: ClassVar[str] = NAME


@attrs.frozen(kw_only=True)
class WriteOptions(_options.WriteOptions):
    """The options of :func:`write`."""

    FORMAT: ClassVar[str] = NAME

    null_geometry: bool = _options.option(
        False, "write records without coordinates with a null geometry (by default they "
        "are left out and counted)")


def _write_records(
    records: Iterable[Record], stream: TextIO, report: ConversionReport,
    options: WriteOptions,
) -> None:
    null_geometry = options.null_geometry
    started = False
    pending: str | None = None
    for record in records:
        if not started:
            stream.write(_header(record) + "\n")
            started = True
        text = _verbatim(record)
        if text is None:
            item = feature(_without_reserved(record))
            if item["geometry"] is None and not null_geometry:
                report.leave_out(Reason.NO_COORDINATES)
                continue
            text = _dumps(item)
        if pending is not None:
            stream.write(pending + ",\n")
        pending = text
        report.written += 1
    if not started:
        stream.write(HEADER + "\n")
    if pending is not None:
        stream.write(pending + "\n")
    stream.write(FOOTER + "\n")


# -- reading ---------------------------------------------------------------------------------


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


_DECODER = json.JSONDecoder(parse_constant=_refuse_constant)
_SPACE = re.compile(r"[ \t\n\r]*")
_MAX_COUNT = 2**63 - 1
_COUNT_TEXT = re.compile(r"^[0-9]{1,19}(?:\.0*)?$")

# Foreign GeoJSON: the property names of other formats' columns, and the field each fills.
# A format module knows its own columns only; these are the names as UCDP GED and ACLED
# publish them (see docs/formats/ucdp.md and docs/formats/acled.md), kept here so that a
# FeatureCollection whose properties are one of those formats' rows reads as events.
UCDP_PROPERTIES: Mapping[str, str] = {
    "id": "id", "date_start": "date_start", "date_end": "date_end",
    "date_prec": "ucdp_date_prec", "type_of_violence": "ucdp_violence", "side_a": "actor1",
    "side_b": "actor2", "where_coordinates": "location", "adm_1": "admin1",
    "adm_2": "admin2", "country": "country", "where_prec": "ucdp_where_prec", "best": "best",
    "low": "low", "high": "high", "latitude": "latitude", "longitude": "longitude",
}
"""UCDP GED's columns as properties (``ogr2ogr`` output of a GED CSV, for example)."""
ACLED_PROPERTIES: Mapping[str, str] = {
    "event_id_cnty": "id", "event_date": "date_start", "time_precision": "acled_time",
    "event_type": "event_type", "sub_event_type": "sub_event_type", "actor1": "actor1",
    "actor2": "actor2", "assoc_actor_1": "assoc1", "assoc_actor_2": "assoc2",
    "country": "country", "iso3": "country", "admin1": "admin1", "admin2": "admin2",
    "admin3": "admin3", "location": "location", "latitude": "latitude",
    "longitude": "longitude", "geo_precision": "acled_geo", "source": "source",
    "notes": "notes", "fatalities": "best", "tags": "tags",
}
"""ACLED's columns as properties (names compared without regard to case)."""
_LIBRARY_PROPERTIES: Mapping[str, str] = {
    "id": "id", "date": "date_start", "date_end": "date_end", "date_precision": "precision",
    "event_type": "event_type", "sub_event_type": "sub_event_type", "cameo_code": "cameo",
    "ucdp_type_of_violence": "ucdp_violence", "actor1": "actor1", "actor2": "actor2",
    "country": "country", "admin1": "admin1", "admin2": "admin2", "location": "location",
    "geo_precision": "geo_precision", "fatalities": "best", "fatalities_low": "low",
    "fatalities_high": "high", "notes": "notes", "sources": "source",
}
_UCDP_GEO = {p.code: GeoPrecision(p.precision) for p in ucdp_codes.where_precisions()}
_UCDP_DATE = {p.code: DatePrecision(p.precision) for p in ucdp_codes.date_precisions()}
_ACLED_TIME = {"1": DatePrecision.DAY, "2": DatePrecision.WEEK, "3": DatePrecision.MONTH}
_ACLED_GEO = {"1": GeoPrecision.EXACT, "2": GeoPrecision.NEAR, "3": GeoPrecision.ADMIN1}
_T = TypeVar("_T")
_WGS84 = frozenset({
    "urn:ogc:def:crs:ogc:1.3:crs84", "urn:ogc:def:crs:ogc::crs84", "crs84",
    "urn:ogc:def:crs:epsg::4326", "urn:ogc:def:crs:epsg:6.6:4326", "epsg:4326",
    "http://www.opengis.net/def/crs/ogc/1.3/crs84",
    "http://www.opengis.net/def/crs/epsg/0/4326",
})
FEATURE_KEY = "@feature"
"""Reserved extras key: a foreign Feature as it was read (compact JSON), written back as it
is while it still says what the event holds."""
DAYFIRST_KEY = "@dayfirst"
"""Reserved extras key: how the file's numeric dates read (``"true"`` day-first), kept on an
event whose date text needed it."""
COLLECTION_KEY = "@collection"
"""Reserved extras key: the members of the FeatureCollection other than ``type`` and
``features`` (``name``, a legacy ``crs``, ``bbox``...), as a JSON object, written back."""


def _vocabulary(properties: Mapping[str, Any]) -> tuple[str, Mapping[str, str]]:
    """Which format's column names *properties* uses: (name, property -> field)."""
    lowered = {key.lower() for key in properties}
    if RECORD not in properties and ("event_id_cnty" in lowered or "event_date" in lowered):
        return "acled", ACLED_PROPERTIES
    if "date_start" in lowered and "date" not in lowered:
        return "ucdp", UCDP_PROPERTIES
    return "library", _LIBRARY_PROPERTIES


def _number(value: object, column: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise CellError(column, "must be [longitude, latitude] (finite numbers)", value)
    try:
        number = float(value)
    except OverflowError:
        raise CellError(column, "a coordinate too large to be a number", value) from None
    if not math.isfinite(number):
        raise CellError(column, "must be [longitude, latitude] (finite numbers)", value)
    return number


def _point(geometry: object) -> tuple[float, float, object] | None:
    """(latitude, longitude, altitude or None) of a Point geometry."""
    if geometry is None:
        return None
    if not isinstance(geometry, dict):
        raise CellError("geometry", "must be an object or null", geometry)
    if geometry.get("type") != "Point":
        raise CellError("geometry.type",
                        "only Point geometries can be read (a record has one place)",
                        geometry.get("type"))
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list) or len(coordinates) not in (2, 3):
        raise CellError("geometry.coordinates",
                        "must be [longitude, latitude] (finite numbers)", coordinates)
    longitude = _number(coordinates[0], "geometry.coordinates")
    latitude = _number(coordinates[1], "geometry.coordinates")
    altitude = coordinates[2] if len(coordinates) == 3 else None
    if altitude is not None:
        _number(altitude, "geometry.coordinates")
    return latitude, longitude, altitude


def _prop_text(properties: Mapping[str, Any], key: str | None) -> str | None:
    if key is None:
        return None
    value = properties.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise CellError(f"properties.{key}", "must be text", value)
    if isinstance(value, float) and not math.isfinite(value):
        raise CellError(f"properties.{key}", "must be text", value)
    text = str(value).strip()
    return text or None


def _prop_count(properties: Mapping[str, Any], key: str | None) -> int | None:
    if key is None:
        return None
    value = properties.get(key)
    if value is None or value == "":
        return None
    number: int | None = None
    if isinstance(value, str) and _COUNT_TEXT.match(value.strip()):
        number = int(value.strip().split(".")[0])
    elif isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
        number = int(value)
    if number is None or number < 0:
        raise CellError(f"properties.{key}", "must be a whole number", value)
    if number > _MAX_COUNT:
        raise CellError(f"properties.{key}", "too large for a number of deaths", value)
    return number


def _small_code(text: str | None) -> int | None:
    if text is None or len(text) > 6 or re.fullmatch(r"[0-9]+(?:\.0*)?", text) is None:
        return None
    return int(text.split(".")[0])


@attrs.define
class _Reading:
    """What the features of one input share: where they come from and how to report."""

    source: str
    policy: ErrorPolicy | None
    collection: str | None = None
    dayfirst: bool | None = None

    def warn(self, code: str, reason: str, line: int | None, column: str,
             value: object) -> None:
        if self.policy is not None:
            self.policy.warn(code, reason, source=self.source, line=line, column=column,
                             value=value, once=code == "unknown-code")


def _foreign_event(item: Mapping[str, Any], point: tuple[float, float, object] | None,
                   reading: _Reading, line: int | None) -> Event:
    """An event from a Feature that this library did not write."""
    properties = item.get("properties") or {}
    if not isinstance(properties, dict):
        raise CellError("properties", "must be an object or null", properties)
    vocabulary, table = _vocabulary(properties)
    key_of: dict[str, str] = {}
    for key in properties:
        field = table.get(key if vocabulary != "acled" else key.lower())
        if field is not None and field not in key_of:
            key_of[field] = key
    used: set[str] = set()

    def text(field: str) -> str | None:
        key = key_of.get(field)
        if key is not None:
            used.add(key)
        return _prop_text(properties, key)

    def count(field: str) -> int | None:
        key = key_of.get(field)
        if key is not None:
            used.add(key)
        return _prop_count(properties, key)

    def column(field: str) -> str:
        named = key_of.get(field) or next((k for k, f in table.items() if f == field), field)
        return f"properties.{named}"

    extras: dict[str, str] = {}
    identifier = text("id")
    feature_id = item.get("id")
    if identifier is None and isinstance(feature_id, (str, int)) and not isinstance(
            feature_id, bool):
        identifier = str(feature_id).strip() or None
    elif feature_id is not None:
        extras["feature:id"] = feature_id if isinstance(feature_id, str) else _dumps(
            feature_id)
    if identifier is None:
        raise CellError(column("id"), "a feature needs an id (property or member)")
    start_text = text("date_start")
    if start_text is None:
        raise CellError(column("date_start"), "a feature needs a date")
    dayfirst = reading.dayfirst
    try:
        start = parse_date(start_text, dayfirst=dayfirst)
    except ParseError as error:
        raise CellError(column("date_start"), error.reason, start_text,
                            type(error)) from None
    except RecursionError:
        raise CellError(column("date_start"), "not a date", start_text) from None
    end_text = text("date_end")
    try:
        end = parse_date(end_text, dayfirst=dayfirst) if end_text is not None else start
    except ParseError as error:
        raise CellError(column("date_end"), error.reason, end_text, type(error)) from None
    except RecursionError:
        raise CellError(column("date_end"), "not a date", end_text) from None
    default = start.precision if end is start else DatePrecision.SPAN
    precision = default
    precision_text = text("precision")
    if precision_text is not None:
        try:
            precision = DatePrecision(precision_text.lower())
        except ValueError:
            raise CellError(column("precision"), "must be day, span, week, month or year",
                            precision_text) from None
    def coded(ucdp_field: str, ucdp: Mapping[int, _T], acled_field: str,
              acled: Mapping[str, _T]) -> Iterator[_T]:
        """The values the UCDP and ACLED code cells give, in that order; a code the code
        book lacks is a warning, kept in the extras."""
        for field in (ucdp_field, acled_field):
            code_text = text(field)
            if code_text is None:
                continue
            found = (ucdp.get(_small_code(code_text) or 0) if field == ucdp_field
                     else acled.get(str(_small_code(code_text))))
            if found is None:
                reading.warn("unknown-code", f"a {field} code the code book lacks; kept as "
                             "written", line, column(field), code_text)
                extras[key_of[field]] = code_text
            else:
                yield found

    for found in coded("ucdp_date_prec", _UCDP_DATE, "acled_time", _ACLED_TIME):
        precision = found
        if found is DatePrecision.DAY and start.start != end.end:
            precision = DatePrecision.SPAN
    try:
        date = EventDate(start.start, end.end, precision)
    except ValidationError as error:
        raise CellError(column("date_end"), error.reason, end_text) from None

    classifications: list[Classification] = []
    sub_event_type = text("sub_event_type")
    event_type = text("event_type")
    if sub_event_type is not None:
        classifications.append(_classified(
            Classification.ACLED, sub_event_type, event_type, reading, line,
            column("sub_event_type")))
    elif event_type is not None:
        extras[key_of["event_type"]] = event_type  # no ACLED classification without a sub-type
    cameo = text("cameo")
    if cameo is not None:
        classifications.append(_classified(Classification.CAMEO, cameo, None, reading, line,
                                           column("cameo")))
    violence = text("ucdp_violence")
    if violence is not None:
        number = _small_code(violence)
        classifications.append(_classified(Classification.UCDP, str(number) if number else
                                           violence, None, reading, line,
                                           column("ucdp_violence")))
        if str(number) != violence:
            extras[key_of["ucdp_violence"]] = violence
    country: str | None = None
    for key in [k for k in properties if table.get(
            k if vocabulary != "acled" else k.lower()) == "country"]:
        used.add(key)
        country_text = _prop_text(properties, key)
        if country_text is None:
            continue
        try:
            found_country = places.resolve_country(country_text)
        except (UnknownCodeError, ValueError):
            reading.warn("unknown-code", "a country the library does not know; kept as "
                         "written", line, f"properties.{key}", country_text)
            extras[key] = country_text
            continue
        country = country or found_country
    geo: GeoPrecision | None = None
    geo_text = text("geo_precision")
    if geo_text is not None:
        try:
            geo = GeoPrecision(geo_text.lower())
        except ValueError:
            raise CellError(column("geo_precision"),
                            "not a precision (exact, near, admin2, admin1, region, "
                            "country, international)", geo_text) from None
    for found_geo in coded("ucdp_where_prec", _UCDP_GEO, "acled_geo", _ACLED_GEO):
        geo = found_geo
    if point is None:
        latitude_text, longitude_text = text("latitude"), text("longitude")
        if latitude_text is not None and longitude_text is not None:
            try:
                point = (float(latitude_text), float(longitude_text), None)
            except (ValueError, OverflowError):
                raise CellError(column("latitude"), "latitude and longitude must be numbers",
                                latitude_text) from None
    else:
        for field in ("latitude", "longitude"):
            if field in key_of:  # kept: the geometry gives the place
                used.discard(key_of[field])
    admin1, admin2, admin3 = text("admin1"), text("admin2"), text("admin3")
    name = text("location")
    location = None
    if point is not None or any(v is not None for v in (name, country, admin1, admin2, admin3)):
        if name is None:
            name = admin3 or admin2 or admin1 or (
                f"{point[0]!r}, {point[1]!r}" if point is not None else str(country))
        location = Location(name=name, country=country, admin1=admin1, admin2=admin2,
                            admin3=admin3,
                            latitude=None if point is None else point[0],
                            longitude=None if point is None else point[1], precision=geo)
    best, low, high = count("best"), count("low"), count("high")
    fatalities = None
    if best is not None:
        fatalities = Fatalities(best, low, high)
        if not fatalities.consistent:
            reading.warn("inconsistent-range", "the low and high estimates do not bracket "
                         "the best one; kept as written", line, column("best"),
                         f"low {low}, best {best}, high {high}")
    elif low is not None or high is not None:
        raise CellError(column("best"), "low and high need a best estimate")
    actor1, actor2 = text("actor1"), text("actor2")
    source_text = text("source")
    separator = ";"
    sources = [] if source_text is None else [
        SourceRecord(part.strip()) for part in source_text.split(separator) if part.strip()]
    associates = [[Actor(n.strip()) for n in (text(f) or "").split(";") if n.strip()]
                  for f in ("assoc1", "assoc2")]
    tags = [t.strip() for t in (text("tags") or "").split(";") if t.strip()]
    notes = text("notes")
    for key, value in properties.items():
        if key in used or value is None or key in extras:
            continue
        extras[key] = value if isinstance(value, str) else _dumps(value)
    for member, value in item.items():
        if member not in ("type", "id", "geometry", "properties"):
            extras[f"feature:{member}"] = value if isinstance(value, str) else _dumps(value)
    if point is not None and point[2] is not None:
        extras["geometry:altitude"] = _dumps(point[2])
    extras[FEATURE_KEY] = _dumps(item)
    if dayfirst is not None and any(is_ambiguous_numeric(t) for t in (start_text, end_text or "")):
        extras[DAYFIRST_KEY] = "true" if dayfirst else "false"
    if reading.collection is not None:
        extras[COLLECTION_KEY] = reading.collection
    return Event(
        id=identifier, date=date, classifications=classifications,
        actor1=None if actor1 is None else Actor(actor1),
        actor2=None if actor2 is None else Actor(actor2),
        associates1=associates[0], associates2=associates[1],
        location=location, fatalities=fatalities, notes=notes, sources=sources, tags=tags,
        extras={NAME: extras},
    )


def _classified(scheme: str, code: str, parent: str | None, reading: _Reading,
                line: int | None, column: str) -> Classification:
    try:
        return Classification(scheme, code, parent=parent)
    except ValidationError:
        reading.warn("unknown-code", f"a {scheme} code the code book lacks; kept as written",
                     line, column, code)
        return Classification(scheme, code, parent=parent, unknown=True)


def _record_of(item: object, reading: _Reading, line: int | None, path: str) -> Record:
    """The record of one Feature (already parsed)."""
    source = reading.source

    def where(column: str | None) -> str | None:
        if not column:
            return path or None
        return f"{path}.{column}" if path else column

    try:
        if not isinstance(item, dict) or item.get("type") != "Feature":
            raise CellError("", "not a GeoJSON Feature",
                            item if not isinstance(item, dict) else item.get("type"))
        point = _point(item.get("geometry"))
        properties = item.get("properties")
        if isinstance(properties, dict) and isinstance(properties.get(RECORD), dict):
            try:
                return from_json(properties[RECORD], source=source, line=line)
            except ParseError as error:
                column = f"properties.{RECORD}" + (f".{error.column}" if error.column else "")
                raise CellError(column, error.reason, error.value) from None
        return _foreign_event(item, point, reading, line)
    except CellError as bad:
        raise bad.kind(bad.reason, source=source, line=line, column=where(bad.column),
                       value=bad.value) from None
    except ValidationError as error:
        raise ParseError(str(error), source=source, line=line, column=where(error.field),
                         value=error.value) from None
    except ParseError as error:  # a warning under on_warning="error"
        raise ParseError(error.reason, source=source, line=line,
                         column=where(str(error.column)) if error.column else path or None,
                         value=error.value) from None
    except (ConflictEventsError, ValueError, OverflowError, RecursionError) as error:
        raise ParseError(f"cannot read the feature ({error})", source=source, line=line,
                         column=path or None) from None


def _loads(text: str, source: str, line: int | None) -> Any:
    try:
        return strict_json.loads(text)
    except json.JSONDecodeError as error:
        where = None if line is None else line + error.lineno - 1
        raise ParseError(f"not valid JSON ({error.msg})", source=source, line=where,
                         value=text if len(text) < 200 else text[:200]) from None
    except (ValueError, RecursionError) as error:
        reason = str(error) if isinstance(error, ValueError) else "nested too deeply"
        raise ParseError(f"not valid JSON ({reason})", source=source, line=line,
                         value=text if len(text) < 200 else text[:200]) from None


def _check_crs(members: Mapping[str, Any], source: str, line: int | None,
               policy: ErrorPolicy) -> None:
    """Refuse a legacy ``crs`` that is not WGS 84 longitude/latitude; warn when unsure."""
    if "crs" not in members:
        return
    crs = members["crs"]
    name = None
    if isinstance(crs, dict) and crs.get("type") == "name" and isinstance(
            crs.get("properties"), dict):
        name = crs["properties"].get("name")
    if isinstance(name, str):
        if name.strip().lower() in _WGS84:
            return
        raise ParseError("the coordinates are in another reference system than WGS 84 "
                         "longitude/latitude (RFC 7946 allows no other); reproject them "
                         "first", source=source, line=line, column="crs", value=name)
    policy.warn("unrecognised-crs", "a crs member the library cannot interpret; the "
                "coordinates are read as WGS 84 longitude/latitude", source=source,
                line=line, column="crs", value=_dumps(crs))


def _collection_header(line: str) -> dict[str, Any] | None:
    """The collection members of a first line that opens a FeatureCollection."""
    text = line.strip().lstrip("\ufeff")
    if text.replace(" ", "") == HEADER:
        return {}
    squeezed = text.replace(" ", "")
    if not (squeezed.startswith('{"type":"FeatureCollection"')
            and squeezed.endswith('"features":[')):
        return None
    try:
        data = strict_json.loads(text + "]}")
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("features") != []:
        return None
    return {k: v for k, v in data.items() if k not in ("type", "features")}


class _NotLinePerFeature(Exception):  # noqa: N818 - a signal, not an error
    def __init__(self, line: tuple[int, str]) -> None:
        super().__init__("not one feature per line")
        self.line = line


def _parses(text: str) -> bool:
    try:
        strict_json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def _parsed_lines(lines: Iterator[tuple[int, str]], source: str, max_field: int,
                  fallback: bool) -> Iterator[tuple[int, Any] | ParseError]:
    """Each feature line parsed, with its number, or the error in its place."""
    closed = False
    first = fallback
    for number, line in lines:
        text = line.strip()
        if not text:
            continue
        if closed:
            yield ParseError("data after the end of the FeatureCollection", source=source,
                             line=number, value=text[:200])
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
            try:
                item = _loads(text.removesuffix(","), source, number)
            except ParseError:
                if first:  # not one feature per line after all: read the document whole
                    raise _NotLinePerFeature((number, line)) from None
                raise
        except ParseError as error:
            yield error
            continue
        first = False
        yield number, item
    if not closed:
        yield ParseError("the FeatureCollection is not closed (no ']}' line)", source=source)


def _feature_dates(entry: tuple[int, Any] | ParseError) -> list[str]:
    if isinstance(entry, ParseError):
        return []
    item = entry[1]
    properties = item.get("properties") if isinstance(item, dict) else None
    if not isinstance(properties, dict) or isinstance(properties.get(RECORD), dict):
        return []
    return [value for key, value in properties.items()
            if isinstance(value, str) and key.lower() in _DATE_PROPERTIES]


def _read_lines(lines: Iterator[tuple[int, str]], reading: _Reading, policy: ErrorPolicy,
                max_field: int, *, fallback: bool = True) -> Iterator[Record]:
    order = DayOrder(policy.dayfirst)
    entries = decide(_parsed_lines(lines, reading.source, max_field, fallback), order,
                     _feature_dates,
                     lambda entry: None if isinstance(entry, ParseError) else entry[0])
    announced = False
    for entry in entries:
        reading.dayfirst = order.dayfirst
        if not announced and order.resolved > 0 and not order.given:
            announced = True
            policy.warn("ambiguous-date", f"numeric dates read {order.description}",
                        source=reading.source, column="properties")
        if isinstance(entry, ParseError):
            policy.handle(entry)
            continue
        number, item = entry
        try:
            record = _record_of(item, reading, number, "")
        except ParseError as error:
            policy.handle(error)
            continue
        yield record


def _skip(text: str, index: int) -> int:
    found = _SPACE.match(text, index)
    return index if found is None else found.end()


def _feature_lines(text: str, first_line: int) -> list[int] | None:
    """The line each element of the document's ``features`` array starts on."""
    try:
        index = _skip(text, 0)
        if text[index] != "{":
            return None
        index = _skip(text, index + 1)
        found: list[int] | None = None
        line, counted = first_line, 0
        while text[index] != "}":
            key, index = _DECODER.raw_decode(text, index)
            index = _skip(text, _skip(text, index) + 1)
            if key == "features" and text[index] == "[":
                found = []
                index = _skip(text, index + 1)
                while text[index] != "]":
                    line += text.count("\n", counted, index)
                    counted = index
                    found.append(line)
                    _, index = _DECODER.raw_decode(text, index)
                    index = _skip(text, index)
                    if text[index] == ",":
                        index = _skip(text, index + 1)
                index += 1
            else:
                _, index = _DECODER.raw_decode(text, index)
            index = _skip(text, index)
            if text[index] == ",":
                index = _skip(text, index + 1)
        return found
    except (ValueError, IndexError, RecursionError):
        return None


def _read_document(lines: Iterator[tuple[int, str]], reading: _Reading, policy: ErrorPolicy,
                   max_document: int) -> Iterator[Record]:
    source = reading.source
    parts: list[str] = []
    size = 0
    first_line = 1
    for number, line in lines:
        if not parts:
            first_line = number
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
        data = _loads(text, source, first_line)
        if isinstance(data, dict) and data.get("type") == "Feature":
            features: list[Any] = [data]
            prefix = ""
            starts: list[int] | None = [first_line]
        elif isinstance(data, dict) and data.get("type") == "FeatureCollection":
            found = data.get("features")
            if not isinstance(found, list):
                raise ParseError("a FeatureCollection needs a list of features",
                                 source=source, line=first_line, column="features")
            features, prefix = found, "features"
            members = {k: v for k, v in data.items() if k not in ("type", "features")}
            _check_crs(members, source, first_line, policy)
            if members:
                reading.collection = _dumps(members)
            starts = _feature_lines(text, first_line)
        else:
            raise ParseError("not a GeoJSON Feature or FeatureCollection", source=source,
                             line=first_line, column="type",
                             value=data.get("type") if isinstance(data, dict) else None)
    except ParseError as error:
        policy.handle(error)
        return
    del text, parts
    if starts is not None and len(starts) != len(features):
        starts = None
    _decide_day_order(features, starts, reading, policy)
    for index, item in enumerate(features):
        where = None if starts is None else starts[index]
        try:
            record = _record_of(item, reading, where, f"{prefix}[{index}]" if prefix else "")
        except ParseError as error:
            policy.handle(error)
            continue
        yield record


_DATE_PROPERTIES = frozenset({"date", "date_end", "date_start", "event_date"})


def _decide_day_order(features: list[Any], starts: list[int] | None, reading: _Reading,
                      policy: ErrorPolicy) -> None:
    """One day/month order for the numeric dates of a whole document (see ``_day_order``)."""
    order = DayOrder(policy.dayfirst)
    if order.given:
        reading.dayfirst = order.dayfirst
        return
    ambiguous = 0
    for index, item in enumerate(features):
        properties = item.get("properties") if isinstance(item, dict) else None
        if not isinstance(properties, dict) or isinstance(properties.get(RECORD), dict):
            continue
        for key, value in properties.items():
            if isinstance(value, str) and key.lower() in _DATE_PROPERTIES:
                ambiguous += order.observe(value, None if starts is None else starts[index])
    reading.dayfirst = order.dayfirst
    if ambiguous and order.dayfirst is not None:
        policy.warn("ambiguous-date", f"numeric dates read {order.description}",
                    source=reading.source, column="properties")


def _read_records(source: Input, policy: ErrorPolicy, options: ReadOptions) -> Iterator[
    Record
]:
    max_field, max_document = options.max_field, options.max_document
    # A document on one line may be longer than max_field: lines are bounded by the larger
    # limit here, and each shape checks its own.
    source.max_line = max(max_field, max_document)
    reading = _Reading(source.name, policy, dayfirst=policy.dayfirst)
    numbered = enumerate(source.lines(), start=1)
    for number, line in numbered:
        if not line.strip():
            continue
        members = _collection_header(line) if len(line) <= max_field else None
        if members is not None:
            try:
                _check_crs(members, source.name, number, policy)
            except ParseError as error:
                policy.handle(error)
                return
            if members:
                reading.collection = _dumps(members)
            try:
                yield from _read_lines(numbered, reading, policy, max_field)
            except _NotLinePerFeature as signal:
                # The first feature line is not JSON by itself: a document laid out another
                # way whose first line happens to look like ours. Read it whole if it parses
                # whole; else it was a bad line after all, and reading goes on line by line.
                held = [(number, line), signal.line]
                size = len(line) + len(signal.line[1])
                for pair in numbered:
                    held.append(pair)
                    size += len(pair[1])
                    if size > max_document:
                        break
                whole = size <= max_document and _parses("".join(t for _, t in held))
                if whole:
                    reading.collection = None
                    yield from _read_document(iter(held), reading, policy, max_document)
                else:
                    lines = itertools.chain(held[1:], numbered)
                    yield from _read_lines(lines, reading, policy, max_field, fallback=False)
        else:
            def rest(first: tuple[int, str] = (number, line)) -> Iterator[tuple[int, str]]:
                yield first
                yield from numbered

            yield from _read_document(rest(), reading, policy, max_document)
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
        read_options=ReadOptions,
        write_options=WriteOptions,
        utf8_only=True,
    )
)


def read(source: FileSource, *, on_error: OnError = "raise", max_field: int = DEFAULT_MAX_FIELD,
         max_document: int = DEFAULT_MAX_DOCUMENT,
         report: ConversionReport | None = None, encoding: str | None = None,
         dayfirst: bool | None = None, on_warning: OnWarning = "report") -> RecordStream[Record]:
    """Read the records of a GeoJSON file (see :func:`conflictevents.read`).

    :param max_field: the longest line accepted in the line-per-feature shape.
    :param max_document: the largest document accepted in any other shape (read whole).
    """
    return _read(source, NAME, on_error=on_error, report=report, max_field=max_field,
                 max_document=max_document, encoding=encoding, dayfirst=dayfirst,
                 on_warning=on_warning)


def write(records: Iterable[Record], target: Target, *, null_geometry: bool = False,
          report: ConversionReport | None = None) -> ConversionReport:
    """Write records as a GeoJSON FeatureCollection, one Feature per line.

    :param null_geometry: write records without coordinates with ``"geometry": null``;
        by default they are left out and counted in ``report.left_out["no coordinates"]``.
    """
    return _write(records, target, NAME, report=report, null_geometry=null_geometry)
