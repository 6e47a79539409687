"""HXL: CSV with a row of Humanitarian Exchange Language hashtags under the header.

Reading
    The reader finds the hashtag row anywhere among the first :data:`SEARCH_ROWS` rows (the
    HXL standard: "HXL software should expect to find the hashtag row anywhere within the
    first 25 rows"); the row just above it is the header, and rows above that (an HDX title
    row) are the preamble. A row is the hashtag row when at least half of its non-empty
    cells are hashtags, as libhxl decides (a cell that is not a hashtag leaves its column
    untagged, with a ``malformed-hashtag`` warning).

    Columns are read by their hashtags, following HXL's rules: tags and attributes are
    case-insensitive and the order of attributes does not matter. A column whose hashtag has
    more attributes than a pattern of :data:`COLUMNS` still matches it (``#date+occurred+iso``
    is a date), and each column goes to the most specific pattern it matches
    (``#group+name+first+assoc`` is an associate, not the first actor); but a *count* column
    must carry exactly the pattern's attributes, since any other attribute narrows it:
    ``#affected+killed+f`` is the number of women killed, never the total. Where several
    columns could fill one field, an exact hashtag wins, then the first column.

    HDX's UCDP files (:data:`UCDP_COLUMNS`) tag only some of UCDP GED's columns
    (``#date+start``, ``#group+name+first``, ``#affected+killed``...); when the header holds
    UCDP's column names (``id``, ``date_start``, ``type_of_violence``, ``best``), each
    column is read with its UCDP meaning, tagged or not.

    Every column the model has no field for (untagged ones too, and an unnamed pandas index
    column) is kept in ``Event.extras["hxl"]``: keyed by its hashtag as written (without
    white space), else by its header, else ``column N``.

Writing
    Events read from a file are written back in that file's own layout: its preamble,
    header and hashtag rows (kept verbatim under the reserved extras key ``"@head"`` when
    they are not the library's own), its columns in their order, its line ends (``"@eol"``),
    and every cell's text where the model would write it differently (``15960.0``,
    ``18/04/2001``, ``36.50``) as long as that text still says what the event holds. An HDX
    file read and written back is byte for byte the same. Other events are written as the
    humanitarian data portals (HDX) publish ACLED data (:data:`COLUMNS`), with any hashtag
    columns of ``extras["hxl"]`` after them. What a layout cannot carry is counted in the
    report; an extras key that is not a hashtag cannot be a column of the library's layout
    and is dropped and counted (``extras.hxl.<key>``), so that the file stays readable.
"""

from __future__ import annotations

import csv
import datetime as _dt
import functools
import io
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, ClassVar, TextIO

import attrs

from conflictevents import places
from conflictevents.codes import ucdp as ucdp_codes
from conflictevents.dates import is_ambiguous_numeric, parse_date
from conflictevents.errors import (
    ConflictEventsError,
    ParseError,
    UnknownCodeError,
    ValidationError,
)
from conflictevents.formats import _options
from conflictevents.formats._cells import CellError, is_reserved, remember
from conflictevents.formats._csv import Row, read_rows, writer
from conflictevents.formats._day_order import DayOrder, decide
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
from conflictevents.model import (
    Source as SourceRecord,
)
from conflictevents.model.event import _unchecked_event

__all__ = [
    "COLUMNS", "DAYFIRST_KEY", "EOL_KEY", "FINAL_KEY", "HASHTAG", "HEAD_KEY", "NAME", "SEARCH_ROWS",
    "UCDP_COLUMNS", "Hashtag", "is_hashtag_row", "parse_hashtag", "read", "write",
]

NAME = "hxl"
SEARCH_ROWS = 25
"""How many rows the reader looks through for the hashtag row (HXL 1.1, section 2.1)."""
SEPARATOR = "; "
"""Joins several names in one cell (associates, sources, tags), as ACLED does."""
HEAD_KEY = "@head"
"""Reserved extras key: the text of the rows up to the hashtag row, when the file's layout
is not the library's own (:data:`COLUMNS`)."""
EOL_KEY = "@eol"
"""Reserved extras key: ``"\\r\\n"`` for a file whose rows end so."""
DAYFIRST_KEY = "@dayfirst"
"""Reserved extras key: how the file's numeric dates read (``"true"`` day-first,
``"false"`` month-first), kept on an event whose date text needed it."""
FINAL_KEY = "@final-eol"
"""Reserved extras key: ``"none"`` on the last event of a file whose last row has no line
end, so that the file written back has none either."""
_WIDTH_KEY = "@width"
_MAX_COUNT = 2**63 - 1

HASHTAG = re.compile(r"^\s*#([A-Za-z][A-Za-z0-9_]*)((?:\s*\+\s*[A-Za-z][A-Za-z0-9_]*)*)\s*$")
"""A HXL hashtag with its attributes, as the HXL standard spells them."""


