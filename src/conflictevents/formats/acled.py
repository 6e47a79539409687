"""ACLED: the CSV exports of the Armed Conflict Location & Event Data project, and its API JSON.

Reading
    :func:`read` (or ``conflictevents.read(path, format="acled")``, or no ``format`` at all:
    the header is recognised) reads an ACLED CSV export, one :class:`~conflictevents.Event`
    per row, in constant memory. The column layout is taken from the header, whichever it
    is: the current one (:data:`CURRENT_LAYOUT`, since March 2023), the older one
    (:data:`LEGACY_LAYOUT`, with ``data_id``, ``event_id_no_cnty`` and ``iso3``), API
    field selections, or any other order and subset of ACLED's columns. Header names are
    matched **exactly but without regard to case** (``EVENT_ID_CNTY`` is
    ``event_id_cnty``); columns the module does not know are kept verbatim. The columns
    ``event_id_cnty``, ``event_date``, ``event_type`` and ``sub_event_type`` are required.

    :func:`read_api` reads the JSON the ACLED API returns (``{"status": 200, ...,
    "data": [{...}, ...]}``), from a file or an already parsed object; it is also the
    registered format ``"acled-api"``.

Writing
    :func:`write` writes ACLED-style rows from events of any origin, in the layout of the
    file they were read from, in :data:`CURRENT_LAYOUT` (the default for other events), in
    :data:`LEGACY_LAYOUT` (``layout="legacy"``), or in any list of columns. What an event
    has that ACLED cannot carry is counted in the :class:`~conflictevents.ConversionReport`.

Fidelity
    Reading a file and writing the events back gives the same rows: the same columns in
    the same order and the same cell text, byte for byte when the file used minimal quoting
    (the ``csv`` module's and ACLED's own); the line terminator (``"\\r\\n"`` or ``"\\n"``)
    is detected from the first line and reproduced. Where the model normalises a cell
    (``05 December 2024`` is a date, ``37.9680`` a float, ``1`` in ``inter1`` an actor
    kind), the cell's original text is kept in ``Event.extras["acled"][column]`` only when
    writing the model value would not give it back. Two reserved keys, present only when
    needed, record facts of the whole file: ``"@layout"`` (the header, as a CSV line, when
    it is not :data:`CURRENT_LAYOUT`) and ``"@eol"`` (``"\\r\\n"`` for CRLF files). See
    :doc:`/formats/acled` for the column mapping and the deviations.
"""

from __future__ import annotations

import csv
import datetime as _dt
import functools
import io
import json
import math
import operator
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TextIO, TypeAlias

import attrs

from conflictevents import places
from conflictevents.codes import acled as acled_codes
from conflictevents.codes import crosswalks
from conflictevents.errors import (
    ConflictEventsError,
    ConversionError,
    InputTooLargeError,
    ParseError,
    UnknownCodeError,
    ValidationError,
)
from conflictevents.formats import _csv
from conflictevents.formats import _strict_json as strict_json
from conflictevents.formats._io import DEFAULT_MAX_FIELD, Input, Source, Target, bad_text
from conflictevents.formats._policy import ErrorPolicy, OnError
from conflictevents.formats._registry import FormatSpec, RecordStream, register
from conflictevents.formats._registry import read as _read
from conflictevents.formats._registry import write as _write
from conflictevents.formats.report import ConversionReport
from conflictevents.model import (
    Actor,
    ActorKind,
    Claim,
    Classification,
    ControlChange,
    DatePrecision,
    Event,
    EventDate,
    Fatalities,
    GeoPrecision,
    Location,
    Record,
)
from conflictevents.model import Source as EventSource
from conflictevents.model.event import _unchecked_event

__all__ = [
    "API_NAME",
    "CURRENT_LAYOUT",
    "EOL_KEY",
    "LAYOUTS",
    "LAYOUT_KEY",
    "LEGACY_LAYOUT",
    "NAME",
    "REQUIRED_COLUMNS",
    "read",
    "read_api",
    "rows",
    "write",
    "write_api",
]

NAME = "acled"
"""The registered name of the CSV format."""
API_NAME = "acled-api"
"""The registered name of the API JSON format."""

CURRENT_LAYOUT: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)
"""The columns of ACLED exports since 20 March 2023 (31 columns)."""

LEGACY_LAYOUT: tuple[str, ...] = (
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year",
    "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "interaction", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "timestamp", "iso3",
)
"""The columns of ACLED exports before 20 March 2023 (31 columns; numeric actor types)."""

LAYOUTS: Mapping[str, tuple[str, ...]] = {"current": CURRENT_LAYOUT, "legacy": LEGACY_LAYOUT}
"""The named layouts :func:`write` accepts."""

REQUIRED_COLUMNS: tuple[str, ...] = ("event_id_cnty", "event_date", "event_type", "sub_event_type")
"""The columns a file must have to be read."""

LAYOUT_KEY = "@layout"
"""The extras key holding the header of a file not in :data:`CURRENT_LAYOUT`."""
EOL_KEY = "@eol"
"""The extras key holding the line terminator of a file that ends its lines with CRLF."""

# Columns read into the core types: their raw text is kept only when it differs from what
# writing the model value gives.
_MODEL_COLUMNS = frozenset({
    "event_id_cnty", "event_date", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "iso", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "notes", "fatalities", "tags",
})
# Columns the model has no field for, but that can be computed from it; kept when they differ.
_DERIVED_COLUMNS = frozenset({"year", "interaction", "iso3", "event_id_no_cnty"})
# Columns kept verbatim in the extras (when not empty).
_VERBATIM_COLUMNS = frozenset({
    "data_id", "civilian_targeting", "region", "source_scale", "timestamp",
})
_KNOWN_COLUMNS = _MODEL_COLUMNS | _DERIVED_COLUMNS | _VERBATIM_COLUMNS
# Columns whose kept text is used only when writing the layout the event was read from:
# in another layout they are spelled as that layout spells them.
_RESPELLED = _MODEL_COLUMNS | _DERIVED_COLUMNS
_LOCATION_COLUMNS: tuple[str, ...] = (
    "iso", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision",
)
_EMPTY_ROW: dict[str, str] = dict.fromkeys(_KNOWN_COLUMNS, "")
_CODE_STYLE_MARKERS = frozenset({"data_id", "event_id_no_cnty", "iso3"})

_NO_TYPE = "no ACLED event type (pass derive=True to use the crosswalk)"
_NO_EQUIVALENT = "CAMEO code has no ACLED equivalent"

# ACLED's names for countries whose ISO 3166 short name differs (the rest use ISO's).
_ACLED_COUNTRY_NAMES = {
    "BRN": "Brunei", "CIV": "Ivory Coast", "COD": "Democratic Republic of Congo",
    "COG": "Republic of Congo", "CPV": "Cape Verde", "CZE": "Czech Republic",
    "FSM": "Micronesia", "PSE": "Palestine", "RUS": "Russia", "SWZ": "eSwatini",
    "TUR": "Turkey",
}

_TIME_PRECISIONS = {"": DatePrecision.DAY, "1": DatePrecision.DAY, "2": DatePrecision.WEEK,
                    "3": DatePrecision.MONTH}
_TIME_CODES = {DatePrecision.DAY: "1", DatePrecision.WEEK: "2", DatePrecision.MONTH: "3"}
_GEO_PRECISIONS = {"": None, "1": GeoPrecision.EXACT, "2": GeoPrecision.NEAR,
                   "3": GeoPrecision.ADMIN1}
_GEO_CODES = {GeoPrecision.EXACT: "1", GeoPrecision.NEAR: "2", GeoPrecision.ADMIN1: "3"}

