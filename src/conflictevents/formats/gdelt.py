"""GDELT event files, versions 1.0 and 2.0: tab-separated CAMEO rows, read and written losslessly.

GDELT publishes its event table as tab-separated text without a header row and without
quoting, zipped (``20241205.export.CSV.zip``); :func:`conflictevents.read` unzips it
transparently. Three layouts exist, told apart by their number of fields:

* ``gdelt1``, **historical** back-files (1979 to March 2013): 57 fields, ending with
  ``DATEADDED``;
* ``gdelt1``, **daily** files (from April 2013): 58 fields, the same plus ``SOURCEURL``;
* ``gdelt2``, the 15-minute ``.export.CSV`` files (from February 2015): 61 fields; the date
  column is called ``Day`` and each of the three geographies has an ``ADM2Code``.

Any other number of fields (60, say) is a located :class:`~conflictevents.ParseError`.

Reading maps a row onto an :class:`~conflictevents.Event`: ``GLOBALEVENTID`` is the id,
``SQLDATE``/``Day`` the day, ``EventCode`` a coded ``cameo`` classification, Actor1/Actor2
the actors (name, CAMEO code, country), ``ActionGeo`` the location (FIPS 10-4 country codes
translated to ISO 3166 with :func:`conflictevents.places.fips_to_iso`) and ``SOURCEURL`` the
source (``Source(name=<domain>, url=<url>)``). Every other column, and the raw text of the
model-backed ones, is kept in ``Event.extras[<format name>]``, so writing an event back
reproduces its row byte for byte. The writer uses a kept cell only while it still describes
the event (the same event code, the same actor, the same place...); after an edit, the
columns are computed afresh from the model and the code books.

Actor codes are read with the CAMEO grammar GDELT uses (3-character blocks in any order;
lower-case blocks are CAMEO ethnic codes: ``kur``, ``nepGOV``) and kept in the case written.
Codes are checked against :mod:`conflictevents.codes.cameo` and the FIPS 10-4 table: a code
they lack (an actor block, an event code such as ``1299``, a FIPS code) and cells that
contradict each other (a root code that is not the event code's) are kept as written, with a
located warning (``unknown-code``, ``inconsistent-event-code``, ``inconsistent-date``), never
a refused row. Back-file rows write ``0`` and ``0`` for "no coordinates": they are read as
none and written back as ``0``. The ``ActionGeo_ADM1Code`` (FIPS, ``SY13``) becomes the
location's ISO 3166-2 ``admin1_code`` where the FIPS ADM1 crosswalk maps it; the FIPS code is
kept either way. A file with CRLF line ends records it (``"@eol"``) and is written back with
them; a file mixing 57- and 58-column rows is written back row by row in each row's layout.

Writing takes events of any origin. See :doc:`/formats/gdelt` for the column mapping and
:doc:`/howto/gdelt-to-acled` for what a conversion from ACLED derives, drops and leaves out.
"""

from __future__ import annotations

import datetime as _dt
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from typing import Any, ClassVar, Literal, TextIO, cast
from urllib.parse import urlsplit

import attrs

from conflictevents import places
from conflictevents.codes import cameo
from conflictevents.errors import (
    ParseError,
    UnknownCodeError,
    ValidationError,
)
from conflictevents.formats import _cameo_rows, _options
from conflictevents.formats._cells import CACHE_LIMIT, float_text, is_reserved, remember
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
from conflictevents.model._unchecked import unchecked
from conflictevents.model.event import _unchecked_event
from conflictevents.model.frozen_map import FrozenMap, _RowColumns

__all__ = [
    "COLUMNS_DAILY",
    "COLUMNS_HISTORICAL",
    "COLUMNS_V2",
    "EOL_KEY",
    "GDELT1",
    "GDELT2",
    "LAYOUTS",
    "NAME",
    "columns_for",
    "read",
    "write",
]

GDELT1 = "gdelt1"
"""The registered name of GDELT 1.0 (daily and historical files)."""
GDELT2 = "gdelt2"
"""The registered name of GDELT 2.0."""
NAME = GDELT2
"""The format :func:`write` writes by default; the module also registers :data:`GDELT1`."""

_ACTOR_PARTS = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
    "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
)
_EVENT_PARTS = (
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
)
_GEOS = ("Actor1Geo", "Actor2Geo", "ActionGeo")


def _geo_columns(prefix: str, adm2: bool) -> list[str]:
    parts = ["Type", "FullName", "CountryCode", "ADM1Code"]
    if adm2:
        parts.append("ADM2Code")
    parts += ["Lat", "Long", "FeatureID"]
    return [f"{prefix}_{part}" for part in parts]


def _layout(date_column: str, *, adm2: bool, source_url: bool) -> tuple[str, ...]:
    columns = ["GLOBALEVENTID", date_column, "MonthYear", "Year", "FractionDate"]
    for n in (1, 2):
        columns += [f"Actor{n}{part}" for part in _ACTOR_PARTS]
    columns += list(_EVENT_PARTS)
    for prefix in _GEOS:
        columns += _geo_columns(prefix, adm2)
    columns.append("DATEADDED")
    if source_url:
        columns.append("SOURCEURL")
    return tuple(columns)


COLUMNS_HISTORICAL = _layout("SQLDATE", adm2=False, source_url=False)
"""The 57 columns of a GDELT 1.0 historical back-file (1979 to March 2013)."""
COLUMNS_DAILY = _layout("SQLDATE", adm2=False, source_url=True)
"""The 58 columns of a GDELT 1.0 daily file (April 2013 on)."""
COLUMNS_V2 = _layout("Day", adm2=True, source_url=True)
"""The 61 columns of a GDELT 2.0 ``.export.CSV`` file."""
LAYOUTS: Mapping[str, tuple[str, ...]] = {
    "historical": COLUMNS_HISTORICAL, "daily": COLUMNS_DAILY, "v2": COLUMNS_V2,
}
"""The three layouts by name: GDELT 1.0's ``historical`` and ``daily`` files (its ``layout=``
values) and GDELT 2.0's ``v2``."""

_LAYOUTS: dict[str, dict[int, tuple[str, ...]]] = {
    GDELT1: {57: COLUMNS_HISTORICAL, 58: COLUMNS_DAILY},
    GDELT2: {61: COLUMNS_V2},
}

Layout = Literal["daily", "historical"]


