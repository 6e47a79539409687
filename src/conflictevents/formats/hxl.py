"""HXL: CSV with a row of Humanitarian Exchange Language hashtags under the header.

The writer writes events as the humanitarian data portals (HDX) publish ACLED data: a
header row, then a hashtag row (``#event+code``, ``#date+occurred``, ``#group+name+first``,
``#adm1+name``, ``#geo+lat``, ``#affected+killed``...; see :data:`COLUMNS`), then one row per
event. Claims and control changes are left out and counted.

The reader finds the hashtag row among the first :data:`SEARCH_ROWS` rows and reads the
columns by their hashtags, whatever their header text and order, following HXL's rules:
tags and attributes are case-insensitive and the order of attributes does not matter; a
column whose hashtag has more attributes than a pattern still matches it (``#affected
+killed+f`` is a ``#affected+killed`` column), and each column goes to the most specific
pattern it matches (``#group+name+first+assoc`` is an associate, not the first actor).
Columns no pattern matches are kept in ``Event.extras["hxl"]``, keyed by their hashtag, and
written back after the standard columns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, TextIO

import attrs

from conflictevents import places
from conflictevents.dates import parse_date
from conflictevents.errors import ParseError, UnknownCodeError, ValidationError
from conflictevents.formats._csv import Row, read_rows, writer
from conflictevents.formats._io import DEFAULT_MAX_FIELD, Input, Source, Target
from conflictevents.formats._policy import ErrorPolicy, OnError
from conflictevents.formats._registry import FormatSpec, RecordStream, register
from conflictevents.formats._registry import read as _read
from conflictevents.formats._registry import write as _write
from conflictevents.formats.report import ConversionReport
from conflictevents.model import (
    Actor,
    Classification,
    DatePrecision,
    Event,
    EventDate,
    Fatalities,
    GeoPrecision,
    Location,
    Record,
)
from conflictevents.model import (
    Source as SourceRecord,
)

__all__ = [
    "COLUMNS", "HASHTAG", "NAME", "SEARCH_ROWS", "Hashtag", "is_hashtag_row", "parse_hashtag",
    "read", "write",
]

NAME = "hxl"
SEARCH_ROWS = 25
"""How many rows the reader looks through for the hashtag row."""
SEPARATOR = "; "
"""Joins several names in one cell (associates, sources, tags), as ACLED does."""

HASHTAG = re.compile(r"^\s*#([A-Za-z][A-Za-z0-9_]*)((?:\s*\+\s*[A-Za-z][A-Za-z0-9_]*)*)\s*$")
"""A HXL hashtag with its attributes, as the HXL standard spells them."""


@attrs.frozen
class Hashtag:
    """A parsed hashtag: the tag and its attributes, lower case.

    >>> tag = parse_hashtag("#Group +Name +First")
    >>> tag.tag, sorted(tag.attributes)
    ('group', ['first', 'name'])
    """

    tag: str
    attributes: frozenset[str]

    def matches(self, pattern: Hashtag) -> bool:
        """Whether this column's hashtag matches *pattern* (same tag, every attribute)."""
        return self.tag == pattern.tag and pattern.attributes <= self.attributes

    def __str__(self) -> str:
        return "#" + self.tag + "".join("+" + a for a in sorted(self.attributes))


def parse_hashtag(text: str) -> Hashtag | None:
    """The :class:`Hashtag` written in *text*, or ``None`` if *text* is not one."""
    match = HASHTAG.match(text)
    if match is None:
        return None
    attributes = [a.strip().lower() for a in match.group(2).split("+")[1:]]
    return Hashtag(match.group(1).lower(), frozenset(attributes))