_MONTHS = {
    name.casefold(): number
    for number in range(1, 13)
    for name in (
        _dt.date(2000, number, 1).strftime("%B"),
        _dt.date(2000, number, 1).strftime("%b"),
    )
}
_MONTHS["sept"] = 9
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3,9})[ -](\d{4})")
_DAY_SLASH = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_WHOLE = re.compile(r"\d+", re.ASCII)
_TRAILING_DIGITS = re.compile(r"(\d+)$", re.ASCII)


class _CellError(Exception):
    """A cell that cannot be read: the reason and the column key."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(reason)
        self.key = key
        self.reason = reason


# -- cell parsers: raw text -> the value the model holds -------------------------------------


def _text(raw: str) -> str | None:
    return raw if raw.strip() else None


def _split(raw: str) -> tuple[str, ...]:
    """ACLED's lists: items separated by semicolons (``"a; b"``)."""
    if ";" not in raw:
        stripped = raw.strip()
        return (stripped,) if stripped else ()
    return tuple(part for part in (item.strip() for item in raw.split(";")) if part)


def _date(raw: str) -> _dt.date:
    if len(raw) == 10 and raw[4] == "-" and raw[7] == "-":
        try:
            return _dt.date.fromisoformat(raw)
        except ValueError:
            raise _CellError("event_date", "not a valid date") from None
    text = raw.strip()
    try:
        found = _DAY_MONTH_YEAR.fullmatch(text)
        if found is not None:
            month = _MONTHS.get(found.group(2).casefold())
            if month is not None:
                return _dt.date(int(found.group(3)), month, int(found.group(1)))
        found = _DAY_SLASH.fullmatch(text)
        if found is not None:
            return _dt.date(int(found.group(3)), int(found.group(2)), int(found.group(1)))
        if text != raw and len(text) == 10:
            return _dt.date.fromisoformat(text)
    except ValueError:
        raise _CellError("event_date", "not a valid date") from None
    raise _CellError("event_date",
               "not a date ACLED writes (2024-12-05, 05 December 2024, 05-December-2024)")


def _time_precision(raw: str) -> DatePrecision:
    found = _TIME_PRECISIONS.get(raw.strip())
    if found is None:
        raise _CellError("time_precision", "time_precision must be 1, 2 or 3")
    return found


def _geo_precision(raw: str) -> GeoPrecision | None:
    stripped = raw.strip()
    if stripped not in _GEO_PRECISIONS:
        raise _CellError("geo_precision", "geo_precision must be 1, 2 or 3")
    return _GEO_PRECISIONS[stripped]


_KIND_CACHE: dict[str, ActorKind | None] = {"": None, "0": None}


def _kind(raw: str, key: str) -> ActorKind | None:
    found = _KIND_CACHE.get(raw, False)
    if found is not False:
        return found  # type: ignore[return-value]
    stripped = raw.strip()
    if stripped in ("", "0"):
        kind = None
    else:
        try:
            kind = ActorKind(acled_codes.actor_type(stripped).code)
        except (UnknownCodeError, ValueError):
            raise _CellError(key, "not an ACLED actor type (1-8 or e.g. 'State forces')") from None
    if len(_KIND_CACHE) < 1000:
        _KIND_CACHE[raw] = kind
    return kind


_COUNTRY_CACHE: dict[str, str | None] = {"": None}


def _country(raw: str) -> str | None:
    """The alpha-3 code of an ACLED country name or numeric code, or ``None``."""
    if raw in _COUNTRY_CACHE:
        return _COUNTRY_CACHE[raw]
    try:
        found: str | None = places.resolve_country(raw) if raw.strip() else None
    except UnknownCodeError:
        found = None
    if len(_COUNTRY_CACHE) < 5000:
        _COUNTRY_CACHE[raw] = found
    return found


def _coordinate(raw: str, key: str, limit: float) -> float | None:
    if not raw.strip():
        return None
    try:
        value = float(raw)
    except ValueError:
        raise _CellError(key, f"{key} must be a number") from None
    if not math.isfinite(value):
        raise _CellError(key, f"{key} must be a finite number")
    if not -limit <= value <= limit:
        raise _CellError(key, f"{key} must be between -{limit:g} and {limit:g}")
    return value


def _fatalities(raw: str) -> int | None:
    stripped = raw.strip()
    if not stripped:
        return None
    if _WHOLE.fullmatch(stripped) is None:
        raise _CellError("fatalities", "fatalities must be a whole number, 0 or more")
    return int(stripped)


_TYPE_CACHE: dict[tuple[str, str], tuple[str, str, str]] = {}


def _acled_type(event_type: str, sub_event_type: str) -> tuple[str, str, str]:
    """The canonical (event type, sub-event type, disorder type) of two cells."""
    key = (event_type, sub_event_type)
    found = _TYPE_CACHE.get(key)
    if found is not None:
        return found
    if not event_type.strip():
        raise _CellError("event_type", "event_type is empty")
    try:
        parent = acled_codes.event_type(event_type).name
    except UnknownCodeError:
        raise _CellError("event_type", "not an ACLED event type") from None
    if not sub_event_type.strip():
        raise _CellError("sub_event_type", "sub_event_type is empty")
    try:
        sub = acled_codes.sub_event_type(sub_event_type)
    except UnknownCodeError:
        raise _CellError("sub_event_type", "not an ACLED sub-event type") from None
    if sub.event_type != parent:
        raise _CellError("sub_event_type", f"a sub-event type of {sub.event_type}, not of {parent}")
    found = (parent, sub.name, sub.disorder_type)
    if len(_TYPE_CACHE) < 1000:
        _TYPE_CACHE[key] = found
    return found


_DISORDERS = {name.casefold(): name for name in acled_codes.DISORDER_TYPES}


def _disorder(raw: str) -> str | None:
    if not raw.strip():
        return None
    found = _DISORDERS.get(" ".join(raw.split()).casefold())
    if found is None:
        raise _CellError("disorder_type", "not an ACLED disorder type")
    return found


_ADMIN1_CACHE: dict[tuple[str, str], str | None] = {}


def _admin1_code(admin1: str | None, country: str | None) -> str | None:
    """The ISO 3166-2 code of an admin1 name, where it is known."""
    if admin1 is None or country is None:
        return None
    key = (admin1, country)
    if key in _ADMIN1_CACHE:
        return _ADMIN1_CACHE[key]
    try:
        code: str | None = places.subdivision_code(admin1, country)
    except (UnknownCodeError, ValueError):
        code = None
    if len(_ADMIN1_CACHE) < 5000:
        _ADMIN1_CACHE[key] = code
    return code


def _fallback_name(location: Location) -> str | None:
    """The name a location with an empty ``location`` cell is given."""
    for value in (location.admin3, location.admin2, location.admin1):
        if value is not None:
            return value
    return None if location.country is None else _country_name(location.country)


def _country_name(alpha3: str) -> str:
    return _ACLED_COUNTRY_NAMES.get(alpha3) or places.country_name(alpha3)


def _iso_numeric(alpha3: str | None) -> str:
    if alpha3 is None:
        return ""
    try:
        numeric = places.country(alpha3).numeric
    except UnknownCodeError:
        return ""
    return "" if numeric is None else str(int(numeric))


def _float_text(value: float | None) -> str:
    return "" if value is None else repr(value)


# -- the header -----------------------------------------------------------------------------


@attrs.frozen
class _Header:
    """A file's columns: as written, as keys (known names lower-cased), and their positions."""

    names: tuple[str, ...]
    keys: tuple[str, ...]
    index: Mapping[str, int]
    style: str
    marker: str | None