class _Plan:
    """Where a layout's cells are, for the reader's look-ups by position."""

    def __init__(self, columns: tuple[str, ...]) -> None:
        self.columns = columns
        self.date_column = columns[1]
        self.extras = (*columns[2:], columns[1])  # the order of the extras
        self.extras_eol = (*self.extras, EOL_KEY)
        self.date_added = columns.index("DATEADDED")
        self.url = columns.index("SOURCEURL") if "SOURCEURL" in columns else None
        # each geography's first cell and the one after its last
        self.geos = tuple((prefix, columns.index(f"{prefix}_Type"),
                           columns.index(f"{prefix}_FeatureID") + 1) for prefix in _GEOS)
        # Actor1, Actor2 and the event columns are in the same places in every layout
        assert columns[5:35] == (*_ACTOR_COLUMNS[1], *_ACTOR_COLUMNS[2], *_EVENT_PARTS)


# format name -> number of fields -> plan
_LAYOUT_PLANS: dict[str, dict[int, _Plan]] = {}


def columns_for(name: str, layout: Layout = "daily") -> tuple[str, ...]:
    """The columns of format *name* (``"gdelt1"`` or ``"gdelt2"``), in file order.

    :param layout: for ``gdelt1``, ``"daily"`` (58 columns) or ``"historical"`` (57).
    :raises ValueError: for another format name or layout.

    >>> columns = columns_for("gdelt2")
    >>> len(columns), columns[:2]
    (61, ('GLOBALEVENTID', 'Day'))
    >>> len(columns_for("gdelt1")), len(columns_for("gdelt1", "historical"))
    (58, 57)
    """
    if name == GDELT2:
        return COLUMNS_V2
    if name == GDELT1 and layout in ("daily", "historical"):
        return COLUMNS_DAILY if layout == "daily" else COLUMNS_HISTORICAL
    raise ValueError(f"no GDELT layout {name!r}/{layout!r}")


_CellError = _cameo_rows.CellError


# -- reading ---------------------------------------------------------------------------------


_strip_terminator = _cameo_rows.strip_terminator

EOL_KEY = "@eol"
"""The reserved extras key recording a file's line terminator when it is not ``\\n``
(``"\\r\\n"``), so that the file is written back with it."""

# A located warning found while reading a row: (code, reason, column, value, once).
_Note = tuple[str, str, str, str, bool]


def _layout_error(count: int, name: str) -> str:
    expected = "57 (historical) or 58 (daily)" if name == GDELT1 else "61"
    reason = f"{count} tab-separated fields; a {name} row has {expected}"
    other = GDELT2 if name == GDELT1 else GDELT1
    if count in _LAYOUTS[other]:
        reason += f" (this looks like a {other} row: read it with format={other!r})"
    return reason


@attrs.frozen(kw_only=True)
class ReadOptions(_options.ReadOptions):
    """The options of :func:`read` (both versions): the common ones."""

    FORMAT: ClassVar[str] = "gdelt"


@attrs.frozen(kw_only=True)
class WriteOptions(_options.NumberedWriteOptions):
    """The options of :func:`write` for GDELT 2.0 (and of :class:`WriteOptionsV1`)."""

    FORMAT: ClassVar[str] = GDELT2


@attrs.frozen(kw_only=True)
class WriteOptionsV1(WriteOptions):
    """The options of :func:`write` for GDELT 1.0: those of 2.0 and the layout."""

    FORMAT: ClassVar[str] = GDELT1

    layout: Layout | None = _options.option(
        None, "daily (58 columns) or historical (57); default: that of the first event's "
        "row, else daily")


def _read_records(name: str) -> Any:
    def read_records(
        source: Input, policy: ErrorPolicy, options: ReadOptions
    ) -> Iterator[Record]:
        max_field = options.max_field
        eol: str | None = None
        for number, line in enumerate(source.lines(), start=1):
            if number == 1 and line.endswith("\r\n"):
                eol = "\r\n"
            if line[-1:] == "\n":  # _strip_terminator, inline
                text = line[:-2] if line[-2:] == "\r\n" else line[:-1]
            else:
                text = line[:-1] if line[-1:] == "\r" else line
            if not text:
                continue
            try:
                event, notes = _parse_line(text, name, source.name, number, max_field, eol)
                if notes:
                    for code, reason, column, value, once in notes:
                        policy.warn(code, reason, source=source.name, line=number,
                                    column=column, value=value, once=once)
            except ParseError as error:
                policy.handle(error)
                continue
            yield event

    return read_records


def _parse_line(text: str, name: str, source: str, number: int, max_field: int,
                eol: str | None = None) -> tuple[Event, list[_Note]]:
    cells = _cameo_rows.split_line(text, max_field, source, number)
    plan = _LAYOUT_PLANS[name].get(len(cells))
    if plan is None:
        raise ParseError(_layout_error(len(cells), name), source=source, line=number)
    columns = plan.columns
    _cameo_rows.check_text(text, columns, cells, source, number)
    # The row's extras: every column but the id, the date column last, made into a dict
    # when something looks at them (a check the caches do not answer, a writer, a user).
    if eol is None:
        row = _RowColumns(plan.extras, [*cells[2:], cells[1]])
    else:
        row = _RowColumns(plan.extras_eol, [*cells[2:], cells[1], eol])
    notes: list[_Note] = []
    try:
        return _event_from_row(cells, row, plan, name, notes), notes
    except _cameo_rows.ROW_ERRORS as error:
        raise _cameo_rows.row_error(
            error, source, number,
            lambda column: cells[0] if column == "GLOBALEVENTID" else row.get(column),
        ) from None


def _digits(row: Mapping[str, str], column: str, *, optional: bool = False) -> str:
    cell = row[column]
    if optional and cell == "":
        return cell
    if not (cell.isascii() and cell.isdigit()):
        raise _CellError(column, "must be a whole number")
    return cell


_number = _cameo_rows.number


def _day(row: Mapping[str, str], column: str) -> _dt.date:
    cell = _digits(row, column)
    if len(cell) != 8:
        raise _CellError(column, "must be a date written YYYYMMDD")
    try:
        return _dt.date(int(cell[:4]), int(cell[4:6]), int(cell[6:]))
    except ValueError:
        raise _CellError(column, "is not a real date") from None


