"""UCDP GED: the Georeferenced Event Dataset's CSV files, read and written losslessly.

One row is one event of organized violence. The columns the core types have a place for are
mapped (see :doc:`/formats/ucdp`); every other column is kept, as its raw text, in
``Event.extras["ucdp-ged"]``, so that writing what was read reproduces each row cell for
cell:

* ``id`` is :attr:`Event.id`; ``side_a``/``side_b`` are ``actor1``/``actor2``, with the
  country their Gleditsch-Ward state number (``gwnoa``/``gwnob``) names;
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
written ``2017-07-31 00:00:00.000``, a latitude ``22``, a country name), the text is kept
in the extras too, and written back as long as it still denotes the record's value.

Every release is read: 19.1 (:data:`COLUMNS_19_1`, 42 columns), 20.1 to 25.1 and the monthly
Candidate files (:data:`COLUMNS`, 49 columns), any other header by column name, and Candidate
files published without a header row (recognised by their number of fields and the shape of
their first row). The facts of the whole file are kept under reserved ``@`` keys of the
extras so that it is written back as it was: :data:`LAYOUT_KEY`, :data:`HEADER_KEY`,
:data:`EOL_KEY` and :data:`QUOTING_KEY`.

>>> import io
>>> from conflictevents.formats import ucdp
>>> row = ("1,2015,1,1,439,X,906,Y,144,775,Government of Myanmar (Burma),880,,MNDAA,-1,,,,,,"
...        "2,Laukkaing,Shan State,,23.69,98.77,,,Myanmar (Burma),775,Asia,1,1,"
...        "2015-05-11,2015-05-11,0,1,0,0,1,1,1\\n")
>>> [event] = ucdp.read(io.StringIO(",".join(ucdp.COLUMNS_19_1) + "\\n" + row))
>>> event.extra("ucdp-ged", ucdp.LAYOUT_KEY), event.location.country
('19.1', 'MMR')
>>> [event] = ucdp.read(io.StringIO(row))          # the same row, without a header
>>> event.extra("ucdp-ged", ucdp.HEADER_KEY)
'none'
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, ClassVar, TextIO

import attrs

from conflictevents import places
from conflictevents.codes import ucdp as ucdp_codes
from conflictevents.errors import ParseError, UnknownCodeError, ValidationError
from conflictevents.formats import _options
from conflictevents.formats._cells import CellError, float_text, is_reserved
from conflictevents.formats._csv import SpreadsheetSafeWriter, read_rows, writer
from conflictevents.formats._io import DEFAULT_MAX_FIELD, FileSource, Input, Target
from conflictevents.formats._policy import ErrorPolicy, OnError, OnWarning
from conflictevents.formats._registry import FormatSpec, RecordStream, Sniffed, register
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

__all__ = [
    "COLUMNS",
    "COLUMNS_19_1",
    "EOL_KEY",
    "HEADER_KEY",
    "LAYOUT_KEY",
    "NAME",
    "QUOTING_KEY",
    "RELEASES",
    "read",
    "write",
]

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
"""The columns of UCDP GED's CSV files, in order: versions 20.1 to 25.1 and the monthly
Candidate files (49 columns)."""

COLUMNS_19_1: tuple[str, ...] = (
    "id", "year", "active_year", "type_of_violence", "conflict_new_id", "conflict_name",
    "dyad_new_id", "dyad_name", "side_a_new_id", "gwnoa", "side_a", "side_b_new_id", "gwnob",
    "side_b", "number_of_sources", "source_article", "source_office", "source_date",
    "source_headline", "source_original", "where_prec", "where_coordinates", "adm_1",
    "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id",
    "region", "event_clarity", "date_prec", "date_start", "date_end", "deaths_a",
    "deaths_b", "deaths_civilians", "deaths_unknown", "low", "best", "high",
)
"""The columns of GED 19.1, in order (42 columns: no ``relid``, ``code_status``,
``*_dset_id`` or ``where_description``; ``gwnoa``/``gwnob`` beside the sides; ending
``low,best,high``)."""

RELEASES: dict[str, tuple[str, ...]] = {"20.1": COLUMNS, "19.1": COLUMNS_19_1}
"""The column lists of the releases, by the first release that used each; a file without a
header row is read with the list whose length is its number of fields."""

LAYOUT_KEY = "@layout"
"""The extras key of a file whose columns are not :data:`COLUMNS`: a release name of
:data:`RELEASES` (``"19.1"``) or the header itself, as a CSV line."""

HEADER_KEY = "@header"
"""The extras key that says a file has no header row (``"none"``); it is written back so."""

EOL_KEY = "@eol"
"""The extras key of a file whose rows end in ``"\\r\\n"``."""

QUOTING_KEY = "@quoting"
"""The extras key of a file that quotes every cell (``"all"``)."""

_OLD_LAYOUT_KEY = "#columns"  # the layout key before the @-keys: still understood on writing

_REQUIRED = ("id", "date_start")
_MODEL_COLUMNS = frozenset({
    "id", "year", "type_of_violence", "side_a", "side_b", "where_prec", "where_coordinates",
    "adm_1", "adm_2", "latitude", "longitude", "country", "date_prec", "date_start",
    "date_end", "best", "high", "low",
})
#: Cells of numeric columns that mean "no value" in some releases.
_MISSING = frozenset({"", "NA", "nan", "NaN", "NULL"})
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?$")
_COUNT = re.compile(r"^[0-9]{1,18}$")
_SMALL = re.compile(r"^[0-9]{1,9}$")
_ALL_QUOTED = re.compile(r'^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*\r?\n?$')
_SIDES = (("side_a", "gwnoa", "actor1"), ("side_b", "gwnob", "actor2"))

_DATE_PRECISIONS = {
    1: DatePrecision.DAY, 2: DatePrecision.SPAN, 3: DatePrecision.WEEK,
    4: DatePrecision.MONTH, 5: DatePrecision.YEAR,
}
_DATE_CODES = {precision: code for code, precision in _DATE_PRECISIONS.items()}
_GEO_PRECISIONS = dict(enumerate(GeoPrecision, start=1))
_GEO_CODES = {precision: code for code, precision in _GEO_PRECISIONS.items()}


#: A warning found while reading a row, issued once the row has been read:
#: (code, reason, column, value, once).
_Pending = tuple[str, str, str, str, bool]


# -- code books, through small adapters ---------------------------------------------------------
#
# The Gleditsch-Ward table (places.country_from_gwno) and the event_clarity code book
# (codes.ucdp.event_clarity) come with the code-book work; until they are there, the cells
# are kept verbatim and nothing is looked up.


def _gw_lookup() -> Callable[[str], str | None] | None:
    lookup: Callable[[str], str | None] | None = getattr(places, "country_from_gwno", None)
    return lookup


def _gw_numbers(text: str) -> list[str]:
    """The state numbers of a ``gwnoa``/``gwnob``/``country_id`` cell (``"2, 200"`` names a
    side of several states)."""
    return [part.strip() for part in text.split(",") if part.strip()]


def _gw_country(text: str, column: str, pending: list[_Pending] | None) -> str | None:
    """The ISO 3166-1 alpha-3 code of the one state a cell names, else ``None``; a number the
    table lacks is a pending ``unknown-code`` warning."""
    lookup = _gw_lookup()
    numbers = _gw_numbers(text)
    if lookup is None or not numbers or text.strip() in _MISSING:
        return None
    found: list[str | None] = []
    for number in numbers:
        try:
            if len(number) > 12:  # no state number; and never handed on to int()
                raise UnknownCodeError("Gleditsch-Ward state number", number)
            found.append(lookup(number))
        except (UnknownCodeError, ValueError):
            if pending is not None:
                pending.append(("unknown-code", "not a Gleditsch-Ward state number; kept as "
                                "written", column, number, True))
            found.append(None)
    return found[0] if len(numbers) == 1 else None


def _clarity_known(text: str) -> bool | None:
    """Whether ``event_clarity`` *text* is in the code book (``None``: no code book yet)."""
    lookup: Callable[[str], object] | None = getattr(ucdp_codes, "event_clarity", None)
    if lookup is None:
        return None
    if len(text.strip()) > 12:
        return False
    try:
        lookup(text)
    except (UnknownCodeError, ValueError):
        return False
    return True


def _code(text: str, lookup: Callable[[str], Any]) -> int | None:
    """The number of a ``where_prec``/``date_prec`` cell, ``None`` for a code the code book
    lacks (or a cell that is no code at all, such as 5000 digits)."""
    if not _SMALL.match(text.strip()):
        return None
    try:
        code: int = lookup(text).code
    except UnknownCodeError:
        return None
    return code


def _violence(text: str) -> str | None:
    if not _SMALL.match(text.strip()):
        return None
    try:
        code: str = ucdp_codes.type_of_violence(text).code
    except UnknownCodeError:
        return None
    return code


# -- reading ---------------------------------------------------------------------------------


def _date(cells: Mapping[str, str], column: str) -> _dt.date:
    text = cells[column]
    match = _DATE.match(text.strip())
    if match is None:
        raise CellError(column, "not a date (YYYY-MM-DD or YYYY-MM-DD HH:MM:SS.fff)", text)
    try:
        return _dt.date.fromisoformat(match.group(1))
    except ValueError:
        raise CellError(column, "no such day", text) from None


def _precision_of(code_text: str, start: _dt.date, end: _dt.date) -> DatePrecision:
    """The precision a ``date_prec`` cell gives; an empty cell, or a code the code book
    lacks, gives a day or a span of days."""
    code = None if code_text.strip() in _MISSING else _code(code_text, ucdp_codes.date_precision)
    if code is None:
        return DatePrecision.DAY if start == end else DatePrecision.SPAN
    precision = _DATE_PRECISIONS[code]
    if precision is DatePrecision.DAY and start != end:
        return DatePrecision.SPAN  # an exact date known for each day of a period
    return precision


_RANGES = {"latitude": 90.0, "longitude": 180.0}


def _coordinate(cells: Mapping[str, str], column: str) -> float | None:
    text = cells.get(column, "")
    if text.strip() in _MISSING:
        return None
    try:
        value = float(text)
    except ValueError:
        raise CellError(column, "not a number", text) from None
    if not math.isfinite(value):
        raise CellError(column, "not a finite number", text)
    limit = _RANGES[column]
    if not -limit <= value <= limit:
        raise CellError(column, f"out of range (-{limit:g} to {limit:g})", text)
    return value


def _count(cells: Mapping[str, str], column: str) -> int | None:
    text = cells.get(column, "")
    if text.strip() in _MISSING:
        return None
    if not _COUNT.match(text.strip()):
        raise CellError(column, "not a whole number of deaths (0 to 18 digits)", text)
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


def _named_country(text: str) -> str | None:
    try:
        return places.resolve_country(text)
    except UnknownCodeError:
        return None


def _place_country(name: str, country_id: str) -> str | None:
    """The country of the ``country`` name, else of the ``country_id`` state number."""
    if not name.strip():
        return None
    return _named_country(name) or _gw_country(country_id, "country_id", None)


def _actor(name: str, country: str | None) -> Actor:
    """The actor, with the country of its state number where the model takes that code."""
    try:
        return Actor(name, country=country)
    except ValidationError:  # a code the table has and the model does not: the cell stays
        return Actor(name)


def _event_from_row(
    header: Sequence[str], row: Sequence[str], facts: Mapping[str, str], derive: bool,
    pending: list[_Pending],
) -> Event:
    cells = dict(zip(header, row, strict=True))
    extras: dict[str, str] = {}
    for column, cell in cells.items():
        if column not in _MODEL_COLUMNS and cell:
            extras[column] = cell

    def keep(column: str, canonical: str) -> None:
        if column in cells and cells[column] != canonical:
            extras[column] = cells[column]

    def unknown(column: str, what: str) -> None:
        pending.append(("unknown-code", f"not a {what}; kept as written", column,
                        cells[column], True))

    identifier = cells["id"]
    if not identifier.strip():
        raise CellError("id", "an event needs an id", identifier)

    # date
    start = _date(cells, "date_start")
    keep("date_start", start.isoformat())
    has_end = "date_end" in cells and cells["date_end"].strip()
    end = _date(cells, "date_end") if has_end else start
    keep("date_end", end.isoformat())
    if end < start:
        raise CellError("date_end", "ends before date_start", cells["date_end"])
    prec_text = cells.get("date_prec", "")
    if prec_text.strip() not in _MISSING and _code(prec_text, ucdp_codes.date_precision) is None:
        unknown("date_prec", "UCDP date_prec code (1-5)")
    precision = _precision_of(prec_text, start, end)
    keep("date_prec", str(_DATE_CODES[precision]))
    keep("year", str(start.year))
    date = EventDate(start, end, precision)

    # classification
    classifications: list[Classification] = []
    violence = cells.get("type_of_violence", "")
    if violence.strip():
        code = _violence(violence)
        if code is None:
            unknown("type_of_violence", "UCDP type of violence (1-3)")
            classifications.append(Classification(Classification.UCDP, violence.strip(),
                                                  unknown=True))
            keep("type_of_violence", violence.strip())
        else:
            keep("type_of_violence", code)
            classifications.append(Classification(Classification.UCDP, code))
            if derive:
                mapped = ucdp_codes.to_acled(code)
                if mapped is not None:
                    event_type, sub_event_type = mapped.targets
                    classifications.append(Classification(
                        Classification.ACLED, sub_event_type, parent=event_type, derived=True,
                        via=ucdp_codes.VIA))
    clarity = cells.get("event_clarity", "")
    if clarity.strip() not in _MISSING and _clarity_known(clarity) is False:
        unknown("event_clarity", "UCDP event_clarity code (1-2)")

    # actors
    actors: list[Actor | None] = []
    for name_column, gw_column, _ in _SIDES:
        name = _text(cells, name_column)
        keep(name_column, name or "")
        side_country = _gw_country(cells.get(gw_column, ""), gw_column, pending)
        actors.append(None if name is None else _actor(name, side_country))

    # location
    latitude, longitude = _coordinate(cells, "latitude"), _coordinate(cells, "longitude")
    if (latitude is None) != (longitude is None):
        missing = "longitude" if longitude is None else "latitude"
        raise CellError(missing, "latitude and longitude go together", cells.get(missing, ""))
    country_cell = cells.get("country", "")
    country: str | None = None
    if not country_cell.strip():
        keep("country", "")
    else:
        country = _named_country(country_cell)
        if country is not None:
            keep("country", _country_text(country))
        else:
            country = _gw_country(cells.get("country_id", ""), "country_id", None)
            extras["country"] = country_cell
            pending.append(("unknown-code", "not a country name the library knows; kept as "
                            "written" + ("" if country is None else
                                         f" (country_id gives {country})"),
                            "country", country_cell, True))
    geo_text = cells.get("where_prec", "")
    geo: GeoPrecision | None = None
    if geo_text.strip() not in _MISSING:
        geo_code = _code(geo_text, ucdp_codes.where_precision)
        if geo_code is None:
            unknown("where_prec", "UCDP where_prec code (1-7)")
        else:
            geo = _GEO_PRECISIONS[geo_code]
    keep("where_prec", "" if geo is None else str(_GEO_CODES[geo]))
    admin1, admin2 = _text(cells, "adm_1"), _text(cells, "adm_2")
    keep("adm_1", admin1 or "")
    keep("adm_2", admin2 or "")
    name = _text(cells, "where_coordinates")
    location: Location | None = None
    if any(v is not None for v in (name, admin1, admin2, latitude, country, geo)) or (
            country_cell.strip()):
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
        keep(column, "" if value is None else float_text(value))

    # fatalities
    best, low, high = (_count(cells, c) for c in ("best", "low", "high"))
    fatalities: Fatalities | None = None
    if best is None:
        if low is not None or high is not None:
            raise CellError("best", "low and high need a best estimate", cells.get("best", ""))
    else:
        try:
            fatalities = Fatalities(best, low, high)
        except ValidationError as error:
            raise CellError(error.field, error.reason, cells.get(error.field, "")) from None
    for column, count in (("best", best), ("low", low), ("high", high)):
        keep(column, "" if count is None else str(count))

    extras.update(facts)
    return Event(
        id=identifier,
        date=date,
        classifications=classifications,
        actor1=actors[0],
        actor2=actors[1],
        location=location,
        fatalities=fatalities,
        extras={NAME: extras} if extras else None,
    )


def _check_header(header: list[str], source: str, line: int) -> None:
    for column in _REQUIRED:
        if column not in header:
            releases = " or ".join(str(len(c)) for c in RELEASES.values())
            raise ParseError(
                f"not a UCDP GED header: no {column!r} column (nor a row of a file without a "
                f"header: those have {releases} fields, an id, and dates)",
                source=source, line=line, column=column)
    seen: set[str] = set()
    for column in header:
        if column in seen:
            raise ParseError("the header names a column twice", source=source, line=line,
                             column=column, value=column)
        if _is_reserved(column):
            raise ParseError("a column name may not begin with '@' nor be '#columns' (the "
                             "library keeps the facts of a file under such names)",
                             source=source, line=line,
                             column=column, value=column)
        seen.add(column)


def _headerless_release(cells: Sequence[str]) -> str | None:
    """The release whose column list reads *cells* as a data row, if the row has that many
    fields and the shape of one (a numeric id and year, dates where the dates go, a numeric
    type of violence), else ``None``."""
    for release, columns in RELEASES.items():
        if len(cells) != len(columns):
            continue
        row = dict(zip(columns, cells, strict=True))
        if (row["id"].strip().isdigit() and row["id"].strip().isascii()
                and re.fullmatch(r"\d{4}", row["year"].strip())
                and _DATE.match(row["date_start"].strip())
                and _DATE.match(row["date_end"].strip())
                and _SMALL.match(row["type_of_violence"].strip())):
            return release
    return None


def _layout_text(columns: Sequence[str]) -> str:
    for release, known in RELEASES.items():
        if tuple(columns) == known:
            return release
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(columns)
    return buffer.getvalue()


def _layout_columns(text: str) -> tuple[str, ...]:
    if text in RELEASES:
        return RELEASES[text]
    return tuple(next(csv.reader([text]), []))


def _file_facts(first_line: str) -> dict[str, str]:
    facts: dict[str, str] = {}
    if first_line.endswith("\r\n"):
        facts[EOL_KEY] = "\r\n"
    if _ALL_QUOTED.match(first_line) and first_line.strip("\r\n"):
        facts[QUOTING_KEY] = "all"
    return facts


@attrs.frozen(kw_only=True)
class ReadOptions(_options.ReadOptions):
    """The options of :func:`read`."""

    FORMAT: ClassVar[str] = NAME

    derive: bool = _options.option(
        False, "also classify each event in ACLED's scheme through the UCDP -> ACLED "
        "crosswalk (marked derived)")


@attrs.frozen(kw_only=True)
class WriteOptions(_options.CsvLineWriteOptions):
    """The options of :func:`write`."""

    FORMAT: ClassVar[str] = NAME

    layout: str | None = _options.option(
        None, "the columns of a GED release (20.1, 19.1: see RELEASES); by default those the "
        "first event was read with, else COLUMNS")
    columns: tuple[str, ...] | None = _options.option(
        None, "the header to write, instead of a release's (comma-separated on the command "
        "line)")
    header: bool | None = _options.option(
        None, "write the header row (default: as the file the first event was read from, "
        "else yes)")

    def _check(self) -> None:
        super()._check()
        if self.layout is not None and self.layout not in RELEASES:
            raise ValueError(f"{self._what()} option layout: {self.layout!r} is not one of "
                             + ", ".join(repr(name) for name in RELEASES))
        if self.layout is not None and self.columns is not None:
            raise ValueError(f"{self._what()} options layout and columns: give one or the other")


def _read_records(source: Input, policy: ErrorPolicy, options: ReadOptions) -> Iterator[
    Record
]:
    derive, max_field = options.derive, options.max_field
    head = source.head(1)
    facts = _file_facts(head[0]) if head else {}
    header: list[str] | None = None
    for item in read_rows(source.lines(), source=source.name, max_field=max_field):
        if isinstance(item, ParseError):
            if header is None:  # without a header nothing else can be read
                policy.handle(item)
                return
            policy.handle(item)
            continue
        if header is None and (not item.cells or item.cells == [""]):
            continue  # a blank line before the header (or the first row)
        if header is None:
            release = _headerless_release(item.cells)
            if release is None:
                header = item.cells
                try:
                    _check_header(header, source.name, item.line)
                except ParseError as error:
                    policy.handle(error)
                    return
                if tuple(header) != COLUMNS:
                    facts[LAYOUT_KEY] = _layout_text(header)
                continue
            header = list(RELEASES[release])
            facts[HEADER_KEY] = "none"
            if release != "20.1":
                facts[LAYOUT_KEY] = release
        if not item.cells or item.cells == [""]:
            continue  # a blank line
        if len(item.cells) != len(header):
            policy.handle(ParseError(
                f"the row has {len(item.cells)} cells; the header has {len(header)}",
                source=source.name, line=item.line))
            continue
        pending: list[_Pending] = []
        try:
            event = _event_from_row(header, item.cells, facts, derive, pending)
            for code, reason, column, value, once in pending:
                policy.warn(code, reason, source=source.name, line=item.line, column=column,
                            value=value, once=once)
            if event.fatalities is not None and not event.fatalities.consistent:
                counts = event.fatalities
                policy.warn("inconsistent-range",
                            "low, best and high contradict each other (low <= best <= high); "
                            "kept as published",
                            source=source.name, line=item.line,
                            column="high" if counts.high is not None and counts.high < counts.best
                            else "low",
                            value=f"low={counts.low} best={counts.best} high={counts.high}")
        except CellError as bad:
            policy.handle(ParseError(bad.reason, source=source.name, line=item.line,
                                     column=bad.column, value=bad.value))
            continue
        except ParseError as error:  # a warning under on_warning="error"
            policy.handle(error)
            continue
        except (ValidationError, UnknownCodeError, ValueError) as error:
            field = getattr(error, "field", None)
            policy.handle(ParseError(str(error), source=source.name, line=item.line,
                                     column=field if isinstance(field, str) else None,
                                     value=getattr(error, "value", None)))
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
    except (ValueError, UnknownCodeError, CellError, KeyError):
        pass
    return canonical


def _kept_missing(raw: Mapping[str, str], column: str) -> str:
    """The kept text of an empty cell (white space, ``NA``), else ``""``."""
    text = raw.get(column, "")
    return text if text.strip() in _MISSING else ""


def _kept_unknown(raw: Mapping[str, str], column: str, known: Callable[[str], bool]) -> str:
    """The kept text of an empty cell, or of a code the code book lacks (the record has no
    value for it because the reader could not give it one), else ``""``."""
    text = raw.get(column, "")
    return text if text.strip() in _MISSING or not known(text) else ""


def _is_reserved(column: str) -> bool:
    return is_reserved(column) or column == _OLD_LAYOUT_KEY


def _row_of(event: Event, report: ConversionReport, columns: Sequence[str]) -> dict[str, str]:
    raw: Mapping[str, str] = event.extras.get(NAME, {})
    out: dict[str, str] = {c: v for c, v in raw.items()
                           if c not in _MODEL_COLUMNS and not _is_reserved(c)}
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
                          same=lambda t: not _SMALL.match(t.strip())
                          or start.year <= int(t) <= end.year)

    coded = event.classification(Classification.UCDP, derived=False)
    violence = coded or event.classification(Classification.UCDP)
    if violence is not None:
        if violence.derived:
            report.derive("type_of_violence")
        if violence.unknown:
            out["type_of_violence"] = _raw_or(raw, "type_of_violence", violence.code,
                                              same=lambda t: t.strip() == violence.code)
        else:
            out["type_of_violence"] = _raw_or(
                raw, "type_of_violence", violence.code,
                same=lambda t: _violence(t) == violence.code)
    for item in event.classifications:
        if item is violence or (item.scheme == Classification.ACLED and item.derived
                                and item.via == ucdp_codes.VIA):
            continue
        report.drop(f"classifications.{item.scheme}")

    for (column, gw_column, field), actor in zip(_SIDES, (event.actor1, event.actor2),
                                                 strict=True):
        if actor is None:
            out[column] = _kept_missing(raw, column)
            continue
        out[column] = actor.name
        if actor.country is not None and actor.country != _gw_country(
                raw.get(gw_column, ""), gw_column, None):
            report.drop(f"{field}.country")
        for attribute in ("kind", "cameo_code"):
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
                       "country"):
            out[column] = _kept_missing(raw, column)
        out["where_prec"] = _kept_unknown(
            raw, "where_prec", lambda t: _code(t, ucdp_codes.where_precision) is not None)

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
    country_id = raw.get("country_id", "")
    if location.country is not None:
        code = location.country
        country_text = _raw_or(raw, "country", _country_text(code),
                               same=lambda t: _place_country(t, country_id) == code)
        out["country"] = country_text
    else:
        out["country"] = _kept_unknown(raw, "country",
                                       lambda t: _place_country(t, country_id) is not None)
        country_text = out["country"]
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
            out[column] = _raw_or(raw, column, float_text(value),
                                  same=lambda t, v=value: float(t) == v)
    geo = location.precision
    if geo is None:
        out["where_prec"] = _kept_unknown(
            raw, "where_prec", lambda t: _code(t, ucdp_codes.where_precision) is not None)
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


def _layout_of(event: Event | None) -> tuple[str, ...]:
    if event is not None:
        kept = event.extra(NAME, LAYOUT_KEY)
        if kept:
            return _layout_columns(kept)
        old = event.extra(NAME, _OLD_LAYOUT_KEY)  # JSONL written before the @-keys
        if old:
            return tuple(old.split(","))
    return COLUMNS


def _fact(event: Event | None, key: str) -> str | None:
    return None if event is None else event.extra(NAME, key)


def _open_writer(stream: TextIO, options: WriteOptions, first: Event | None) -> Any:
    terminator = options.line_terminator or _fact(first, EOL_KEY) or "\n"
    if terminator not in ("\n", "\r\n"):
        terminator = "\n"
    safe = options.spreadsheet_safe
    if _fact(first, QUOTING_KEY) == "all":
        inner = csv.writer(stream, lineterminator=terminator, quoting=csv.QUOTE_ALL)
        return SpreadsheetSafeWriter(inner) if safe else inner
    return writer(stream, line_terminator=terminator, spreadsheet_safe=safe)


def _write_records(
    records: Iterable[Record], stream: TextIO, report: ConversionReport,
    options: WriteOptions,
) -> None:
    columns = options.columns if options.layout is None else RELEASES[options.layout]
    out: Any = None
    for record in records:
        if not isinstance(record, Event):
            report.leave_out(f"not an event ({type(record).__name__})")
            continue
        if out is None:
            out = _open_writer(stream, options, record)
            columns = columns or _layout_of(record)
            header = options.header
            if header is None:
                header = _fact(record, HEADER_KEY) != "none"
            if header:
                out.writerow(columns)
        assert columns is not None
        cells = _row_of(record, report, columns)
        out.writerow([cells.get(column, "") for column in columns])
        report.written += 1
    if out is None and options.header is not False:
        _open_writer(stream, options, None).writerow(columns or COLUMNS)


def _first_record(head: list[str]) -> list[str]:
    try:
        return next(csv.reader(head), [])
    except csv.Error:
        return []


def _sniff(head: list[str]) -> Sniffed:
    first = [cell.lstrip("\ufeff").strip() for cell in _first_record(head[:1])]
    if {"id", "type_of_violence", "where_prec", "date_prec"} <= set(first):
        return Sniffed(True, "a UCDP GED header")
    record = _first_record(head)
    release = _headerless_release(record)
    if release is not None:
        return Sniffed(True, f"no header; a row of {len(record)} fields shaped as GED "
                       f"{release}'s")
    return Sniffed(False, "no id/type_of_violence/where_prec/date_prec header, and the first "
                   f"row ({len(record)} fields) is not shaped as a GED row of "
                   + " or ".join(str(len(c)) for c in RELEASES.values()) + " fields")


SPEC = register(
    FormatSpec(
        name=NAME,
        title="UCDP Georeferenced Event Dataset (GED) CSV",
        read=_read_records,
        write=_write_records,
        sniff=_sniff,
        suffixes=(),
        read_options=ReadOptions,
        write_options=WriteOptions,
    )
)


def read(source: FileSource, *, on_error: OnError = "raise", derive: bool = False,
         max_field: int = DEFAULT_MAX_FIELD, encoding: str | None = None,
         dayfirst: bool | None = None, on_warning: OnWarning = "report",
         report: ConversionReport | None = None) -> RecordStream:
    """Read the events of a UCDP GED CSV file, of any release, with or without a header row
    (see :func:`conflictevents.read`).

    >>> import io
    >>> from conflictevents.formats import ucdp
    >>> row = dict.fromkeys(ucdp.COLUMNS, "")
    >>> row.update(id="7", date_start="2024-12-05", date_end="2024-12-05", best="3", high="1")
    >>> text = ",".join(ucdp.COLUMNS) + "\\n" + ",".join(row.values()) + "\\n"
    >>> stream = ucdp.read(io.StringIO(text))
    >>> [(e.id, str(e.date), e.fatalities.high) for e in stream]
    [('7', '2024-12-05', 1)]
    >>> [(w.code, w.line, w.column) for w in stream.report.warnings]
    [('inconsistent-range', 2, 'high')]

    :param derive: also classify each event in ACLED's scheme through the UCDP -> ACLED
        crosswalk (:func:`conflictevents.codes.ucdp.to_acled`); such classifications are
        marked ``derived=True, via="ucdp->acled"``.
    :param max_field: the longest cell accepted, in characters.
    :param encoding: the input's encoding (see :func:`conflictevents.read`).
    :param dayfirst: accepted for every format; UCDP's dates are ISO dates, never ambiguous.
    :param on_warning: ``"report"``, ``"warn"`` or ``"error"`` for the rows read with a
        warning (a code the code books lack, ``low``/``best``/``high`` that contradict each
        other).
    """
    return _read(source, NAME, on_error=on_error, report=report, encoding=encoding,
                 dayfirst=dayfirst, on_warning=on_warning, derive=derive,
                 max_field=max_field)


def write(records: Iterable[Record], target: Target, *, layout: str | None = None,
          columns: Sequence[str] | None = None, header: bool | None = None,
          line_terminator: _options.LineTerminator | None = None,
          spreadsheet_safe: bool = False,
          report: ConversionReport | None = None) -> ConversionReport:
    """Write events as a UCDP GED CSV file (see :func:`conflictevents.write`).

    :param layout: the columns of a release, by name (``"19.1"``: see :data:`RELEASES`); by
        default the layout the first event was read with, else :data:`COLUMNS`.
    :param columns: the header to write, instead of a release's.
    :param header: whether to write the header row; by default, as the file the first event
        was read from (:data:`HEADER_KEY`), else yes.
    :param line_terminator: ``"\\n"`` or ``"\\r\\n"``; by default that of the file the first
        event was read from (:data:`EOL_KEY`), else ``"\\n"``.
    :param spreadsheet_safe: prefix with ``'`` every cell a spreadsheet would run as a formula
        (see :class:`~conflictevents.formats.CsvWriteOptions`); off by default.
    :returns: the report: claims and control changes are left out; fields UCDP has no
        column for (notes, sources, actor kinds...) are counted as dropped.
    """
    return _write(records, target, NAME, report=report, layout=layout,
                  columns=None if columns is None else tuple(columns), header=header,
                  line_terminator=line_terminator, spreadsheet_safe=spreadsheet_safe)