def _layout_line(names: Sequence[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="", quoting=csv.QUOTE_MINIMAL).writerow(names)
    return buffer.getvalue()


def _style(keys: Iterable[str]) -> str:
    """``"code"`` (numeric actor types) for the pre-2023 layouts, else ``"label"``."""
    return "code" if _CODE_STYLE_MARKERS.intersection(keys) else "label"


_HEADER_CACHE: dict[tuple[str, ...], _Header] = {}


def _keys(names: Sequence[str]) -> tuple[list[str], dict[str, int], str | None]:
    """The column keys of *names*, their positions, and the first duplicate name if any."""
    keys: list[str] = []
    index: dict[str, int] = {}
    for position, name in enumerate(names):
        lowered = name.lower()
        key = lowered if lowered in _KNOWN_COLUMNS else name
        if key in index or key in (LAYOUT_KEY, EOL_KEY):
            return keys, index, name
        index[key] = position
        keys.append(key)
    return keys, index, None


def _header(names: Sequence[str], source: str, line: int | None) -> _Header:
    """Analyse a header row.

    :raises ParseError: for a duplicate or missing required column.
    """
    names = tuple(names)
    cached = _HEADER_CACHE.get(names)
    if cached is not None:
        return cached
    keys, index, duplicate = _keys(names)
    if duplicate is not None:
        raise ParseError("duplicate column in the header", source=source, line=line,
                         column=duplicate, value=duplicate)
    for required in REQUIRED_COLUMNS:
        if required not in index:
            raise ParseError("missing required column", source=source, line=line,
                             column=required, value=",".join(names))
    marker = None if names == CURRENT_LAYOUT else _layout_line(names)
    header = _Header(names, tuple(keys), index, _style(keys), marker)
    if len(_HEADER_CACHE) < 64:
        _HEADER_CACHE[names] = header
    return header


def _layout_columns(marker: str) -> tuple[str, ...]:
    return tuple(next(csv.reader([marker])))


# -- cells -> Event --------------------------------------------------------------------------


@attrs.define
class _Draft:
    """The fields of an event being read, before it is built (for :func:`_cell`)."""

    id: str
    actor1: Actor | None
    actor2: Actor | None
    associates1: tuple[Actor, ...]
    associates2: tuple[Actor, ...]
    location: Location | None
    fatalities: Fatalities | None
    sources: tuple[EventSource, ...]
    notes: str | None
    tags: tuple[str, ...]


_Fields: TypeAlias = Event | _Draft
"""An event, or the fields of one being read."""

_OBJECT_CACHE: dict[tuple[object, ...], Any] = {}
# Caches of values shared between rows are emptied when they reach this size, so that memory
# stays flat however varied a file is.
_CACHE_LIMIT = 20_000


def _shared(key: tuple[object, ...], make: Callable[[], Any]) -> Any:
    """An immutable value object, shared between rows (actors, sources, classifications)."""
    found = _OBJECT_CACHE.get(key)
    if found is None:
        found = make()
        if len(_OBJECT_CACHE) < 20_000:
            _OBJECT_CACHE[key] = found
    return found


_FATALITIES = tuple(Fatalities(count) for count in range(256))


def _fatality_count(count: int) -> Fatalities:
    return _FATALITIES[count] if count < 256 else Fatalities(count)


def _actor(name: str, kind: ActorKind | None, key: str) -> Actor:
    actor: Actor = _shared(("actor", name, kind), lambda: _build(Actor, key, name=name, kind=kind))
    return actor


def _source(name: str) -> EventSource:
    source: EventSource = _shared(("source", name),
                                  lambda: _build(EventSource, "source", name=name))
    return source


# -- reading a row, group by group ------------------------------------------------------------
#
# The cells of a row fall into groups whose values depend on the group's cells only: the date
# (event_date, year, time_precision), the type, each actor with its type, the associates, the
# place (every location column), the sources, the fatalities, the tags. Rows repeat groups
# (the same place, actor or day), so each group's outcome -- its model values and the cells
# that writing them would not give back -- is computed once and shared. A group that cannot be
# read raises, and is not remembered, so every row with it fails.

_GroupOutcome: TypeAlias = tuple[Any, tuple[tuple[str, str], ...]]


def _kept_for(keys: Sequence[str], raws: Sequence[str], draft: _Draft, out: _Out
              ) -> tuple[tuple[str, str], ...]:
    """The cells among *keys* whose text writing *draft* would not give back."""
    kept: list[tuple[str, str]] = []
    for key, raw in zip(keys, raws, strict=True):
        if key in _TEXT_KEYS:
            if raw and not raw.strip():
                kept.append((key, raw))
        elif raw != _cell(key, draft, out):
            kept.append((key, raw))
    return tuple(kept)


def _draft(**fields: Any) -> _Draft:
    values: dict[str, Any] = {
        "id": "", "actor1": None, "actor2": None, "associates1": (), "associates2": (),
        "location": None, "fatalities": None, "sources": (), "notes": None, "tags": (),
    }
    values.update(fields)
    return _Draft(**values)


_NO_DAY = _dt.date(1, 1, 1)


def _out(style: str, day: _dt.date = _NO_DAY, time_precision: str = "1",
         types: tuple[str, str, str | None] = ("", "", None)) -> _Out:
    return _Out(day, time_precision, types[0], types[1], types[2], style)


def _date_group(raws: tuple[str, ...], style: str) -> _GroupOutcome:
    day = _date(raws[0])
    precision = _time_precision(raws[2])
    out = _out(style, day, _TIME_CODES[precision])
    kept = _kept_for(("event_date", "year", "time_precision"), raws, _draft(), out)
    return (_event_date(day, precision), out.time_precision), kept


def _type_group(raws: tuple[str, ...], style: str) -> _GroupOutcome:
    disorder = _disorder(raws[0])
    event_type, sub_event_type, _ = _acled_type(raws[1], raws[2])
    classifications: tuple[Classification, ...] = (
        Classification("acled", sub_event_type, parent=event_type),
    )
    if disorder is not None:
        classifications += (Classification("acled_disorder", disorder),)
    types = (event_type, sub_event_type, disorder)
    kept = _kept_for(("disorder_type", "event_type", "sub_event_type"), raws, _draft(),
                     _out(style, types=types))
    return (classifications, types), kept


def _actor_group(which: str) -> Callable[[tuple[str, ...], str], _GroupOutcome]:
    name_key, kind_key = ("actor1", "inter1") if which == "1" else ("actor2", "inter2")

    def group(raws: tuple[str, ...], style: str) -> _GroupOutcome:
        name = _text(raws[0])
        kind = _kind(raws[1], kind_key)
        actor = None if name is None else _actor(name, kind, name_key)
        draft = _draft(**{name_key: actor})
        return actor, _kept_for((name_key, kind_key), raws, draft, _out(style))

    return group


def _associates_group(which: str) -> Callable[[tuple[str, ...], str], _GroupOutcome]:
    key = f"assoc_actor_{which}"
    field = f"associates{which}"

    def group(raws: tuple[str, ...], style: str) -> _GroupOutcome:
        actors = tuple(_actor(name, None, key) for name in _split(raws[0]))
        return actors, _kept_for((key,), raws, _draft(**{field: actors}), _out(style))

    return group


def _place_group(raws: tuple[str, ...], style: str) -> _GroupOutcome:
    location = _new_location(dict(zip(_LOCATION_COLUMNS, raws, strict=True)))
    return location, _kept_for(_LOCATION_COLUMNS, raws, _draft(location=location), _out(style))


def _sources_group(raws: tuple[str, ...], style: str) -> _GroupOutcome:
    sources = tuple(_source(name) for name in _split(raws[0]))
    return sources, _kept_for(("source", "source_scale"), raws, _draft(sources=sources),
                              _out(style))


def _fatalities_group(raws: tuple[str, ...], style: str) -> _GroupOutcome:
    count = _fatalities(raws[0])
    fatalities = None if count is None else _fatality_count(count)
    return fatalities, _kept_for(("fatalities",), raws, _draft(fatalities=fatalities),
                                 _out(style))


def _tags_group(raws: tuple[str, ...], style: str) -> _GroupOutcome:
    tags = _split(raws[0])
    return tags, _kept_for(("tags",), raws, _draft(tags=tags), _out(style))


_GROUPS: tuple[tuple[str, tuple[str, ...], Callable[[tuple[str, ...], str], _GroupOutcome]],
               ...] = (
    ("date", ("event_date", "year", "time_precision"), _date_group),
    ("type", ("disorder_type", "event_type", "sub_event_type"), _type_group),
    ("actor1", ("actor1", "inter1"), _actor_group("1")),
    ("actor2", ("actor2", "inter2"), _actor_group("2")),
    ("associates1", ("assoc_actor_1",), _associates_group("1")),
    ("associates2", ("assoc_actor_2",), _associates_group("2")),
    ("location", _LOCATION_COLUMNS, _place_group),
    ("sources", ("source", "source_scale"), _sources_group),
    ("fatalities", ("fatalities",), _fatalities_group),
    ("tags", ("tags",), _tags_group),
)
_GROUP_CACHES: tuple[dict[tuple[object, ...], _GroupOutcome], ...] = tuple(
    {} for _ in _GROUPS
)
_GROUP_GETTERS = tuple(operator.itemgetter(*columns) if len(columns) > 1
                       else (lambda row, c=columns[0]: (row[c],))
                       for _, columns, _ in _GROUPS)
_GROUPED = frozenset(column for _, columns, _ in _GROUPS for column in columns)
_INTERACTION_CACHE: dict[tuple[object, ...], bool] = {}


@attrs.frozen
class _RowPlan:
    """What a header needs for reading its rows fast."""

    rest: tuple[tuple[int, str, int], ...]
    """Position, key and mode of every column outside the groups."""


_ROW_PLANS: dict[tuple[str, ...], _RowPlan] = {}
_VERBATIM_MODE, _TEXT_MODE, _INTERACTION_MODE, _COMPARED_MODE = range(4)


def _row_plan(header: _Header) -> _RowPlan:
    plan = _ROW_PLANS.get(header.names)
    if plan is not None:
        return plan
    rest: list[tuple[int, str, int]] = []
    for position, key in enumerate(header.keys):
        if key in _GROUPED:
            continue
        if key in _TEXT_KEYS:
            mode = _TEXT_MODE
        elif key not in _KNOWN_COLUMNS or (key in _VERBATIM_COLUMNS and key != "source_scale"):
            mode = _VERBATIM_MODE
        elif key == "interaction":
            mode = _INTERACTION_MODE
        else:
            mode = _COMPARED_MODE
        rest.append((position, key, mode))
    plan = _RowPlan(tuple(rest))
    if len(_ROW_PLANS) < 64:
        _ROW_PLANS[header.names] = plan
    return plan


def _event(cells: Sequence[str], header: _Header, eol: str | None) -> Event:
    """The event of one row (raises :class:`_CellError` or :class:`ValidationError`)."""
    row = dict(_EMPTY_ROW)
    row.update(zip(header.keys, cells, strict=True))
    style = header.style
    values: list[Any] = []
    kept: dict[str, str] = {}
    for (_, _, build), getter, cache in zip(_GROUPS, _GROUP_GETTERS, _GROUP_CACHES,
                                            strict=True):
        raws = getter(row)
        outcome = cache.get((style, raws))
        if outcome is None:
            outcome = build(raws, style)
            if len(cache) >= _CACHE_LIMIT:
                cache.clear()  # memory stays flat however varied a file is
            cache[(style, raws)] = outcome
        values.append(outcome[0])
        if outcome[1]:
            kept.update(outcome[1])
    (date, time_code), (classifications, types), actor1, actor2 = values[:4]
    associates1, associates2, location, sources, fatalities, tags = values[4:]

    identifier = row["event_id_cnty"]
    if not identifier.strip():
        raise _CellError("event_id_cnty", "event_id_cnty is empty")
    notes = _text(row["notes"])
    for position, key, mode in _row_plan(header).rest:
        raw = cells[position]
        if mode == _VERBATIM_MODE:
            if raw:
                kept[key] = raw
        elif mode == _TEXT_MODE:
            if raw and not raw.strip():
                kept[key] = raw
        elif mode == _INTERACTION_MODE:
            if _interaction_differs(raw, actor1, actor2, style):
                kept[key] = raw
        else:
            draft = _Draft(identifier, actor1, actor2, associates1, associates2, location,
                           fatalities, sources, notes, tags)
            if raw != _cell(key, draft, _out(style, date.start, time_code, types)):
                kept[key] = raw
    if header.marker is not None:
        kept[LAYOUT_KEY] = header.marker
    if eol is not None:
        kept[EOL_KEY] = eol
    # Every part was checked as it was made, and the identifier above: the event itself
    # needs no second round of checks.
    return _unchecked_event(
        identifier, date, classifications, actor1, actor2, associates1, associates2, location,
        fatalities, sources, notes, tags, {NAME: kept} if kept else None,
    )


def _interaction_differs(raw: str, actor1: Actor | None, actor2: Actor | None,
                         style: str) -> bool:
    key = (raw, style, actor1 is None, actor2 is None,
           None if actor1 is None else actor1.kind, None if actor2 is None else actor2.kind)
    differs = _INTERACTION_CACHE.get(key)
    if differs is None:
        draft = _draft(actor1=actor1, actor2=actor2)
        differs = raw != _cell("interaction", draft, _out(style))
        if len(_INTERACTION_CACHE) >= _CACHE_LIMIT:
            _INTERACTION_CACHE.clear()
        _INTERACTION_CACHE[key] = differs
    return differs


_DATE_CACHE: dict[tuple[_dt.date, DatePrecision], EventDate] = {}


def _event_date(day: _dt.date, precision: DatePrecision) -> EventDate:
    key = (day, precision)
    found = _DATE_CACHE.get(key)
    if found is None:
        if len(_DATE_CACHE) >= _CACHE_LIMIT:
            _DATE_CACHE.clear()
        found = _DATE_CACHE[key] = EventDate(day, day, precision)
    return found


def _new_location(raw: dict[str, str]) -> Location | None:
    if not any(value.strip() for value in raw.values()):
        return None
    latitude = _coordinate(raw["latitude"], "latitude", 90.0)
    longitude = _coordinate(raw["longitude"], "longitude", 180.0)
    if (latitude is None) != (longitude is None):
        missing = "latitude" if latitude is None else "longitude"
        raise _CellError(missing, "latitude and longitude go together")
    by_iso = _country(raw["iso"]) if raw["iso"].strip() else None
    by_name = _country(raw["country"])
    if by_iso is not None and by_name is not None and by_iso != by_name:
        raise _CellError("country", f"the country does not match iso {raw['iso']} ({by_iso})")
    country = by_iso or by_name
    admin1 = _text(raw["admin1"])
    location = _build(
        Location,
        "location",
        name=_text(raw["location"]) or "?",
        country=country,
        admin1=admin1,
        admin2=_text(raw["admin2"]),
        admin3=_text(raw["admin3"]),
        latitude=latitude,
        longitude=longitude,
        precision=_geo_precision(raw["geo_precision"]),
        admin1_code=_admin1_code(admin1, country),
    )
    if _text(raw["location"]) is None:
        fallback = _fallback_name(location)
        if fallback is None:
            raise _CellError("location", "location is empty and nothing names the place")
        location = attrs.evolve(location, name=fallback)
    assert isinstance(location, Location)
    return location


_FIELD_COLUMNS = {
    "latitude": "latitude", "longitude": "longitude", "country": "country",
    "admin1": "admin1", "admin2": "admin2", "admin3": "admin3", "precision": "geo_precision",
    "notes": "notes", "tags": "tags", "fatalities": "fatalities", "id": "event_id_cnty",
    "kind": "inter1",
}


def _build(cls: Callable[..., Any], key: str, **fields: Any) -> Any:
    """``cls(**fields)``, with a :class:`ValidationError` turned into a :class:`_CellError`."""
    try:
        return cls(**fields)
    except ValidationError as error:
        column = _FIELD_COLUMNS.get(error.field, key)
        if error.field == "name":
            column = key
        raise _CellError(column, error.reason) from None


# How the reader decides whether to keep a cell's text: "text" columns hold it as it is
# (kept only when blank but not empty), "verbatim" columns are kept when not empty, the
# others are compared with what the writer would write.
_TEXT_KEYS = frozenset({"event_id_cnty", "actor1", "actor2", "admin1", "admin2", "admin3",
                        "notes"})


# -- Event -> cells --------------------------------------------------------------------------


@attrs.define
class _Out:
    """What the writer has decided for one event: its ACLED date and type, and the style."""

    day: _dt.date
    time_precision: str
    event_type: str
    sub_event_type: str
    disorder: str | None
    style: str
    used: tuple[Classification, ...] = ()


def _cell(key: str, event: _Fields, out: _Out) -> str:
    """The text the writer gives column *key* for *event* (without the extras)."""
    handler = _CELLS.get(key)
    if handler is not None:
        return handler(event, out)
    if key == "source_scale":
        scales: list[str] = []
        for source in event.sources:
            if source.scale is not None and source.scale not in scales:
                scales.append(source.scale)
        return "-".join(scales)
    return ""


def _actor_name(actor: Actor | None) -> str:
    return "" if actor is None else actor.name


def _inter(actor: Actor | None, out: _Out) -> str:
    if actor is None:
        return "0" if out.style == "code" else ""
    if actor.kind is None:
        return ""
    return _inter_text(actor.kind, out.style)


@functools.cache
def _inter_text(kind: ActorKind, style: str) -> str:
    if style == "code":
        return str(int(kind))
    return acled_codes.actor_type(int(kind)).label


def _interaction(event: _Fields, out: _Out) -> str:
    first, second = event.actor1, event.actor2
    if first is None or first.kind is None:
        return ""
    if second is None:
        return _interaction_text(first.kind, None, out.style)
    if second.kind is None:
        return ""
    return _interaction_text(first.kind, second.kind, out.style)


@functools.cache
def _interaction_text(first: ActorKind, second: ActorKind | None, style: str) -> str:
    code = acled_codes.interaction_code(int(first), None if second is None else int(second))
    return str(code) if style == "code" else acled_codes.interaction(code).label


def _location_cell(event: _Fields, attribute: str) -> str:
    location = event.location
    if location is None:
        return ""
    value = getattr(location, attribute)
    return "" if value is None else str(value)


def _country_cell(event: _Fields, out: _Out) -> str:
    if event.location is None or event.location.country is None:
        return ""
    return _country_name(event.location.country)


def _joined(items: Iterable[Any]) -> str:
    return "; ".join(item.name if not isinstance(item, str) else item for item in items)


_CELLS: dict[str, Callable[[_Fields, _Out], str]] = {
    "event_id_cnty": lambda e, o: e.id,
    "event_date": lambda e, o: o.day.isoformat(),
    "year": lambda e, o: str(o.day.year),
    "time_precision": lambda e, o: o.time_precision,
    "disorder_type": lambda e, o: o.disorder or "",
    "event_type": lambda e, o: o.event_type,
    "sub_event_type": lambda e, o: o.sub_event_type,
    "actor1": lambda e, o: _actor_name(e.actor1),
    "assoc_actor_1": lambda e, o: _joined(e.associates1),
    "inter1": lambda e, o: _inter(e.actor1, o),
    "actor2": lambda e, o: _actor_name(e.actor2),
    "assoc_actor_2": lambda e, o: _joined(e.associates2),
    "inter2": lambda e, o: _inter(e.actor2, o),
    "interaction": _interaction,
    "iso": lambda e, o: _iso_numeric(None if e.location is None else e.location.country),
    "iso3": lambda e, o: "" if e.location is None else e.location.country or "",
    "country": _country_cell,
    "admin1": lambda e, o: _location_cell(e, "admin1"),
    "admin2": lambda e, o: _location_cell(e, "admin2"),
    "admin3": lambda e, o: _location_cell(e, "admin3"),
    "location": lambda e, o: _location_cell(e, "name"),
    "latitude": lambda e, o: "" if e.location is None else _float_text(e.location.latitude),
    "longitude": lambda e, o: "" if e.location is None else _float_text(e.location.longitude),
    "geo_precision": lambda e, o: (
        "" if e.location is None or e.location.precision is None
        else _GEO_CODES.get(e.location.precision, "3")
    ),
    "source": lambda e, o: _joined(e.sources),
    "notes": lambda e, o: e.notes or "",
    "fatalities": lambda e, o: "" if e.fatalities is None else str(e.fatalities.best),
    "tags": lambda e, o: _joined(e.tags),
    "event_id_no_cnty": lambda e, o: _trailing_digits(e.id),
}


def _trailing_digits(identifier: str) -> str:
    found = _TRAILING_DIGITS.search(identifier)
    return "" if found is None else found.group(1)


_ANY = object()


def _model_value(key: str, event: Event, out: _Out) -> Any:
    """What the model holds for column *key* (``_ANY`` where it has no place for it)."""
    location = event.location
    if key == "event_date":
        return out.day
    if key == "time_precision":
        return _TIME_PRECISIONS[out.time_precision]
    if key == "disorder_type":
        return out.disorder
    if key in ("inter1", "inter2"):
        actor = event.actor1 if key == "inter1" else event.actor2
        return _ANY if actor is None else actor.kind
    if key in ("iso", "country"):
        return None if location is None else location.country
    if key in ("latitude", "longitude", "geo_precision"):
        if location is None:
            return None
        attribute = "precision" if key == "geo_precision" else key
        return getattr(location, attribute)
    if key == "fatalities":
        return None if event.fatalities is None else event.fatalities.best
    if key in ("assoc_actor_1", "assoc_actor_2"):
        group = event.associates1 if key == "assoc_actor_1" else event.associates2
        return tuple(actor.name for actor in group)
    if key in ("source", "tags"):
        return tuple(s.name for s in event.sources) if key == "source" else event.tags
    return _text(_cell(key, event, out))


def _raw_value(key: str, raw: str) -> Any:
    """What the reader makes of *raw* in column *key* (raises :class:`_CellError`)."""
    if key == "event_date":
        return _date(raw)
    if key == "time_precision":
        return _time_precision(raw)
    if key == "disorder_type":
        return _disorder(raw)
    if key in ("inter1", "inter2"):
        return _kind(raw, key)
    if key in ("iso", "country"):
        return _country(raw)
    if key == "latitude":
        return _coordinate(raw, key, 90.0)
    if key == "longitude":
        return _coordinate(raw, key, 180.0)
    if key == "geo_precision":
        return _geo_precision(raw)
    if key == "fatalities":
        return _fatalities(raw)
    if key in ("assoc_actor_1", "assoc_actor_2", "source", "tags"):
        return _split(raw)
    return _text(raw)


def _denotes(key: str, raw: str, event: Event, out: _Out) -> bool:
    """Whether the kept text *raw* still says what the model holds for column *key*."""
    if key not in _MODEL_COLUMNS:
        return True  # derived and verbatim columns are written as they were read
    if key == "location":
        location = event.location
        return raw == "" and location is not None and location.name == _fallback_name(location)
    try:
        value = _raw_value(key, raw)
    except _CellError:
        return False
    model = _model_value(key, event, out)
    if model is _ANY or value == model:
        return True
    return key in ("iso", "country") and value is None


# -- reading -----------------------------------------------------------------------------------


def _located(error: ParseError, header: _Header | None) -> ParseError:
    """*error* with a column number replaced by the column's name."""
    column = error.column
    if header is not None and isinstance(column, int) and 1 <= column <= len(header.names):
        return type(error)(error.reason, source=error.source, line=error.line,
                           column=header.names[column - 1], value=error.value)
    return error


def _row_error(bad: _CellError, header: _Header, cells: Sequence[str], source: str,
               line: int | None) -> ParseError:
    position = header.index.get(bad.key)
    name = bad.key if position is None else header.names[position]
    value = None if position is None else cells[position]
    return ParseError(bad.reason, source=source, line=line, column=name, value=value)


def _convert(cells: Sequence[str], header: _Header, source: str, line: int | None,
             eol: str | None) -> Event:
    """The event of one row, or a located :class:`ParseError`."""
    try:
        return _event(cells, header, eol)
    except _CellError as bad:
        raise _row_error(bad, header, cells, source, line) from None
    except (ConflictEventsError, ValueError, LookupError, TypeError) as error:
        raise ParseError(f"cannot read the row ({error})", source=source, line=line,
                         value=",".join(cells)) from None


def _count_error(cells: Sequence[str], header: _Header, source: str, line: int) -> ParseError:
    width = len(header.names)
    reason = f"the row has {len(cells)} cells, the header {width}"
    if len(cells) < width:
        return ParseError(reason, source=source, line=line, column=header.names[len(cells)],
                          value=",".join(cells))
    return ParseError(reason, source=source, line=line, column=width + 1, value=cells[width])


def _read_records(
    source: Input, policy: ErrorPolicy, options: Mapping[str, Any]
) -> Iterator[Record]:
    max_field = int(options.get("max_field", DEFAULT_MAX_FIELD))
    head = source.head(1)
    if not head or not head[0].strip("\ufeff\r\n\t "):
        policy.handle(ParseError("no header: the input is empty", source=source.name, line=1))
        return
    eol = "\r\n" if _csv.detect_line_terminator(head[0]) == "\r\n" else None
    rows = _csv.read_rows(source.lines(), source=source.name, max_field=max_field)
    header: _Header | None = None
    for item in rows:
        if isinstance(item, ParseError):
            policy.handle(_located(item, header))
            if header is None:
                return
            continue
        if header is None:
            names = list(item.cells)
            if names:
                names[0] = names[0].lstrip("\ufeff")
            try:
                header = _header(names, source.name, item.line)
            except ParseError as error:
                policy.handle(error)
                return
            continue
        cells = item.cells
        if not cells:
            continue  # a blank line
        if len(cells) != len(header.names):
            policy.handle(_count_error(cells, header, source.name, item.line))
            continue
        try:
            event = _convert(cells, header, source.name, item.line, eol)
        except ParseError as error:
            policy.handle(error)
            continue
        yield event


def _sniff(head: list[str]) -> bool:
    first = head[0].lstrip("\ufeff")
    if first.lstrip().startswith(("{", "[", "#")):
        return False
    if len(head) > 1 and head[1].lstrip().startswith("#"):
        return False  # an HXL hashtag row: that is HXL
    cells = {cell.strip().lower() for cell in next(csv.reader([first]), [])}
    return {"event_id_cnty", "event_date", "event_type"} <= cells


# -- writing -----------------------------------------------------------------------------------


@attrs.define
class _Writer:
    """Turns events into rows of one layout, counting what does not fit."""

    report: ConversionReport
    derive: bool
    names: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    style: str = "label"
    marker: str | None = None

    def choose(self, columns: Sequence[str]) -> None:
        keys, _, duplicate = _keys(columns)
        if duplicate is not None:
            raise ConversionError(f"the layout names the column {duplicate!r} twice")
        self.names = tuple(columns)
        self.keys = tuple(keys)
        self.style = _style(keys)
        self.marker = None if self.names == CURRENT_LAYOUT else _layout_line(self.names)

    def prepare(self, event: Event) -> _Out | str:
        """The writer's decisions for *event*, or why it is left out."""
        date = _acled_date(event.date)
        if date is None:
            return "date less precise than a month (ACLED's time_precision 3)"
        choice = self._classification(event)
        if isinstance(choice, str):
            return choice
        event_type, sub_event_type, disorder_default, used = choice
        coded_disorder = event.classification("acled_disorder", derived=False)
        disorder = None
        if "disorder_type" in self.keys:
            if coded_disorder is not None:
                disorder = coded_disorder.code
                used = (*used, coded_disorder)
            else:
                disorder = disorder_default
                self.report.derive("disorder_type")
        if not used or used[0].derived or used[0].scheme != "acled":
            self.report.derive("event_type")
        out = _Out(date[0], date[1], event_type, sub_event_type, disorder, self.style)
        out.used = used
        return out

    def _classification(
        self, event: Event
    ) -> tuple[str, str, str, tuple[Classification, ...]] | str:
        coded = event.classification("acled", derived=False)
        if coded is not None:
            return _checked(coded)
        derived = event.classification("acled", derived=True)
        cameo = event.classification("cameo")
        if derived is None and cameo is None:
            return _NO_TYPE
        if not self.derive:
            return _NO_TYPE
        if derived is not None:
            return _checked(derived)
        assert cameo is not None
        try:
            found = crosswalks.cameo_to_acled(cameo.code)
        except UnknownCodeError:
            return "CAMEO code not in the code book"
        if found is None:
            return _NO_EQUIVALENT
        sub = acled_codes.sub_event_type(found.targets[1])
        return sub.event_type, sub.name, sub.disorder_type, ()

    def row(self, event: Event, out: _Out) -> list[str]:
        """The cells of *event*: kept raw text where it still holds, else the model's."""
        kept: Mapping[str, str] = event.extras.get(NAME) or {}
        same_layout = kept.get(LAYOUT_KEY) == self.marker
        cells: list[str] = []
        for key in self.keys:
            raw = kept.get(key)
            if raw is not None and (same_layout or key not in _RESPELLED) and _denotes(
                key, raw, event, out
            ):
                cells.append(raw)
            else:
                cells.append(_cell(key, event, out))
        self._count_drops(event, out)
        return cells

    def _count_drops(self, event: Event, out: _Out) -> None:
        drop = self.report.drop
        keys = set(self.keys)
        date = event.date
        if date.precision is DatePrecision.SPAN:
            drop("date.span")
        elif date.end != date.start:
            drop("date.end")
        if event.fatalities is not None and (
            event.fatalities.low is not None or event.fatalities.high is not None
        ):
            drop("fatalities.range")
        for field in ("country", "cameo_code", "aliases"):
            if any(getattr(a, field) for a in (event.actor1, event.actor2) if a is not None):
                drop(f"actor.{field}")
        for field in ("kind", "country", "cameo_code", "aliases"):
            if any(getattr(a, field) for a in event.associates1 + event.associates2):
                drop(f"associates.{field}")
        if any(s.url is not None for s in event.sources):
            drop("sources.url")
        if any(s.published is not None for s in event.sources):
            drop("sources.published")
        scale = event.extra(NAME, "source_scale")
        if scale is not None and any(s.scale is not None for s in event.sources) and (
            scale != _cell("source_scale", event, out)
        ):
            drop("sources.scale")
        location = event.location
        if location is not None:
            if location.admin1_code is not None and location.admin1_code != _admin1_code(
                location.admin1, location.country
            ):
                drop("location.admin1_code")
            if location.precision is not None and location.precision not in _GEO_CODES:
                drop("location.precision")
        for item in event.classifications:
            if any(item is used for used in out.used):
                continue
            drop(f"classification.{item.scheme}" + (" (derived)" if item.derived else ""))
        for fmt, columns in event.extras.items():
            if fmt != NAME:
                drop(f"extras.{fmt}")
                continue
            for column in columns:
                if column.startswith("@") or column in keys or column in _MODEL_COLUMNS:
                    continue  # a model column's raw text is only a spelling of the model value
                drop(f"extras.acled.{column}")
        for field, needs in _FIELD_NEEDS:
            if keys.isdisjoint(needs) and _has(event, field):
                drop(field)


_FIELD_NEEDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("actor1", ("actor1",)), ("actor2", ("actor2",)),
    ("actor1.kind", ("inter1",)), ("actor2.kind", ("inter2",)),
    ("associates1", ("assoc_actor_1",)), ("associates2", ("assoc_actor_2",)),
    ("location", ("location",)), ("location.country", ("iso", "country", "iso3")),
    ("location.admin1", ("admin1",)), ("location.admin2", ("admin2",)),
    ("location.admin3", ("admin3",)), ("location.coordinates", ("latitude",)),
    ("location.precision", ("geo_precision",)), ("fatalities", ("fatalities",)),
    ("sources", ("source",)), ("notes", ("notes",)), ("tags", ("tags",)),
    ("date", ("event_date",)), ("date.precision", ("time_precision",)),
)