def _known(lookup: Any, cell: str) -> str | None:
    """The canonical code of *cell* in the code book *lookup* asks, or ``None``."""
    try:
        found: str = lookup(cell).code
    except UnknownCodeError:
        return None
    return found


_ACTOR_LOOKUPS: dict[str, tuple[Any, str]] = {
    "CountryCode": (cameo.actor_country, "country"),
    "KnownGroupCode": (cameo.known_group, "known-group"),
    "EthnicCode": (cameo.ethnic_code, "ethnic"),
    "Religion1Code": (cameo.religion_code, "religion"),
    "Religion2Code": (cameo.religion_code, "religion"),
    "Type1Code": (cameo.actor_role, "type (role)"),
    "Type2Code": (cameo.actor_role, "type (role)"),
    "Type3Code": (cameo.actor_role, "type (role)"),
}


_ACTOR_COLUMNS = {n: tuple(f"Actor{n}{part}" for part in _ACTOR_PARTS) for n in (1, 2)}
_LAYOUT_PLANS.update((name, {count: _Plan(columns) for count, columns in layouts.items()})
                     for name, layouts in _LAYOUTS.items())
# Values shared between rows (actors, places, checked geography): rows repeat them. A cache is
# emptied when it reaches _CACHE_LIMIT entries, so memory stays flat; a failure is not cached.
_CACHE_LIMIT = CACHE_LIMIT
_ACTOR_CACHES: dict[int, dict[tuple[str, ...], tuple[Actor | None, tuple[_Note, ...]]]] = {
    1: {}, 2: {}}
# ActionGeo's cells -> their warnings and the event's location
_LOCATION_CACHE: dict[tuple[str, ...], tuple[tuple[_Note, ...], Location | None]] = {}
_CLASSIFICATIONS: dict[tuple[str, bool], tuple[Classification, ...]] = {}
_EVENT_CODES: dict[str, tuple[bool, str, str, str]] = {}  # code -> unknown, base, root, quad
# The checks that depend on the event-code cells alone, the date cells alone, the code-book
# cells of an actor alone (not its name) and a FIPS country code alone: few distinct values.
_EVENT_CELLS: dict[tuple[str, ...], tuple[tuple[Classification, ...], tuple[_Note, ...]]] = {}
_DATES: dict[tuple[str, ...], tuple[EventDate, tuple[_Note, ...]]] = {}
_ACTOR_CODES: dict[tuple[object, ...], tuple[str | None, str | None, tuple[_Note, ...]]] = {}
_FIPS: dict[str, tuple[bool, str | None]] = {}
_KNOWN: dict[tuple[str, str], str | None] = {}  # (code book, cell) -> canonical code or None
# Actor1Geo and Actor2Geo: a geography's cells -> its warnings
_GEO_ROWS: dict[str, dict[tuple[str, ...], tuple[_Note, ...]]] = {
    prefix: {} for prefix in _GEOS[:2]}


# The hashes of the keys seen once (ints, which the garbage collector does not follow).
_SEEN: set[int] = set()


def _remember_seen(cache: dict[Any, Any], key: Any, value: Any) -> Any:
    """:func:`_remember` for values that many files name once only (actors, places): cache
    *value* the second time *key* is seen. Objects cached for good live until the cache is
    emptied, and every one of them makes the garbage collector's full passes longer; values
    seen once are left to die young."""
    code = hash(key)
    if code in _SEEN:
        return remember(cache, key, value)
    if len(_SEEN) >= _CACHE_LIMIT:
        _SEEN.clear()
    _SEEN.add(code)
    return value


def _actor(row: Mapping[str, str], n: int) -> tuple[Actor | None, tuple[_Note, ...]]:
    """The actor of block *n* of a row, and the warnings its cells give."""
    return _actor_of(tuple(map(row.__getitem__, _ACTOR_COLUMNS[n])), n, row)


def _actor_of(cells: tuple[str, ...], n: int, row: Mapping[str, str]
              ) -> tuple[Actor | None, tuple[_Note, ...]]:
    """The actor of block *n*, whose ten cells are *cells*, of *row*."""
    cache = _ACTOR_CACHES[n]
    found = cache.get(cells)  # not try/except: most look-ups of varied files miss
    if found is None:
        found = _remember_seen(cache, cells, _new_actor(_dict(row), n, cells))
    return found


def _actor_code(cell: str) -> tuple[str | None, _cameo_rows.ActorCode | None]:
    """The model's CAMEO code for an ``Actor*Code`` cell (without the spaces some rows put
    before it), and its blocks; ``(None, None)`` for a blank cell."""
    code = cell.strip()
    if not code:
        return None, None
    parsed = _cameo_rows.parse_actor_code(code)
    return (code if parsed is not None else None), parsed


def _new_actor(row: Mapping[str, str], n: int, cells: tuple[str, ...]
               ) -> tuple[Actor | None, tuple[_Note, ...]]:
    """The actor of block *n*, whose cells are *cells*: code, name, breakouts..."""
    codes = (n, cells[0], *cells[2:])  # everything but the name
    coded = _ACTOR_CODES.get(codes)
    if coded is None:
        coded = remember(_ACTOR_CODES, codes, _actor_codes(row, n))
    country, code, notes = coded
    name = row[_ACTOR_COLUMNS[n][1]]
    if not name.strip():
        name = row[_ACTOR_COLUMNS[n][0]].strip()
    if not name:
        return None, notes
    # name is not blank, country an ISO code from the code book, code a parsed actor code:
    # what Actor's checks would accept as they are.
    return unchecked(Actor, name, None, country, code, ()), notes


def _actor_codes(row: Mapping[str, str], n: int
                 ) -> tuple[str | None, str | None, tuple[_Note, ...]]:
    """The ISO country and the CAMEO code of actor block *n*, and the warnings its code-book
    cells give (everything but the name)."""
    prefix = f"Actor{n}"
    notes: list[_Note] = []
    country: str | None = None
    for part, (lookup, book) in _ACTOR_LOOKUPS.items():
        column = prefix + part
        cell = row[column]
        if not cell:
            continue
        key = (book, cell)
        found = _KNOWN[key] if key in _KNOWN else remember(_KNOWN, key, _known(lookup, cell))
        if found is None:
            notes.append(("unknown-code", f"{cell!r} is in no CAMEO {book} code book; "
                          "kept as written", column, cell, True))
        elif part == "CountryCode":
            country = _cameo_rows.iso_for_cameo_country(found)
    cell = row[prefix + "Code"]
    code, parsed = _actor_code(cell)
    if cell.strip() and parsed is None:
        notes.append(("unknown-code", "not a CAMEO actor code of 3-character blocks; kept "
                      "as written", prefix + "Code", cell, True))
    elif parsed is not None and parsed.unknown:
        blocks = ", ".join(repr(block) for block in parsed.unknown)
        what = "block" if len(parsed.unknown) == 1 else "blocks"
        notes.append(("unknown-code", f"{what} {blocks} of the CAMEO actor code in no CAMEO "
                      "code book; kept as written", prefix + "Code", cell, True))
    return country, code, tuple(notes)


