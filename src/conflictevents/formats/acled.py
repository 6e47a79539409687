"""ACLED: the CSV exports of the Armed Conflict Location & Event Data project, and its API JSON.

Reading
    :func:`read` (or ``conflictevents.read(path, format="acled")``, or no ``format`` at all:
    the header is recognised) reads an ACLED CSV export, one :class:`~conflictevents.Event`
    per row, in constant memory. The column layout is taken from the header, by column
    name, whichever of ACLED's layouts since 1997 it is: the 25 upper-case columns before
    2017 (:data:`UPPER_CASE_LAYOUT`, ``GEO_PRECIS`` in Version 5), the 2018 API CSV
    (:data:`API_2018_LAYOUT`), the 2019-2022 export (:data:`LEGACY_LAYOUT`), the current one
    (:data:`CURRENT_LAYOUT`, since March 2023), API field selections, or any other order and
    subset of ACLED's columns. Header names are matched **exactly but without regard to
    case** (``EVENT_ID_CNTY`` is ``event_id_cnty``); columns the module does not know are
    kept verbatim. The columns ``event_id_cnty``, ``event_date`` and ``event_type`` are
    required; a file without ``sub_event_type`` is a file of the old taxonomy, read as the
    classification scheme :data:`LEGACY_SCHEME`.

    :func:`read_api` reads the JSON the ACLED API returns (``{"status": 200, ...,
    "data": [{...}, ...]}``) or its bare ``data`` array, from a file or an already parsed
    object; it is also the registered format ``"acled-api"``.

Writing
    :func:`write` writes ACLED-style rows from events of any origin, in the layout of the
    file they were read from, in :data:`CURRENT_LAYOUT` (the default for other events), in
    any of :data:`LAYOUTS` by name, or in any list of columns. What an event has that ACLED
    cannot carry is counted in the :class:`~conflictevents.ConversionReport`.

Fidelity
    Reading a file and writing the events back gives the same bytes: the same columns in
    the same order, the same cell text, quoting (minimal, or PHP's "every field with a
    space"), line ends, delimiter, date style, final newline and encoding. Where the model
    normalises a cell (``37.9680`` is a float, `` Battles `` the event type ``Battles``),
    the cell's original text is kept in ``Event.extras["acled"][column]`` only when writing
    the model value would not give it back. Reserved keys beginning with ``@`` record facts
    of the whole file (``"@layout"``, ``"@eol"``, ``"@date_style"``, ``"@quoting"``, ...).
    See :doc:`/formats/acled` for the layouts, the column mapping and the deviations.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as _dt
import functools
import io
import itertools
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
from conflictevents.codes import ucdp as ucdp_codes
from conflictevents.dates import is_ambiguous_numeric, numeric_day_order
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
from conflictevents.formats._day_order import DayOrder, decide
from conflictevents.formats._io import DEFAULT_MAX_FIELD, Input, Source, Target, bad_text
from conflictevents.formats._policy import ErrorPolicy, OnError, OnWarning
from conflictevents.formats._registry import (
    HEAD_LINES,
    FormatSpec,
    RecordStream,
    Sniffed,
    register,
)
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
    "ACTOR_TYPES_KEY",
    "API_2018_LAYOUT",
    "API_NAME",
    "CURRENT_LAYOUT",
    "DATE_STYLE_KEY",
    "DELIMITER_KEY",
    "ENVELOPE_KEY",
    "EOL_KEY",
    "FINAL_NEWLINE_KEY",
    "ISO_DATE_STYLE",
    "JSON_KEY",
    "LAYOUTS",
    "LAYOUT_KEY",
    "LAYOUT_NAME_KEY",
    "LEGACY_LAYOUT",
    "LEGACY_SCHEME",
    "MISSING_KEY",
    "NAME",
    "PREAMBLE_KEY",
    "QUOTING_KEY",
    "REQUIRED_COLUMNS",
    "TAXONOMY_KEY",
    "UPPER_CASE_LAYOUT",
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

API_2018_LAYOUT: tuple[str, ...] = (
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year",
    "time_precision", "event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
    "assoc_actor_2", "inter2", "interaction", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "timestamp",
)
"""The columns of the ACLED API's CSV in 2018 (29 columns; the nine event types of the old
taxonomy, no ``sub_event_type``)."""

UPPER_CASE_LAYOUT: tuple[str, ...] = (
    "GWNO", "EVENT_ID_CNTY", "EVENT_ID_NO_CNTY", "EVENT_DATE", "YEAR", "TIME_PRECISION",
    "EVENT_TYPE", "ACTOR1", "ALLY_ACTOR_1", "INTER1", "ACTOR2", "ALLY_ACTOR_2", "INTER2",
    "INTERACTION", "COUNTRY", "ADMIN1", "ADMIN2", "ADMIN3", "LOCATION", "LATITUDE", "LONGITUDE",
    "GEO_PRECISION", "SOURCE", "NOTES", "FATALITIES",
)
"""The 25 upper-case columns of ACLED's files before 2017 (the old taxonomy; ``GWNO`` is the
Gleditsch-Ward number of the country, kept verbatim)."""

LAYOUTS: Mapping[str, tuple[str, ...]] = {
    "current": CURRENT_LAYOUT, "legacy": LEGACY_LAYOUT, "api-2018": API_2018_LAYOUT,
    "upper-case": UPPER_CASE_LAYOUT,
}
"""The named layouts :func:`write` accepts."""

REQUIRED_COLUMNS: tuple[str, ...] = ("event_id_cnty", "event_date", "event_type")
"""The columns a file must have to be read (every layout since 1997 has them; a file without
``sub_event_type`` is a file of the old taxonomy, see :data:`LEGACY_SCHEME`)."""

LEGACY_SCHEME = "acled_legacy"
"""The classification scheme of ACLED's nine event types before 2019 (``"Remote violence"``,
``"Battle-No change of territory"``, ...), read from files without ``sub_event_type``."""

LAYOUT_KEY = "@layout"
"""The extras key holding the header of a file not in :data:`CURRENT_LAYOUT`."""
EOL_KEY = "@eol"
"""The extras key holding the line terminator of a file that ends its lines with CRLF."""
LAYOUT_NAME_KEY = "@layout_name"
"""The extras key naming the ACLED layout a file is in (``"2018 API CSV"``...)."""
DATE_STYLE_KEY = "@date_style"
"""The extras key holding how a file writes its dates (``"%d %B %Y"``), when not ISO."""
TAXONOMY_KEY = "@taxonomy"
"""The extras key saying which event taxonomy a file uses."""
QUOTING_KEY = "@quoting"
"""The extras key set to ``"spaces"`` for a file that quotes every field with a space in
it (PHP's ``fputcsv``, as the ACLED export tool and API write)."""
FINAL_NEWLINE_KEY = "@final_newline"
"""The extras key set to ``"no"`` on the last event of a file without a final newline."""
DELIMITER_KEY = "@delimiter"
"""The extras key holding the delimiter of a file not separated by commas (``";"``)."""
PREAMBLE_KEY = "@preamble"
"""The extras key holding the text before the header (blank lines, Excel's ``sep=;``)."""
MISSING_KEY = "@missing"
"""The extras key set to ``"NA"`` for a file that writes missing values as R does."""
ACTOR_TYPES_KEY = "@actor_types"
"""The extras key saying how ``inter1``/``inter2`` are written (``"codes"``, ``"labels"``)
when the file does not write them as its layout usually does."""
JSON_KEY = "@json"
"""(``acled-api``) how the document was written: shape, separators, escapes, final newline."""
ENVELOPE_KEY = "@envelope"
"""(``acled-api``) the members of the response other than ``data``, as JSON, in order."""

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

_MONTH_NAMES = tuple(_dt.date(2000, number, 1).strftime("%B") for number in range(1, 13))
_MONTHS = {
    name.casefold(): number
    for number in range(1, 13)
    for name in (_MONTH_NAMES[number - 1], _MONTH_NAMES[number - 1][:3])
}
_MONTHS["sept"] = 9
_NAMED_DATE = re.compile(r"(\d{1,2})([ -])([A-Za-z]{3,9})\2(\d{4}|\d{2})", re.ASCII)
_NUMERIC_DATE = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})", re.ASCII)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_WHOLE = re.compile(r"\d+", re.ASCII)
_TRAILING_DIGITS = re.compile(r"(\d+)$", re.ASCII)
_DATE_TOKEN = re.compile(r"%-?[YymdBb]")
ISO_DATE_STYLE = "%Y-%m-%d"
_MAX_DIGITS = 18