def _has(event: Event, field: str) -> bool:
    obj: Any = event
    for part in field.split("."):
        if part == "coordinates":
            return bool(obj.has_coordinates)
        obj = getattr(obj, part)
        if obj is None:
            return False
    if field == "date.precision":
        return bool(event.date.precision is not DatePrecision.DAY)
    return bool(obj) or obj == 0


def _checked(item: Classification) -> tuple[str, str, str, tuple[Classification, ...]] | str:
    try:
        sub = acled_codes.sub_event_type(item.code)
    except UnknownCodeError:
        return "ACLED sub-event type not in the code book"
    if item.parent is not None:
        try:
            parent = acled_codes.event_type(item.parent).name
        except UnknownCodeError:
            return "ACLED event type not in the code book"
        if parent != sub.event_type:
            return "ACLED event type and sub-event type disagree"
    return sub.event_type, sub.name, sub.disorder_type, (item,)


def _acled_date(date: EventDate) -> tuple[_dt.date, str] | None:
    start, end, precision = date.start, date.end, date.precision
    if precision in _TIME_CODES:
        return start, _TIME_CODES[precision]
    if precision is DatePrecision.SPAN:
        if (end - start).days <= 6:
            return start, "2"
        if (start.year, start.month) == (end.year, end.month):
            return start, "3"
    return None