_EVENT_CELL_COLUMNS = ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode",
                       "QuadClass", "GoldsteinScale")


def _event_cells(key: tuple[str, ...], row: Mapping[str, str], notes: list[_Note]
                 ) -> tuple[Classification, ...]:
    """The row's CAMEO classification, after the checks of the event columns (the warnings
    go to *notes*); *key* holds the cells of :data:`_EVENT_CELL_COLUMNS`."""
    found = _EVENT_CELLS.get(key)
    if found is None:
        own: list[_Note] = []
        code, unknown = _event_code(row, own)
        classifications = _CLASSIFICATIONS.get((code, unknown))
        if classifications is None:
            classifications = remember(_CLASSIFICATIONS, (code, unknown),
                                        (Classification("cameo", code, unknown=unknown),))
        found = remember(_EVENT_CELLS, key, (classifications, tuple(own)))
    else:  # the checks of the cells that are not in the key
        _counts_and_tone(row)
    notes.extend(found[1])
    return found[0]


def _counts_and_tone(row: Mapping[str, str]) -> None:
    """Check NumMentions, NumSources, NumArticles and AvgTone."""
    for column in ("NumMentions", "NumSources", "NumArticles"):
        cell = row[column]
        if cell and not (cell.isascii() and cell.isdigit()):
            raise _CellError(column, "must be a whole number")
    _number(row, "AvgTone", limit=100.0)


def _event_code(row: Mapping[str, str], notes: list[_Note]) -> tuple[str, bool]:
    """The row's event code and whether the code book lacks it; base, root and QuadClass
    that contradict it are kept, with a warning."""
    code = row["EventCode"]
    found = _EVENT_CODES.get(code)
    if found is None:
        unknown = not (cameo.is_event_code(code) and cameo.event(code).code == code)
        if unknown and not _cameo_rows.is_event_code_shape(code):
            raise _CellError("EventCode", "is not a CAMEO event code (2 to 4 digits, the "
                             "first two 01 to 20)")
        found = remember(_EVENT_CODES, code, (unknown, *_cameo_rows.event_code_parts(code)))
    unknown, base, root, quad = found
    if unknown:
        notes.append(("unknown-code", f"event code {code!r} is not in the CAMEO code book; "
                      "kept as written", "EventCode", code, True))
    for column, expected, what in (("EventBaseCode", base, "base"),
                                   ("EventRootCode", root, "root"),
                                   ("QuadClass", quad, "QuadClass")):
        if expected and row[column] != expected:
            notes.append(("inconsistent-event-code",
                          f"does not match EventCode {code} (its {what} is {expected}); kept "
                          "as written", column, row[column], False))
    _number(row, "GoldsteinScale", limit=10.0)
    if row["IsRootEvent"] not in ("", "0", "1"):
        raise _CellError("IsRootEvent", "must be 0 or 1")
    _counts_and_tone(row)
    return code, unknown


# prefix -> its Type, CountryCode, Lat and Long columns
_GEO_KEYS = {prefix: tuple(f"{prefix}_{part}" for part in ("Type", "CountryCode", "Lat", "Long"))
             for prefix in _GEOS}


def _coordinates(row: Mapping[str, str], prefix: str) -> tuple[float | None, float | None]:
    """A geography's latitude and longitude; back-file rows write ``0`` and ``0`` for none."""
    _, _, lat, long = _GEO_KEYS[prefix]
    if row[lat] == "0" and row[long] == "0":
        return None, None
    latitude = _number(row, lat, limit=90.0)
    longitude = _number(row, long, limit=180.0)
    if (latitude is None) != (longitude is None):
        missing = lat if latitude is None else long
        raise _CellError(missing, "latitude and longitude go together")
    return latitude, longitude


def _new_geo(row: Mapping[str, str], prefix: str
             ) -> tuple[str | None, float | None, float | None, tuple[_Note, ...]]:
    """Check one geography block; return its ISO country, latitude, longitude and the
    warnings its cells give."""
    kind = row[prefix + "_Type"]
    if kind not in ("", "0", "1", "2", "3", "4", "5"):
        raise _CellError(prefix + "_Type", "must be a GDELT geography type, 0 to 5")
    fips = row[prefix + "_CountryCode"]
    country = None
    notes: tuple[_Note, ...] = ()
    if fips:
        known, country = _FIPS.get(fips) or remember(_FIPS, fips, _cameo_rows.fips_country(fips))
        if not known:
            notes = (("unknown-code", f"{fips!r} is not in the FIPS 10-4 country table; kept "
                      "as written", prefix + "_CountryCode", fips, True),)
    latitude, longitude = _coordinates(row, prefix)
    return country, latitude, longitude, notes


# The ActionGeo columns of each layout, in file order: the key of _LOCATION_CACHE.
_ACTION_GEO = {adm2: tuple(_geo_columns("ActionGeo", adm2)) for adm2 in (False, True)}


def _location(row: Mapping[str, str]) -> Location | None:
    """The location of a row's ActionGeo cells (the writer's question about kept cells)."""
    columns = _ACTION_GEO["ActionGeo_ADM2Code" in row]
    # The location depends on _LOCATION_COLUMNS alone, which the caller has checked are
    # there; any other cell missing from kept cells is as good as blank.
    return _action_geo(tuple(row.get(column, "") for column in columns), row)[1]


def _action_geo(cells: tuple[str, ...], row: Mapping[str, str]
                ) -> tuple[tuple[_Note, ...], Location | None]:
    """The warnings and the location of the ActionGeo *cells* of *row*."""
    found = _LOCATION_CACHE.get(cells)
    if found is None:
        row = _dict(row)
        geo = _new_geo(row, "ActionGeo")
        found = _remember_seen(_LOCATION_CACHE, cells, (geo[3], _new_location(row, geo)))
    return found