class _CellError(Exception):
    """A cell that cannot be read: the reason and the column key."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(reason)
        self.key = key
        self.reason = reason


# -- the old taxonomy: its code book and crosswalks ---------------------------------------------

_VIA_LEGACY_ACLED = "acled_legacy->acled"
_VIA_LEGACY_CAMEO = "acled_legacy->cameo"
_LEGACY_VIAS = frozenset({_VIA_LEGACY_ACLED, _VIA_LEGACY_CAMEO})


@functools.lru_cache(maxsize=256)
def _legacy_name(text: str) -> str | None:
    """The canonical name of the pre-2019 event type *text*, or ``None``."""
    try:
        return acled_codes.legacy_event_type(text).name
    except (UnknownCodeError, ValueError):
        return None


@functools.lru_cache(maxsize=64)
def _legacy_to_current(name: str) -> tuple[str, ...] | None:
    """``(event_type, sub_event_type)`` or ``(event_type,)`` of an old event type."""
    found = crosswalks.acled_legacy_to_acled(name)
    return None if found is None else tuple(found.targets)


@functools.lru_cache(maxsize=64)
def _legacy_to_cameo(name: str) -> str | None:
    found = crosswalks.acled_legacy_to_cameo(name)
    return None if found is None or not found.targets else str(found.targets[0])


@functools.lru_cache(maxsize=64)
def _legacy_of(event_type: str, sub_event_type: str) -> str | None:
    """The old event type a 2019 type falls under (the crosswalk read backwards)."""
    by_type: dict[str, str] = {}
    for record in acled_codes.legacy_event_types():
        if record.sub_event_type == sub_event_type:
            return str(record.name)
        if record.sub_event_type is None:
            by_type.update(dict.fromkeys(record.event_types, str(record.name)))
    return by_type.get(event_type)


def _legacy_names() -> tuple[str, ...]:
    """The nine event types of the old taxonomy."""
    return tuple(r.name for r in acled_codes.legacy_event_types())


def _legacy_classifications(name: str) -> tuple[Classification, ...]:
    """The classifications of an old event type: its own, and those derived from it."""
    found: tuple[Classification, ...] = (Classification(LEGACY_SCHEME, name),)
    targets = _legacy_to_current(name)
    if targets is not None and len(targets) == 2:
        found += (Classification("acled", targets[1], parent=targets[0], derived=True,
                                 via=_VIA_LEGACY_ACLED),)
    code = _legacy_to_cameo(name)
    if code is not None:
        found += (Classification("cameo", code, derived=True, via=_VIA_LEGACY_CAMEO),)
    return found


# -- cell parsers: raw text -> the value the model holds -------------------------------------


def _text(raw: str) -> str | None:
    return raw if raw.strip() else None


def _split(raw: str) -> tuple[str, ...]:
    """ACLED's lists: items separated by semicolons (``"a; b"``)."""
    if ";" not in raw:
        stripped = raw.strip()
        return (stripped,) if stripped else ()
    return tuple(part for part in (item.strip() for item in raw.split(";")) if part)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 1900 if year >= 69 else 2000
    return year


_AMBIGUOUS = ("ambiguous date: the day and the month could be either way round and no date "
              "of the file decides it; pass dayfirst=True or dayfirst=False")


def _date(raw: str, dayfirst: bool | None = None) -> _dt.date:
    """The day of an ``event_date`` cell, in any of the styles ACLED files use."""
    if len(raw) == 10 and raw[4] == "-" and raw[7] == "-":
        try:
            return _dt.date.fromisoformat(raw)
        except ValueError:
            raise _CellError("event_date", "not a valid date") from None
    text = raw.strip()
    try:
        found = _NAMED_DATE.fullmatch(text)
        if found is not None:
            month = _MONTHS.get(found.group(3).casefold())
            if month is not None:
                return _dt.date(_year(found.group(4)), month, int(found.group(1)))
        found = _NUMERIC_DATE.fullmatch(text)
        if found is not None:
            first, second = int(found.group(1)), int(found.group(3))
            shown = numeric_day_order(text)
            order = shown if shown is not None else dayfirst
            if order is None:
                if first != second:
                    raise _CellError("event_date", _AMBIGUOUS)
                order = True
            day, month = (first, second) if order else (second, first)
            return _dt.date(_year(found.group(4)), month, day)
        if text != raw and _ISO_DATE.fullmatch(text):
            return _dt.date.fromisoformat(text)
    except ValueError:
        raise _CellError("event_date", "not a valid date") from None
    raise _CellError("event_date", "not a date ACLED writes (2024-12-05, 05 December 2024, "
                     "01-January-2015, 29/12/2015, 9-May-20)")


def _date_shape(text: str) -> dict[str, str | bool | None] | None:
    """What one date cell shows of its file's style (``None``: nothing)."""
    text = text.strip()
    if _ISO_DATE.fullmatch(text):
        return {"kind": "iso"}
    found = _NAMED_DATE.fullmatch(text)
    if found is not None and found.group(3).casefold() in _MONTHS:
        day, name = found.group(1), found.group(3)
        full = name.casefold() in {m.casefold() for m in _MONTH_NAMES}
        short = len(name) == 3
        return {
            "kind": "named", "sep": found.group(2),
            "pad": None if int(day) >= 10 else len(day) == 2,
            "month": None if full and short else ("%B" if full else "%b"),
            "year": "%Y" if len(found.group(4)) == 4 else "%y",
        }
    found = _NUMERIC_DATE.fullmatch(text)
    if found is not None:
        small = [part for part in (found.group(1), found.group(3)) if int(part) < 10]
        return {
            "kind": "numeric", "sep": found.group(2),
            "pad": None if not small else len(small[0]) == 2,
            "year": "%Y" if len(found.group(4)) == 4 else "%y",
        }
    return None


def _date_style(texts: Iterable[str]) -> str:
    """A file's date style, from its first dates (``"%d"`` for numeric dates stands for the
    day and ``"%m"`` for the month, in the order :func:`_ordered_style` puts them)."""
    merged: dict[str, str | bool | None] = {}
    for text in texts:
        shape = _date_shape(text)
        if shape is None or merged.get("kind", shape["kind"]) != shape["kind"]:
            continue
        for key, value in shape.items():
            if merged.get(key) is None:
                merged[key] = value
    kind = merged.get("kind")
    if kind is None or kind == "iso":
        return ISO_DATE_STYLE
    pad = merged.get("pad")
    day = "%-d" if pad is False else "%d"
    sep = str(merged.get("sep"))
    year = str(merged.get("year"))
    if kind == "named":
        month = merged.get("month") or ("%b" if year == "%y" else "%B")
        return f"{day}{sep}{month}{sep}{year}"
    month = "%-m" if pad is False else "%m"
    return f"{day}{sep}{month}{sep}{year}"


def _ordered_style(style: str, dayfirst: bool | None) -> str:
    """A numeric date style with the day and month in the file's order."""
    if dayfirst is not False or "%B" in style or "%b" in style or style == ISO_DATE_STYLE:
        return style
    tokens = _DATE_TOKEN.findall(style)
    between = _DATE_TOKEN.split(style)
    if len(tokens) != 3:
        return style
    tokens[0], tokens[1] = tokens[1], tokens[0]
    return "".join(part + token for part, token in zip(between, [*tokens, ""], strict=True))


def _render_date(day: _dt.date, style: str) -> str:
    """*day* written in *style* (the tokens ``%Y %y %m %-m %d %-d %B %b``; English months)."""
    if style == ISO_DATE_STYLE:
        return day.isoformat()

    def token(found: re.Match[str]) -> str:
        name = found.group(0)
        if name == "%Y" or (name == "%y" and not 1969 <= day.year <= 2068):
            return f"{day.year:04d}"  # a two-digit year would read back in another century
        if name == "%y":
            return f"{day.year % 100:02d}"
        if name in ("%m", "%-m"):
            return f"{day.month:02d}" if name == "%m" else str(day.month)
        if name in ("%d", "%-d"):
            return f"{day.day:02d}" if name == "%d" else str(day.day)
        month = _MONTH_NAMES[day.month - 1]
        return month if name == "%B" else month[:3]

    return _DATE_TOKEN.sub(token, style)


