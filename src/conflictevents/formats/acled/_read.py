"""Reading ACLED CSV: rows of cells -> events."""

from __future__ import annotations

import contextlib
import csv
import datetime as _dt
import io
import itertools
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeAlias, cast

import attrs

from conflictevents.dates import is_ambiguous_numeric
from conflictevents.errors import (
    ConflictEventsError,
    ParseError,
    ValidationError,
)
from conflictevents.formats import _csv
from conflictevents.formats._cells import CACHE_LIMIT, CellError, remember
from conflictevents.formats._day_order import DayOrder, decide
from conflictevents.formats._io import DEFAULT_MAX_FIELD, FileSource, Input
from conflictevents.formats._policy import ErrorPolicy, OnError, OnWarning
from conflictevents.formats._registry import (
    HEAD_LINES,
    RecordStream,
    Sniffed,
)
from conflictevents.formats._registry import read as _read
from conflictevents.formats.acled import (
    ACTOR_TYPES_KEY,
    DATE_STYLE_KEY,
    DELIMITER_KEY,
    EOL_KEY,
    FINAL_NEWLINE_KEY,
    LAYOUT_KEY,
    LAYOUT_NAME_KEY,
    LEGACY_SCHEME,
    MISSING_KEY,
    NAME,
    PREAMBLE_KEY,
    QUOTING_KEY,
    TAXONOMY_KEY,
)
from conflictevents.formats.acled._cells import (
    _TIME_CODES,
    ISO_DATE_STYLE,
    _admin1_code,
    _cell,
    _coordinate,
    _country,
    _current_type,
    _date,
    _date_style,
    _disorder,
    _Draft,
    _fallback_name,
    _fatalities,
    _geo_precision,
    _interned,
    _kind,
    _legacy_classifications,
    _legacy_name,
    _ordered_style,
    _Out,
    _split,
    _Style,
    _text,
    _time_precision,
    _Warning,
)
from conflictevents.formats.acled._layouts import (
    _KNOWN_COLUMNS,
    _LOCATION_COLUMNS,
    _MAX_PREAMBLE,
    _NA,
    _NUMERIC_COLUMNS,
    _SEP_LINE,
    _VERBATIM_COLUMNS,
    _blank,
    _delimiter_of,
    _format_row,
    _Header,
    _header,
    _keys,
)
from conflictevents.formats.acled._options import ReadOptions
from conflictevents.formats.report import ConversionReport
from conflictevents.model import (
    Actor,
    ActorKind,
    Classification,
    DatePrecision,
    Event,
    EventDate,
    Fatalities,
    Location,
    Record,
)
from conflictevents.model import Source as EventSource
from conflictevents.model.event import _unchecked_event

_OBJECT_CACHE: dict[tuple[object, ...], Any] = {}


def _shared(key: tuple[object, ...], make: Callable[[], Any]) -> Any:
    """An immutable value object, shared between rows (actors, sources, classifications)."""
    found = _OBJECT_CACHE.get(key)
    if found is None:
        found = remember(_OBJECT_CACHE, key, make())
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
        raise CellError("event_type", "event_type is empty")
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
        raise CellError("sub_event_type", "sub_event_type is empty")
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
        except CellError:
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
_GROUPED = frozenset(column for _, columns, _ in _GROUPS for column in columns)
_INTERACTION_CACHE: dict[tuple[object, ...], bool] = {}


@attrs.frozen
class _RowPlan:
    """What a header needs for reading its rows fast."""

    rest: tuple[tuple[int, str, int], ...]
    """Position, key and mode of every column outside the groups."""
    groups: tuple[tuple[Callable[[Sequence[str]], Any], bool], ...] = ()
    """Per group: what takes its cells out of a row (a string for a group of one column,
    else a tuple: the key of its cache), and whether it is of one column."""
    id_at: int = -1
    data_id_at: int = -1
    notes_at: int = -1
    """Where ``event_id_cnty``, ``data_id`` and ``notes`` are (-1: not in the header)."""


def _group_getter(positions: tuple[int, ...]) -> Callable[[Sequence[str]], Any]:
    """What takes the cells at *positions* out of a row (-1: a column the header lacks,
    read as empty)."""
    if -1 not in positions:
        return operator.itemgetter(*positions)
    if len(positions) == 1:
        return lambda cells: ""
    return lambda cells: tuple(cells[at] if at >= 0 else "" for at in positions)