def _new_location(row: Mapping[str, str],
                  geo: tuple[str | None, float | None, float | None, tuple[_Note, ...]]
                  ) -> Location | None:
    """The location of ActionGeo's cells, whose checks gave *geo* (see :func:`_new_geo`)."""
    country, latitude, longitude, _ = geo
    name = row["ActionGeo_FullName"]
    if not name.strip():
        return None
    # Checked as Location would: a name that is not blank, an ISO country of the FIPS table,
    # coordinates in range and together, a subdivision ISO 3166-2 lists.
    return unchecked(Location, name, country, None, None, None, latitude, longitude,
                     _cameo_rows.GEO_PRECISION.get(row["ActionGeo_Type"]),
                     _cameo_rows.fips_adm1_subdivision(row["ActionGeo_ADM1Code"]))


_WHITE_SPACE = re.compile(r"\s")


# The part of an http(s) URL between "//" and the next "/" -> the source's name, for
# those made of ASCII letters, digits, dots and hyphens ("www.bbc.co.uk" -> "bbc.co.uk"):
# what urlsplit's hostname gives, in lower case, without "www.". None for any other.
_HOSTS: dict[str, str | None] = {}


def _plain_host(netloc: str) -> str | None:
    if not (netloc and netloc.isascii() and netloc.replace(".", "").replace("-", "").isalnum()):
        return None
    host = netloc.lower()
    return host[4:] if host.startswith("www.") else host


_SOURCE_SETTERS = tuple(getattr(EventSource, field).__set__
                        for field in ("name", "url", "published", "scale"))


def _source_of(url: str) -> EventSource:
    """The :class:`Source` a ``SOURCEURL`` cell stands for: its domain and URL, or, for the
    source names older GDELT rows have there ("BBC Monitoring"), that name."""
    parts = url.split("/", 3)  # "https:", "", the host, the rest
    if len(parts) > 2 and parts[0] in ("https:", "http:") and not parts[1] and url.isascii():
        netloc = parts[2]
        name = (_HOSTS[netloc] if netloc in _HOSTS
                else remember(_HOSTS, netloc, _plain_host(netloc)))
        if name is not None and len(url.split()) == 1:
            # a name that is not blank, a URL without white space, both ASCII without NUL:
            # what Source's checks would accept
            source = object.__new__(EventSource)
            set_name, set_url, set_published, set_scale = _SOURCE_SETTERS
            set_name(source, name or url)
            set_url(source, url)
            set_published(source, None)
            set_scale(source, None)
            return source
    if "://" in url and _WHITE_SPACE.search(url) is None:
        try:
            host = urlsplit(url).hostname
        except ValueError:
            host = None
        if host and host.startswith("www."):
            host = host[4:]
        return EventSource(name=host or url, url=url)
    return EventSource(name=url)


def _dict(row: Mapping[str, str]) -> Mapping[str, str]:
    """*row* as a dict, for the checks that look up many cells by name."""
    return row._data if isinstance(row, FrozenMap) else row


_COUNTS = ("NumMentions", "NumSources", "NumArticles")


def _event_from_row(cells: list[str], row: _RowColumns, plan: _Plan, name: str,
                    notes: list[_Note]) -> Event:
    """The event of a row: *cells* as split, *row* its extras (every column but the id).

    The checks run in column order, so that a row with several bad cells is refused for the
    first; those whose answer depends on a few cells only (the date, the event code, an
    actor, a geography) are cached by those cells, and the others read *cells*, so that
    most rows never make the extras into a dict.
    """
    event_id = cells[0]
    if not (event_id.isascii() and event_id.isdigit()):
        raise _CellError("GLOBALEVENTID", "must be a whole number")
    key = (plan.date_column, *cells[1:5])
    dated = _DATES.get(key)
    if dated is None:
        dated = remember(_DATES, key, _date(_dict(row), plan.date_column))
    date, found = dated
    notes.extend(found)
    added = cells[plan.date_added]
    if added and not (added.isascii() and added.isdigit()):
        raise _CellError("DATEADDED", "must be a whole number")
    event_key = tuple(cells[25:31])
    coded = _EVENT_CELLS.get(event_key)
    if coded is None:
        classifications = _event_cells(event_key, _dict(row), notes)
    else:  # the checks of the cells the key does not hold (_counts_and_tone)
        for column, cell in zip(_COUNTS, cells[31:34], strict=True):
            if cell and not (cell.isascii() and cell.isdigit()):
                raise _CellError(column, "must be a whole number")
        _cameo_rows.number_cell(cells[34], "AvgTone", limit=100.0)
        classifications, found = coded
        notes.extend(found)
    # the cache look-ups of _actor_of and _action_geo, inline for the rows they answer
    key = tuple(cells[5:15])
    actor1, found = _ACTOR_CACHES[1].get(key) or _actor_of(key, 1, row)
    notes.extend(found)
    key = tuple(cells[15:25])
    actor2, found = _ACTOR_CACHES[2].get(key) or _actor_of(key, 2, row)
    notes.extend(found)
    *actor_geos, (_, start, end) = plan.geos
    for prefix, first, last in actor_geos:  # Actor1Geo, Actor2Geo: their warnings
        key = tuple(cells[first:last])
        geo_notes = _GEO_ROWS[prefix].get(key)
        if geo_notes is None:
            geo_notes = _remember_seen(_GEO_ROWS[prefix], key, _new_geo(_dict(row), prefix)[3])
        notes.extend(geo_notes)
    key = tuple(cells[start:end])
    found, location = _LOCATION_CACHE.get(key) or _action_geo(key, row)
    notes.extend(found)
    url = "" if plan.url is None else cells[plan.url]
    sources = (_source_of(url),) if url.strip() else ()
    # Every part was checked as it was made (the id is digits, the cells strings): the event
    # needs no second round of checks.
    return _unchecked_event(
        event_id, date, classifications, actor1, actor2, (), (), location, None,
        sources, None, (), {name: row},
    )


