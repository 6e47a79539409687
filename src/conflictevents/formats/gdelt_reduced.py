"""GDELT 1.0 "reduced" event files: 17 tab-separated columns with a header, read and written
losslessly.

Before the full GDELT 1.0 event files, GDELT published its 1979-2012 events in a reduced
form: one header row, then one row per date, source actor, target actor and CAMEO event code,
with how many events and articles it stands for and the coordinates of the three
geographies::

    Date  Source  Target  CAMEOCode  NumEvents  NumArts  QuadClass  Goldstein
    SourceGeoType  SourceGeoLat  SourceGeoLong  TargetGeoType  TargetGeoLat  TargetGeoLong
    ActionGeoType  ActionGeoLat  ActionGeoLong

The columns are tab-separated, without quoting. **Rows are ragged**: trailing empty fields
are left out (``19790101  AFR  FRA  043  1  4  1  2.8  ''  ''  ''`` has 11 fields), and the
writer leaves out the same ones again.

Reading maps a row onto an :class:`~conflictevents.Event`:

* the file has no event id: the id is ``Date-Source-Target-CAMEOCode``
  (``"19790101-AFR-FRA-043"``), the four columns that tell the rows of a reduced file apart;
* ``Date`` (``YYYYMMDD``) is the day; ``CAMEOCode`` a coded ``cameo`` classification;
* ``Source`` and ``Target`` are CAMEO actor codes (no names): ``actor1`` and ``actor2`` are
  named by their code, with the code and its country (the same grammar as GDELT's, lower-case
  ethnic blocks included: see :doc:`/formats/gdelt`);
* ``ActionGeoLat``/``ActionGeoLong`` the location, named by its coordinates as written
  (``"46, 2"``), its precision from ``ActionGeoType`` (GDELT's geography types).

Every cell is also kept, as written, in ``Event.extras["gdelt-reduced"]`` (only the cells
the row has: that is how the writer knows which trailing empties to leave out), so that
writing an event back reproduces its row byte for byte. Codes the code books lack are kept
as written with an ``unknown-code`` warning, a ``QuadClass`` that contradicts the event code
with an ``inconsistent-event-code`` warning.

Writing takes events of any origin: the actors' CAMEO codes (``derive=True`` derives them from
country and kind), the CAMEO event code (``derive=True`` takes it from the ACLED type),
``NumEvents`` ``1`` (counted as derived), the location's coordinates; what the columns
cannot hold is counted in the report.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator, Mapping
from typing import ClassVar, Final, TextIO

import attrs

from conflictevents.codes import cameo
from conflictevents.errors import ParseError, ValidationError
from conflictevents.formats import _cameo_rows, _options
from conflictevents.formats._cells import float_text
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
    GeoPrecision,
    Location,
    Record,
)

__all__ = ["COLUMNS", "EOL_KEY", "read", "write"]

NAME: Final = "gdelt-reduced"

COLUMNS = (
    "Date", "Source", "Target", "CAMEOCode", "NumEvents", "NumArts", "QuadClass", "Goldstein",
    "SourceGeoType", "SourceGeoLat", "SourceGeoLong", "TargetGeoType", "TargetGeoLat",
    "TargetGeoLong", "ActionGeoType", "ActionGeoLat", "ActionGeoLong",
)
"""The 17 columns of a GDELT reduced event file, in file order."""

EOL_KEY = "@eol"
"""The reserved extras key recording a file's line terminator when it is not ``\\n``."""

_HEADER = "\t".join(COLUMNS)
_INDEX = {column: i for i, column in enumerate(COLUMNS)}
_GEO_TYPES = ("", "0", "1", "2", "3", "4", "5")

# A located warning: (code, reason, column, value).
_Note = tuple[str, str, str, str]


_CellError = _cameo_rows.CellError


# -- reading ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ReadOptions(_options.ReadOptions):
    """The options of :func:`read`: the common ones."""

    FORMAT: ClassVar[str] = NAME


@attrs.frozen(kw_only=True)
class WriteOptions(_options.CsvWriteOptions):
    """The options of :func:`write`."""

    FORMAT: ClassVar[str] = NAME

    derive: bool = _options.derive_option()


def _read_records(source: Input, policy: ErrorPolicy, options: ReadOptions
                  ) -> Iterator[Record]:
    max_field = options.max_field
    yield from _cameo_rows.read_rows(
        source, policy, columns=COLUMNS, title="a GDELT reduced",
        parse_line=lambda text, name, number, eol: _parse_line(text, name, number, max_field,
                                                               eol))