#: The columns written, in order: (header, hashtag).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "#event+code"),
    ("event_date", "#date+occurred"),
    ("date_end", "#date+occurred+end"),
    ("date_precision", "#date+occurred+precision"),
    ("year", "#date+year"),
    ("event_type", "#event+type"),
    ("sub_event_type", "#event+type+sub"),
    ("cameo_code", "#event+type+cameo"),
    ("actor1", "#group+name+first"),
    ("assoc_actor_1", "#group+name+first+assoc"),
    ("actor2", "#group+name+second"),
    ("assoc_actor_2", "#group+name+second+assoc"),
    ("country", "#country+name"),
    ("iso3", "#country+code"),
    ("admin1", "#adm1+name"),
    ("admin1_code", "#adm1+code"),
    ("admin2", "#adm2+name"),
    ("admin3", "#adm3+name"),
    ("location", "#loc+name"),
    ("latitude", "#geo+lat"),
    ("longitude", "#geo+lon"),
    ("geo_precision", "#geo+precision"),
    ("source", "#meta+source"),
    ("notes", "#description"),
    ("tags", "#meta+tags"),
    ("fatalities", "#affected+killed"),
)
_KEYS = [header for header, _ in COLUMNS]
_PATTERNS = {header: parse_hashtag(tag) for header, tag in COLUMNS}
_STANDARD = {parse_hashtag(tag): header for header, tag in COLUMNS}


# -- writing ---------------------------------------------------------------------------------


def _joined(names: Sequence[str], field: str, report: ConversionReport) -> str:
    if any(";" in name for name in names):
        report.drop(field)  # the separator would split a name: not carried
        return ""
    return SEPARATOR.join(names)


def _float_text(value: float | None) -> str:
    return "" if value is None else repr(value)


def _row_of(event: Event, report: ConversionReport) -> dict[str, str]:
    out = dict.fromkeys(_KEYS, "")
    out["event_id"] = event.id
    date = event.date
    out["event_date"] = date.start.isoformat()
    out["year"] = str(date.start.year)
    if date.end != date.start:
        out["date_end"] = date.end.isoformat()
    if date.precision is not DatePrecision.DAY:
        out["date_precision"] = date.precision.value
    acled = event.classification(Classification.ACLED)
    cameo = event.classification(Classification.CAMEO)
    for found, keys in ((acled, ("sub_event_type", "event_type")), (cameo, ("cameo_code",))):
        if found is None:
            continue
        if found.derived:
            report.derive(keys[0])
        out[keys[0]] = found.code
        if len(keys) > 1 and found.parent is not None:
            out[keys[1]] = found.parent
    for item in event.classifications:
        if item is not acled and item is not cameo:
            report.drop(f"classifications.{item.scheme}")
    for key, actor, field in (("actor1", event.actor1, "actor1"),
                              ("actor2", event.actor2, "actor2")):
        if actor is None:
            continue
        out[key] = actor.name
        for attribute in ("kind", "country", "cameo_code"):
            if getattr(actor, attribute) is not None:
                report.drop(f"{field}.{attribute}")
        if actor.aliases:
            report.drop(f"{field}.aliases")
    for key, associates, field in (("assoc_actor_1", event.associates1, "associates1"),
                                   ("assoc_actor_2", event.associates2, "associates2")):
        if associates:
            out[key] = _joined([a.name for a in associates], field, report)
            if any(a.kind is not None or a.country is not None or a.cameo_code is not None
                   or a.aliases for a in associates):
                report.drop(f"{field}.details")
    location = event.location
    if location is not None:
        out["location"] = location.name
        if location.country is not None:
            out["iso3"] = location.country
            out["country"] = places.country_name(location.country)
        out["admin1"] = location.admin1 or ""
        out["admin1_code"] = location.admin1_code or ""
        out["admin2"] = location.admin2 or ""
        out["admin3"] = location.admin3 or ""
        out["latitude"] = _float_text(location.latitude)
        out["longitude"] = _float_text(location.longitude)
        out["geo_precision"] = "" if location.precision is None else location.precision.value
    if event.fatalities is not None:
        out["fatalities"] = str(event.fatalities.best)
        if event.fatalities.low is not None or event.fatalities.high is not None:
            report.drop("fatalities.range")
    if event.sources:
        out["source"] = _joined([s.name for s in event.sources], "sources", report)
        if any(s.url or s.published or s.scale for s in event.sources):
            report.drop("sources.details")
    out["notes"] = event.notes or ""
    if event.tags:
        out["tags"] = _joined(list(event.tags), "tags", report)
    for fmt in event.extras:
        if fmt != NAME:
            report.drop(f"extras.{fmt}")
    return out