# The last header and style seen, with their plan and steps: most files have one of each.
_LAST_PLAN: tuple[object, _RowPlan | None] = (None, None)
_LAST_CACHES: tuple[object, tuple[dict[Any, _GroupOutcome], ...]] = (None, ())
_Step = tuple[Callable[[Sequence[str]], Any], bool,
              Callable[[tuple[str, ...], _Style], _GroupOutcome], dict[Any, _GroupOutcome]]
_LAST_STEPS: tuple[object, object, tuple[_Step, ...]] = (None, None, ())


def _steps(plan: _RowPlan, style: _Style) -> tuple[_Step, ...]:
    """Per group: its getter, whether it is of one column, its builder and its cache."""
    global _LAST_STEPS
    last = _LAST_STEPS
    if last[0] is plan and last[1] is style:
        return last[2]
    steps = tuple((getter, single, build, cache) for (getter, single), (_, _, build), cache
                  in zip(plan.groups, _GROUPS, _caches_for(style), strict=True))
    _LAST_STEPS = (plan, style, steps)
    return steps
# style -> one cache per group (a handful of styles at most, emptied past 16)
_STYLE_CACHES: dict[_Style, tuple[dict[Any, _GroupOutcome], ...]] = {}


def _caches_for(style: _Style) -> tuple[dict[Any, _GroupOutcome], ...]:
    global _LAST_CACHES
    last = _LAST_CACHES
    if last[0] is style:
        return last[1]
    caches = _STYLE_CACHES.get(style)
    if caches is None:
        caches = remember(_STYLE_CACHES, style, tuple({} for _ in _GROUPS), 16)
    _LAST_CACHES = (style, caches)
    return caches


_ROW_PLANS: dict[tuple[str, ...], _RowPlan] = {}
_VERBATIM_MODE, _TEXT_MODE, _INTERACTION_MODE, _COMPARED_MODE = range(4)


def _row_plan(header: _Header) -> _RowPlan:
    global _LAST_PLAN
    last = _LAST_PLAN
    if last[0] is header and last[1] is not None:
        return last[1]
    plan = _ROW_PLANS.get(header.names)
    if plan is not None:
        _LAST_PLAN = (header, plan)
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
    at = header.index.get
    groups = tuple((_group_getter(tuple(at(column, -1) for column in columns)),
                    len(columns) == 1) for _, columns, _ in _GROUPS)
    plan = _RowPlan(tuple(rest), groups, at("event_id_cnty", -1), at("data_id", -1),
                    at("notes", -1))
    remember(_ROW_PLANS, header.names, plan, 64)
    _LAST_PLAN = (header, plan)
    return plan


def _missing_as_na(cells: Sequence[str], header: _Header, style: _Style
                   ) -> tuple[Sequence[str], tuple[str, ...]]:
    """*cells* (which hold R's ``NA``) with it made empty, and the keys of the columns that
    had it."""
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
    """The event of one row and the warnings its cells give (raises :class:`CellError` or
    :class:`ValidationError`)."""
    if _NA in cells:
        cells, missing = _missing_as_na(cells, header, style)
    else:
        missing = ()
    plan = _row_plan(header)
    values: list[Any] = []
    kept: dict[str, str] = {}
    # Each group's cells, straight from the row, are the key of the style's cache.
    for getter, single, build, cache in _steps(plan, style):
        raws = getter(cells)
        outcome = cache.get(raws)
        if outcome is None:
            outcome = remember(cache, raws, build((raws,) if single else raws, style),
                               CACHE_LIMIT)
        values.append(outcome[0])
        if outcome[1]:
            kept.update(outcome[1])
    (date, time_code), (classifications, types, warnings) = values[:2]
    (actor1, warned1), (actor2, warned2) = values[2:4]
    warnings += warned1 + warned2
    associates1, associates2, location, sources, fatalities, tags = values[4:]

    identifier = cells[plan.id_at] if plan.id_at >= 0 else ""
    if not identifier.strip():
        data_id = (cells[plan.data_id_at] if plan.data_id_at >= 0 else "").strip()
        if not data_id:
            raise CellError("event_id_cnty", "event_id_cnty is empty")
        warnings += (("missing-id", "event_id_cnty",
                      f"event_id_cnty is empty: the row's data_id ({data_id}) is its id",
                      identifier),)
        kept["event_id_cnty"] = identifier
        identifier = data_id
    notes = _text(cells[plan.notes_at] if plan.notes_at >= 0 else "")
    for position, key, mode in plan.rest:
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
        differs = remember(_INTERACTION_CACHE, key,
                           raw != _cell("interaction", draft, _out(style)))
    return differs