def _date(row: Mapping[str, str], date_column: str) -> tuple[EventDate, tuple[_Note, ...]]:
    """The row's date, after the checks of the date columns, and their warnings."""
    day = _day(row, date_column)
    notes: list[_Note] = []
    for column, expected in (("MonthYear", row[date_column][:6]),
                             ("Year", row[date_column][:4])):
        if row[column] != expected:
            notes.append(("inconsistent-date", f"does not match {date_column} "
                          f"{row[date_column]}; kept as written", column, row[column], False))
    _number(row, "FractionDate", optional=False)
    return EventDate.day(day), tuple(notes)


# -- writing ---------------------------------------------------------------------------------


_fmt_float = float_text


def _same_number(cell: str | None, value: float | None) -> bool:
    if cell is None:
        return False
    if cell == "":
        return value is None
    try:
        return value is not None and float(cell) == value
    except ValueError:
        return False


class _RecordingReport:
    """Stands in for the report while a memoised part of a row is computed."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def drop(self, field: str) -> None:
        self.calls.append(("drop", field))

    def derive(self, field: str) -> None:
        self.calls.append(("derive", field))

    def leave_out(self, field: str) -> None:
        self.calls.append(("leave_out", field))


_NOTHING = object()  # kept cells that describe nothing the model can hold
# The text columns written from the model, by the model path a cleaned cell is reported as;
# any other column is written from the record's extras.
_TEXT_FIELDS = {"Actor1Name": "actor1.name", "Actor2Name": "actor2.name",
                "ActionGeo_FullName": "location.name", "SOURCEURL": "sources.url"}
_LOCATION_COLUMNS = ("ActionGeo_Type", "ActionGeo_CountryCode", "ActionGeo_Lat",
                     "ActionGeo_Long", "ActionGeo_FullName", "ActionGeo_ADM1Code")


class _RowWriter:
    """Turns events into rows of one GDELT layout, counting what the rows cannot carry."""

    def __init__(self, name: str, columns: tuple[str, ...], report: ConversionReport,
                 options: WriteOptions, numbers: Iterator[int] | None = None) -> None:
        self.name = name
        self.columns = columns
        self.report = report
        self.derive = options.derive
        self.id_map: MutableMapping[str, str] | None = options.id_map
        self.numbers = numbers if numbers is not None else itertools.count(
            options.number_from)
        self._memo: dict[tuple[object, ...],
                         tuple[dict[str, str], tuple[tuple[str, str], ...]]] = {}
        self.date_column = columns[1]
        self._allowed = frozenset(columns) | {"SOURCEURL"}

    # The raw cells an event kept, under this format's name or the other GDELT version's.
    def _raw(self, event: Event) -> dict[str, str]:
        for fmt in (self.name, GDELT2 if self.name == GDELT1 else GDELT1):
            kept = event.extras.get(fmt)
            if kept is not None:
                raw = dict(kept.items())
                for date_column in ("SQLDATE", "Day"):
                    if date_column in raw:
                        raw[self.date_column] = raw.pop(date_column)
                self._unknown_columns(fmt, raw)
                return raw
        return {}

    def _unknown_columns(self, fmt: str, raw: Mapping[str, str]) -> None:
        """Count the kept columns of *fmt* that this layout has no place for: any column of
        this format's own that is not one of its columns (``extras.gdelt2.Foo``), and the
        other version's columns that hold a value (``extras.gdelt2.Actor1Geo_ADM2Code``)."""
        own = fmt == self.name
        # SOURCEURL is the source: counted as "sources" where the layout cannot hold it.
        for column in sorted(raw.keys() - self._allowed):
            if not is_reserved(column) and (own or raw[column]):
                self.report.drop(f"extras.{fmt}.{column}")

    def row(self, event: Event) -> list[str] | None:
        choice = _cameo_rows.choose_event_code(event, derive=self.derive)
        if choice.code is None:
            self.report.leave_out(choice.reason)
            return None
        raw = self._raw(event)
        cells: dict[str, str] = {column: raw.get(column, "") for column in self.columns}
        cells["GLOBALEVENTID"] = self._id(event)
        self._date(event, raw, cells)
        self._event(choice.code, raw, cells)
        _cameo_rows.count_derived(self.report, "classifications.cameo", choice.derived)
        for n, actor in ((1, event.actor1), (2, event.actor2)):
            if f"Actor{n}Code" in raw or f"Actor{n}Name" in raw:
                self._actor(actor, n, raw, cells)
            else:  # nothing kept: the cells depend on the actor alone
                self._replay(("actor", n, actor), cells, functools.partial(
                    self._actor_into, actor, n))
        if "ActionGeo_FullName" in raw:
            self._location(event.location, raw, cells)
        else:
            self._replay(("location", event.location), cells,
                         lambda out: self._location(event.location, {}, out))
        if "SOURCEURL" in cells:
            self._source(event, raw, cells)
        elif event.sources:
            self.report.drop("sources")
        self._count_lost(event)
        row = [cells[column] for column in self.columns]
        joined = "\t".join(row)
        if "\n" in joined or "\r" in joined or joined.count("\t") != len(row) - 1:
            row = [_cameo_rows.clean_cell(cell, self.report, _TEXT_FIELDS.get(
                       column, f"extras.{self.name}.{column}"))
                   for column, cell in zip(self.columns, row, strict=True)]
        return row

    def _actor_into(self, actor: Actor | None, n: int, out: dict[str, str]) -> None:
        self._actor(actor, n, {}, out)

    def _replay(self, key: tuple[object, ...], cells: dict[str, str],
                compute: Callable[[dict[str, str]], None]) -> None:
        """Apply the cells and report counts *compute* gives for *key*, computing them once."""
        memo = self._memo.get(key)
        if memo is None:
            written: dict[str, str] = {}
            recorder = _RecordingReport()
            real, self.report = self.report, recorder  # type: ignore[assignment]
            try:
                compute(written)
            finally:
                self.report = real
            memo = (written, tuple(recorder.calls))
            remember(self._memo, key, memo)
        cells.update(memo[0])
        for method, field in memo[1]:
            getattr(self.report, method)(field)

    def _id(self, event: Event) -> str:
        return _cameo_rows.numeric_id(event.id, self.numbers, self.id_map, self.report)

    def _date(self, event: Event, raw: Mapping[str, str], cells: dict[str, str]) -> None:
        if event.date.precision is not DatePrecision.DAY:
            self.report.drop("date.precision")
        day = event.date.start
        text = f"{day.year:04d}{day.month:02d}{day.day:02d}"
        cells[self.date_column] = text
        if raw.get(self.date_column) == text:
            return
        cells["MonthYear"] = text[:6]
        cells["Year"] = text[:4]
        year_days = 366 if (day.year % 4 == 0 and day.year % 100 != 0) or day.year % 400 == 0 \
            else 365
        cells["FractionDate"] = f"{day.year + day.timetuple().tm_yday / year_days:.4f}"

    def _event(self, code: str, raw: Mapping[str, str], cells: dict[str, str]) -> None:
        if raw.get("EventCode") == code:
            return
        cells["EventCode"] = code
        base, root, quad = _cameo_rows.event_code_parts(code)
        cells["EventBaseCode"] = base
        cells["EventRootCode"] = root
        cells["QuadClass"] = quad
        goldstein = cameo.event(code).goldstein if cameo.is_event_code(code) else None
        cells["GoldsteinScale"] = "" if goldstein is None else _fmt_float(goldstein)

    def _actor(self, actor: Actor | None, n: int, raw: Mapping[str, str],
               cells: dict[str, str]) -> None:
        prefix = f"Actor{n}"
        names = _ACTOR_COLUMNS[n]
        if all(column in raw for column in names):
            try:
                kept: object = _actor(raw, n)[0]
            except (_CellError, ValidationError):
                kept = _NOTHING
            if kept == actor:  # the kept cells still describe the actor: write them as they are
                if actor is not None:
                    self._actor_losses(actor, prefix)
                return
        for column in names:
            cells[column] = ""
        if actor is None:
            return
        code = _cameo_rows.written_actor_code(actor, self.derive, self.report,
                                              f"actor{n}.cameo_code")
        cells[prefix + "Code"] = code or ""
        cells[prefix + "Name"] = actor.name
        parsed = _cameo_rows.parse_actor_code(code) if code is not None else None
        country_code = _cameo_rows.cameo_country_for_iso(actor.country)
        if parsed is not None:
            if parsed.country is not None:
                country_code = parsed.country
            for part, column, count in (
                (_cameo_rows.KNOWN_GROUP, "KnownGroupCode", 1),
                (_cameo_rows.ETHNIC, "EthnicCode", 1),
                (_cameo_rows.RELIGION, "Religion{}Code", 2),
                (_cameo_rows.ROLE, "Type{}Code", 3),
            ):
                for i, block in enumerate(parsed.parts(part)[:count], start=1):
                    cells[prefix + column.format(i)] = block
        cells[prefix + "CountryCode"] = country_code or ""
        written_country = (_cameo_rows.iso_for_cameo_country(country_code)
                           if country_code else None)
        if actor.country is not None and written_country != actor.country:
            self.report.drop(f"actor{n}.country")
        self._actor_losses(actor, prefix)

    def _actor_losses(self, actor: Actor, prefix: str) -> None:
        field = prefix.lower()
        if actor.kind is not None:
            # Even where derive=True made a role code of it, the kind does not come back:
            # rioters, protesters and civilians are all CVL.
            self.report.drop(f"{field}.kind")
        if actor.aliases:
            self.report.drop(f"{field}.aliases")

    def _location(self, location: Location | None, raw: Mapping[str, str],
                  cells: dict[str, str]) -> None:
        names = [c for c in self.columns if c.startswith("ActionGeo_")]
        if all(column in raw for column in _LOCATION_COLUMNS):
            try:
                kept: object = _location(raw)
            except (_CellError, ValidationError):
                kept = _NOTHING
            if kept == location:  # the kept cells still describe the place
                return
        for column in names:
            cells[column] = ""
        if location is None:
            return
        fips = ""
        if location.country is not None:
            try:
                fips = places.iso_to_fips(location.country)
            except UnknownCodeError:
                self.report.drop("location.country")
        us = location.country == "USA"
        precision = location.precision
        kind = {
            GeoPrecision.COUNTRY: "1",
            GeoPrecision.ADMIN1: "2" if us else "5",
            GeoPrecision.EXACT: "3" if us else "4",
            GeoPrecision.NEAR: "3" if us else "4",
            GeoPrecision.ADMIN2: "2" if us else "5",
            GeoPrecision.REGION: "2" if us else "5",
            GeoPrecision.INTERNATIONAL: "1",
        }.get(precision, "") if precision is not None else ""
        if precision in (GeoPrecision.NEAR, GeoPrecision.ADMIN2, GeoPrecision.REGION,
                         GeoPrecision.INTERNATIONAL):
            self.report.drop("location.precision")
        cells["ActionGeo_Type"] = kind
        cells["ActionGeo_FullName"] = location.name
        cells["ActionGeo_CountryCode"] = fips
        if precision is GeoPrecision.COUNTRY:
            cells["ActionGeo_ADM1Code"] = fips
        if location.latitude is not None and location.longitude is not None:
            cells["ActionGeo_Lat"] = _fmt_float(location.latitude)
            cells["ActionGeo_Long"] = _fmt_float(location.longitude)
        self._location_losses(location)

    def _location_losses(self, location: Location) -> None:
        # admin1_code: GDELT writes FIPS ADM1 codes, and ISO 3166-2 does not map back to them.
        for field in ("admin1", "admin2", "admin3", "admin1_code"):
            if getattr(location, field) is not None:
                self.report.drop(f"location.{field}")

    def _source(self, event: Event, raw: Mapping[str, str], cells: dict[str, str]) -> None:
        raw_url = raw.get("SOURCEURL")
        sources = event.sources
        if raw_url is not None:
            if not sources and not raw_url.strip():
                return
            if sources and raw_url.strip() and sources[0] == _source_of(raw_url):
                if len(sources) > 1:
                    self.report.drop("sources")
                return
        with_url = [s for s in sources if s.url is not None]
        chosen = with_url[0].url if with_url else ""
        cells["SOURCEURL"] = chosen or ""
        kept = _source_of(chosen) if chosen else None
        if any(source != kept for source in sources):
            self.report.drop("sources")

    def _count_lost(self, event: Event) -> None:
        _cameo_rows.count_lost(event, self.report,
                               ("associates1", "associates2", "fatalities", "notes", "tags"))
        for fmt in event.extras:
            if fmt not in (GDELT1, GDELT2):
                self.report.drop(f"extras.{fmt}")
            elif fmt != self.name and self.name in event.extras:
                self.report.drop(f"extras.{fmt}")  # the other version's, beside our own