def _write_records(
    records: Iterable[Record], stream: TextIO, report: ConversionReport,
    options: Mapping[str, Any],
) -> None:
    out = writer(stream, line_terminator=str(options.get("line_terminator", "\n")),
                 spreadsheet_safe=bool(options.get("spreadsheet_safe")))
    extra_tags: list[str] | None = None
    for record in records:
        if not isinstance(record, Event):
            report.leave_out(f"not an event ({type(record).__name__})")
            continue
        kept = dict(record.extras.get(NAME, {}))
        cells = _row_of(record, report)
        for key in list(kept):
            standard = _STANDARD.get(parse_hashtag(key))
            if standard is not None and not cells[standard]:
                cells[standard] = kept.pop(key)
        if extra_tags is None:
            extra_tags = list(kept)
            out.writerow(_KEYS + ["" for _ in extra_tags])
            out.writerow([tag for _, tag in COLUMNS] + extra_tags)
        for key in kept:
            if key not in extra_tags:
                report.drop(f"extras.{NAME}.{key}")
        out.writerow([cells[k] for k in _KEYS] + [kept.get(t, "") for t in extra_tags])
        report.written += 1
    if extra_tags is None:
        out.writerow(_KEYS)
        out.writerow([tag for _, tag in COLUMNS])


# -- reading ---------------------------------------------------------------------------------