def _valid_style(style: object) -> str:
    """*style* if it is a date style :func:`_render_date` writes, else ISO."""
    if not isinstance(style, str) or not style or len(style) > 20:
        return ISO_DATE_STYLE
    rest = _DATE_TOKEN.sub("", style)
    if rest.strip(" -/.") or len(_DATE_TOKEN.findall(style)) != 3:
        return ISO_DATE_STYLE
    return style


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
        found: str | None = (
            places.resolve_country(raw) if raw.strip() and len(raw) < 100 else None
        )
    except (UnknownCodeError, ValueError):
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
    if len(stripped) > _MAX_DIGITS:
        raise _CellError("fatalities", f"fatalities has more than {_MAX_DIGITS} digits")
    return int(stripped)


_Warning: TypeAlias = tuple[str, str, str, str]
"""A warning a cell gives: its code, column key, reason and value."""


def _current_type(event_type: str, sub_event_type: str
                  ) -> tuple[Classification, str, str, str | None, tuple[_Warning, ...]]:
    """The classification of a 2019-taxonomy row: the classification, the event and sub-event
    type to write, the disorder type they imply, and the warnings the cells give."""
    try:
        sub = acled_codes.sub_event_type(sub_event_type)
    except UnknownCodeError:
        parent = event_type.strip() or None
        with contextlib.suppress(UnknownCodeError):
            parent = acled_codes.event_type(event_type).name
        code = sub_event_type.strip()
        warning = ("unknown-code", "sub_event_type",
                   "an ACLED sub-event type the code book lacks (kept as it is)", code)
        return (Classification("acled", code, parent=parent, unknown=True),
                parent or "", code, None, (warning,))
    warnings: tuple[_Warning, ...] = ()
    try:
        parent = acled_codes.event_type(event_type).name
    except UnknownCodeError:
        parent = None
    if parent != sub.event_type:
        warnings = (("inconsistent-type", "event_type",
                     f"the event type of {sub.name!r} is {sub.event_type!r} (the text is kept)",
                     event_type),)
    return (Classification("acled", sub.name, parent=sub.event_type), sub.event_type, sub.name,
            sub.disorder_type, warnings)


_DISORDERS = {name.casefold(): name for name in acled_codes.DISORDER_TYPES}


def _disorder(raw: str) -> str | None:
    if not raw.strip():
        return None
    return _DISORDERS.get(" ".join(raw.split()).casefold())


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
    legacy: bool
    """Whether the file has no ``sub_event_type``: the old taxonomy."""
    layout_name: str