def _parse_line(text: str, source: str, number: int, max_field: int, eol: str | None
                ) -> tuple[Event, list[_Note]]:
    cells = _cameo_rows.split_line(text, max_field, source, number)
    if len(cells) > len(COLUMNS):
        raise ParseError(f"{len(cells)} tab-separated fields; a GDELT reduced row has at "
                         "most 17", source=source, line=number)
    if len(cells) < _INDEX["CAMEOCode"] + 1:
        raise ParseError(f"{len(cells)} tab-separated fields; a GDELT reduced row has at "
                         "least Date, Source, Target and CAMEOCode", source=source, line=number)
    kept = dict(zip(COLUMNS, cells, strict=False))
    _cameo_rows.check_text(text, COLUMNS, cells, source, number)
    row = {column: kept.get(column, "") for column in COLUMNS}
    if eol is not None:
        kept[EOL_KEY] = eol
    notes: list[_Note] = []
    try:
        event = _event_from_row(row, notes, kept)
    except _cameo_rows.ROW_ERRORS as error:
        raise _cameo_rows.row_error(error, source, number, row.get) from None
    return event, notes


def _actor(row: Mapping[str, str], column: str, notes: list[_Note]) -> Actor | None:
    code = row[column].strip()
    if not code:
        return None
    parsed = _cameo_rows.parse_actor_code(code)
    if parsed is None:
        notes.append(("unknown-code", "not a CAMEO actor code of 3-character blocks; kept as "
                      "written", column, row[column]))
        return Actor(name=code)
    if parsed.unknown:
        blocks = ", ".join(repr(block) for block in parsed.unknown)
        what = "block" if len(parsed.unknown) == 1 else "blocks"
        notes.append(("unknown-code", f"{what} {blocks} of the CAMEO actor code in no CAMEO "
                      "code book; kept as written", column, row[column]))
    country = parsed.country
    return Actor(name=code, cameo_code=code,
                 country=_cameo_rows.iso_for_cameo_country(country) if country else None)


def _location(row: Mapping[str, str]) -> Location | None:
    for prefix in ("SourceGeo", "TargetGeo", "ActionGeo"):
        if row[prefix + "Type"] not in _GEO_TYPES:
            raise _CellError(prefix + "Type", "must be a GDELT geography type, 0 to 5")
        latitude = _cameo_rows.number(row, prefix + "Lat", limit=90.0)
        longitude = _cameo_rows.number(row, prefix + "Long", limit=180.0)
        if (latitude is None) != (longitude is None):
            raise _CellError(prefix + ("Lat" if latitude is None else "Long"),
                             "latitude and longitude go together")
    if row["ActionGeoLat"] == "":
        return None
    return Location(name=f"{row['ActionGeoLat']}, {row['ActionGeoLong']}",
                    latitude=float(row["ActionGeoLat"]), longitude=float(row["ActionGeoLong"]),
                    precision=_cameo_rows.GEO_PRECISION.get(row["ActionGeoType"]))


def _event_from_row(row: Mapping[str, str], notes: list[_Note],
                    kept: dict[str, str] | None = None) -> Event:
    date = row["Date"]
    if not (len(date) == 8 and date.isascii() and date.isdigit()):
        raise _CellError("Date", "must be a date written YYYYMMDD")
    try:
        day = _dt.date(int(date[:4]), int(date[4:6]), int(date[6:]))
    except ValueError:
        raise _CellError("Date", "is not a real date") from None
    code = row["CAMEOCode"]
    unknown = not (cameo.is_event_code(code) and cameo.event(code).code == code)
    if unknown:
        if not _cameo_rows.is_event_code_shape(code):
            raise _CellError("CAMEOCode", "is not a CAMEO event code (2 to 4 digits, the "
                             "first two 01 to 20)")
        notes.append(("unknown-code", f"event code {code!r} is not in the CAMEO code book; "
                      "kept as written", "CAMEOCode", code))
    quad = _cameo_rows.event_code_parts(code)[2]
    if row["QuadClass"] not in ("", quad):
        notes.append(("inconsistent-event-code", f"does not match CAMEOCode {code} (its "
                      f"QuadClass is {quad}); kept as written", "QuadClass", row["QuadClass"]))
    for column in ("NumEvents", "NumArts"):
        cell = row[column]
        if cell and not (cell.isascii() and cell.isdigit()):
            raise _CellError(column, "must be a whole number")
    _cameo_rows.number(row, "Goldstein", limit=10.0)
    return Event(
        id=_key(row),
        date=EventDate.day(day),
        classifications=(Classification("cameo", code, unknown=unknown),),
        actor1=_actor(row, "Source", notes),
        actor2=_actor(row, "Target", notes),
        location=_location(row),
        extras={NAME: kept} if kept is not None else None,
    )