def _choose_layout(name: str, event: Event, layout: str | None) -> tuple[str, ...]:
    """The columns to write *event* in: GDELT 2.0's; for GDELT 1.0 the *layout* asked for,
    else the one of the row the event was read from (a file may mix 57- and 58-column
    rows), else daily."""
    if name == GDELT2:
        return COLUMNS_V2
    if layout is None:
        kept = event.extras.get(GDELT1)
        layout = "historical" if kept is not None and "SOURCEURL" not in kept else "daily"
    if layout not in ("daily", "historical"):
        raise ValueError(f"layout must be 'daily' or 'historical', not {layout!r}")
    return COLUMNS_DAILY if layout == "daily" else COLUMNS_HISTORICAL


def _write_records(name: str) -> Any:
    def write_records(
        records: Iterable[Record], stream: TextIO, report: ConversionReport,
        options: WriteOptions,
    ) -> None:
        writers: dict[tuple[str, ...], _RowWriter] = {}
        numbers = itertools.count(options.number_from)
        layout = options.layout if isinstance(options, WriteOptionsV1) else None

        def row(record: Event) -> list[str] | None:
            columns = _choose_layout(name, record, layout)
            writer = writers.get(columns)
            if writer is None:
                writer = writers[columns] = _RowWriter(name, columns, report, options, numbers)
            return writer.row(record)

        _cameo_rows.write_rows(records, stream, report, fmt=name, header=None, row=row,
                               spreadsheet_safe=options.spreadsheet_safe)

    return write_records