def _resolve_layout(layout: str | Sequence[str] | None, first: Event | None) -> tuple[str, ...]:
    if layout is None:
        marker = None if first is None else first.extra(NAME, LAYOUT_KEY)
        return CURRENT_LAYOUT if marker is None else _layout_columns(marker)
    if isinstance(layout, str):
        try:
            return LAYOUTS[layout]
        except KeyError:
            raise ConversionError(
                f"unknown ACLED layout {layout!r}; use 'current', 'legacy' or a list of columns"
            ) from None
    return tuple(layout)


def _leave_out_other(record: Record, report: ConversionReport) -> bool:
    if isinstance(record, Claim):
        report.leave_out("claims have no place in ACLED")
        return True
    if isinstance(record, ControlChange):
        report.leave_out("control changes have no place in ACLED")
        return True
    return False


def _rows(
    records: Iterable[Record], report: ConversionReport, options: Mapping[str, Any],
    start: Callable[[_Writer, Event | None], None],
) -> Iterator[list[str]]:
    """The rows of *records*; *start* is called once the layout is chosen."""
    writer = _Writer(report, bool(options.get("derive", False)))
    layout = options.get("layout")
    started = False
    for record in records:
        if _leave_out_other(record, report):
            continue
        assert isinstance(record, Event)
        if not started:
            writer.choose(_resolve_layout(layout, record))
            start(writer, record)
            started = True
        out = writer.prepare(record)
        if isinstance(out, str):
            report.leave_out(out)
            continue
        yield writer.row(record, out)
        report.written += 1
    if not started:
        writer.choose(_resolve_layout(layout, None))
        start(writer, None)