def _key(row: Mapping[str, str]) -> str:
    """The id of a row: its date, source, target and event code."""
    return "-".join(row[column] for column in ("Date", "Source", "Target", "CAMEOCode"))


# -- writing ---------------------------------------------------------------------------------


_GEO_TYPE_OF = {
    GeoPrecision.COUNTRY: "1",
    GeoPrecision.ADMIN1: "5",
    GeoPrecision.ADMIN2: "5",
    GeoPrecision.REGION: "5",
    GeoPrecision.EXACT: "4",
    GeoPrecision.NEAR: "4",
    GeoPrecision.INTERNATIONAL: "1",
}


class _RowWriter:
    def __init__(self, report: ConversionReport, options: WriteOptions) -> None:
        self.report = report
        self.derive = options.derive

    def row(self, event: Event) -> list[str] | None:
        choice = _cameo_rows.choose_event_code(event, derive=self.derive)
        if choice.code is None:
            self.report.leave_out(choice.reason)
            return None
        kept: Mapping[str, str] = event.extras.get(NAME) or {}
        raw = {column: kept.get(column, "") for column in COLUMNS}
        try:
            kept_event: object = _event_from_row(raw, []) if kept else None
        except (_CellError, ValidationError, ValueError):
            kept_event = None
        cells = dict(raw)
        if event.date.precision is not DatePrecision.DAY:
            self.report.drop("date.precision")
        day = event.date.start
        cells["Date"] = f"{day.year:04d}{day.month:02d}{day.day:02d}"
        self._event(choice, kept_event, cells)
        for actor, column, field in ((event.actor1, "Source", "actor1"),
                                     (event.actor2, "Target", "actor2")):
            kept_actor = getattr(kept_event, field, _NOTHING)
            if kept_actor != actor:
                self._actor(actor, column, field, cells)
        if getattr(kept_event, "location", _NOTHING) != event.location:
            self._location(event.location, cells)
        if event.id != _key(cells):
            self.report.drop("id")
        self._count_lost(event)
        count = len(COLUMNS)
        if kept:  # leave out the trailing empties the row left out
            present = max((_INDEX[c] + 1 for c in kept if c in _INDEX), default=count)
            while count > present and cells[COLUMNS[count - 1]] == "":
                count -= 1
        return [_cameo_rows.clean_cell(cells[column], self.report, f"extras.{NAME}.{column}")
                for column in COLUMNS[:count]]

    def _event(self, choice: _cameo_rows.CodeChoice, kept_event: object,
               cells: dict[str, str]) -> None:
        code = choice.code
        assert code is not None
        kept_codes = getattr(kept_event, "classifications", ())
        if kept_codes and kept_codes[0].code == code:
            return
        cells["CAMEOCode"] = code
        cells["QuadClass"] = _cameo_rows.event_code_parts(code)[2]
        goldstein = cameo.event(code).goldstein if cameo.is_event_code(code) else None
        cells["Goldstein"] = "" if goldstein is None else float_text(goldstein)
        if not cells["NumEvents"]:
            cells["NumEvents"] = "1"
            self.report.derive(f"extras.{NAME}.NumEvents")
        _cameo_rows.count_derived(self.report, "classifications.cameo", choice.derived)

    def _actor(self, actor: Actor | None, column: str, field: str,
               cells: dict[str, str]) -> None:
        cells[column] = ""
        if actor is None:
            return
        code = _cameo_rows.written_actor_code(actor, self.derive, self.report,
                                              f"{field}.cameo_code")
        if code is None:
            self.report.drop(field)
            return
        cells[column] = code
        written = _actor({column: code}, column, [])
        assert written is not None
        if actor.name != written.name:
            self.report.drop(f"{field}.name")
        if actor.country is not None and actor.country != written.country:
            self.report.drop(f"{field}.country")
        if actor.kind is not None:
            self.report.drop(f"{field}.kind")
        if actor.aliases:
            self.report.drop(f"{field}.aliases")

    def _location(self, location: Location | None, cells: dict[str, str]) -> None:
        for column in ("ActionGeoType", "ActionGeoLat", "ActionGeoLong"):
            cells[column] = ""
        if location is None:
            return
        if location.latitude is None or location.longitude is None:
            self.report.drop("location")
            return
        latitude = float_text(location.latitude)
        longitude = float_text(location.longitude)
        cells["ActionGeoLat"], cells["ActionGeoLong"] = latitude, longitude
        precision = location.precision
        cells["ActionGeoType"] = _GEO_TYPE_OF.get(precision, "") if precision else ""
        if location.name != f"{latitude}, {longitude}":
            self.report.drop("location.name")
        for field in ("country", "admin1", "admin2", "admin3", "admin1_code"):
            if getattr(location, field) is not None:
                self.report.drop(f"location.{field}")
        written = _cameo_rows.GEO_PRECISION.get(cells["ActionGeoType"])
        if precision is not None and written != precision:
            self.report.drop("location.precision")

    def _count_lost(self, event: Event) -> None:
        _cameo_rows.count_lost(event, self.report,
                               ("associates1", "associates2", "sources", "tags", "fatalities",
                                "notes"))
        _cameo_rows.count_other_extras(event, self.report, NAME, _INDEX)


