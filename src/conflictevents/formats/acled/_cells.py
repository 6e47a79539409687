"""ACLED's cells: raw text -> the value the model holds, and an event's value -> text."""

from __future__ import annotations

import contextlib
import datetime as _dt
import functools
import math
import re
from collections.abc import Callable, Iterable
from typing import Any, TypeAlias

import attrs

from conflictevents import places
from conflictevents.codes import acled as acled_codes
from conflictevents.codes import crosswalks
from conflictevents.dates import numeric_day_order
from conflictevents.errors import (
    UnknownCodeError,
)
from conflictevents.formats.acled._layouts import (
    _MODEL_COLUMNS,
    LEGACY_SCHEME,
)
from conflictevents.model import (
    Actor,
    ActorKind,
    Classification,
    DatePrecision,
    Event,
    Fatalities,
    GeoPrecision,
    Location,
)
from conflictevents.model import Source as EventSource

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