def rows(
    records: Iterable[Record],
    *,
    layout: str | Sequence[str] | None = None,
    derive: bool = False,
    report: ConversionReport | None = None,
) -> Iterator[list[str]]:
    """The cells :func:`write` would write for *records*, header first, one list per row.

    For feeding ACLED-style rows to something other than a file (a DataFrame, a database).
    The options are those of :func:`write`; the report counts as :func:`write` does.
    """
    options: dict[str, Any] = {"derive": derive, "layout": layout}
    report = report if report is not None else ConversionReport()
    header: list[list[str]] = []

    def start(writer: _Writer, first: Event | None) -> None:
        header.append(list(writer.names))

    for cells in _rows(records, report, options, start):
        if header:
            yield header.pop()
        yield cells
    if header:
        yield header.pop()


def _write_records(
    records: Iterable[Record], stream: TextIO, report: ConversionReport,
    options: Mapping[str, Any],
) -> None:
    state: dict[str, Any] = {}

    def start(writer: _Writer, first: Event | None) -> None:
        terminator = options.get("line_terminator")
        if terminator is None:
            terminator = (None if first is None else first.extra(NAME, EOL_KEY)) or "\n"
        if terminator not in ("\n", "\r\n"):
            raise ConversionError("line_terminator must be '\\n' or '\\r\\n'")
        state["csv"] = _csv.writer(stream, line_terminator=terminator,
                                   spreadsheet_safe=bool(options.get("spreadsheet_safe")))
        state["csv"].writerow(writer.names)

    for cells in _rows(records, report, options, start):
        state["csv"].writerow(cells)


