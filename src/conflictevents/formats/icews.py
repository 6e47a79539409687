"""ICEWS coded event data: tab-separated files with a header, read and written losslessly.

The Integrated Crisis Early Warning System's event files (``events.2018.<stamp>.tab`` on
Harvard Dataverse) have one header row and 20 tab-separated columns, without quoting:
``Event ID``, ``Event Date``, ``Source Name``, ``Source Sectors``, ``Source Country``,
``Event Text``, ``CAMEO Code``, ``Intensity``, ``Target Name``, ``Target Sectors``,
``Target Country``, ``Story ID``, ``Sentence Number``, ``Publisher``, ``City``,
``District``, ``Province``, ``Country``, ``Latitude``, ``Longitude``.

Reading maps a row onto an :class:`~conflictevents.Event`: the source and target are
``actor1`` and ``actor2`` (name, and country where the country name is known), ``CAMEO
Code`` a coded ``cameo`` classification (checked against the code book), the city,
district, province and country the location, and ``Publisher`` the source. An empty cell
and ``NA`` both mean "no value". Every column but the id and the date is also kept, as
written, in ``Event.extras["icews"]`` (the sectors only live there), so that writing an
event back reproduces its row byte for byte; the writer uses a kept cell only while it still
describes the event.

A ``CAMEO Code`` the code book lacks (ICEWS uses codes of the CAMEO manual that GDELT's
tables lack, such as ``1213``: the code book has them now) is kept as written, as an
``unknown`` classification, with an ``unknown-code`` warning once per code and file.
Names keep their stray spaces (`` Ahwaz``); the sector columns hold comma-separated lists
and live in the extras only; ``Intensity`` is kept as written (``-10``, ``4.5``). A file with
CRLF line ends records it (``"@eol"``) and is written back with them.

Note that ICEWS's ``Event ID`` is not unique on its own (with ``Event Date`` it is); the
reader keeps it as the event's id all the same. See :doc:`/formats/icews`.
"""

from __future__ import annotations

import datetime as _dt
import itertools
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from typing import ClassVar, Final, TextIO

import attrs

from conflictevents import places
from conflictevents.codes import cameo
from conflictevents.errors import (
    ParseError,
    UnknownCodeError,
    ValidationError,
)
from conflictevents.formats import _cameo_rows, _options
from conflictevents.formats._cells import float_text
from conflictevents.formats._io import DEFAULT_MAX_FIELD, FileSource, Input, Target
from conflictevents.formats._policy import ErrorPolicy, OnError, OnWarning
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
    GeoPrecision,
    Location,
    Record,
)
from conflictevents.model import Source as EventSource

__all__ = ["COLUMNS", "EOL_KEY", "MISSING", "read", "write"]

NAME: Final = "icews"

COLUMNS = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
    "Longitude",
)
"""The 20 columns of an ICEWS event file, in file order."""

MISSING = ("", "NA")
"""The cell texts that mean "no value"."""

_HEADER = "\t".join(COLUMNS)
_COLUMN_SET = frozenset(COLUMNS)
_SIDES = ((1, "Source"), (2, "Target"))
_PLACE_COLUMNS = ("City", "District", "Province", "Country", "Latitude", "Longitude")


_CellError = _cameo_rows.CellError


def _value(cell: str | None) -> str | None:
    """The cell's text, or ``None`` for a missing value."""
    if cell is None or cell in MISSING or not cell.strip():
        return None
    return cell


def _country(name: str | None) -> str | None:
    """The alpha-3 code of an ICEWS country name, or ``None`` when unknown."""
    if name is None:
        return None
    try:
        return places.resolve_country(name)
    except UnknownCodeError:
        return None


# -- reading ---------------------------------------------------------------------------------


_strip_terminator = _cameo_rows.strip_terminator


EOL_KEY = "@eol"
"""The reserved extras key recording a file's line terminator when it is not ``\\n``."""


@attrs.frozen(kw_only=True)
class ReadOptions(_options.ReadOptions):
    """The options of :func:`read`: the common ones."""

    FORMAT: ClassVar[str] = NAME


@attrs.frozen(kw_only=True)
class WriteOptions(_options.NumberedWriteOptions):
    """The options of :func:`write`."""

    FORMAT: ClassVar[str] = NAME


def _read_records(source: Input, policy: ErrorPolicy, options: ReadOptions) -> Iterator[
    Record
]:
    max_field = options.max_field
    yield from _cameo_rows.read_rows(
        source, policy, columns=COLUMNS, title="an ICEWS",
        parse_line=lambda text, name, number, eol: _parse_line(text, name, number, max_field,
                                                               eol))


