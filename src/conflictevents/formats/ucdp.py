"""UCDP GED: the Georeferenced Event Dataset's CSV files, read and written losslessly.

One row is one event of organized violence. The columns the core types have a place for are
mapped (see :doc:`/formats/ucdp`); every other column is kept, as its raw text, in
``Event.extras["ucdp-ged"]``, so that writing what was read reproduces each row cell for
cell:

* ``id`` is :attr:`Event.id`; ``side_a``/``side_b`` are ``actor1``/``actor2`` (names only);
* ``type_of_violence`` is ``Classification("ucdp", "1" | "2" | "3")``; with
  ``derive=True`` the reader adds the ACLED type the crosswalk
  :func:`conflictevents.codes.ucdp.to_acled` gives, marked as derived;
* ``date_start``, ``date_end`` and ``date_prec`` (1-5) are the :class:`EventDate`
  (``DAY``, ``SPAN``, ``WEEK``, ``MONTH``, ``YEAR``); ``year`` is the year of
  ``date_start``;
* ``where_coordinates``, ``adm_1``, ``adm_2``, ``latitude``, ``longitude``, ``country`` and
  ``where_prec`` (1-7) are the :class:`Location`; ``country`` is a name (``"Russia (Soviet
  Union)"``) resolved to ISO 3166-1 alpha-3;
* ``best``, ``low`` and ``high`` are the :class:`Fatalities`.

Where a mapped cell's text is not what the writer would produce from the value (a date
written ``2017-07-31 00:00:00.000``, a latitude ``36.50``, a country name), the text is kept
in the extras too, and written back as long as it still denotes the record's value.

A file whose header is not the current 49-column layout (:data:`COLUMNS`) is read by column
name; its header is kept in the extras under ``"#columns"``, and written back.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, TextIO

from conflictevents import places
from conflictevents.codes import ucdp as ucdp_codes
from conflictevents.errors import ParseError, UnknownCodeError, ValidationError
from conflictevents.formats._csv import read_rows, writer
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

__all__ = ["COLUMNS", "LAYOUT_KEY", "NAME", "read", "write"]

NAME = "ucdp-ged"

COLUMNS: tuple[str, ...] = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence",
    "conflict_dset_id", "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id",
    "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id",
    "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates",
    "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
    "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec",
    "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
    "best", "high", "low", "gwnoa", "gwnob",
)
"""The columns of UCDP GED's CSV files, in order (versions 20.1 to 25.1: 49 columns)."""

LAYOUT_KEY = "#columns"
"""The extras key that keeps the header of a file whose layout is not :data:`COLUMNS`."""

_REQUIRED = ("id", "date_start")
_MODEL_COLUMNS = frozenset({
    "id", "year", "type_of_violence", "side_a", "side_b", "where_prec", "where_coordinates",
    "adm_1", "adm_2", "latitude", "longitude", "country", "date_prec", "date_start",
    "date_end", "best", "high", "low",
})
#: Cells of numeric columns that mean "no value" in some releases.
_MISSING = frozenset({"", "NA", "nan", "NaN", "NULL"})
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?$")
_COUNT = re.compile(r"^[0-9]+$")

_DATE_PRECISIONS = {
    1: DatePrecision.DAY, 2: DatePrecision.SPAN, 3: DatePrecision.WEEK,
    4: DatePrecision.MONTH, 5: DatePrecision.YEAR,
}
_DATE_CODES = {precision: code for code, precision in _DATE_PRECISIONS.items()}
_GEO_PRECISIONS = dict(enumerate(GeoPrecision, start=1))
_GEO_CODES = {precision: code for code, precision in _GEO_PRECISIONS.items()}