def _write_api_records(
    records: Iterable[Record], stream: TextIO, report: ConversionReport,
    options: Mapping[str, Any],
) -> None:
    names: list[tuple[str, ...]] = []

    def start(writer: _Writer, first: Event | None) -> None:
        names.append(writer.names)
        stream.write('{"status":200,"success":true,"data":[')

    count = 0
    for cells in _rows(records, report, options, start):
        if count:
            stream.write(",")
        stream.write(json.dumps(dict(zip(names[0], cells, strict=True)), ensure_ascii=False,
                                separators=(",", ":")))
        count += 1
    stream.write(f'],"count":{count}}}\n')


# -- API JSON ----------------------------------------------------------------------------------


def _api_items(data: Any, source: str) -> list[Any]:
    if isinstance(data, dict):
        if "data" not in data:
            raise ParseError("not an ACLED API response: no 'data' array", source=source)
        data = data["data"]
    if not isinstance(data, list):
        raise ParseError("not an ACLED API response: 'data' is not an array", source=source)
    return data


def _api_records(data: Any, source: str, policy: ErrorPolicy) -> Iterator[Event]:
    try:
        items = _api_items(data, source)
    except ParseError as error:
        policy.handle(error)
        return
    for number, item in enumerate(items, start=1):
        try:
            if not isinstance(item, dict):
                raise ParseError("an item of 'data' is not an object", source=source,
                                 line=number, value=item)
            names: list[str] = []
            cells: list[str] = []
            for key, value in item.items():
                names.append(str(key))
                cells.append(_api_text(value, str(key), source, number))
            header = _header(names, source, number)
            event = _convert(cells, header, source, number, None)
        except ParseError as error:
            policy.handle(error)
            continue
        yield event


