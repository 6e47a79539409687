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

from collections.abc import Mapping

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
    "ApiReadOptions",
    "ApiWriteOptions",
    "ReadOptions",
    "WriteOptions",
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

# The modules of the package, imported after the constants above, which they import from here
# (defined here so that their docstrings are this module's). Besides the public names, the
# private helpers the tests and the strategies reach through the package, where they lived
# before the split (``_x as _x``, as icalendar's parser package keeps its old names).
from conflictevents.formats._registry import FormatSpec, register
from conflictevents.formats.acled._cells import ISO_DATE_STYLE
from conflictevents.formats.acled._cells import _date as _date
from conflictevents.formats.acled._cells import _date_style as _date_style
from conflictevents.formats.acled._cells import _legacy_classifications as _legacy_classifications
from conflictevents.formats.acled._cells import _legacy_name as _legacy_name
from conflictevents.formats.acled._cells import _legacy_names as _legacy_names
from conflictevents.formats.acled._cells import _render_date as _render_date
from conflictevents.formats.acled._layouts import _layout_columns as _layout_columns
from conflictevents.formats.acled._options import (
    ApiReadOptions,
    ApiWriteOptions,
    ReadOptions,
    WriteOptions,
)
from conflictevents.formats.acled._read import _read_records, _sniff, read
from conflictevents.formats.acled._write import _style_dayfirst as _style_dayfirst
from conflictevents.formats.acled._write import _write_records, rows, write
from conflictevents.formats.acled.api import SPEC as API_SPEC  # noqa: F401 (as before)
from conflictevents.formats.acled.api import _sniff_api as _sniff_api
from conflictevents.formats.acled.api import read_api, write_api

# -- registration (the acled-api format registers in .api) ------------------------------------

SPEC = register(
    FormatSpec(
        name=NAME,
        title="ACLED CSV export",
        read=_read_records,
        write=_write_records,
        sniff=_sniff,
        suffixes=(),
        read_options=ReadOptions,
        write_options=WriteOptions,
    )
)