def _parse_line(text: str, source: str, number: int, max_field: int,
                eol: str | None = None) -> tuple[Event, list[tuple[str, str, str, str]]]:
    cells = _cameo_rows.split_line(text, max_field, source, number)
    if len(cells) != len(COLUMNS):
        raise ParseError(f"{len(cells)} tab-separated fields; an ICEWS row has 20",
                         source=source, line=number)
    row = dict(zip(COLUMNS, cells, strict=True))
    _cameo_rows.check_text(text, COLUMNS, cells, source, number)
    notes: list[tuple[str, str, str, str]] = []
    try:
        return _event_from_row(row, notes, eol), notes
    except _cameo_rows.ROW_ERRORS as error:
        raise _cameo_rows.row_error(error, source, number, row.get) from None


def _whole(row: Mapping[str, str], column: str, *, optional: bool) -> str | None:
    cell = _value(row[column])
    if cell is None:
        if optional:
            return None
        raise _CellError(column, "must not be empty")
    if not (cell.isascii() and cell.isdigit()):
        raise _CellError(column, "must be a whole number")
    return cell


def _number(row: Mapping[str, str], column: str, limit: float) -> float | None:
    cell = _value(row[column])
    return None if cell is None else _cameo_rows.number_cell(cell, column, limit=limit)


def _actor(row: Mapping[str, str], side: str) -> Actor | None:
    name = _value(row[f"{side} Name"])
    if name is None:
        return None
    return Actor(name=name, country=_country(_value(row[f"{side} Country"])))


def _place(row: Mapping[str, str]) -> Location | None:
    latitude = _number(row, "Latitude", 90.0)
    longitude = _number(row, "Longitude", 180.0)
    if (latitude is None) != (longitude is None):
        raise _CellError("Latitude" if latitude is None else "Longitude",
                         "latitude and longitude go together")
    city, district, province, country = (
        _value(row[c]) for c in ("City", "District", "Province", "Country"))
    if city is not None:
        name, precision = city, GeoPrecision.EXACT
    elif district is not None:
        name, precision = district, GeoPrecision.ADMIN2
    elif province is not None:
        name, precision = province, GeoPrecision.ADMIN1
    elif country is not None:
        name, precision = country, GeoPrecision.COUNTRY
    else:
        return None
    return Location(
        name=name,
        country=_country(country),
        admin1=province if precision is not GeoPrecision.ADMIN1 else None,
        admin2=district if precision is GeoPrecision.EXACT else None,
        latitude=latitude,
        longitude=longitude,
        precision=precision,
    )


def _event_from_row(row: Mapping[str, str], notes: list[tuple[str, str, str, str]],
                    eol: str | None = None) -> Event:
    event_id = _whole(row, "Event ID", optional=False)
    assert event_id is not None
    try:
        day = _dt.date.fromisoformat(row["Event Date"])
    except ValueError:
        raise _CellError("Event Date", "must be a date written YYYY-MM-DD") from None
    if len(row["Event Date"]) != 10:
        raise _CellError("Event Date", "must be a date written YYYY-MM-DD")
    code = row["CAMEO Code"]
    unknown = not (cameo.is_event_code(code) and cameo.event(code).code == code)
    if unknown:
        if not _cameo_rows.is_event_code_shape(code):
            raise _CellError("CAMEO Code", "is not a CAMEO event code (2 to 4 digits, the "
                             "first two 01 to 20)")
        notes.append(("unknown-code", f"event code {code!r} is not in the CAMEO code book; "
                      "kept as written", "CAMEO Code", code))
    _number(row, "Intensity", 10.0)
    _whole(row, "Story ID", optional=True)
    _whole(row, "Sentence Number", optional=True)
    publisher = _value(row["Publisher"])
    extras = {column: row[column] for column in COLUMNS[2:]}
    if eol is not None:
        extras[EOL_KEY] = eol
    return Event(
        id=event_id,
        date=EventDate.day(day),
        classifications=(Classification("cameo", code, unknown=unknown),),
        actor1=_actor(row, "Source"),
        actor2=_actor(row, "Target"),
        location=_place(row),
        sources=(EventSource(name=publisher),) if publisher is not None else (),
        extras={NAME: extras},
    )


# -- writing ---------------------------------------------------------------------------------


_fmt_float = float_text


def _same_number(cell: str | None, value: float | None) -> bool:
    text = _value(cell)
    if text is None:
        return value is None
    try:
        return value is not None and float(text) == value
    except ValueError:
        return False