def _layout_line(names: Sequence[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="", quoting=csv.QUOTE_MINIMAL).writerow(names)
    return buffer.getvalue()


def _style(keys: Iterable[str]) -> str:
    """``"code"`` (numeric actor types) for the pre-2023 layouts, else ``"label"``."""
    return "code" if _CODE_STYLE_MARKERS.intersection(keys) else "label"


def _layout_name(names: Sequence[str], keys: Sequence[str]) -> str:
    """Which of ACLED's layouts a header is, in a few words."""
    present = set(keys)
    if "gwno" in {name.lower() for name in names} or "ALLY_ACTOR_1" in names:
        if "GEO_PRECIS" in names:
            return "Version 5, 1997-2014 (25 upper-case columns, GEO_PRECIS)"
        return "before 2017 (25 upper-case columns)"
    if "sub_event_type" not in present:
        return "2018 API (old taxonomy, no sub_event_type)"
    if "data_id" in present:
        return "2019-2022 export (data_id, iso3)"
    if tuple(keys) == CURRENT_LAYOUT:
        return "current (since March 2023)"
    if "disorder_type" in present:
        return "current (since March 2023), with other columns"
    return "a selection of ACLED columns"


_HEADER_CACHE: dict[tuple[str, ...], _Header] = {}
_ALIASES = {"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2",
            "geo_precis": "geo_precision"}


def _keys(names: Sequence[str]) -> tuple[list[str], dict[str, int], tuple[str, str] | None]:
    """The column keys of *names*, their positions, and the first name that cannot be a column
    (a duplicate or a reserved name) with the reason, if any.

    A column without a name (Excel leaves some after the last one) has the key ``"(N)"``, N
    its position from 1; the old names ``ALLY_ACTOR_1``/``_2`` and ``GEO_PRECIS`` are the
    keys ``assoc_actor_1``/``_2`` and ``geo_precision``.
    """
    keys: list[str] = []
    index: dict[str, int] = {}
    for position, name in enumerate(names):
        if name.startswith("@"):
            return keys, index, (name, "a column name may not begin with '@' (reserved for the "
                                       "library's facts of a file, such as @layout)")
        if not name.strip():
            key = f"({position + 1})"
        else:
            lowered = name.lower()
            lowered = _ALIASES.get(lowered, lowered)
            key = lowered if lowered in _KNOWN_COLUMNS else name
        if key in index:
            return keys, index, (name, "duplicate column in the header")
        index[key] = position
        keys.append(key)
    return keys, index, None


def _header(names: Sequence[str], source: str, line: int | None) -> _Header:
    """Analyse a header row.

    :raises ParseError: for a duplicate, reserved or missing required column.
    """
    names = tuple(names)
    cached = _HEADER_CACHE.get(names)
    if cached is not None:
        return cached
    keys, index, problem = _keys(names)
    if problem is not None:
        raise ParseError(problem[1], source=source, line=line, column=problem[0],
                         value=problem[0])
    for required in REQUIRED_COLUMNS:
        if required not in index:
            raise ParseError("missing required column", source=source, line=line,
                             column=required, value=",".join(names))
    marker = None if names == CURRENT_LAYOUT else _layout_line(names)
    header = _Header(names, tuple(keys), index, _style(keys), marker,
                     "sub_event_type" not in index, _layout_name(names, keys))
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


@attrs.frozen(cache_hash=True)
class _Style:
    """How a file writes what the model normalises: actor types (``"code"`` or ``"label"``),
    dates (a style of :func:`_render_date`, the day/month order resolved), the taxonomy
    (``legacy``: no ``sub_event_type`` column) and missing values (``na``: R's ``NA``)."""

    inter: str = "label"
    date: str = ISO_DATE_STYLE
    dayfirst: bool | None = None
    legacy: bool = False
    na: bool = False


_DEFAULT_STYLE = _Style()
_STYLES: dict[_Style, _Style] = {}


def _interned(style: _Style) -> _Style:
    """One object per style, so that the group caches' keys compare by identity."""
    found = _STYLES.get(style)
    if found is None:
        if len(_STYLES) >= 256:
            _STYLES.clear()
        found = _STYLES[style] = style
    return found


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


def _out(style: _Style, day: _dt.date = _NO_DAY, time_precision: str = "1",
         types: tuple[str, str, str | None] = ("", "", None)) -> _Out:
    return _Out(day, time_precision, types[0], types[1], types[2], style)


def _date_group(raws: tuple[str, ...], style: _Style) -> _GroupOutcome:
    day = _date(raws[0], style.dayfirst)
    precision = _time_precision(raws[2])
    out = _out(style, day, _TIME_CODES[precision])
    kept = _kept_for(("event_date", "year", "time_precision"), raws, _draft(), out)
    return (_event_date(day, precision), out.time_precision), kept


def _type_group(raws: tuple[str, ...], style: _Style) -> _GroupOutcome:
    disorder_raw, event_raw, sub_raw = raws
    warnings: tuple[_Warning, ...] = ()
    classifications: tuple[Classification, ...]
    disorder = _disorder(disorder_raw)
    disorder_class: Classification | None
    if disorder is None and disorder_raw.strip():
        disorder = disorder_raw.strip()
        warnings += (("unknown-code", "disorder_type",
                      "an ACLED disorder type the code book lacks (kept as it is)", disorder),)
        disorder_class = Classification("acled_disorder", disorder, unknown=True)
    else:
        disorder_class = (None if disorder is None
                          else Classification("acled_disorder", disorder))
    if not event_raw.strip() and not sub_raw.strip():
        raise _CellError("event_type", "event_type is empty")
    legacy = None if sub_raw.strip() else _legacy_name(event_raw)
    if legacy is not None:
        classifications = _legacy_classifications(legacy)
        types = (legacy, "", disorder)
    elif style.legacy:
        code = event_raw.strip()
        warnings += (("unknown-code", "event_type", "not one of ACLED's nine event types "
                      "before 2019, in a file without sub_event_type (kept as it is)", code),)
        classifications = (Classification(LEGACY_SCHEME, code, unknown=True),)
        types = (code, "", disorder)
    elif not sub_raw.strip():
        raise _CellError("sub_event_type", "sub_event_type is empty")
    else:
        found, event_type, sub_event_type, _, more = _current_type(event_raw, sub_raw)
        warnings += more
        classifications = (found,)
        types = (event_type, sub_event_type, disorder)
    if disorder_class is not None:
        classifications += (disorder_class,)
    kept = _kept_for(("disorder_type", "event_type", "sub_event_type"), raws, _draft(),
                     _out(style, types=types))
    return (classifications, types, warnings), kept


def _actor_group(which: str) -> Callable[[tuple[str, ...], _Style], _GroupOutcome]:
    name_key, kind_key = ("actor1", "inter1") if which == "1" else ("actor2", "inter2")

    def group(raws: tuple[str, ...], style: _Style) -> _GroupOutcome:
        name = _text(raws[0])
        warnings: tuple[_Warning, ...] = ()
        try:
            kind = _kind(raws[1], kind_key)
        except _CellError:
            if name is None:
                raise
            # an actor type the code book lacks: the actor is read, its type kept as text
            kind = None
            warnings = (("unknown-code", kind_key,
                         "an ACLED actor type the code book lacks (kept as it is)",
                         raws[1].strip()),)
        actor = None if name is None else _actor(name, kind, name_key)
        draft = _draft(**{name_key: actor})
        return (actor, warnings), _kept_for((name_key, kind_key), raws, draft, _out(style))

    return group


def _associates_group(which: str) -> Callable[[tuple[str, ...], _Style], _GroupOutcome]:
    key = f"assoc_actor_{which}"
    field = f"associates{which}"

    def group(raws: tuple[str, ...], style: _Style) -> _GroupOutcome:
        actors = tuple(_actor(name, None, key) for name in _split(raws[0]))
        return actors, _kept_for((key,), raws, _draft(**{field: actors}), _out(style))

    return group


def _place_group(raws: tuple[str, ...], style: _Style) -> _GroupOutcome:
    location = _new_location(dict(zip(_LOCATION_COLUMNS, raws, strict=True)))
    return location, _kept_for(_LOCATION_COLUMNS, raws, _draft(location=location), _out(style))


def _sources_group(raws: tuple[str, ...], style: _Style) -> _GroupOutcome:
    sources = tuple(_source(name) for name in _split(raws[0]))
    return sources, _kept_for(("source", "source_scale"), raws, _draft(sources=sources),
                              _out(style))


def _fatalities_group(raws: tuple[str, ...], style: _Style) -> _GroupOutcome:
    count = _fatalities(raws[0])
    fatalities = None if count is None else _fatality_count(count)
    return fatalities, _kept_for(("fatalities",), raws, _draft(fatalities=fatalities),
                                 _out(style))


def _tags_group(raws: tuple[str, ...], style: _Style) -> _GroupOutcome:
    tags = _split(raws[0])
    return tags, _kept_for(("tags",), raws, _draft(tags=tags), _out(style))


_GROUPS: tuple[tuple[str, tuple[str, ...], Callable[[tuple[str, ...], _Style], _GroupOutcome]],
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
# Columns whose cells can only be numbers or codes: an "NA" there is R's missing value in
# any file (in other columns only in a file that writes NA for missing numbers).
_NUMERIC_COLUMNS = frozenset({
    "data_id", "iso", "event_id_no_cnty", "year", "time_precision", "inter1", "inter2",
    "interaction", "latitude", "longitude", "geo_precision", "fatalities", "timestamp",
})
_NA = "NA"


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


def _missing_as_na(cells: Sequence[str], header: _Header, style: _Style
                   ) -> tuple[Sequence[str], tuple[str, ...]]:
    """*cells* with R's ``NA`` made empty, and the keys of the columns that had it."""
    if _NA not in cells:
        return cells, ()
    emptied = list(cells)
    keys: list[str] = []
    for position, cell in enumerate(cells):
        key = header.keys[position]
        if cell == _NA and (style.na or key in _NUMERIC_COLUMNS):
            emptied[position] = ""
            keys.append(key)
    return emptied, tuple(keys)


def _event(cells: Sequence[str], header: _Header, style: _Style, facts: Mapping[str, str]
           ) -> tuple[Event, tuple[_Warning, ...]]:
    """The event of one row and the warnings its cells give (raises :class:`_CellError` or
    :class:`ValidationError`)."""
    cells, missing = _missing_as_na(cells, header, style)
    row = dict(_EMPTY_ROW)
    row.update(zip(header.keys, cells, strict=True))
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
    (date, time_code), (classifications, types, warnings) = values[:2]
    (actor1, warned1), (actor2, warned2) = values[2:4]
    warnings += warned1 + warned2
    associates1, associates2, location, sources, fatalities, tags = values[4:]

    identifier = row["event_id_cnty"]
    if not identifier.strip():
        data_id = row["data_id"].strip()
        if not data_id:
            raise _CellError("event_id_cnty", "event_id_cnty is empty")
        warnings += (("missing-id", "event_id_cnty",
                      f"event_id_cnty is empty: the row's data_id ({data_id}) is its id",
                      identifier),)
        kept["event_id_cnty"] = identifier
        identifier = data_id
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
    for key in missing:
        kept[key] = _NA
    kept.update(facts)
    # Every part was checked as it was made, and the identifier above: the event itself
    # needs no second round of checks.
    event = _unchecked_event(
        identifier, date, classifications, actor1, actor2, associates1, associates2, location,
        fatalities, sources, notes, tags, {NAME: kept} if kept else None,
    )
    return event, warnings


def _interaction_differs(raw: str, actor1: Actor | None, actor2: Actor | None,
                         style: _Style) -> bool:
    key = (raw, style.inter, actor1 is None, actor2 is None,
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
    style: _Style
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
        return "0" if out.style.inter == "code" else ""
    if actor.kind is None:
        return ""
    return _inter_text(actor.kind, out.style.inter)


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
        return _interaction_text(first.kind, None, out.style.inter)
    if second.kind is None:
        return ""
    return _interaction_text(first.kind, second.kind, out.style.inter)


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
    "event_date": lambda e, o: _render_date(o.day, o.style.date),
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


def _raw_value(key: str, raw: str, out: _Out) -> Any:
    """What the reader makes of *raw* in column *key* (raises :class:`_CellError`)."""
    if key == "event_date":
        return _date(raw, out.style.dayfirst)
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
    if key in ("event_type", "sub_event_type", "disorder_type"):
        return _type_denotes(key, raw, out)
    try:
        value = _raw_value(key, raw, out)
    except _CellError:
        # an actor type the code book lacks denotes an actor of no known type
        return key in ("inter1", "inter2") and _model_value(key, event, out) is None
    model = _model_value(key, event, out)
    if model is _ANY or value == model:
        return True
    return key in ("iso", "country") and value is None


def _type_denotes(key: str, raw: str, out: _Out) -> bool:
    """Whether *raw* in a type column reads as the type the writer writes (D11: the spelling
    a file gave the type, `` Battles `` or ``armed clash``, is written back)."""
    if key == "disorder_type":
        return (_disorder(raw) or raw.strip() or None) == out.disorder
    if key == "sub_event_type":
        try:
            name = acled_codes.sub_event_type(raw).name
        except UnknownCodeError:
            name = raw.strip()
        return name == out.sub_event_type
    if not out.sub_event_type:
        return (_legacy_name(raw) or raw.strip()) == out.event_type
    found = _current_type(raw, out.sub_event_type)[0]
    return found.code == out.sub_event_type and (found.parent or "") == out.event_type


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


def _convert(cells: Sequence[str], header: _Header, style: _Style, facts: Mapping[str, str],
             source: str, line: int | None, policy: ErrorPolicy) -> Event:
    """The event of one row, or a located :class:`ParseError`; its warnings go to *policy*
    (which raises a :class:`ParseError` for them under ``on_warning="error"``)."""
    try:
        event, warnings = _event(cells, header, style, facts)
    except _CellError as bad:
        raise _row_error(bad, header, cells, source, line) from None
    except (ConflictEventsError, ValueError, LookupError, TypeError) as error:
        raise ParseError(f"cannot read the row ({error})", source=source, line=line,
                         value=",".join(cells)) from None
    for code, key, reason, value in warnings:
        position = header.index.get(key)
        column = key if position is None else header.names[position]
        policy.warn(code, reason, source=source, line=line, column=column, value=value,
                    once=code == "unknown-code")
    return event


def _count_error(cells: Sequence[str], header: _Header, source: str, line: int) -> ParseError:
    width = len(header.names)
    reason = f"the row has {len(cells)} cells, the header {width}"
    if len(cells) < width:
        return ParseError(reason, source=source, line=line, column=header.names[len(cells)],
                          value=",".join(cells))
    return ParseError(reason, source=source, line=line, column=width + 1, value=cells[width])


_MAX_PREAMBLE = 100
_SEP_LINE = re.compile(r"sep=([^\r\n\"])\r?\n?")
_DELIMITERS = (",", ";", "\t")


def _blank(line: str) -> bool:
    return not line.strip("\ufeff\r\n\t ")


def _delimiter_of(header_line: str, named: str | None) -> str:
    """The delimiter a ``sep=`` line names, else the one that makes the header ACLED's."""
    if named is not None:
        return named
    for delimiter in _DELIMITERS:
        cells = next(csv.reader([header_line.lstrip("\ufeff")], delimiter=delimiter), [])
        if {"event_id_cnty", "event_date"} <= {cell.strip().lower() for cell in cells}:
            return delimiter
    return ","


class _Tracked:
    """Lines, remembering the last one (to tell whether the input ends with a newline)."""

    __slots__ = ("_lines", "last")

    def __init__(self, lines: Iterable[str]) -> None:
        self._lines = iter(lines)
        self.last = ""

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        self.last = next(self._lines)
        return self.last


@attrs.frozen
class _Head:
    """What the first lines of a file show of how it is written."""

    date_style: str = ISO_DATE_STYLE
    inter: str | None = None
    na: bool = False
    quoting: str = "minimal"


def _analyse_head(lines: Sequence[str], delimiter: str, eol: str, full: bool) -> _Head:
    """The file's writing conventions, from its header and first rows (*full*: the head
    was cut, so its last row may be incomplete)."""
    text = "".join(lines)
    rows: list[list[str]] = []
    with contextlib.suppress(csv.Error):
        rows.extend(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if full and rows:
        rows.pop()
    if not rows:
        return _Head()
    _, index, _ = _keys(rows[0])
    data = [row for row in rows[1:] if len(row) == len(rows[0])]

    def column(key: str) -> list[str]:
        position = index.get(key)
        return [] if position is None else [row[position] for row in data]

    date_style = _date_style(column("event_date"))
    inters = [cell.strip() for cell in column("inter1") + column("inter2") if cell.strip()]
    inter = None if not inters else ("code" if inters[0].isdigit() else "label")
    na = any(row[position] == _NA for row in data for key, position in index.items()
             if key in _NUMERIC_COLUMNS)
    quoting = "minimal"
    if any(" " in cell or "\t" in cell for row in rows for cell in row):
        spaced = eol.join(_format_row(row, delimiter, "spaces") for row in rows)
        minimal = eol.join(_format_row(row, delimiter, "minimal") for row in rows)
        if text.startswith(spaced) and not text.startswith(minimal):
            quoting = "spaces"
    return _Head(date_style, inter, na, quoting)


def _shifted(error: ParseError, lines: int) -> ParseError:
    if not lines or error.line is None:
        return error
    return type(error)(error.reason, source=error.source, line=error.line + lines,
                       column=error.column, value=error.value)


def _facts(header: _Header, head: _Head, style: _Style, eol: str | None, delimiter: str,
           preamble: str) -> dict[str, str]:
    """The ``@`` extras every event of a file carries: how to write the file back."""
    facts: dict[str, str] = {}
    if header.marker is not None:
        facts[LAYOUT_KEY] = header.marker
    if eol is not None:
        facts[EOL_KEY] = eol
    if style.date != ISO_DATE_STYLE:
        facts[DATE_STYLE_KEY] = style.date
    if head.quoting != "minimal":
        facts[QUOTING_KEY] = head.quoting
    if delimiter != ",":
        facts[DELIMITER_KEY] = delimiter
    if preamble:
        facts[PREAMBLE_KEY] = preamble
    if style.na:
        facts[MISSING_KEY] = _NA
    if style.inter != header.style:
        facts[ACTOR_TYPES_KEY] = "codes" if style.inter == "code" else "labels"
    return facts


_LEGACY_TAXONOMY = "before 2019 (nine event types: scheme acled_legacy)"
_CURRENT_TAXONOMY = "since 2019 (event and sub-event types: scheme acled)"


def _described(event: Event, header: _Header) -> Event:
    """*event* (a file's first) with the facts that describe the file for people: its
    layout and its taxonomy (``conflictevents info`` prints them)."""
    extras = {name: dict(columns) for name, columns in event.extras.items()}
    kept = extras.setdefault(NAME, {})
    kept.update({
        LAYOUT_NAME_KEY: header.layout_name,
        TAXONOMY_KEY: _LEGACY_TAXONOMY if header.legacy else _CURRENT_TAXONOMY,
    })
    kept.setdefault(DATE_STYLE_KEY, ISO_DATE_STYLE)
    return attrs.evolve(event, extras=extras)


def _maybe_numeric(text: str) -> bool:
    """Whether *text* may be a numeric date with the day and month in front (``5/12/2024``):
    a quick test that spares the others (``2024-12-05``, ``21 March 2020``) the regex."""
    return len(text) >= 6 and (text[1] in "/.-" or text[2] in "/.-")


def _day_first_by_layout(header: _Header) -> bool | None:
    """ACLED's own order for numeric dates where no date of a file decides it: day-first in
    the files of its pre-2017 layouts (the 25 upper-case columns), else none."""
    return True if header.layout_name.startswith(("before 2017", "Version 5")) else None


def _read_records(
    source: Input, policy: ErrorPolicy, options: Mapping[str, Any]
) -> Iterator[Record]:
    max_field = int(options.get("max_field", DEFAULT_MAX_FIELD))
    head = source.head(HEAD_LINES)
    lines = _Tracked(source.lines())
    preamble: list[str] = []
    named: str | None = None
    header_line: str | None = None
    for line in lines:
        if len(preamble) >= _MAX_PREAMBLE:
            break
        if line.startswith("\ufeff"):
            line = line[1:]
        found = _SEP_LINE.fullmatch(line)
        if _blank(line) or (found is not None and named is None):
            if found is not None:
                named = found.group(1)
            preamble.append(line)
            continue
        header_line = line
        break
    if header_line is None:
        reason = ("no header: the input is empty" if not preamble
                  else f"no header in the first {len(preamble)} lines")
        policy.handle(ParseError(reason, source=source.name, line=len(preamble) or 1))
        return
    skipped = len(preamble)
    delimiter = _delimiter_of(header_line, named)
    eol = "\r\n" if _csv.detect_line_terminator(header_line) == "\r\n" else None
    head_info = _analyse_head(head[skipped:], delimiter, eol or "\n", len(head) >= HEAD_LINES)
    rows = _csv.read_rows(itertools.chain([header_line], lines), source=source.name,
                          delimiter=delimiter, max_field=max_field)
    header: _Header | None = None
    for item in rows:
        if isinstance(item, ParseError):
            policy.handle(_shifted(_located(item, header), skipped))
            return
        try:
            header = _header(item.cells, source.name, item.line + skipped)
        except ParseError as error:
            policy.handle(error)
            return
        break
    if header is None:
        return
    base = _Style(inter=head_info.inter or header.style, date=head_info.date_style,
                  legacy=header.legacy, na=head_info.na)
    styles: dict[bool | None, tuple[_Style, dict[str, str]]] = {}
    order = DayOrder(policy.dayfirst)
    at = header.index["event_date"]
    width = len(header.names)
    default_order = _day_first_by_layout(header)

    def dates_of(row: _csv.Row | ParseError) -> tuple[str, ...]:
        if isinstance(row, _csv.Row) and len(row.cells) == width:
            text = row.cells[at]
            if _maybe_numeric(text):
                return (text,)
        return ()

    def line_of(row: _csv.Row | ParseError) -> int | None:
        return None if row.line is None else row.line + skipped

    warned = order.given
    previous: Event | None = None
    first = True
    # The last event is held back until the input ends, to mark it when the file has no
    # final newline; an error lets it go first, so that events come before errors.
    for item in decide(rows, order, dates_of, line_of):
        problem: ParseError | None = None
        if isinstance(item, ParseError):
            problem = _shifted(_located(item, header), skipped)
        elif not item.cells:
            continue  # a blank line
        elif len(item.cells) != width:
            problem = _count_error(item.cells, header, source.name, item.line + skipped)
        if problem is not None or isinstance(item, ParseError):
            if previous is not None:
                yield previous
                previous = None
            assert problem is not None
            policy.handle(problem)
            continue
        cells = item.cells
        number = item.line + skipped
        dayfirst = order.dayfirst if order.dayfirst is not None else default_order
        chosen = styles.get(dayfirst)
        if chosen is None:
            style = _interned(attrs.evolve(base, date=_ordered_style(base.date, dayfirst),
                                           dayfirst=dayfirst))
            chosen = styles[dayfirst] = (
                style, _facts(header, head_info, style, eol, delimiter, "".join(preamble)))
        style, facts = chosen
        try:
            if (not warned and dayfirst is not None and _maybe_numeric(cells[at])
                    and is_ambiguous_numeric(cells[at])):
                warned = True
                how = (order.description if order.dayfirst is not None else
                       "day-first (ACLED's order in its files before 2017; no date of the "
                       "file decides it)")
                policy.warn("ambiguous-date", f"numeric dates read {how}", source=source.name,
                            line=number, column=header.names[at], value=cells[at])
            event = _convert(cells, header, style, facts, source.name, number, policy)
        except ParseError as failure:
            if previous is not None:
                yield previous
                previous = None
            policy.handle(failure)
            continue
        if first:
            event = _described(event, header)
            first = False
        if previous is not None:
            yield previous
        previous = event
    if previous is not None:
        if lines.last and not lines.last.endswith(("\n", "\r")):
            previous = _with_fact(previous, FINAL_NEWLINE_KEY, "no")
        yield previous


def _with_fact(event: Event, key: str, value: str) -> Event:
    extras = {name: dict(columns) for name, columns in event.extras.items()}
    extras.setdefault(NAME, {})[key] = value
    return attrs.evolve(event, extras=extras)


def _sniff(head: list[str]) -> Sniffed:
    lines = [line.lstrip("\ufeff") for line in head]
    named: str | None = None
    while lines and (_blank(lines[0]) or _SEP_LINE.fullmatch(lines[0])):
        found = _SEP_LINE.fullmatch(lines[0])
        if found is not None:
            named = found.group(1)
        lines.pop(0)
    if not lines:
        return Sniffed(False, saw="no header")
    first = lines[0]
    if first.lstrip().startswith(("{", "[", "#")):
        return Sniffed(False, saw="not a CSV header")
    if len(lines) > 1 and lines[1].lstrip().startswith("#"):
        return Sniffed(False, saw="an HXL hashtag row")  # that is HXL
    delimiter = _delimiter_of(first, named)
    cells = {cell.strip().lower() for cell in next(csv.reader([first], delimiter=delimiter), [])}
    if {"event_id_cnty", "event_date", "event_type"} <= cells:
        return Sniffed(True)
    return Sniffed(False, saw="no event_id_cnty, event_date and event_type columns")


# -- writing -----------------------------------------------------------------------------------


@attrs.define
class _Writer:
    """Turns events into rows of one layout, counting what does not fit."""

    report: ConversionReport
    derive: bool
    names: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    style: _Style = _DEFAULT_STYLE
    marker: str | None = None

    def choose(self, columns: Sequence[str], first: Event | None = None,
               date_style: str | None = None) -> None:
        """Take *columns* as the layout, with the writing style of *first*'s file when the
        layout is that file's.

        :raises ConversionError: for a layout that the reader would refuse.
        """
        columns = tuple(columns)
        keys, _, problem = _keys(columns)
        if problem is not None:
            name, reason = problem
            if reason.startswith("duplicate"):
                raise ConversionError(f"the layout names the column {name!r} twice")
            raise ConversionError(f"the layout has the column {name!r}: {reason}")
        missing = [column for column in REQUIRED_COLUMNS if column not in keys]
        if missing:
            raise ConversionError(
                f"the layout lacks the column(s) {', '.join(missing)} that every ACLED file "
                "has: the file could not be read back"
            )
        self.names = columns
        self.keys = tuple(keys)
        self.marker = None if self.names == CURRENT_LAYOUT else _layout_line(self.names)
        facts: Mapping[str, str] = {}
        if first is not None and first.extra(NAME, LAYOUT_KEY) == self.marker:
            facts = first.extras.get(NAME) or {}
        inter = {"codes": "code", "labels": "label"}.get(
            facts.get(ACTOR_TYPES_KEY, ""), _style(keys))
        if date_style is not None and _valid_style(date_style) != date_style:
            raise ConversionError(
                f"not a date style: {date_style!r} (use %Y or %y, %m or %-m, %d or %-d, %B or "
                "%b, and one of ' ', '-', '/', '.' between them)")
        date = date_style or _valid_style(facts.get(DATE_STYLE_KEY, ISO_DATE_STYLE))
        self.style = _Style(inter=inter, date=date, dayfirst=_style_dayfirst(date),
                            legacy="sub_event_type" not in self.keys,
                            na=facts.get(MISSING_KEY) == _NA)

    def prepare(self, event: Event) -> _Out | str:
        """The writer's decisions for *event*, or why it is left out."""
        date = _acled_date(event.date)
        if date is None:
            return "date less precise than a month (ACLED's time_precision 3)"
        choice = self._legacy(event) if self.style.legacy else self._classification(event)
        if isinstance(choice, str):
            return choice
        event_type, sub_event_type, disorder_default, used = choice
        coded_disorder = event.classification("acled_disorder", derived=False)
        disorder = None
        if "disorder_type" in self.keys:
            if coded_disorder is not None:
                disorder = coded_disorder.code
                used = (*used, coded_disorder)
            elif disorder_default is not None:
                disorder = disorder_default
                self.report.derive("disorder_type")
        scheme = LEGACY_SCHEME if self.style.legacy else "acled"
        if not used or used[0].derived or used[0].scheme != scheme:
            self.report.derive("event_type")
        out = _Out(date[0], date[1], event_type, sub_event_type, disorder, self.style)
        out.used = used
        return out

    def _legacy(
        self, event: Event
    ) -> tuple[str, str, str | None, tuple[Classification, ...]] | str:
        """The old event type of *event*, for a layout without ``sub_event_type``."""
        coded = event.classification(LEGACY_SCHEME, derived=False)
        if coded is not None:
            derived = tuple(item for item in event.classifications if item.via in _LEGACY_VIAS)
            return coded.code, "", None, (coded, *derived)
        current = event.classification("acled", derived=False)
        if current is None and self.derive:
            current = event.classification("acled")
        if current is None:
            return "no ACLED event type (pass derive=True to use a crosswalk)"
        if current.unknown:
            return "ACLED sub-event type not in the code book"
        if not self.derive:
            return ("an ACLED type since 2019 in a layout of the old taxonomy (pass "
                    "derive=True to use the crosswalk)")
        name = _legacy_of(current.parent or "", current.code)
        if name is None:
            return f"no event type before 2019 for {current.code!r}"
        return name, "", None, ()

    def _classification(
        self, event: Event
    ) -> tuple[str, str, str | None, tuple[Classification, ...]] | str:
        coded = event.classification("acled", derived=False)
        if coded is not None:
            if coded.unknown:
                return coded.parent or "", coded.code, None, (coded,)
            return _checked(coded)
        derived = event.classification("acled", derived=True)
        cameo = event.classification("cameo", derived=False)
        legacy = event.classification(LEGACY_SCHEME, derived=False)
        violence = event.classification("ucdp", derived=False)
        if derived is None and cameo is None and violence is not None and self.derive:
            return _from_ucdp(violence)
        if derived is None and cameo is None:
            if legacy is not None:
                return (f"the ACLED event type {legacy.code!r} (before 2019) has no single "
                        "sub-event type since 2019")
            return _NO_TYPE
        if not self.derive:
            if legacy is not None:
                return ("an ACLED event type from before 2019 (pass derive=True to use the "
                        "crosswalk)")
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
            if raw is not None and (same_layout or key not in _RESPELLED):
                if raw == _NA:
                    if _cell(key, event, out) == "" or _no_actor(key, event):
                        cells.append(raw)
                        continue
                elif key == "event_id_cnty" and not raw.strip():
                    if kept.get("data_id", "").strip() == event.id:
                        cells.append(raw)
                        continue
                elif _denotes(key, raw, event, out):
                    cells.append(raw)
                    continue
            cells.append(_cell(key, event, out))
        self._count_drops(event, out)
        return cells

    def _count_drops(self, event: Event, out: _Out) -> None:
        drop = self.report.drop
        keys = set(self.keys)
        date = event.date
        if date.precision is DatePrecision.SPAN or date.end != date.start:
            drop("date.end")  # ACLED keeps the first day and a time precision
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
        if any(s.scale is not None for s in event.sources):
            # source_scale is one cell for the row: which source had which scale is lost
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
            if item.unknown and item.scheme in ("acled", LEGACY_SCHEME):
                drop(f"classifications.{item.scheme} (a code not in the code book)")
                continue
            drop(f"classifications.{item.scheme}" + (" (derived)" if item.derived else ""))
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


def _from_ucdp(violence: Classification) -> tuple[str, str, str | None,
                                                 tuple[Classification, ...]] | str:
    """The ACLED type of a UCDP type of violence, through the code book's crosswalk."""
    if violence.unknown:
        return "UCDP type of violence not in the code book"
    found = ucdp_codes.to_acled(violence.code)
    if found is None or len(found.targets) < 2:
        return "UCDP type of violence has no ACLED equivalent"
    sub = acled_codes.sub_event_type(found.targets[1])
    return sub.event_type, sub.name, sub.disorder_type, ()


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


def _no_actor(key: str, event: Event) -> bool:
    """Whether *key* is the actor type of an actor the event does not have (written ``0``
    in the numeric style, so that R's ``NA`` there still means it)."""
    return (key == "inter1" and event.actor1 is None) or (key == "inter2" and event.actor2 is None)


def _style_dayfirst(style: str) -> bool | None:
    """Whether a numeric date style puts the day first (``None``: not numeric)."""
    if "%B" in style or "%b" in style or style == ISO_DATE_STYLE:
        return None
    return style.find("d") < style.find("m")


def _resolve_layout(layout: str | Sequence[str] | None, first: Event | None,
                    report: ConversionReport) -> tuple[str, ...]:
    if layout is None:
        marker = None if first is None else first.extra(NAME, LAYOUT_KEY)
        if marker is None:
            return CURRENT_LAYOUT
        columns = _layout_columns(marker) if isinstance(marker, str) and marker else ()
        keys, _, problem = _keys(columns)
        if problem is not None or not set(REQUIRED_COLUMNS) <= set(keys):
            # Not a header this reader wrote: records from elsewhere (JSONL) may carry
            # anything under the reserved key. Said, not honoured.
            report.drop("layout (the records' @layout is not an ACLED header; wrote the "
                        "current layout)")
            return CURRENT_LAYOUT
        return columns
    if isinstance(layout, str):
        try:
            return LAYOUTS[layout]
        except KeyError:
            raise ConversionError(
                f"unknown ACLED layout {layout!r}; use one of {', '.join(LAYOUTS)} or a list "
                "of columns"
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
) -> Iterator[tuple[list[str], Event]]:
    """The rows of *records* with their events; *start* is called once the layout is
    chosen."""
    writer = _Writer(report, bool(options.get("derive", False)))
    layout = options.get("layout")
    started = False
    for record in records:
        if _leave_out_other(record, report):
            continue
        assert isinstance(record, Event)
        if not started:
            writer.choose(_resolve_layout(layout, record, report), record,
                          options.get("date_style"))
            start(writer, record)
            started = True
        out = writer.prepare(record)
        if isinstance(out, str):
            report.leave_out(out)
            continue
        yield writer.row(record, out), record
        report.written += 1
    if not started:
        writer.choose(_resolve_layout(layout, None, report), None, options.get("date_style"))
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

    for cells, _ in _rows(records, report, options, start):
        if header:
            yield header.pop()
        yield cells
    if header:
        yield header.pop()


def _quoted(cell: str, delimiter: str, spaces: bool) -> str:
    if (delimiter in cell or '"' in cell or "\n" in cell or "\r" in cell
            or (spaces and (" " in cell or "\t" in cell or "\\" in cell))):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _format_row(cells: Sequence[str], delimiter: str, quoting: str) -> str:
    """One row of cells, quoted as the csv module does (``"minimal"``) or as PHP's
    ``fputcsv`` does (``"spaces"``: also every cell with a space, a tab or a backslash)."""
    if len(cells) == 1 and not cells[0]:
        return '""'
    spaces = quoting == "spaces"
    return delimiter.join(_quoted(cell, delimiter, spaces) for cell in cells)


def _preamble_of(first: Event | None) -> str:
    """The text before the header of *first*'s file, if it is blank lines and a ``sep=``."""
    text = None if first is None else first.extra(NAME, PREAMBLE_KEY)
    if not isinstance(text, str) or not text:
        return ""
    lines = text.splitlines(keepends=True)
    seps = [line for line in lines if _SEP_LINE.fullmatch(line)]
    if len(lines) > _MAX_PREAMBLE or len(seps) > 1 or not all(
        _blank(line) or _SEP_LINE.fullmatch(line) for line in lines
    ):
        return ""
    return text


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
        delimiter = "," if first is None else first.extra(NAME, DELIMITER_KEY) or ","
        if delimiter not in _DELIMITERS:
            delimiter = ","
        quoting = "minimal" if first is None else first.extra(NAME, QUOTING_KEY) or "minimal"
        safe = bool(options.get("spreadsheet_safe"))
        state.update(eol=terminator, delimiter=delimiter, safe=safe,
                     quoting="spaces" if quoting == "spaces" else "minimal")
        stream.write(_preamble_of(first))
        stream.write(line(list(writer.names)))

    def line(cells: list[str]) -> str:
        if state["safe"]:
            cells = [_csv.neutralise_formula(cell) for cell in cells]
        return _format_row(cells, state["delimiter"], state["quoting"])

    last: Event | None = None
    for cells, event in _rows(records, report, options, start):
        stream.write(state["eol"])
        stream.write(line(cells))
        last = event
    if last is None or last.extra(NAME, FINAL_NEWLINE_KEY) != "no":
        stream.write(state["eol"])


def _write_api_records(
    records: Iterable[Record], stream: TextIO, report: ConversionReport,
    options: Mapping[str, Any],
) -> None:
    state: dict[str, Any] = {}

    def start(writer: _Writer, first: Event | None) -> None:
        style = _JsonStyle.parse(None if first is None else first.extra(NAME, JSON_KEY))
        envelope = _envelope_of(first) if style.shape == "envelope" else None
        state.update(names=writer.names, style=style, envelope=envelope)

    # A response is one document, and its count may come before its data: the items are
    # made first (an API response is bounded by the API's page size).
    items = [dict(zip(state["names"], cells, strict=True))
             for cells, _ in _rows(records, report, options, start)]
    style: _JsonStyle = state["style"]
    array = "[" + style.item.join(style.dump(item) for item in items) + "]"
    envelope: dict[str, Any] | None = state["envelope"]
    if envelope is None:
        stream.write(array + style.end)
        return
    members: list[str] = []
    for key, value in envelope.items():
        if key == "data":
            members.append(style.dump(key) + style.key + array)
            continue
        if key == "count":
            value = str(len(items)) if isinstance(value, str) else len(items)
        members.append(style.dump(key) + style.key + style.dump(value))
    stream.write("{" + style.item.join(members) + "}" + style.end)


@attrs.frozen
class _JsonStyle:
    """How an API document was written: ``shape`` (``"array"``: the bare ``data`` array, or
    ``"envelope"``), separators, ASCII escapes, ``\\/`` escapes, the final newline."""

    shape: str = "envelope"
    spaced: bool = False
    ascii: bool = False
    slashes: bool = False
    end: str = "\n"

    @property
    def item(self) -> str:
        return ", " if self.spaced else ","

    @property
    def key(self) -> str:
        return ": " if self.spaced else ":"

    def dump(self, value: Any) -> str:
        text = json.dumps(value, ensure_ascii=self.ascii, separators=(self.item, self.key))
        return text.replace("/", "\\/") if self.slashes else text

    def describe(self) -> str:
        """The style as the words :meth:`parse` reads (the ``@json`` fact)."""
        words = [self.shape, "spaced" if self.spaced else "compact",
                 "ascii" if self.ascii else "utf-8"]
        if self.slashes:
            words.append("escaped slashes")
        words.append("final newline" if self.end == "\n" else "no final newline")
        return "; ".join(words)

    @classmethod
    def parse(cls, text: object) -> _JsonStyle:
        if not isinstance(text, str):
            return cls()
        words = set(text.split("; "))
        return cls("array" if "array" in words else "envelope", "spaced" in words,
                   "ascii" in words, "escaped slashes" in words,
                   "" if "no final newline" in words else "\n")

    @classmethod
    def of(cls, text: str, data: Any) -> _JsonStyle:
        """The style of the document *text* (parsed: *data*)."""
        found = re.search(r'"\s*:(\s?)', text[:4096])
        return cls(
            "array" if isinstance(data, list) else "envelope",
            bool(found and found.group(1)),
            text.isascii(),
            "\\/" in text,
            "\n" if text.endswith("\n") else "",
        )


_DEFAULT_ENVELOPE = {"status": 200, "success": True, "data": None, "count": 0}


def _envelope_of(first: Event | None) -> dict[str, Any]:
    text = None if first is None else first.extra(NAME, ENVELOPE_KEY)
    if isinstance(text, str):
        try:
            envelope = json.loads(text)
        except ValueError:
            envelope = None
        if isinstance(envelope, dict) and "data" in envelope:
            return envelope
    return dict(_DEFAULT_ENVELOPE)


# -- API JSON ----------------------------------------------------------------------------------


def _api_items(data: Any, source: str) -> list[Any]:
    if isinstance(data, dict):
        if "data" not in data:
            raise ParseError("not an ACLED API response: no 'data' array", source=source)
        data = data["data"]
    if not isinstance(data, list):
        raise ParseError("not an ACLED API response: 'data' is not an array", source=source)
    return data


def _api_facts(data: Any, text: str | None) -> dict[str, str]:
    """The ``@`` facts of an API document: its style and, for an envelope, its members."""
    if text is None:
        return {}
    facts = {JSON_KEY: _JsonStyle.of(text, data).describe()}
    if isinstance(data, dict):
        members = {key: (None if key == "data" else value) for key, value in data.items()}
        facts[ENVELOPE_KEY] = json.dumps(members, ensure_ascii=False)
    return facts


def _api_records(data: Any, source: str, policy: ErrorPolicy,
                 text: str | None = None) -> Iterator[Event]:
    try:
        items = _api_items(data, source)
    except ParseError as error:
        policy.handle(error)
        return
    document = _api_facts(data, text)
    first = [item for item in items[:HEAD_LINES] if isinstance(item, dict)]
    dates = [str(item.get("event_date", "")) for item in first]
    inters = [str(item.get(key, "")).strip() for item in first for key in ("inter1", "inter2")]
    inters = [value for value in inters if value]
    styles: dict[tuple[str, ...], tuple[_Style, dict[str, str]]] = {}
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
            chosen = styles.get(header.names)
            if chosen is None:
                inter = header.style if not inters else (
                    "code" if inters[0].isdigit() else "label")
                date = _date_style(dates)
                style = _interned(_Style(inter=inter, date=_ordered_style(date, None),
                                         legacy=header.legacy))
                facts = _facts(header, _Head(), style, None, ",", "")
                facts.update(document)
                if len(styles) < 64:
                    styles[header.names] = (style, facts)
                chosen = (style, facts)
            event = _convert(cells, header, chosen[0], chosen[1], source, number, policy)
        except ParseError as error:
            policy.handle(error)
            continue
        yield _described(event, header) if number == 1 else event


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
    yield from _api_records(data, source.name, policy, text)


def _sniff_api(head: list[str]) -> Sniffed:
    text = "".join(head).lstrip("\ufeff").lstrip()
    if '"event_id_cnty"' not in text:
        return Sniffed(False, saw="no event_id_cnty key")
    if text.startswith("{") and '"data"' in text:
        return Sniffed(True)
    if re.match(r"\[\s*\{", text):
        return Sniffed(True)  # the bare data array
    return Sniffed(False, saw="neither an API response nor its data array")


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
        write_options=frozenset({"layout", "line_terminator", "derive", "spreadsheet_safe",
                                 "date_style"}),
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
    encoding: str | None = None,
    dayfirst: bool | None = None,
    on_warning: OnWarning = "report",
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
    :param encoding: the file's text encoding (by default UTF-8, else cp1252 with a warning).
    :param dayfirst: how to read numeric dates (``12/5/2024``): by default as the file's
        unambiguous dates show, or day-first in ACLED's pre-2017 layouts (with an
        ``ambiguous-date`` warning either way).
    :param on_warning: what to do with a row that reads but is odd (see
        :data:`~conflictevents.formats.OnWarning`).
    :returns: a :class:`~conflictevents.formats.RecordStream` of
        :class:`~conflictevents.Event`.
    :raises ParseError: (when iterating, under ``"raise"``) naming the line, the column and
        the value of a row that cannot be read.
    """
    return _read(source, NAME, on_error=on_error, report=report, max_field=max_field,
                 encoding=encoding, dayfirst=dayfirst, on_warning=on_warning)


def write(
    records: Iterable[Record],
    target: Target,
    *,
    layout: str | Sequence[str] | None = None,
    line_terminator: str | None = None,
    derive: bool = False,
    spreadsheet_safe: bool = False,
    report: ConversionReport | None = None,
    date_style: str | None = None,
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
    :param date_style: how to write ``event_date``, in the tokens ``%Y %y %m %-m %d %-d %B
        %b`` (English month names): ``"%d %B %Y"`` writes ``05 December 2024``, as ACLED's
        export tool did in 2019-2024. By default the style of the file the first event was
        read from (when the layout is that file's), else ISO 8601 (``%Y-%m-%d``).
    :returns: the report: rows written, events left out (and why), fields dropped.
    :raises ConversionError: for an unknown layout name or line terminator.
    """
    options: dict[str, Any] = {"derive": derive, "spreadsheet_safe": spreadsheet_safe}
    if date_style is not None:
        options["date_style"] = date_style
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
    encoding: str | None = None,
    dayfirst: bool | None = None,
    on_warning: OnWarning = "report",
    max_document: int = strict_json.DEFAULT_MAX_DOCUMENT,
) -> RecordStream:
    """Read the events of an ACLED API response (JSON): the response itself (``{"status":
    200, ..., "data": [...]}``) or its bare ``data`` array.

    :param source: a path or file object holding the JSON, or the already parsed response
        (a mapping with a ``"data"`` list) or its ``data`` list itself. The values are
        strings, as the API sends them (numbers and ``null`` are accepted too).
    :param on_error: as for :func:`read`. The ``line`` of an error is the 1-based position of
        the item in the ``data`` array.
    :param report: a report to fill.
    :param encoding: the document's encoding (JSON is UTF-8: only ``"utf-8"`` is accepted).
    :param dayfirst: as for :func:`read`.
    :param on_warning: as for :func:`read`.
    :param max_document: the most characters of JSON read (16 MiB by default), which also
        limits the number of values (one for every 16 characters), so that parsing stays
        within about 100 MB; a larger response is refused with
        :class:`~conflictevents.InputTooLargeError`.
    :returns: a :class:`~conflictevents.formats.RecordStream` of events. The whole response
        is parsed at once (API responses are bounded by the API's page size).
    """
    if isinstance(source, (str, os.PathLike)) or hasattr(source, "read"):
        return _read(source, API_NAME, on_error=on_error, report=report,  # type: ignore[arg-type]
                     encoding=encoding, dayfirst=dayfirst, on_warning=on_warning,
                     max_document=max_document)
    report = report if report is not None else ConversionReport()
    policy = ErrorPolicy(on_error, report, on_warning)
    policy.dayfirst = dayfirst

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
