"""ACLED's column layouts and the header: the named layouts, the reserved ``@`` keys,
what a header says of a file, and the shape of its lines (delimiter, quoting, preamble)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence

import attrs

from conflictevents.errors import (
    ParseError,
)

NAME = "acled"
"""The registered name of the CSV format."""

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