# The text columns written from the model, by the model path a cleaned cell is reported as;
# any other column is written from the record's extras.
_TEXT_FIELDS = {"Source Name": "actor1.name", "Target Name": "actor2.name",
                "City": "location.name", "District": "location.admin2",
                "Province": "location.admin1", "Publisher": "sources.name"}


class _RowWriter:
    def __init__(self, report: ConversionReport, options: WriteOptions) -> None:
        self.report = report
        self.derive = options.derive
        self.id_map: MutableMapping[str, str] | None = options.id_map
        self.numbers = itertools.count(options.number_from)

    def row(self, event: Event) -> list[str] | None:
        choice = _cameo_rows.choose_event_code(event, derive=self.derive)
        if choice.code is None:
            self.report.leave_out(choice.reason)
            return None
        raw = dict(event.extras.get(NAME, {}))
        cells = {column: raw.get(column, "") for column in COLUMNS}
        cells["Event ID"] = self._id(event)
        if event.date.precision is not DatePrecision.DAY:
            self.report.drop("date.precision")
        cells["Event Date"] = event.date.start.isoformat()
        if raw.get("CAMEO Code") != choice.code:
            cells["CAMEO Code"] = choice.code
            if cameo.is_event_code(choice.code):
                entry = cameo.event(choice.code)
                goldstein = entry.goldstein
                cells["Event Text"] = entry.name
                cells["Intensity"] = "" if goldstein is None else _fmt_float(goldstein)
            else:  # a code the code book lacks: nothing to say about it
                cells["Event Text"] = cells["Intensity"] = ""
        _cameo_rows.count_derived(self.report, "classifications.cameo", choice.derived)
        for n, side in _SIDES:
            self._actor(event.actor1 if n == 1 else event.actor2, n, side, raw, cells)
        self._location(event.location, raw, cells)
        self._source(event, raw, cells)
        self._count_lost(event)
        return [_cameo_rows.clean_cell(cells[column], self.report,
                                       _TEXT_FIELDS.get(column, f"extras.{NAME}.{column}"))
                for column in COLUMNS]

    def _id(self, event: Event) -> str:
        return _cameo_rows.numeric_id(event.id, self.numbers, self.id_map, self.report)

    def _actor(self, actor: Actor | None, n: int, side: str, raw: Mapping[str, str],
               cells: dict[str, str]) -> None:
        columns = (f"{side} Name", f"{side} Sectors", f"{side} Country")
        raw_name = raw.get(columns[0])
        if actor is None:
            if raw_name is not None and _value(raw_name) is None:
                return
            for column in columns:
                cells[column] = ""
            return
        field = f"actor{n}"
        if actor.kind is not None:
            self.report.drop(f"{field}.kind")
        if actor.cameo_code is not None:
            self.report.drop(f"{field}.cameo_code")
        if actor.aliases:
            self.report.drop(f"{field}.aliases")
        if raw_name is not None and _value(raw_name) == actor.name and actor.country == _country(
            _value(raw.get(columns[2]))
        ):
            return
        cells[columns[0]] = actor.name
        cells[columns[1]] = ""
        cells[columns[2]] = places.country_name(actor.country) if actor.country else ""

    def _location(self, location: Location | None, raw: Mapping[str, str],
                  cells: dict[str, str]) -> None:
        if "City" in raw:
            try:
                kept = _place({c: raw.get(c, "") for c in _PLACE_COLUMNS})
            except (_CellError, ValidationError):
                kept = None
            if kept == location:
                return
        for column in _PLACE_COLUMNS:
            cells[column] = ""
        if location is None:
            return
        precision = location.precision
        country = places.country_name(location.country) if location.country else ""
        cells["Country"] = country
        if precision is GeoPrecision.COUNTRY:
            if location.name != country:
                self.report.drop("location.name")
        elif precision is GeoPrecision.ADMIN1:
            cells["Province"] = location.name
        elif precision is GeoPrecision.ADMIN2:
            cells["District"] = location.name
            cells["Province"] = location.admin1 or ""
        else:
            cells["City"] = location.name
            cells["District"] = location.admin2 or ""
            cells["Province"] = location.admin1 or ""
            if precision is not GeoPrecision.EXACT:
                self.report.drop("location.precision")
        if precision is GeoPrecision.ADMIN1 and location.admin1 is not None:
            self.report.drop("location.admin1")
        if precision in (GeoPrecision.ADMIN1, GeoPrecision.COUNTRY) and location.admin2:
            self.report.drop("location.admin2")
        if precision is GeoPrecision.COUNTRY and location.admin1 is not None:
            self.report.drop("location.admin1")
        if location.latitude is not None and location.longitude is not None:
            cells["Latitude"] = _fmt_float(location.latitude)
            cells["Longitude"] = _fmt_float(location.longitude)
        for field in ("admin3", "admin1_code"):
            if getattr(location, field) is not None:
                self.report.drop(f"location.{field}")

    def _source(self, event: Event, raw: Mapping[str, str], cells: dict[str, str]) -> None:
        sources = event.sources
        raw_publisher = raw.get("Publisher")
        if raw_publisher is not None:
            name = _value(raw_publisher)
            if name is None and not sources:
                return
            if name is not None and sources and sources[0] == EventSource(name=name):
                if len(sources) > 1:
                    self.report.drop("sources")
                return
        cells["Publisher"] = sources[0].name if sources else ""
        if sources and (len(sources) > 1 or sources[0] != EventSource(name=sources[0].name)):
            self.report.drop("sources")

    def _count_lost(self, event: Event) -> None:
        _cameo_rows.count_lost(event, self.report,
                               ("associates1", "associates2", "fatalities", "notes", "tags"))
        _cameo_rows.count_other_extras(event, self.report, NAME, _COLUMN_SET)