_DATE_CACHE: dict[tuple[_dt.date, DatePrecision], EventDate] = {}


def _event_date(day: _dt.date, precision: DatePrecision) -> EventDate:
    key = (day, precision)
    found = _DATE_CACHE.get(key)
    if found is None:
        found = remember(_DATE_CACHE, key, EventDate(day, day, precision))
    return found


def _new_location(raw: dict[str, str]) -> Location | None:
    if not any(value.strip() for value in raw.values()):
        return None
    latitude = _coordinate(raw["latitude"], "latitude", 90.0)
    longitude = _coordinate(raw["longitude"], "longitude", 180.0)
    if (latitude is None) != (longitude is None):
        missing = "latitude" if latitude is None else "longitude"
        raise CellError(missing, "latitude and longitude go together")
    by_iso = _country(raw["iso"]) if raw["iso"].strip() else None
    by_name = _country(raw["country"])
    if by_iso is not None and by_name is not None and by_iso != by_name:
        raise CellError("country", f"the country does not match iso {raw['iso']} ({by_iso})")
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
            raise CellError("location", "location is empty and nothing names the place")
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
    """``cls(**fields)``, with a :class:`ValidationError` turned into a :class:`CellError`."""
    try:
        return cls(**fields)
    except ValidationError as error:
        column = _FIELD_COLUMNS.get(error.field, key)
        if error.field == "name":
            column = key
        raise CellError(column, error.reason) from None


# How the reader decides whether to keep a cell's text: "text" columns hold it as it is
# (kept only when blank but not empty), "verbatim" columns are kept when not empty, the
# others are compared with what the writer would write.
_TEXT_KEYS = frozenset({"event_id_cnty", "actor1", "actor2", "admin1", "admin2", "admin3",
                        "notes"})


# -- reading -----------------------------------------------------------------------------------


def _located(error: ParseError, header: _Header | None) -> ParseError:
    """*error* with a column number replaced by the column's name."""
    column = error.column
    if header is not None and isinstance(column, int) and 1 <= column <= len(header.names):
        return type(error)(error.reason, source=error.source, line=error.line,
                           column=header.names[column - 1], value=error.value)
    return error


def _row_error(bad: CellError, header: _Header, cells: Sequence[str], source: str,
               line: int | None) -> ParseError:
    position = header.index.get(bad.column)
    name = bad.column if position is None else header.names[position]
    value = None if position is None else cells[position]
    return ParseError(bad.reason, source=source, line=line, column=name, value=value)


def _convert(cells: Sequence[str], header: _Header, style: _Style, facts: Mapping[str, str],
             source: str, line: int | None, policy: ErrorPolicy) -> Event:
    """The event of one row, or a located :class:`ParseError`; its warnings go to *policy*
    (which raises a :class:`ParseError` for them under ``on_warning="error"``)."""
    try:
        event, warnings = _event(cells, header, style, facts)
    except CellError as bad:
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
    source: Input, policy: ErrorPolicy, options: ReadOptions
) -> Iterator[Record]:
    max_field = options.max_field
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


def read(
    source: FileSource,
    *,
    on_error: OnError = "raise",
    max_field: int = DEFAULT_MAX_FIELD,
    report: ConversionReport | None = None,
    encoding: str | None = None,
    dayfirst: bool | None = None,
    on_warning: OnWarning = "report",
) -> RecordStream[Event]:
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
    stream = _read(source, NAME, on_error=on_error, report=report, max_field=max_field,
                   encoding=encoding, dayfirst=dayfirst, on_warning=on_warning)
    return cast("RecordStream[Event]", stream)