class _CellError(Exception):
    def __init__(self, column: str, value: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.value = value
        self.reason = reason


# -- reading ---------------------------------------------------------------------------------


def _date(cells: Mapping[str, str], column: str) -> _dt.date:
    text = cells[column]
    match = _DATE.match(text.strip())
    if match is None:
        raise _CellError(column, text, "not a date (YYYY-MM-DD or YYYY-MM-DD HH:MM:SS.fff)")
    try:
        return _dt.date.fromisoformat(match.group(1))
    except ValueError:
        raise _CellError(column, text, "no such day") from None


def _precision_of(code_text: str, start: _dt.date, end: _dt.date) -> DatePrecision:
    """The precision a ``date_prec`` cell gives (an empty cell: a day, or a span of days)."""
    if code_text.strip() in _MISSING:
        return DatePrecision.DAY if start == end else DatePrecision.SPAN
    precision = _DATE_PRECISIONS[ucdp_codes.date_precision(code_text).code]
    if precision is DatePrecision.DAY and start != end:
        return DatePrecision.SPAN  # an exact date known for each day of a period
    return precision


def _float_text(value: float) -> str:
    return repr(value)


def _coordinate(cells: Mapping[str, str], column: str) -> float | None:
    text = cells.get(column, "")
    if text.strip() in _MISSING:
        return None
    try:
        value = float(text)
    except ValueError:
        raise _CellError(column, text, "not a number") from None
    if not math.isfinite(value):
        raise _CellError(column, text, "not a finite number")
    return value


def _count(cells: Mapping[str, str], column: str) -> int | None:
    text = cells.get(column, "")
    if text.strip() in _MISSING:
        return None
    if not _COUNT.match(text.strip()):
        raise _CellError(column, text, "not a whole number of deaths")
    return int(text)


def _text(cells: Mapping[str, str], column: str) -> str | None:
    text = cells.get(column, "")
    return text if text.strip() else None


def _fallback_name(admin2: str | None, admin1: str | None, country_text: str) -> str:
    return admin2 or admin1 or country_text.strip() or "unknown place"


def _country_text(code: str) -> str:
    """The name written for *code*: its English name, or the code where the name would not
    read back as the same country."""
    name = places.country_name(code)
    try:
        return name if places.resolve_country(name) == code else code
    except UnknownCodeError:
        return code


def _event_from_row(
    header: Sequence[str], row: Sequence[str], layout: str | None, derive: bool
) -> Event:
    cells = dict(zip(header, row, strict=True))
    extras: dict[str, str] = {}
    for column, cell in cells.items():
        if column not in _MODEL_COLUMNS and cell:
            extras[column] = cell

    def keep(column: str, canonical: str) -> None:
        if column in cells and cells[column] != canonical:
            extras[column] = cells[column]

    identifier = cells["id"]
    if not identifier.strip():
        raise _CellError("id", identifier, "an event needs an id")

    # date
    start = _date(cells, "date_start")
    keep("date_start", start.isoformat())
    has_end = "date_end" in cells and cells["date_end"].strip()
    end = _date(cells, "date_end") if has_end else start
    keep("date_end", end.isoformat())
    if end < start:
        raise _CellError("date_end", cells["date_end"], "ends before date_start")
    prec_text = cells.get("date_prec", "")
    try:
        precision = _precision_of(prec_text, start, end)
    except UnknownCodeError:
        raise _CellError("date_prec", prec_text, "not a UCDP date_prec code (1-5)") from None
    keep("date_prec", str(_DATE_CODES[precision]))
    keep("year", str(start.year))
    date = EventDate(start, end, precision)

    # classification
    classifications: list[Classification] = []
    violence = cells.get("type_of_violence", "")
    if violence.strip():
        try:
            code = ucdp_codes.type_of_violence(violence).code
        except UnknownCodeError:
            raise _CellError("type_of_violence", violence,
                             "not a UCDP type of violence (1-3)") from None
        keep("type_of_violence", code)
        classifications.append(Classification(Classification.UCDP, code))
        if derive:
            mapped = ucdp_codes.to_acled(code)
            if mapped is not None:
                event_type, sub_event_type = mapped.targets
                classifications.append(Classification(
                    Classification.ACLED, sub_event_type, parent=event_type, derived=True,
                    via=ucdp_codes.VIA))

    # actors
    side_a, side_b = _text(cells, "side_a"), _text(cells, "side_b")
    keep("side_a", side_a or "")
    keep("side_b", side_b or "")

    # location
    latitude, longitude = _coordinate(cells, "latitude"), _coordinate(cells, "longitude")
    if (latitude is None) != (longitude is None):
        missing = "longitude" if longitude is None else "latitude"
        raise _CellError(missing, cells.get(missing, ""), "latitude and longitude go together")
    country_cell = cells.get("country", "")
    country: str | None = None
    if not country_cell.strip():
        keep("country", "")
    else:
        try:
            country = places.resolve_country(country_cell)
        except UnknownCodeError:
            raise _CellError("country", country_cell, "not a known country name") from None
        keep("country", _country_text(country))
    geo_text = cells.get("where_prec", "")
    geo: GeoPrecision | None = None
    if geo_text.strip() not in _MISSING:
        try:
            geo = _GEO_PRECISIONS[ucdp_codes.where_precision(geo_text).code]
        except UnknownCodeError:
            raise _CellError("where_prec", geo_text,
                             "not a UCDP where_prec code (1-7)") from None
    keep("where_prec", "" if geo is None else str(_GEO_CODES[geo]))
    admin1, admin2 = _text(cells, "adm_1"), _text(cells, "adm_2")
    keep("adm_1", admin1 or "")
    keep("adm_2", admin2 or "")
    name = _text(cells, "where_coordinates")
    location: Location | None = None
    if any(v is not None for v in (name, admin1, admin2, latitude, country, geo)):
        if name is None:
            name = _fallback_name(admin2, admin1, country_cell)
        else:
            keep("where_coordinates", name)
        location = Location(name=name, country=country, admin1=admin1, admin2=admin2,
                            latitude=latitude, longitude=longitude, precision=geo)
    if location is not None and "where_coordinates" in cells and not cells[
            "where_coordinates"].strip():
        extras["where_coordinates"] = cells["where_coordinates"]
    for column, value in (("latitude", latitude), ("longitude", longitude)):
        keep(column, "" if value is None else _float_text(value))

    # fatalities
    best, low, high = (_count(cells, c) for c in ("best", "low", "high"))
    fatalities: Fatalities | None = None
    if best is None:
        if low is not None or high is not None:
            raise _CellError("best", cells.get("best", ""), "low and high need a best estimate")
    else:
        try:
            fatalities = Fatalities(best, low, high)
        except ValidationError as error:
            raise _CellError(error.field, cells.get(error.field, ""), error.reason) from None
    for column, count in (("best", best), ("low", low), ("high", high)):
        keep(column, "" if count is None else str(count))

    if layout is not None:
        extras[LAYOUT_KEY] = layout
    return Event(
        id=identifier,
        date=date,
        classifications=classifications,
        actor1=None if side_a is None else Actor(side_a),
        actor2=None if side_b is None else Actor(side_b),
        location=location,
        fatalities=fatalities,
        extras={NAME: extras} if extras else None,
    )


def _check_header(header: list[str], source: str, line: int) -> None:
    for column in _REQUIRED:
        if column not in header:
            raise ParseError(f"not a UCDP GED header: no {column!r} column", source=source,
                             line=line, column=column)
    seen: set[str] = set()
    for column in header:
        if column in seen:
            raise ParseError("the header names a column twice", source=source, line=line,
                             column=column, value=column)
        seen.add(column)


def _read_records(source: Input, policy: ErrorPolicy, options: Mapping[str, Any]) -> Iterator[
    Record
]:
    derive = bool(options.get("derive", False))
    max_field = int(options.get("max_field", DEFAULT_MAX_FIELD))
    header: list[str] | None = None
    layout: str | None = None
    for item in read_rows(source.lines(), source=source.name, max_field=max_field):
        if isinstance(item, ParseError):
            if header is None:  # without a header nothing else can be read
                policy.handle(item)
                return
            policy.handle(item)
            continue
        if header is None:
            header = item.cells
            try:
                _check_header(header, source.name, item.line)
            except ParseError as error:
                policy.handle(error)
                return
            layout = None if tuple(header) == COLUMNS else ",".join(header)
            continue
        if not item.cells or item.cells == [""]:
            continue  # a blank line
        if len(item.cells) != len(header):
            policy.handle(ParseError(
                f"the row has {len(item.cells)} cells; the header has {len(header)}",
                source=source.name, line=item.line))
            continue
        try:
            event = _event_from_row(header, item.cells, layout, derive)
        except _CellError as bad:
            policy.handle(ParseError(bad.reason, source=source.name, line=item.line,
                                     column=bad.column, value=bad.value))
            continue
        except (ValidationError, UnknownCodeError, ValueError) as error:
            column = getattr(error, "field", None)
            policy.handle(ParseError(str(error), source=source.name, line=item.line,
                                     column=column if isinstance(column, str) else None))
            continue
        if event.fatalities is not None and not event.fatalities.consistent:
            counts = event.fatalities
            try:
                policy.warn("inconsistent-range",
                            "low, best and high contradict each other; kept as published",
                            source=source.name, line=item.line, column="best",
                            value=f"low={counts.low} best={counts.best} high={counts.high}")
            except ParseError as error:
                policy.handle(error)
                continue
        yield event


# -- writing ---------------------------------------------------------------------------------


def _raw_or(raw: Mapping[str, str], column: str, canonical: str, *, same: Any) -> str:
    """The kept raw text of *column* if it still denotes the record's value, else canonical."""
    text = raw.get(column)
    if text is None:
        return canonical
    try:
        if same(text):
            return text
    except (ValueError, UnknownCodeError, _CellError, KeyError):
        pass
    return canonical


def _kept_missing(raw: Mapping[str, str], column: str) -> str:
    """The kept text of an empty cell (white space, ``NA``), else ``""``."""
    text = raw.get(column, "")
    return text if text.strip() in _MISSING else ""


def _row_of(event: Event, report: ConversionReport, columns: Sequence[str]) -> dict[str, str]:
    raw: Mapping[str, str] = event.extras.get(NAME, {})
    out: dict[str, str] = {c: v for c, v in raw.items() if c not in _MODEL_COLUMNS}
    out.pop(LAYOUT_KEY, None)
    out["id"] = event.id

    start, end, precision = event.date.start, event.date.end, event.date.precision
    out["date_start"] = _raw_or(raw, "date_start", start.isoformat(),
                                same=lambda t: _date({"d": t}, "d") == start)
    out["date_end"] = _raw_or(raw, "date_end", end.isoformat(),
                              same=lambda t: (_date({"d": t}, "d") if t.strip() else start)
                              == end)
    out["date_prec"] = _raw_or(raw, "date_prec", str(_DATE_CODES[precision]),
                               same=lambda t: _precision_of(t, start, end) is precision)
    out["year"] = _raw_or(raw, "year", str(start.year),
                          same=lambda t: not t.strip().isdigit()
                          or start.year <= int(t) <= end.year)

    coded = event.classification(Classification.UCDP, derived=False)
    violence = coded or event.classification(Classification.UCDP)
    if violence is not None:
        if violence.derived:
            report.derive("type_of_violence")
        out["type_of_violence"] = _raw_or(
            raw, "type_of_violence", violence.code,
            same=lambda t: ucdp_codes.type_of_violence(t).code == violence.code)
    for item in event.classifications:
        if item is violence or (item.scheme == Classification.ACLED and item.derived
                                and item.via == ucdp_codes.VIA):
            continue
        report.drop(f"classifications.{item.scheme}")

    for column, actor, field in (("side_a", event.actor1, "actor1"),
                                 ("side_b", event.actor2, "actor2")):
        if actor is None:
            out[column] = _kept_missing(raw, column)
            continue
        out[column] = actor.name
        for attribute in ("kind", "country", "cameo_code"):
            if getattr(actor, attribute) is not None:
                report.drop(f"{field}.{attribute}")
        if actor.aliases:
            report.drop(f"{field}.aliases")
    if event.associates1:
        report.drop("associates1")
    if event.associates2:
        report.drop("associates2")

    location = event.location
    if location is not None:
        _location_cells(location, raw, out, report)
    else:
        for column in ("where_coordinates", "adm_1", "adm_2", "latitude", "longitude",
                       "country", "where_prec"):
            out[column] = _kept_missing(raw, column)

    fatalities = event.fatalities
    for column in ("best", "low", "high"):
        count = None if fatalities is None else getattr(fatalities, column)
        if count is None:
            out[column] = _kept_missing(raw, column)
        else:
            out[column] = _raw_or(raw, column, str(count),
                                  same=lambda t, n=count: _COUNT.match(t.strip()) is not None
                                  and int(t) == n)

    if event.notes is not None:
        report.drop("notes")
    if event.tags:
        report.drop("tags")
    if event.sources:
        report.drop("sources")
    for fmt in event.extras:
        if fmt != NAME:
            report.drop(f"extras.{fmt}")
    wanted = set(columns)
    for column in out:
        if column not in wanted and out[column]:
            report.drop(f"extras.{NAME}.{column}")
    return out


def _location_cells(location: Location, raw: Mapping[str, str], out: dict[str, str],
                    report: ConversionReport) -> None:
    country_text = ""
    if location.country is not None:
        code = location.country
        country_text = _raw_or(raw, "country", _country_text(code),
                               same=lambda t: places.resolve_country(t) == code)
    out["country"] = country_text or _kept_missing(raw, "country")
    out["adm_1"] = location.admin1 or _kept_missing(raw, "adm_1")
    out["adm_2"] = location.admin2 or _kept_missing(raw, "adm_2")
    fallback = _fallback_name(location.admin2, location.admin1, country_text)
    if "where_coordinates" in raw and not raw["where_coordinates"].strip() and (
            location.name == fallback):
        out["where_coordinates"] = raw["where_coordinates"]
    else:
        out["where_coordinates"] = location.name
    for column in ("latitude", "longitude"):
        value = getattr(location, column)
        if value is None:
            out[column] = _kept_missing(raw, column)
        else:
            out[column] = _raw_or(raw, column, _float_text(value),
                                  same=lambda t, v=value: float(t) == v)
    geo = location.precision
    if geo is None:
        out["where_prec"] = _kept_missing(raw, "where_prec")
    else:
        out["where_prec"] = _raw_or(
            raw, "where_prec", str(_GEO_CODES[geo]),
            same=lambda t: _GEO_PRECISIONS[ucdp_codes.where_precision(t).code] is geo)
    if location.admin3 is not None:
        report.drop("location.admin3")
    if location.admin1_code is not None and not _derivable_admin1_code(location):
        report.drop("location.admin1_code")


def _derivable_admin1_code(location: Location) -> bool:
    if location.admin1 is None or location.country is None:
        return False
    try:
        return places.subdivision_code(location.admin1, location.country) == location.admin1_code
    except UnknownCodeError:
        return False


def _layout_of(event: Event) -> tuple[str, ...]:
    kept = event.extra(NAME, LAYOUT_KEY)
    if kept:
        return tuple(kept.split(","))
    return COLUMNS


def _write_records(
    records: Iterable[Record], stream: TextIO, report: ConversionReport,
    options: Mapping[str, Any],
) -> None:
    given = options.get("columns")
    columns: tuple[str, ...] | None = tuple(given) if given is not None else None
    out = writer(stream, line_terminator=str(options.get("line_terminator", "\n")),
                 spreadsheet_safe=bool(options.get("spreadsheet_safe")))
    header_written = False
    for record in records:
        if not isinstance(record, Event):
            report.leave_out(f"not an event ({type(record).__name__})")
            continue
        if not header_written:
            columns = columns or _layout_of(record)
            out.writerow(columns)
            header_written = True
        assert columns is not None
        cells = _row_of(record, report, columns)
        out.writerow([cells.get(column, "") for column in columns])
        report.written += 1
    if not header_written:
        out.writerow(columns or COLUMNS)


def _sniff(head: list[str]) -> bool:
    first = head[0].lstrip("\ufeff").strip().replace('"', "")
    names = set(first.split(","))
    return {"id", "type_of_violence", "where_prec", "date_prec"} <= names


SPEC = register(
    FormatSpec(
        name=NAME,
        title="UCDP Georeferenced Event Dataset (GED) CSV",
        read=_read_records,
        write=_write_records,
        sniff=_sniff,
        suffixes=(),
        read_options=frozenset({"derive", "max_field"}),
        write_options=frozenset({"columns", "line_terminator", "spreadsheet_safe"}),
    )
)


def read(source: Source, *, on_error: OnError = "raise", derive: bool = False,
         max_field: int = DEFAULT_MAX_FIELD,
         report: ConversionReport | None = None) -> RecordStream:
    """Read the events of a UCDP GED CSV file (see :func:`conflictevents.read`).

    :param derive: also classify each event in ACLED's scheme through the UCDP -> ACLED
        crosswalk (:func:`conflictevents.codes.ucdp.to_acled`); such classifications are
        marked ``derived=True, via="ucdp->acled"``.
    :param max_field: the longest cell accepted, in characters.
    """
    return _read(source, NAME, on_error=on_error, report=report, derive=derive,
                 max_field=max_field)


def write(records: Iterable[Record], target: Target, *, columns: Sequence[str] | None = None,
          line_terminator: str = "\n", spreadsheet_safe: bool = False,
          report: ConversionReport | None = None) -> ConversionReport:
    """Write events as a UCDP GED CSV file (see :func:`conflictevents.write`).

    :param columns: the header to write; by default the layout the first event was read
        with, else :data:`COLUMNS`.
    :param line_terminator: ``"\\n"`` (default) or ``"\\r\\n"``.
    :param spreadsheet_safe: prefix with ``'`` every cell a spreadsheet would run as a formula
        (one beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, unless it is
        a plain number), after OWASP's guidance on CSV injection. Off by default, because it
        changes the data: a file written so no longer reads back identically.
    :returns: the report: claims and control changes are left out; fields UCDP has no
        column for (notes, sources, actor kinds...) are counted as dropped.
    """
    options: dict[str, Any] = {"line_terminator": line_terminator,
                               "spreadsheet_safe": spreadsheet_safe}
    if columns is not None:
        options["columns"] = tuple(columns)
    return _write(records, target, NAME, report=report, **options)

