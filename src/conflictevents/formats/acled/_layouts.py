"""ACLED's header and layouts: the columns the reader knows, what a header says of a file
(:class:`_Header`), and the shape of its lines (delimiter, quoting, preamble). The named
layouts and the reserved ``@`` keys are public constants of the package."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence

import attrs

from conflictevents.errors import (
    ParseError,
)
from conflictevents.formats._cells import is_reserved, remember
from conflictevents.formats.acled import (
    CURRENT_LAYOUT,
    REQUIRED_COLUMNS,
)

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
        if is_reserved(name):
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
    return remember(_HEADER_CACHE, names, header, 64)


def _layout_columns(marker: str) -> tuple[str, ...]:
    return tuple(next(csv.reader([marker])))
# Columns whose cells can only be numbers or codes: an "NA" there is R's missing value in
# any file (in other columns only in a file that writes NA for missing numbers).
_NUMERIC_COLUMNS = frozenset({
    "data_id", "iso", "event_id_no_cnty", "year", "time_precision", "inter1", "inter2",
    "interaction", "latitude", "longitude", "geo_precision", "fatalities", "timestamp",
})
_NA = "NA"


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