@attrs.frozen
class Hashtag:
    """A parsed hashtag: the tag and its attributes, lower case.

    Its text form is HXL's normal form: lower case, no white space, attributes in
    alphabetical order (HXL 1.1, section 2.2.1).

    >>> tag = parse_hashtag("#Group +Name +First")
    >>> tag.tag, sorted(tag.attributes), str(tag)
    ('group', ['first', 'name'], '#group+first+name')
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
    if len(text) > 1000:
        return None
    match = HASHTAG.match(text)
    if match is None:
        return None
    attributes = [a.strip().lower() for a in match.group(2).split("+")[1:]]
    return Hashtag(match.group(1).lower(), frozenset(attributes))


def is_hashtag_row(cells: Sequence[str]) -> bool:
    """Whether *cells* is a HXL hashtag row: at least one hashtag, and at least half of the
    non-empty cells are hashtags (libhxl's rule).

    >>> is_hashtag_row(["#event+code", "", "#date+occurred"]), is_hashtag_row(["#a", "b", "c"])
    (True, False)
    """
    filled = [c for c in cells if c.strip()]
    tagged = sum(1 for c in filled if parse_hashtag(c) is not None)
    return tagged > 0 and 2 * tagged >= len(filled)


#: The columns of the library's layout, in order: (header, hashtag).
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

# The field (role) each hashtag of COLUMNS fills, and a few more hashtags that HDX uses.
_ROLE_OF_HEADER = {
    "event_id": "id", "event_date": "date_start", "date_end": "date_end",
    "date_precision": "precision", "year": "year", "event_type": "event_type",
    "sub_event_type": "sub_event_type", "cameo_code": "cameo", "actor1": "actor1",
    "assoc_actor_1": "assoc1", "actor2": "actor2", "assoc_actor_2": "assoc2",
    "country": "country_name", "iso3": "country_code", "admin1": "admin1",
    "admin1_code": "admin1_code", "admin2": "admin2", "admin3": "admin3",
    "location": "location", "latitude": "latitude", "longitude": "longitude",
    "geo_precision": "geo_precision", "source": "source", "notes": "notes", "tags": "tags",
    "fatalities": "best",
}
_PATTERNS: tuple[tuple[Hashtag, str], ...] = tuple(
    (tag, role) for tag, role in (
        *((parse_hashtag(t), _ROLE_OF_HEADER[h]) for h, t in COLUMNS),
        (parse_hashtag("#date+start"), "date_start"),  # HDX's UCDP files
        (parse_hashtag("#date+end"), "date_end"),
    ) if tag is not None
)
#: Roles a column must match exactly (a further attribute narrows a count: ``+f``).
_EXACT_ROLES = frozenset({"best", "low", "high", "year"})

UCDP_COLUMNS: Mapping[str, tuple[str | None, str | None]] = {
    "id": ("ucdp_id", None),
    "year": ("year", "#date+year"),
    "start_year": (None, "#date+year+start"),
    "end_year": (None, "#date+year+end"),
    "type_of_violence": ("ucdp_violence", None),
    "side_a": ("actor1", "#group+name+first"),
    "side_b": ("actor2", "#group+name+second"),
    "source_article": (None, "#meta+source"),
    "source_headline": (None, "#description"),
    "where_prec": ("ucdp_where_prec", None),
    "where_coordinates": ("location", "#loc+name"),
    "adm_1": ("admin1", "#adm1+name"),
    "adm_2": ("admin2", "#adm2+name"),
    "latitude": ("latitude", "#geo+lat"),
    "longitude": ("longitude", "#geo+lon"),
    "country": ("country_name", "#country+name"),
    "iso3": ("country_code", "#country+code"),
    "region": (None, "#region+name"),
    "date_prec": ("ucdp_date_prec", None),
    "date_start": ("date_start", "#date+start"),
    "date_end": ("date_end", "#date+end"),
    "best": ("best", "#affected+killed"),
    "low": ("low", None),
    "high": ("high", None),
}
"""HDX's UCDP files: UCDP GED column -> (the field it fills, the hashtag HDX gives it).

The hashtags are those of HDX's UCDP scraper (GitHub ``OCHA-DAP/hdx-scraper-ucdp``,
``ucdp.py``, ``hxltags``); the meanings are UCDP GED's (``source_article`` is a citation and
``source_headline`` a headline, kept as they are, not sources and notes). Columns not
listed (``deaths_a``, ``gwnoa``...) are kept verbatim."""
_UCDP_SIGNATURE = ("id", "date_start", "type_of_violence", "best")

_UCDP_GEO = {p.code: GeoPrecision(p.precision) for p in ucdp_codes.where_precisions()}
_UCDP_GEO_CODES = {precision: code for code, precision in _UCDP_GEO.items()}
_UCDP_DATE = {p.code: DatePrecision(p.precision) for p in ucdp_codes.date_precisions()}
_UCDP_DATE_CODES = {precision: code for code, precision in _UCDP_DATE.items()}

_COUNT = re.compile(r"^[0-9]{1,19}(?:\.0*)?$")
_NUMBER = re.compile(r"^\s*[+-]?(?:[0-9]{1,30}(?:\.[0-9]{0,30})?|\.[0-9]{1,30})"
                     r"(?:[eE][+-]?[0-9]{1,3})?\s*$")


# -- layouts -----------------------------------------------------------------------------------


@attrs.frozen
class _Column:
    index: int
    header: str
    tag_text: str
    key: str
    role: str | None


@attrs.frozen
class _Layout:
    columns: tuple[_Column, ...]
    roles: Mapping[str, int]
    head: str | None
    profile: str
    malformed: tuple[tuple[int, str], ...] = ()

    @property
    def width(self) -> int:
        return len(self.columns)

    def column_of(self, role: str) -> _Column | None:
        index = self.roles.get(role)
        return None if index is None else self.columns[index]

    def label(self, index: int) -> str:
        """How an error names column *index*: its hashtag, else its header."""
        if 0 <= index < len(self.columns):
            column = self.columns[index]
            return column.tag_text or column.header or f"column {index + 1}"
        return f"column {index + 1}"


def _normal(text: str) -> str:
    return "".join(text.split())


def _keys(headers: Sequence[str], tags: Sequence[str]) -> list[str]:
    keys: list[str] = []
    seen: set[str] = set()
    for index, (header, tag) in enumerate(zip(headers, tags, strict=True)):
        key = _normal(tag) if parse_hashtag(tag) is not None else " ".join(header.split())
        if not key or is_reserved(key) or key in seen:
            key = f"{key} (column {index + 1})" if key else f"column {index + 1}"
        seen.add(key)
        keys.append(key)
    return keys


def _hashtag_roles(tags: Sequence[Hashtag | None], taken: set[int]) -> dict[str, int]:
    """Which column each field reads, by hashtag (columns in *taken* are already assigned)."""
    candidates: dict[str, list[tuple[int, int, int]]] = {}
    for index, tag in enumerate(tags):
        if tag is None or index in taken:
            continue
        best: tuple[int, str] | None = None
        for pattern, role in _PATTERNS:
            if not tag.matches(pattern):
                continue
            if role in _EXACT_ROLES and tag.attributes != pattern.attributes:
                continue
            if best is None or len(pattern.attributes) > best[0]:
                best = (len(pattern.attributes), role)
        if best is None:
            continue
        role = best[1]
        exact = 0 if any(tag == p and r == role for p, r in _PATTERNS) else 1
        candidates.setdefault(role, []).append((exact, index, index))
    return {role: min(found)[1] for role, found in candidates.items()}


def _layout(headers: Sequence[str] | None, tag_cells: Sequence[str], head: str | None
            ) -> _Layout:
    width = max(len(tag_cells), len(headers or ()))
    tag_texts = [(tag_cells[i].strip() if i < len(tag_cells) else "") for i in range(width)]
    header_texts = [((headers or ())[i] if i < len(headers or ()) else "") for i in range(width)]
    if header_texts:
        header_texts[0] = header_texts[0].lstrip("\ufeff")
    tags = [parse_hashtag(t) if t else None for t in tag_texts]
    malformed = tuple((i, t) for i, t in enumerate(tag_texts) if t and tags[i] is None)
    lowered = [" ".join(h.split()).lower() for h in header_texts]
    roles: dict[str, int] = {}
    profile = "hxl"
    if all(name in lowered for name in _UCDP_SIGNATURE):
        profile = "ucdp"
        for index, name in enumerate(lowered):
            role, hdx_tag = UCDP_COLUMNS.get(name, (None, None))
            if role is None or role in roles:
                continue
            tag = tags[index]
            if tag is None or (hdx_tag is not None and tag == parse_hashtag(hdx_tag)):
                roles[role] = index
    taken = set(roles.values())
    if profile == "ucdp":
        # UCDP's own columns that carry no model field stay verbatim, whatever HDX tags them
        taken |= {i for i, name in enumerate(lowered) if name in UCDP_COLUMNS}
    for role, index in _hashtag_roles(tags, taken).items():
        roles.setdefault(role, index)
    if "event_type" in roles and "sub_event_type" not in roles:
        del roles["event_type"]  # an event type alone is no ACLED classification
    role_of = {index: role for role, index in roles.items()}
    keys = _keys(header_texts, tag_texts)
    columns = tuple(_Column(i, header_texts[i], _normal(tag_texts[i]) if tags[i] else "",
                            keys[i], role_of.get(i)) for i in range(width))
    return _Layout(columns, roles, head, profile, malformed)


@functools.cache
def _library_layout() -> _Layout:
    return _layout([h for h, _ in COLUMNS], [t for _, t in COLUMNS], None)


def _library_head(eol: str) -> str:
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator=eol)
    out.writerow([h for h, _ in COLUMNS])
    out.writerow([t for _, t in COLUMNS])
    return buffer.getvalue()


_HEAD_CACHE: dict[str, _Layout] = {}


def _layout_of_head(head: str | None) -> _Layout:
    """The layout a ``@head`` text describes (the library's own for ``None``)."""
    if head is None:
        return _library_layout()
    found = _HEAD_CACHE.get(head)
    if found is None:
        rows = list(csv.reader(io.StringIO(head, newline="")))
        tag_row = rows[-1] if rows else []
        headers = rows[-2] if len(rows) > 1 else None
        found = remember(_HEAD_CACHE, head, _layout(headers, tag_row, head), 65)
    return found


# -- the fields ----------------------------------------------------------------------------


def _text(raw: str) -> str | None:
    return raw.strip() or None


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


def _count(role: str, raw: str) -> int | None:
    text = raw.strip()
    if not text:
        return None
    if not _COUNT.match(text):
        raise CellError(role, "not a whole number of deaths", raw)
    value = int(text.split(".")[0])
    if value > _MAX_COUNT:
        raise CellError(role, "too large for a number of deaths", raw)
    return value


def _coordinate(role: str, raw: str) -> float | None:
    if not raw.strip():
        return None
    if not _NUMBER.match(raw):
        raise CellError(role, "not a number", raw)
    value = float(raw)
    if not math.isfinite(value):
        raise CellError(role, "not a finite number", raw)
    return value


def _country_code(raw: str) -> str | None:
    """The ISO 3166-1 alpha-3 code *raw* names, or ``None`` (unknown: kept as text)."""
    text = raw.strip()
    if not text:
        return None
    try:
        return places.resolve_country(text)
    except (UnknownCodeError, ValueError):
        return None


def _ucdp_id(raw: str) -> str | None:
    """A UCDP id: an integer, also when pandas wrote it ``15960.0``."""
    text = raw.strip()
    if re.fullmatch(r"[0-9]{1,30}\.0*", text):
        return text.split(".")[0]
    return text or None


def _year(raw: str) -> int | None:
    text = raw.strip()
    if re.fullmatch(r"[0-9]{1,4}(?:\.0*)?", text) is None:
        return None
    return int(text.split(".")[0])


def _ucdp_code(raw: str) -> int | None:
    text = raw.strip()
    if not text or len(text) > 4:
        return None
    if re.fullmatch(r"[0-9]+(?:\.0*)?", text) is None:
        return None
    return int(text.split(".")[0])


def _fallback_name(location: Location) -> str:
    if location.admin3 or location.admin2 or location.admin1:
        return location.admin3 or location.admin2 or location.admin1 or ""
    if location.latitude is not None:
        return f"{location.latitude!r}, {location.longitude!r}"
    return str(location.country)


def _country_text(code: str) -> str:
    name = places.country_name(code)
    return name if _country_code(name) == code else code


# What each role reads from a cell (for the check that a kept text still says what the event
# holds) and what the event holds for it, and what the writer writes for it.

def _date_of(raw: str, dayfirst: bool | None) -> EventDate | None:
    if not raw.strip():
        return None
    try:
        return parse_date(raw, dayfirst=dayfirst)
    except (ParseError, ValueError, RecursionError):
        return None


def _classification(event: Event, scheme: str) -> Classification | None:
    return event.classification(scheme)


def _loc(event: Event) -> Location | None:
    return event.location


_MODEL: dict[str, Callable[[Event], Any]] = {
    "id": lambda e: e.id,
    "ucdp_id": lambda e: e.id,
    "year": lambda e: e.date.start.year,
    "actor1": lambda e: None if e.actor1 is None else e.actor1.name,
    "actor2": lambda e: None if e.actor2 is None else e.actor2.name,
    "assoc1": lambda e: tuple(a.name for a in e.associates1),
    "assoc2": lambda e: tuple(a.name for a in e.associates2),
    "sub_event_type": lambda e: None if (c := _classification(e, "acled")) is None else c.code,
    "event_type": lambda e: None if (c := _classification(e, "acled")) is None else c.parent,
    "cameo": lambda e: None if (c := _classification(e, "cameo")) is None else c.code,
    "ucdp_violence": lambda e: None if (c := _classification(e, "ucdp")) is None else c.code,
    "country_name": lambda e: None if (p := _loc(e)) is None else p.country,
    "country_code": lambda e: None if (p := _loc(e)) is None else p.country,
    "admin1": lambda e: None if (p := _loc(e)) is None else p.admin1,
    "admin2": lambda e: None if (p := _loc(e)) is None else p.admin2,
    "admin3": lambda e: None if (p := _loc(e)) is None else p.admin3,
    "admin1_code": lambda e: None if (p := _loc(e)) is None else p.admin1_code,
    "location": lambda e: None if (p := _loc(e)) is None or p.name == _fallback_name(p)
    else p.name,
    "latitude": lambda e: None if (p := _loc(e)) is None else p.latitude,
    "longitude": lambda e: None if (p := _loc(e)) is None else p.longitude,
    "geo_precision": lambda e: None if (p := _loc(e)) is None else p.precision,
    "ucdp_where_prec": lambda e: None if (p := _loc(e)) is None else p.precision,
    "source": lambda e: tuple(s.name for s in e.sources),
    "notes": lambda e: e.notes,
    "tags": lambda e: tuple(e.tags),
    "best": lambda e: None if e.fatalities is None else e.fatalities.best,
    "low": lambda e: None if e.fatalities is None else e.fatalities.low,
    "high": lambda e: None if e.fatalities is None else e.fatalities.high,
    "precision": lambda e: e.date.precision,
    "ucdp_date_prec": lambda e: e.date.precision,
}


def _read_value(role: str, raw: str, event: Event, dayfirst: bool | None) -> Any:
    """What the reader makes of *raw* for *role* (``_UNREADABLE`` when it refuses it)."""
    try:
        if role == "date_start":
            date = _date_of(raw, dayfirst)
            return _UNREADABLE if date is None else date.start
        if role == "date_end":
            date = _date_of(raw, dayfirst)
            return _UNREADABLE if date is None else date.end
        if role == "year":
            return _year(raw)
        if role == "ucdp_id":
            return _ucdp_id(raw)
        if role == "ucdp_violence":
            number = _ucdp_code(raw)
            return _text(raw) if number is None else str(number)
        if role in ("assoc1", "assoc2", "source", "tags"):
            return _split(raw)
        if role in ("country_name", "country_code"):
            return _country_code(raw)
        if role in ("latitude", "longitude"):
            return _coordinate(role, raw)
        if role in ("best", "low", "high"):
            return _count(role, raw)
        if role == "geo_precision":
            return GeoPrecision(raw.strip().lower()) if raw.strip() else None
        if role == "ucdp_where_prec":
            return _UCDP_GEO.get(_ucdp_code(raw) or 0)
        if role == "precision":
            start, end = event.date.start, event.date.end
            if not raw.strip():
                return DatePrecision.DAY if start == end else DatePrecision.SPAN
            return DatePrecision(raw.strip().lower())
        if role == "ucdp_date_prec":
            return _ucdp_precision(raw, event.date.start, event.date.end)
        if role == "admin1_code":
            text = raw.strip()
            return text if text and places.is_subdivision_code(text) else None
        return _text(raw)
    except (CellError, ValueError):
        return _UNREADABLE


_UNREADABLE = object()


def _ucdp_precision(raw: str, start: _dt.date, end: _dt.date) -> DatePrecision:
    precision = _UCDP_DATE.get(_ucdp_code(raw) or 0)
    if precision is None:
        return DatePrecision.DAY if start == end else DatePrecision.SPAN
    if precision is DatePrecision.DAY and start != end:
        return DatePrecision.SPAN
    return precision


def _render(role: str, event: Event, layout: _Layout) -> str:
    """The text the writer gives *role* for *event*."""
    date = event.date
    location = event.location
    if role in ("id", "ucdp_id"):
        return event.id
    if role == "date_start":
        return date.start.isoformat()
    if role == "date_end":
        return date.end.isoformat() if date.end != date.start or layout.profile == "ucdp" \
            else ""
    if role == "year":
        return str(date.start.year)
    if role == "precision":
        default = DatePrecision.DAY if date.start == date.end else DatePrecision.SPAN
        return "" if date.precision is default else date.precision.value
    if role == "ucdp_date_prec":
        return str(_UCDP_DATE_CODES[date.precision])
    if role in ("assoc1", "assoc2", "source", "tags"):
        names: tuple[str, ...] = _MODEL[role](event)
        return SEPARATOR.join(names)
    if role == "country_name":
        return "" if location is None or location.country is None else _country_text(
            location.country)
    if role == "location":
        return "" if location is None else location.name
    if role in ("latitude", "longitude"):
        value = _MODEL[role](event)
        return "" if value is None else repr(value)
    if role in ("geo_precision",):
        value = _MODEL[role](event)
        return "" if value is None else value.value
    if role == "ucdp_where_prec":
        value = _MODEL[role](event)
        return "" if value is None else str(_UCDP_GEO_CODES[value])
    value = _MODEL[role](event)
    return "" if value is None else str(value)


# -- reading -------------------------------------------------------------------------------


@attrs.define
class _Context:
    layout: _Layout
    source: str
    policy: ErrorPolicy
    order: DayOrder
    eol: str | None


def _warn_unknown(ctx: _Context, line: int, role: str, value: str, what: str) -> None:
    column = ctx.layout.column_of(role)
    ctx.policy.warn("unknown-code", f"{what} the code book lacks; kept as written",
                    source=ctx.source, line=line,
                    column=None if column is None else ctx.layout.label(column.index),
                    value=value, once=True)


def _classified(ctx: _Context, line: int, role: str, scheme: str, code: str,
                parent: str | None = None) -> Classification:
    try:
        return Classification(scheme, code, parent=parent)
    except ValidationError:
        _warn_unknown(ctx, line, role, code, f"a {scheme} code")
        return Classification(scheme, code, parent=parent, unknown=True)


def _event_of(cells: Sequence[str], ctx: _Context, line: int) -> Event:
    layout = ctx.layout
    raw: dict[str, str] = {}
    for role, index in layout.roles.items():
        raw[role] = cells[index] if index < len(cells) else ""

    def get(role: str) -> str | None:
        text = raw.get(role)
        return None if text is None else _text(text)

    dayfirst = ctx.order.dayfirst
    identifier = get("id") or _ucdp_id(raw.get("ucdp_id", "")) or f"row{line}"
    start_text = get("date_start")
    if start_text is None:
        raise CellError("date_start", "an event needs a date", raw.get("date_start", ""))
    try:
        start = parse_date(start_text, dayfirst=dayfirst)
    except ParseError as error:
        raise CellError("date_start", error.reason, start_text, type(error)) from None
    except RecursionError:
        raise CellError("date_start", "not a date", start_text) from None
    end_text = get("date_end")
    try:
        end = parse_date(end_text, dayfirst=dayfirst) if end_text is not None else start
    except ParseError as error:
        raise CellError("date_end", error.reason, end_text or "", type(error)) from None
    except RecursionError:
        raise CellError("date_end", "not a date", end_text or "") from None
    precision: DatePrecision
    precision_text = get("precision")
    if precision_text is not None:
        try:
            precision = DatePrecision(precision_text.lower())
        except ValueError:
            raise CellError("precision", "must be day, span, week, month or year",
                            precision_text) from None
    elif "ucdp_date_prec" in raw and raw["ucdp_date_prec"].strip():
        text = raw["ucdp_date_prec"]
        if _UCDP_DATE.get(_ucdp_code(text) or 0) is None:
            _warn_unknown(ctx, line, "ucdp_date_prec", text, "a UCDP date_prec code")
        precision = _ucdp_precision(text, start.start, end.end)
    else:
        precision = start.precision if end is start else DatePrecision.SPAN
    try:
        date = EventDate(start.start, end.end, precision)
    except ValidationError as error:
        role = "date_end" if error.field == "end" else (
            "precision" if "precision" in raw else "date_start")
        raise CellError(role, error.reason, raw.get(role, "")) from None

    classifications: list[Classification] = []
    sub_event_type, event_type = get("sub_event_type"), get("event_type")
    if sub_event_type is not None:
        classifications.append(_classified(ctx, line, "sub_event_type", Classification.ACLED,
                                           sub_event_type, event_type))
    cameo = get("cameo")
    if cameo is not None:
        classifications.append(_classified(ctx, line, "cameo", Classification.CAMEO, cameo))
    violence = get("ucdp_violence")
    if violence is not None:
        number = _ucdp_code(violence)
        try:
            code = None if number is None else ucdp_codes.type_of_violence(number).code
        except UnknownCodeError:
            code = None
        if code is None:
            _warn_unknown(ctx, line, "ucdp_violence", violence, "a UCDP type of violence")
            classifications.append(Classification(Classification.UCDP, violence, unknown=True))
        else:
            classifications.append(Classification(Classification.UCDP, code))

    country: str | None = None
    for role in ("country_code", "country_name"):
        country_text = get(role)
        if country_text is None:
            continue
        found = _country_code(country_text)
        if found is None:
            _warn_unknown(ctx, line, role, country_text, "a country")
        elif country is None:
            country = found
        elif found != country:
            column = layout.column_of(role)
            ctx.policy.warn("inconsistent-country", f"names another country than the country "
                            f"code ({country}); the code is read, the name kept as written",
                            source=ctx.source, line=line,
                            column=None if column is None else layout.label(column.index),
                            value=country_text)
    latitude = _coordinate("latitude", raw.get("latitude", ""))
    longitude = _coordinate("longitude", raw.get("longitude", ""))
    if (latitude is None) != (longitude is None):
        role = "latitude" if latitude is None else "longitude"
        raise CellError(role, "latitude and longitude go together", raw.get(role, ""))
    geo: GeoPrecision | None = None
    geo_text = get("geo_precision")
    if geo_text is not None:
        try:
            geo = GeoPrecision(geo_text.lower())
        except ValueError:
            raise CellError("geo_precision",
                            "not a precision (exact, near, admin2, admin1, region, country, "
                            "international)", geo_text) from None
    where_text = get("ucdp_where_prec")
    if where_text is not None:
        geo = _UCDP_GEO.get(_ucdp_code(where_text) or 0)
        if geo is None:
            _warn_unknown(ctx, line, "ucdp_where_prec", where_text, "a UCDP where_prec code")
    admin1, admin2, admin3 = get("admin1"), get("admin2"), get("admin3")
    admin1_code = get("admin1_code")
    if admin1_code is not None and not places.is_subdivision_code(admin1_code):
        admin1_code = None  # HDX publishes p-codes, not ISO 3166-2 codes: kept as written
    name = get("location")
    location = None
    if any(v is not None for v in (name, country, admin1, admin2, admin3, latitude, geo)):
        location = Location(name=name or "?", country=country, admin1=admin1, admin2=admin2,
                            admin3=admin3, latitude=latitude, longitude=longitude,
                            precision=geo, admin1_code=admin1_code)
        if name is None:
            location = attrs.evolve(location, name=_fallback_name(location))

    best, low, high = (_count(role, raw.get(role, "")) for role in ("best", "low", "high"))
    fatalities = None
    if best is None:
        if low is not None or high is not None:
            raise CellError("best", "low and high need a best estimate", raw.get("best", ""))
    else:
        fatalities = Fatalities(best, low, high)
        if not fatalities.consistent:
            column = layout.column_of("best")
            ctx.policy.warn("inconsistent-range",
                            "the low and high estimates do not bracket the best one; kept as "
                            "written", source=ctx.source, line=line,
                            column=None if column is None else layout.label(column.index),
                            value=f"low {low}, best {best}, high {high}")

    actor1, actor2 = get("actor1"), get("actor2")
    source_text = get("source")
    event = Event(
        id=identifier, date=date, classifications=classifications,
        actor1=None if actor1 is None else Actor(actor1),
        actor2=None if actor2 is None else Actor(actor2),
        associates1=[Actor(n) for n in _split(get("assoc1") or "")],
        associates2=[Actor(n) for n in _split(get("assoc2") or "")],
        location=location, fatalities=fatalities,
        sources=[SourceRecord(s) for s in _split(source_text or "")],
        notes=get("notes"), tags=list(_split(get("tags") or "")),
    )
    kept: dict[str, str] = {}
    needs_order = False
    for column in layout.columns:
        cell = cells[column.index] if column.index < len(cells) else ""
        if column.role is None:
            if cell:
                kept[column.key] = cell
        elif cell != _render(column.role, event, layout):
            kept[column.key] = cell
            if column.role in ("date_start", "date_end") and is_ambiguous_numeric(cell):
                needs_order = True
    for index in range(layout.width, len(cells)):
        if cells[index]:
            kept[f"column {index + 1}"] = cells[index]
    if len(cells) != layout.width:
        kept[_WIDTH_KEY] = str(len(cells))
    if layout.head is not None:
        kept[HEAD_KEY] = layout.head
    if ctx.eol is not None:
        kept[EOL_KEY] = ctx.eol
    if needs_order and dayfirst is not None:
        kept[DAYFIRST_KEY] = "true" if dayfirst else "false"
    if not kept:
        return event
    # the event was checked when it was made; only its extras (all strings) are added
    return _unchecked_event(
        event.id, event.date, event.classifications, event.actor1, event.actor2,
        event.associates1, event.associates2, event.location, event.fatalities, event.sources,
        event.notes, event.tags, {NAME: kept})


def _located(error: ParseError, layout: _Layout | None) -> ParseError:
    """*error* with a column position replaced by the column's hashtag or header."""
    if layout is not None and isinstance(error.column, int):
        return type(error)(error.reason, source=error.source, line=error.line,
                           column=layout.label(error.column - 1), value=error.value)
    return error


def _convert(item: Row, ctx: _Context) -> Event | None:
    layout = ctx.layout
    try:
        return _event_of(item.cells, ctx, item.line)
    except CellError as bad:
        column = layout.column_of(bad.column)
        label = layout.label(column.index) if column is not None else _role_tag(bad.column)
        ctx.policy.handle(bad.kind(bad.reason, source=ctx.source, line=item.line,
                                   column=label, value=bad.value))
    except ValidationError as error:
        ctx.policy.handle(ParseError(str(error), source=ctx.source, line=item.line,
                                     column=error.field, value=error.value))
    except ParseError as error:  # a warning under on_warning="error"
        ctx.policy.handle(error)
    except (ConflictEventsError, ValueError, OverflowError, RecursionError) as error:
        ctx.policy.handle(ParseError(f"cannot read the row ({error})", source=ctx.source,
                                     line=item.line))
    return None


def _role_tag(role: str) -> str:
    for header, tag in COLUMNS:
        if _ROLE_OF_HEADER[header] == role:
            return tag
    return role


def _date_texts(item: Row | ParseError, layout: _Layout) -> list[str]:
    if isinstance(item, ParseError):
        return []
    found = []
    for role in ("date_start", "date_end"):
        index = layout.roles.get(role)
        if index is not None and index < len(item.cells):
            found.append(item.cells[index])
    return found


@attrs.frozen(kw_only=True)
class ReadOptions(_options.ReadOptions):
    """The options of :func:`read`: the common ones."""

    FORMAT: ClassVar[str] = NAME


@attrs.frozen(kw_only=True)
class WriteOptions(_options.CsvLineWriteOptions):
    """The options of :func:`write`: those of every CSV writer."""

    FORMAT: ClassVar[str] = NAME


def _read_records(source: Input, policy: ErrorPolicy, options: ReadOptions) -> Iterator[
    Record
]:
    max_field = options.max_field
    recorded: list[str] = []
    recording = [True]

    last = [""]

    def tap(lines: Iterable[str]) -> Iterator[str]:
        for text in lines:
            if recording[0]:
                recorded.append(text)
            last[0] = text
            yield text

    rows = read_rows(tap(source.lines()), source=source.name, max_field=max_field)
    before: list[Row] = []
    layout: _Layout | None = None
    eol: str | None = None
    for item in rows:
        if isinstance(item, ParseError):
            policy.handle(item)
            return
        if is_hashtag_row(item.cells):
            recording[0] = False
            head = "".join(recorded)
            recorded.clear()
            eol = "\r\n" if head.endswith("\r\n") else None
            headers = before[-1].cells if before else None
            layout = _layout(headers, item.cells, head)
            if head == _library_head(eol or "\n"):
                layout = attrs.evolve(layout, head=None)
            for index, text in layout.malformed:
                policy.warn("malformed-hashtag", "not a HXL hashtag: the column is read as "
                            "untagged", source=source.name, line=item.line,
                            column=layout.label(index), value=text)
            if "date_start" not in layout.roles:
                policy.handle(ParseError("no #date+occurred column (nor #date+start)",
                                         source=source.name, line=item.line,
                                         column="#date+occurred"))
                return
            break
        before.append(item)
        if len(before) >= SEARCH_ROWS:
            break
    if layout is None:
        recording[0] = False
        policy.handle(ParseError(f"no HXL hashtag row in the first {SEARCH_ROWS} rows",
                                 source=source.name, line=1))
        return
    order = DayOrder(policy.dayfirst)
    ctx = _Context(layout, source.name, policy, order, eol)
    data = (item for item in rows
            if isinstance(item, ParseError) or any(c.strip() for c in item.cells))
    decided = decide(data, order, lambda item: _date_texts(item, layout),
                     lambda item: None if isinstance(item, ParseError) else item.line)
    announced = False
    held: Event | None = None
    for item in decided:
        if not announced and order.resolved > 0 and not order.given:
            announced = True
            policy.warn("ambiguous-date", "numeric dates read "
                        f"{order.description}", source=source.name,
                        column=_date_label(layout))
        if isinstance(item, ParseError):
            policy.handle(_located(item, layout))
            continue
        record = _convert(item, ctx)
        if record is not None:
            if held is not None:
                yield held
            held = record
    if held is not None:
        if last[0] and not last[0].endswith(("\n", "\r")):
            # the file ends without a line end: so will the file written back
            extras = {NAME: {**held.extras.get(NAME, {}), FINAL_KEY: "none"}}
            held = attrs.evolve(held, extras={**held.extras, **extras})
        yield held


def _date_label(layout: _Layout) -> str | None:
    column = layout.column_of("date_start")
    return None if column is None else layout.label(column.index)


def _sniff(head: list[str]) -> Sniffed:
    rows: list[list[str]] = []
    reader = csv.reader(head)
    while len(rows) < SEARCH_ROWS:
        try:
            rows.append(next(reader))
        except (StopIteration, csv.Error):
            break
    for row in rows:
        if is_hashtag_row(row):
            return Sniffed(True, "a row of HXL hashtags")
    return Sniffed(False, f"no row of HXL hashtags in the first {min(len(rows), SEARCH_ROWS)} "
                          "rows")


# -- writing -------------------------------------------------------------------------------


def _extra_tags(event: Event, source_layout: _Layout, layout: _Layout) -> list[str]:
    """The hashtag columns of *event*'s extras that the library's layout adds."""
    kept = event.extras.get(NAME, {})
    known = {c.key for c in layout.columns}
    out: list[str] = []
    for key in kept:
        if is_reserved(key) or key in known or parse_hashtag(key) is None:
            continue
        column = next((c for c in source_layout.columns if c.key == key), None)
        if column is not None and column.role is not None:
            continue
        out.append(key)
    return out


def _drop_unwritten(event: Event, layout: _Layout, report: ConversionReport) -> None:
    roles = layout.roles
    date = event.date
    if date.end != date.start and "date_end" not in roles:
        report.drop("date.end")
    default = DatePrecision.DAY if date.start == date.end else DatePrecision.SPAN
    if (date.precision is not default and "precision" not in roles
            and "ucdp_date_prec" not in roles):
        report.drop("date.precision")
    for item in event.classifications:
        needed = {"acled": "sub_event_type", "cameo": "cameo", "ucdp": "ucdp_violence"}.get(
            item.scheme)
        if needed is None or needed not in roles or item is not event.classification(
                item.scheme):
            report.drop(f"classifications.{item.scheme}")
        elif item.scheme == "acled" and item.parent is not None and "event_type" not in roles:
            report.drop("classifications.acled.parent")
        elif item.derived:
            report.derive(layout.columns[roles[needed]].header or needed)
    for field, actor in (("actor1", event.actor1), ("actor2", event.actor2)):
        if actor is None:
            continue
        if field not in roles:
            report.drop(field)
        for attribute in ("kind", "country", "cameo_code"):
            if getattr(actor, attribute) is not None:
                report.drop(f"{field}.{attribute}")
        if actor.aliases:
            report.drop(f"{field}.aliases")
    for field, role, group in (("associates1", "assoc1", event.associates1),
                               ("associates2", "assoc2", event.associates2)):
        if not group:
            continue
        if role not in roles or any(";" in a.name for a in group):
            report.drop(field)
        elif any(a.kind is not None or a.country is not None or a.cameo_code is not None
                 or a.aliases for a in group):
            report.drop(f"{field}.details")
    location = event.location
    if location is not None:
        checks = (
            ("location.name", location.name != _fallback_name(location), ("location",)),
            ("location.country", location.country is not None,
             ("country_name", "country_code")),
            ("location.admin1", location.admin1 is not None, ("admin1",)),
            ("location.admin2", location.admin2 is not None, ("admin2",)),
            ("location.admin3", location.admin3 is not None, ("admin3",)),
            ("location.admin1_code", location.admin1_code is not None, ("admin1_code",)),
            ("location.coordinates", location.latitude is not None, ("latitude",)),
            ("location.precision", location.precision is not None,
             ("geo_precision", "ucdp_where_prec")),
        )
        for field, present, carriers in checks:
            if present and not any(r in roles for r in carriers):
                report.drop(field)
    fatalities = event.fatalities
    if fatalities is not None:
        if "best" not in roles:
            report.drop("fatalities")
        elif (fatalities.low is not None and "low" not in roles) or (
                fatalities.high is not None and "high" not in roles):
            report.drop("fatalities.range")
    if event.sources:
        if "source" not in roles or any(";" in s.name for s in event.sources):
            report.drop("sources")
        elif any(s.url or s.published or s.scale for s in event.sources):
            report.drop("sources.details")
    if event.notes is not None and "notes" not in roles:
        report.drop("notes")
    if event.tags and ("tags" not in roles or any(";" in t for t in event.tags)):
        report.drop("tags")
    for fmt in event.extras:
        if fmt != NAME:
            report.drop(f"extras.{fmt}")


def _cells(event: Event, layout: _Layout, extra_tags: Sequence[str],
           report: ConversionReport) -> list[str]:
    kept = event.extras.get(NAME, {})
    same = kept.get(HEAD_KEY) == layout.head
    source_layout = layout if same else _layout_of_head(kept.get(HEAD_KEY))
    day_text = kept.get(DAYFIRST_KEY)
    dayfirst = None if day_text is None else day_text == "true"
    out: list[str] = []
    as_read = _as_read(event, layout, kept, dayfirst) if same else None
    for column in layout.columns:
        if column.role is None:
            out.append(kept.get(column.key, ""))
            continue
        if as_read is not None:
            out.append(as_read[column.index])
            continue
        text = _render(column.role, event, layout)
        if column.role in ("assoc1", "assoc2", "source", "tags") and ";" in "".join(
                _MODEL[column.role](event)):
            text = ""
        if same and column.key in kept:
            raw = kept[column.key]
            if raw == "" or _read_value(column.role, raw, event, dayfirst) == _MODEL_VALUE(
                    column.role, event):
                text = raw
        out.append(text)
    out.extend(kept.get(tag, "") for tag in extra_tags)
    width_text = kept.get(_WIDTH_KEY) if same else None
    if width_text is not None and width_text.isdigit():
        width = int(width_text)
        out.extend(kept.get(f"column {i + 1}", "") for i in range(len(out), width))
        if all(not c for c in out[width:]):
            del out[width:]
    # What the extras hold that no cell carries: counted. A kept text of a cell the model
    # carries (in the event's own layout) is no loss.
    written = {c.key for c in layout.columns if c.role is None} | set(extra_tags)
    source_roles = {c.key for c in source_layout.columns if c.role is not None}
    for key in kept:
        if is_reserved(key) or key in written or key in source_roles:
            continue
        if same and key.startswith("column ") and width_text is not None:
            continue
        report.drop(f"extras.{NAME}.{key}")
    return out


def _plain(event: Event) -> Event:
    return attrs.evolve(event, extras=None)


def _as_read(event: Event, layout: _Layout, kept: Mapping[str, str],
             dayfirst: bool | None) -> list[str] | None:
    """The cells as they were read, if reading them again still gives *event*.

    This keeps a publisher's inconsistent cells as they were (a country name that
    contradicts the country code, a ``year`` that is not the year of the date) while the
    event is unchanged."""
    cells = [kept.get(c.key, "") if c.role is None or c.key in kept
             else _render(c.role, event, layout) for c in layout.columns]
    if not any(c.role is not None and c.key in kept for c in layout.columns):
        return cells
    quiet = ErrorPolicy("raise", ConversionReport())
    try:
        again = _event_of(cells, _Context(layout, "", quiet, DayOrder(dayfirst), None), 0)
    except (CellError, ConflictEventsError, ValueError, OverflowError, RecursionError):
        return None
    if again.id == "row0" and _ROW_ID.fullmatch(event.id):
        again = attrs.evolve(again, id=event.id)
    return cells if _plain(again) == _plain(event) else None


_ROW_ID = re.compile(r"row[0-9]+")


def _MODEL_VALUE(role: str, event: Event) -> Any:  # noqa: N802 - a table lookup
    if role == "date_start":
        return event.date.start
    if role == "date_end":
        return event.date.end
    return _MODEL[role](event)


def _write_records(
    records: Iterable[Record], stream: TextIO, report: ConversionReport,
    options: WriteOptions,
) -> None:
    safe = options.spreadsheet_safe
    given_eol = options.line_terminator
    out: Any = None
    layout: _Layout | None = None
    extra_tags: list[str] = []
    held: list[str] | None = None
    final: str | None = None
    for record in records:
        if not isinstance(record, Event):
            report.leave_out(f"not an event ({type(record).__name__})")
            continue
        if layout is None:
            kept = record.extras.get(NAME, {})
            eol = str(given_eol or kept.get(EOL_KEY) or "\n")
            layout = _layout_of_head(kept.get(HEAD_KEY))
            out = writer(stream, line_terminator=eol, spreadsheet_safe=safe)
            if layout.head is not None:
                stream.write(layout.head)
            else:
                extra_tags = _extra_tags(record, _layout_of_head(None), layout)
                out.writerow([h for h, _ in COLUMNS] + ["" for _ in extra_tags])
                out.writerow([t for _, t in COLUMNS] + extra_tags)
        _drop_unwritten(record, layout, report)
        if held is not None:
            out.writerow(held)
        held = _cells(record, layout, extra_tags, report)
        final = record.extras.get(NAME, {}).get(FINAL_KEY)
        report.written += 1
    if held is not None:
        if final == "none":  # the file this row ended had no line end after it
            buffer = io.StringIO()
            writer(buffer, line_terminator="\n", spreadsheet_safe=safe).writerow(held)
            stream.write(buffer.getvalue()[:-1])
        else:
            out.writerow(held)
    if layout is None:
        out = writer(stream, line_terminator=str(given_eol or "\n"), spreadsheet_safe=safe)
        out.writerow([h for h, _ in COLUMNS])
        out.writerow([t for _, t in COLUMNS])


SPEC = register(
    FormatSpec(
        name=NAME,
        title="HXL-tagged CSV (Humanitarian Exchange Language)",
        read=_read_records,
        write=_write_records,
        sniff=_sniff,
        suffixes=(".hxl.csv", ".hxl"),
        read_options=ReadOptions,
        write_options=WriteOptions,
        precedence=1,
    )
)


def read(source: FileSource, *, on_error: OnError = "raise", max_field: int = DEFAULT_MAX_FIELD,
         report: ConversionReport | None = None, encoding: str | None = None,
         dayfirst: bool | None = None, on_warning: OnWarning = "report") -> RecordStream:
    """Read the events of a HXL-tagged CSV file, by hashtag (see :func:`conflictevents.read`).

    Rows without an id column get the id ``row<line>``.

    >>> import io
    >>> text = "Title\\nWhen,Killed\\n#date+occurred,#affected+killed\\n18/04/2001,3\\n"
    >>> [(str(e.date), e.fatalities.best) for e in read(io.StringIO(text))]
    [('2001-04-18', 3)]
    """
    return _read(source, NAME, on_error=on_error, report=report, max_field=max_field,
                 encoding=encoding, dayfirst=dayfirst, on_warning=on_warning)


def write(records: Iterable[Record], target: Target, *,
          line_terminator: _options.LineTerminator | None = None,
          spreadsheet_safe: bool = False,
          report: ConversionReport | None = None) -> ConversionReport:
    """Write events as HXL-tagged CSV: a header row, the hashtag row, one row per event.

    Events read from a HXL file are written in that file's layout (see the module's
    documentation); others in :data:`COLUMNS`.

    :param line_terminator: ``"\\n"`` or ``"\\r\\n"``; by default the line end of the file the
        events were read from, else ``"\\n"``.
    :param spreadsheet_safe: prefix with ``'`` every cell a spreadsheet would run as a formula
        (see :class:`~conflictevents.formats.CsvWriteOptions`); off by default.
    """
    return _write(records, target, NAME, report=report, line_terminator=line_terminator,
                  spreadsheet_safe=spreadsheet_safe)