def _api_text(value: Any, key: str, source: str, number: int) -> str:
    if isinstance(value, str):
        problem = bad_text(value)
        if problem is not None:
            raise ParseError(problem, source=source, line=number, column=key,
                             value=value.encode("utf-8", "surrogateescape"))
        return value
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise ParseError("not a string", source=source, line=number, column=key, value=value)


def _load_json(text: str, source: str) -> Any:
    try:
        return strict_json.loads(text)
    except (ValueError, RecursionError) as error:
        reason = str(error) if isinstance(error, ValueError) else "nested too deeply"
        raise ParseError(f"not valid JSON ({reason})", source=source) from None


def _read_api_records(
    source: Input, policy: ErrorPolicy, options: Mapping[str, Any]
) -> Iterator[Record]:
    max_document = int(options.get("max_document", strict_json.DEFAULT_MAX_DOCUMENT))
    try:
        text = source.read(max_document)
        too_large = strict_json.document_too_large(text, max_document)
        if too_large is not None:
            raise InputTooLargeError(f"{too_large} (raise max_document to read it)",
                                     source=source.name)
        data = _load_json(text, source.name)
    except ParseError as error:
        policy.handle(error)
        return
    yield from _api_records(data, source.name, policy)


def _sniff_api(head: list[str]) -> bool:
    text = "".join(head).lstrip("\ufeff").lstrip()
    return text.startswith("{") and '"data"' in text and '"event_id_cnty"' in text


# -- registration and the public functions -----------------------------------------------------

SPEC = register(
    FormatSpec(
        name=NAME,
        title="ACLED CSV export",
        read=_read_records,
        write=_write_records,
        sniff=_sniff,
        suffixes=(),
        read_options=frozenset({"max_field"}),
        write_options=frozenset({"layout", "line_terminator", "derive", "spreadsheet_safe"}),
    )
)

API_SPEC = register(
    FormatSpec(
        name=API_NAME,
        title="ACLED API JSON response",
        read=_read_api_records,
        write=_write_api_records,
        sniff=_sniff_api,
        suffixes=(),
        read_options=frozenset({"max_document"}),
        write_options=frozenset({"layout", "derive"}),
        utf8_only=True,
    )
)


def read(
    source: Source,
    *,
    on_error: OnError = "raise",
    max_field: int = DEFAULT_MAX_FIELD,
    report: ConversionReport | None = None,
) -> RecordStream:
    """Read the events of an ACLED CSV export, one at a time.

    :param source: a path, or a text or binary file object (gzip and zip are opened
        transparently; a UTF-8 byte order mark is ignored).
    :param on_error: ``"raise"`` (default), ``"skip"`` or ``"collect"``: what to do with a
        row that cannot be read (see :data:`~conflictevents.formats.OnError`). An empty
        input and an unusable header are one error each, after which nothing is read; a
        file with only a header has no events.
    :param max_field: the longest line or cell accepted, in characters.
    :param report: a report to fill (also at ``.report`` of the result).
    :returns: a :class:`~conflictevents.formats.RecordStream` of
        :class:`~conflictevents.Event`.
    :raises ParseError: (when iterating, under ``"raise"``) naming the line, the column and
        the value of a row that cannot be read.
    """
    return _read(source, NAME, on_error=on_error, report=report, max_field=max_field)


def write(
    records: Iterable[Record],
    target: Target,
    *,
    layout: str | Sequence[str] | None = None,
    line_terminator: str | None = None,
    derive: bool = False,
    spreadsheet_safe: bool = False,
    report: ConversionReport | None = None,
) -> ConversionReport:
    """Write events as ACLED-style CSV rows.

    :param records: events (claims and control changes are left out and counted).
    :param target: a path (``.gz`` is compressed) or a file object.
    :param layout: ``"current"`` (:data:`CURRENT_LAYOUT`), ``"legacy"``
        (:data:`LEGACY_LAYOUT`, numeric actor types) or a sequence of column names. By
        default, the layout of the file the first event was read from, else ``"current"``.
    :param line_terminator: ``"\\n"`` or ``"\\r\\n"``; by default, that of the file the first
        event was read from, else ``"\\n"``.
    :param derive: whether an event without a coded ACLED classification may take one
        derived through the CAMEO -> ACLED crosswalk (or an ACLED classification already
        marked derived); counted as ``derived["event_type"]``. Without it, such events are
        left out.
    :param spreadsheet_safe: prefix with ``'`` every cell a spreadsheet would run as a formula
        (one beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, unless it is
        a plain number), after OWASP's guidance on CSV injection. Off by default, because it
        changes the data: a file written so no longer reads back identically.
    :param report: a report to fill.
    :returns: the report: rows written, events left out (and why), fields dropped.
    :raises ConversionError: for an unknown layout name or line terminator.
    """
    options: dict[str, Any] = {"derive": derive, "spreadsheet_safe": spreadsheet_safe}
    if layout is not None:
        options["layout"] = layout
    if line_terminator is not None:
        options["line_terminator"] = line_terminator
    return _write(records, target, NAME, report=report, **options)


def read_api(
    source: Source | Mapping[str, Any] | Sequence[Any],
    *,
    on_error: OnError = "raise",
    report: ConversionReport | None = None,
    max_document: int = strict_json.DEFAULT_MAX_DOCUMENT,
) -> RecordStream:
    """Read the events of an ACLED API response (JSON).

    :param source: a path or file object holding the JSON, or the already parsed response
        (a mapping with a ``"data"`` list) or its ``data`` list itself. The values are
        strings, as the API sends them (numbers and ``null`` are accepted too).
    :param on_error: as for :func:`read`. The ``line`` of an error is the 1-based position of
        the item in the ``data`` array.
    :param report: a report to fill.
    :param max_document: the most characters of JSON read (16 MiB by default), which also
        limits the number of values (one for every 16 characters), so that parsing stays
        within about 100 MB; a larger response is refused with
        :class:`~conflictevents.InputTooLargeError`.
    :returns: a :class:`~conflictevents.formats.RecordStream` of events. The whole response
        is parsed at once (API responses are bounded by the API's page size).
    """
    if isinstance(source, (str, os.PathLike)) or hasattr(source, "read"):
        return _read(source, API_NAME, on_error=on_error, report=report,  # type: ignore[arg-type]
                     max_document=max_document)
    report = report if report is not None else ConversionReport()
    policy = ErrorPolicy(on_error, report)

    def records() -> Iterator[Record]:
        for event in _api_records(source, "<object>", policy):
            report.read += 1
            yield event

    return RecordStream(records(), report, API_NAME)


def write_api(
    records: Iterable[Record],
    target: Target,
    *,
    layout: str | Sequence[str] | None = None,
    derive: bool = False,
    report: ConversionReport | None = None,
) -> ConversionReport:
    """Write events as an ACLED API response (``{"status": 200, "success": true, "data":
    [...], "count": N}``, every value a string). The options are those of :func:`write`."""
    options: dict[str, Any] = {"derive": derive}
    if layout is not None:
        options["layout"] = layout
    return _write(records, target, API_NAME, report=report, **options)
