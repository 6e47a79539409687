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

# Besides the public names: the private helpers the tests and the strategies reach through
# this package, where they lived before the split (``_x as _x``: kept on purpose).
from conflictevents.formats._registry import FormatSpec, register
from conflictevents.formats.acled._cells import ISO_DATE_STYLE
from conflictevents.formats.acled._cells import _date as _date
from conflictevents.formats.acled._cells import _date_style as _date_style
from conflictevents.formats.acled._cells import _legacy_classifications as _legacy_classifications
from conflictevents.formats.acled._cells import _legacy_name as _legacy_name
from conflictevents.formats.acled._cells import _legacy_names as _legacy_names
from conflictevents.formats.acled._cells import _render_date as _render_date
from conflictevents.formats.acled._layouts import (
    ACTOR_TYPES_KEY,
    API_2018_LAYOUT,
    CURRENT_LAYOUT,
    DATE_STYLE_KEY,
    DELIMITER_KEY,
    ENVELOPE_KEY,
    EOL_KEY,
    FINAL_NEWLINE_KEY,
    JSON_KEY,
    LAYOUT_KEY,
    LAYOUT_NAME_KEY,
    LAYOUTS,
    LEGACY_LAYOUT,
    LEGACY_SCHEME,
    MISSING_KEY,
    NAME,
    PREAMBLE_KEY,
    QUOTING_KEY,
    REQUIRED_COLUMNS,
    TAXONOMY_KEY,
    UPPER_CASE_LAYOUT,
)
from conflictevents.formats.acled._layouts import _layout_columns as _layout_columns
from conflictevents.formats.acled._read import _read_records, _sniff, read
from conflictevents.formats.acled._write import _style_dayfirst as _style_dayfirst
from conflictevents.formats.acled._write import _write_records, rows, write
from conflictevents.formats.acled.api import API_NAME, read_api, write_api
from conflictevents.formats.acled.api import _sniff_api as _sniff_api

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


# -- registration (the acled-api format registers in .api) ------------------------------------

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