class _CellError(Exception):
    def __init__(self, column: str, value: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.value = value
        self.reason = reason


def is_hashtag_row(cells: Sequence[str]) -> bool:
    """Whether *cells* is a HXL hashtag row: every non-empty cell is a hashtag, and there
    is at least one."""
    filled = [c for c in cells if c.strip()]
    return bool(filled) and all(parse_hashtag(c) is not None for c in filled)


def _assign(tags: Sequence[Hashtag | None]) -> tuple[dict[str, int], dict[int, str]]:
    """Which column each field reads, and the unmatched tagged columns (index -> tag)."""
    fields: dict[str, int] = {}
    unmatched: dict[int, str] = {}
    for index, tag in enumerate(tags):
        if tag is None:
            continue
        best: str | None = None
        for key, pattern in _PATTERNS.items():
            assert pattern is not None
            if tag.matches(pattern) and (
                    best is None or len(pattern.attributes) > len(
                        _pattern(best).attributes)):
                best = key
        if best is None:
            unmatched[index] = str(tag)
        elif best not in fields:
            fields[best] = index
        else:
            unmatched[index] = str(tag)
    return fields, unmatched


def _pattern(key: str) -> Hashtag:
    found = _PATTERNS[key]
    assert found is not None
    return found


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _event_of(cells: Sequence[str], fields: Mapping[str, int], unmatched: Mapping[int, str],
              line: int, labels: Sequence[str]) -> Event:
    def get(key: str) -> str | None:
        index = fields.get(key)
        if index is None or index >= len(cells):
            return None
        text = cells[index].strip()
        return text or None

    def column(key: str) -> str:
        return labels[fields[key]]

    identifier = get("event_id") or f"row{line}"
    start_text = get("event_date")
    if start_text is None:
        raise _CellError(column("event_date") if "event_date" in fields else "#date+occurred",
                         "", "an event needs a date")
    try:
        start = parse_date(start_text)
    except ParseError as error:
        raise _CellError(column("event_date"), start_text, error.reason) from None
    end_text = get("date_end")
    try:
        end = parse_date(end_text) if end_text is not None else start
    except ParseError as error:
        raise _CellError(column("date_end"), end_text or "", error.reason) from None
    precision_text = get("date_precision")
    if precision_text is not None:
        try:
            precision = DatePrecision(precision_text.lower())
        except ValueError:
            raise _CellError(column("date_precision"), precision_text,
                             "must be day, span, week, month or year") from None
    else:
        precision = start.precision if end is start else DatePrecision.SPAN
    try:
        date = EventDate(start.start, end.end, precision)
    except ValidationError as error:
        key = "date_end" if error.field == "end" else (
            "date_precision" if "date_precision" in fields else "event_date")
        raise _CellError(column(key), get(key) or "", error.reason) from None

    classifications: list[Classification] = []
    sub_event_type, event_type = get("sub_event_type"), get("event_type")
    if sub_event_type is not None:
        classifications.append(Classification(Classification.ACLED, sub_event_type,
                                              parent=event_type))
    cameo = get("cameo_code")
    if cameo is not None:
        classifications.append(Classification(Classification.CAMEO, cameo))

    country: str | None = None
    code_text, name_text = get("iso3"), get("country")
    for key, text in (("iso3", code_text), ("country", name_text)):
        if text is not None:
            try:
                country = places.resolve_country(text)
                break
            except UnknownCodeError:
                raise _CellError(column(key), text, "not a known country") from None
    latitude_text, longitude_text = get("latitude"), get("longitude")
    coordinates: list[float | None] = []
    for key, text in (("latitude", latitude_text), ("longitude", longitude_text)):
        try:
            coordinates.append(None if text is None else float(text))
        except ValueError:
            raise _CellError(column(key), text or "", "not a number") from None
    latitude, longitude = coordinates
    if (latitude is None) != (longitude is None):
        key = "latitude" if latitude is None else "longitude"
        raise _CellError(column(key) if key in fields else f"#geo+{key[:3]}", "",
                         "latitude and longitude go together")
    geo_text = get("geo_precision")
    geo = None
    if geo_text is not None:
        try:
            geo = GeoPrecision(geo_text.lower())
        except ValueError:
            raise _CellError(column("geo_precision"), geo_text,
                             "not a precision (exact, near, admin2, admin1, region, country, "
                             "international)") from None
    admin1, admin2, admin3 = get("admin1"), get("admin2"), get("admin3")
    admin1_code = get("admin1_code")
    if admin1_code is not None and not places.is_subdivision_code(admin1_code):
        # HDX publishes p-codes, not ISO 3166-2 codes: keep them as they are
        unmatched_code = admin1_code
        admin1_code = None
    else:
        unmatched_code = None
    name = get("location")
    location = None
    if any(v is not None for v in (name, country, admin1, admin2, admin3, latitude)):
        if name is None:
            name = admin3 or admin2 or admin1 or (
                f"{latitude!r}, {longitude!r}" if latitude is not None else str(country))
        location = Location(name=name, country=country, admin1=admin1, admin2=admin2,
                            admin3=admin3, latitude=latitude, longitude=longitude,
                            precision=geo, admin1_code=admin1_code)
    fatalities_text = get("fatalities")
    fatalities = None
    if fatalities_text is not None:
        if not fatalities_text.isdigit():
            raise _CellError(column("fatalities"), fatalities_text,
                             "not a whole number of deaths")
        fatalities = Fatalities(int(fatalities_text))

    def actors(key: str) -> list[Actor]:
        text = get(key)
        return [] if text is None else [Actor(part) for part in _split(text)]

    actor1, actor2 = get("actor1"), get("actor2")
    source_text = get("source")
    extras = {tag: cells[index] for index, tag in unmatched.items()
              if index < len(cells) and cells[index]}
    if event_type is not None and sub_event_type is None:
        extras["#event+type"] = event_type  # an event type alone is no ACLED classification
    if unmatched_code is not None:
        extras["#adm1+code"] = unmatched_code
    return Event(
        id=identifier,
        date=date,
        classifications=classifications,
        actor1=None if actor1 is None else Actor(actor1),
        actor2=None if actor2 is None else Actor(actor2),
        associates1=actors("assoc_actor_1"),
        associates2=actors("assoc_actor_2"),
        location=location,
        fatalities=fatalities,
        sources=[] if source_text is None else [SourceRecord(s) for s in _split(source_text)],
        notes=get("notes"),
        tags=[] if get("tags") is None else _split(get("tags") or ""),
        extras={NAME: extras} if extras else None,
    )


def _read_records(source: Input, policy: ErrorPolicy, options: Mapping[str, Any]) -> Iterator[
    Record
]:
    max_field = int(options.get("max_field", DEFAULT_MAX_FIELD))
    rows = read_rows(source.lines(), source=source.name, max_field=max_field)
    tags: list[Hashtag | None] | None = None
    labels: list[str] = []
    fields: dict[str, int] = {}
    unmatched: dict[int, str] = {}
    seen = 0
    for item in rows:
        if isinstance(item, ParseError):
            policy.handle(item)
            if tags is None:
                return
            continue
        if tags is None:
            seen += 1
            if is_hashtag_row(item.cells):
                tags = [parse_hashtag(c) if c.strip() else None for c in item.cells]
                labels = [" ".join(c.split()) for c in item.cells]
                fields, unmatched = _assign(tags)
                if "event_date" not in fields:
                    policy.handle(ParseError("no #date+occurred column", source=source.name,
                                             line=item.line, column="#date+occurred"))
                    return
                continue
            if seen >= SEARCH_ROWS:
                break
            continue
        if not any(c.strip() for c in item.cells):
            continue
        record = _convert(item, fields, unmatched, labels, source.name, policy)
        if record is not None:
            yield record
    if tags is None:
        policy.handle(ParseError(f"no HXL hashtag row in the first {SEARCH_ROWS} rows",
                                 source=source.name, line=1))


def _convert(item: Row, fields: Mapping[str, int], unmatched: Mapping[int, str],
             labels: Sequence[str], source: str, policy: ErrorPolicy) -> Event | None:
    try:
        return _event_of(item.cells, fields, unmatched, item.line, labels)
    except _CellError as bad:
        policy.handle(ParseError(bad.reason, source=source, line=item.line, column=bad.column,
                                 value=bad.value))
    except ValidationError as error:
        policy.handle(ParseError(str(error), source=source, line=item.line, column=error.field,
                                 value=error.value))
    return None


def _sniff(head: list[str]) -> bool:
    if len(head) < 2:
        return False
    cells = next(iter(_rows(head[1:2])), [])
    return is_hashtag_row(cells)


def _rows(lines: list[str]) -> Iterator[list[str]]:
    import csv

    yield from csv.reader(lines)


SPEC = register(
    FormatSpec(
        name=NAME,
        title="HXL-tagged CSV (Humanitarian Exchange Language)",
        read=_read_records,
        write=_write_records,
        sniff=_sniff,
        suffixes=(".hxl.csv", ".hxl"),
        read_options=frozenset({"max_field"}),
        write_options=frozenset({"line_terminator", "spreadsheet_safe"}),
    )
)


def read(source: Source, *, on_error: OnError = "raise", max_field: int = DEFAULT_MAX_FIELD,
         report: ConversionReport | None = None) -> RecordStream:
    """Read the events of a HXL-tagged CSV file, by hashtag (see :func:`conflictevents.read`).

    Rows without an ``#event+code`` get the id ``row<line>``.
    """
    return _read(source, NAME, on_error=on_error, report=report, max_field=max_field)


def write(records: Iterable[Record], target: Target, *, line_terminator: str = "\n",
          spreadsheet_safe: bool = False,
          report: ConversionReport | None = None) -> ConversionReport:
    """Write events as HXL-tagged CSV: a header row, the hashtag row, one row per event.

    :param spreadsheet_safe: prefix with ``'`` every cell a spreadsheet would run as a formula
        (one beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, unless it is
        a plain number), after OWASP's guidance on CSV injection. Off by default, because it
        changes the data: a file written so no longer reads back identically.
    """
    return _write(records, target, NAME, report=report, line_terminator=line_terminator,
                  spreadsheet_safe=spreadsheet_safe)