def _write_records(
    records: Iterable[Record], stream: TextIO, report: ConversionReport,
    options: WriteOptions,
) -> None:
    writer = _RowWriter(report, options)
    _cameo_rows.write_rows(records, stream, report, fmt=NAME, header=_HEADER, row=writer.row,
                           spreadsheet_safe=options.spreadsheet_safe)


def _sniff(head: list[str]) -> bool:
    return _strip_terminator(head[0]).lstrip("\ufeff") == _HEADER


SPEC = register(
    FormatSpec(
        name=NAME,
        title="ICEWS coded event data (tab-separated, with a header)",
        read=_read_records,
        write=_write_records,
        sniff=_sniff,
        suffixes=(".tab",),
        read_options=ReadOptions,
        write_options=WriteOptions,
    )
)


def read(
    source: FileSource,
    *,
    on_error: OnError = "raise",
    report: ConversionReport | None = None,
    member: str | None = None,
    max_field: int = DEFAULT_MAX_FIELD,
    encoding: str | None = None,
    dayfirst: bool | None = None,
    on_warning: OnWarning = "report",
) -> RecordStream[Event]:
    """Read the events of an ICEWS event file (see :func:`conflictevents.read`).

    :param source: a path or file object (gzip and zip are opened transparently).
    :param on_error: ``"raise"``, ``"skip"`` or ``"collect"``.
    :param report: a report to fill.
    :param member: for a zip file with several members, which one to read.
    :param max_field: the longest line accepted, in characters.
    :param encoding: the text encoding (see :func:`conflictevents.read`).
    :param dayfirst: passed on to :func:`conflictevents.read` (ICEWS dates are ISO).
    :param on_warning: what to do with a row read with a warning (a CAMEO code the code book
        lacks): ``"report"``, ``"warn"`` or ``"error"``.
    :raises ParseError: for a row that cannot be read (under ``on_error="raise"``), a header
        that is not ICEWS's, or an input that cannot be opened.
    """
    return _read(source, NAME, on_error=on_error, report=report, member=member,
                 max_field=max_field, encoding=encoding, dayfirst=dayfirst,
                 on_warning=on_warning)


def write(
    records: Iterable[Record],
    target: Target,
    *,
    derive: bool = True,
    id_map: MutableMapping[str, str] | None = None,
    number_from: int = 1,
    report: ConversionReport | None = None,
    spreadsheet_safe: bool = False,
) -> ConversionReport:
    """Write events as an ICEWS event file, header first.

    :param records: events of any origin; claims and control changes are left out (counted).
    :param target: a path (``.gz`` is compressed) or file object.
    :param derive: take the CAMEO code from the ACLED classification when an event has none
        (counted as derived); on by default, off leaves such events out.
    :param id_map: a mapping to fill with ``original id -> Event ID`` for events whose id is
        not a whole number (they are numbered from ``number_from``).
    :param number_from: the first number given to such events.
    :param report: a report to fill.
    :param spreadsheet_safe: put a ``'`` before every cell a spreadsheet would run as a
        formula, as the CSV writers do (off by default, because it changes the data).
    """
    return _write(records, target, NAME, report=report, derive=derive, id_map=id_map,
                  number_from=number_from, spreadsheet_safe=spreadsheet_safe)