_NOTHING = object()


def _write_records(records: Iterable[Record], stream: TextIO, report: ConversionReport,
                   options: WriteOptions) -> None:
    writer = _RowWriter(report, options)
    _cameo_rows.write_rows(records, stream, report, fmt=NAME, header=_HEADER, row=writer.row,
                           spreadsheet_safe=options.spreadsheet_safe)


def _sniff(head: list[str]) -> Sniffed:
    first = _cameo_rows.strip_terminator(head[0]).lstrip("\ufeff")
    if first == _HEADER:
        return Sniffed(True)
    if first.startswith("Date\tSource\tTarget\t"):
        return Sniffed(False, f"a header of {first.count(chr(9)) + 1} columns starting "
                              "Date, Source, Target; a GDELT reduced file has these 17: "
                              + ", ".join(COLUMNS))
    return Sniffed(False)


SPEC = register(
    FormatSpec(
        name=NAME,
        title="GDELT 1.0 reduced event file (17 tab-separated columns, with a header)",
        read=_read_records,
        write=_write_records,
        sniff=_sniff,
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
    """Read the events of a GDELT reduced event file (see :func:`conflictevents.read`).

    >>> import io
    >>> text = ("\\t".join(COLUMNS) + "\\n"
    ...         + "19790101\\tAFR\\tFRA\\t043\\t1\\t4\\t1\\t2.8\\t\\t\\t\\n")
    >>> event = next(read(io.StringIO(text)))
    >>> event.id, event.actor2.cameo_code, event.classification("cameo").code
    ('19790101-AFR-FRA-043', 'FRA', '043')

    :param source: a path or file object (gzip and zip are opened transparently).
    :param on_error: ``"raise"``, ``"skip"`` or ``"collect"``.
    :param report: a report to fill.
    :param member: for a zip file with several members, which one to read.
    :param max_field: the longest line accepted, in characters.
    :param encoding: the text encoding (see :func:`conflictevents.read`).
    :param dayfirst: passed on to :func:`conflictevents.read` (dates are ``YYYYMMDD``).
    :param on_warning: ``"report"``, ``"warn"`` or ``"error"`` for rows read with a warning.
    :raises ParseError: for a row that cannot be read (under ``on_error="raise"``), a header
        that is not this format's, or an input that cannot be opened.
    """
    return _read(source, NAME, on_error=on_error, report=report, member=member,
                 max_field=max_field, encoding=encoding, dayfirst=dayfirst,
                 on_warning=on_warning)


def write(
    records: Iterable[Record],
    target: Target,
    *,
    derive: bool = True,
    spreadsheet_safe: bool = False,
    report: ConversionReport | None = None,
) -> ConversionReport:
    """Write events as a GDELT reduced event file, header first.

    :param records: events of any origin; claims and control changes are left out (counted).
    :param target: a path (``.gz`` is compressed) or file object.
    :param derive: take CAMEO event codes from the ACLED classification and actor codes from
        the actors' country and kind when an event has none (counted as derived); on by
        default, off leaves such events out.
    :param spreadsheet_safe: put a ``'`` before every cell a spreadsheet would run as a
        formula (see :class:`~conflictevents.formats.CsvWriteOptions`); off by default.
    :param report: a report to fill.
    :returns: the report: written, left out (by reason), dropped and derived fields.
    """
    return _write(records, target, NAME, report=report, derive=derive,
                  spreadsheet_safe=spreadsheet_safe)