# -- sniffing and registration ---------------------------------------------------------------


def _sniffer(counts: tuple[int, ...]) -> Any:
    def sniff(head: list[str]) -> bool:
        first = _strip_terminator(head[0])
        cells = first.split("\t")
        return len(cells) in counts and cells[0].isascii() and cells[0].isdigit()

    return sniff


SPEC_V1 = register(
    FormatSpec(
        name=GDELT1,
        title="GDELT 1.0 event file (57 or 58 tab-separated columns)",
        read=_read_records(GDELT1),
        write=_write_records(GDELT1),
        sniff=_sniffer((57, 58)),
        suffixes=(".export.csv",),
        read_options=ReadOptions,
        write_options=WriteOptionsV1,
    )
)
SPEC_V2 = register(
    FormatSpec(
        name=GDELT2,
        title="GDELT 2.0 event export (61 tab-separated columns)",
        read=_read_records(GDELT2),
        write=_write_records(GDELT2),
        sniff=_sniffer((61,)),
        suffixes=(".export.csv",),
        read_options=ReadOptions,
        write_options=WriteOptions,
    )
)


def read(
    source: FileSource,
    version: Literal[1, 2] | None = None,
    *,
    on_error: OnError = "raise",
    report: ConversionReport | None = None,
    max_bytes: int | None = None,
    member: str | None = None,
    max_field: int = DEFAULT_MAX_FIELD,
    encoding: str | None = None,
    dayfirst: bool | None = None,
    on_warning: OnWarning = "report",
) -> RecordStream[Event]:
    """Read the events of a GDELT event file (zipped or not).

    :param source: a path or file object; a ``.zip`` as GDELT ships it is opened directly.
    :param version: 1 or 2; detected from the number of fields of the first row when omitted.
    :param on_error: ``"raise"``, ``"skip"`` or ``"collect"`` (see
        :func:`conflictevents.read`).
    :param report: a report to fill.
    :param max_bytes: how far a compressed input may expand.
    :param member: for a zip file with several members, which one to read.
    :param max_field: the longest line accepted, in characters.
    :param encoding: the text encoding (see :func:`conflictevents.read`).
    :param dayfirst: passed on to :func:`conflictevents.read` (GDELT dates are ``YYYYMMDD``,
        never ambiguous).
    :param on_warning: what to do with a row read with a warning (a code the code books
        lack, a cell that contradicts another): ``"report"``, ``"warn"`` or ``"error"``.
    :raises ParseError: for a row that cannot be read (under ``on_error="raise"``), and for an
        input that cannot be opened.
    """
    fmt = None if version is None else (GDELT1 if version == 1 else GDELT2)
    extra: dict[str, Any] = {}
    if max_bytes is not None:
        extra["max_bytes"] = max_bytes
    stream = _read(source, fmt, on_error=on_error, report=report, member=member,
                   max_field=max_field, encoding=encoding, dayfirst=dayfirst,
                   on_warning=on_warning, **extra)
    return cast("RecordStream[Event]", stream)


def write(
    records: Iterable[Record],
    target: Target,
    version: Literal[1, 2] = 2,
    *,
    derive: bool = True,
    layout: Layout | None = None,
    id_map: MutableMapping[str, str] | None = None,
    number_from: int = 1,
    report: ConversionReport | None = None,
    spreadsheet_safe: bool = False,
) -> ConversionReport:
    """Write events as GDELT rows (tab-separated, no header, ``\\n`` line ends).

    :param records: events of any origin; claims and control changes are left out (counted).
    :param target: a path (``.gz`` is compressed) or file object.
    :param version: 2 (61 columns, the default) or 1.
    :param derive: take CAMEO event codes from the ACLED classification and CAMEO actor codes
        from the actors' country and kind when an event has none (counted as derived); on by
        default, off leaves such events out.
    :param layout: for version 1, ``"daily"`` (58 columns) or ``"historical"`` (57); by
        default that of the first event's row, else daily.
    :param id_map: a mapping to fill with ``original id -> GLOBALEVENTID`` for events whose
        id is not a whole number (they are numbered from ``number_from``).
    :param number_from: the first number given to such events.
    :param report: a report to fill.
    :param spreadsheet_safe: put a ``'`` before every cell a spreadsheet would run as a
        formula, as the CSV writers do (off by default, because it changes the data).
    :returns: the report: written, left out (by reason), dropped and derived fields.
    """
    options: dict[str, Any] = {"derive": derive, "id_map": id_map,
                               "number_from": number_from, "spreadsheet_safe": spreadsheet_safe}
    if version == 1:
        return _write(records, target, GDELT1, report=report, layout=layout, **options)
    if layout is not None:
        raise TypeError("layout is a GDELT 1.0 option (version=1); GDELT 2.0 has one layout")
    return _write(records, target, GDELT2, report=report, **options)
