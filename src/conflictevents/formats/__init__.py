"""Reading and writing the field's formats, one module per format.

Every format converts to and from the core types; a conversion between two formats is a read
followed by a write. :func:`read` and :func:`write` find the format by name (or detect it);
the format modules (``conflictevents.formats.acled`` and so on) have their own ``read`` and
``write`` with the format's options spelled out.

Every format module has the same names: ``NAME`` (the name passed as ``format=``),
``COLUMNS`` or ``LAYOUTS`` (its columns, or its named column lists), ``read`` and ``write``,
and registers a ``SPEC`` whose reader is the module's ``_read_records``:

======================  =========================  =========================  ====================
``format=``             module                     columns                    the reader's code
======================  =========================  =========================  ====================
``acled``               ``formats.acled``          ``LAYOUTS``                ``acled/_read.py``
``acled-api``           ``formats.acled.api``      ``LAYOUTS``                ``acled/api.py``
``gdelt1``, ``gdelt2``  ``formats.gdelt``          ``LAYOUTS``                ``gdelt.py``
``gdelt-reduced``       ``formats.gdelt_reduced``  ``COLUMNS``                ``gdelt_reduced.py``
``geojson``             ``formats.geojson``        ``COLUMNS``                ``geojson.py``
``hxl``                 ``formats.hxl``            ``COLUMNS`` (tags)         ``hxl.py``
``icews``               ``formats.icews``          ``COLUMNS``                ``icews.py``
``jsonl``               ``formats.jsonl``          the model's fields         ``jsonl.py``
``parquet``             ``formats.parquet``        ``conflictevents.tables``  ``parquet.py``
``ucdp-ged``            ``formats.ucdp``           ``COLUMNS``                ``ucdp.py``
======================  =========================  =========================  ====================

What the readers share is in private modules: ``_io`` (opening inputs), ``_csv``,
``_cells`` (the cell error, number text, caches, reserved ``@`` extras keys), ``_policy``
(``on_error``/``on_warning``), ``_day_order``, ``_registry`` (detection and dispatch).
"""

from conflictevents.formats._io import (
    DEFAULT_MAX_DECOMPRESSED,
    DEFAULT_MAX_FIELD,
    DEFAULT_MAX_RATIO,
    RATIO_FLOOR,
)
from conflictevents.formats._options import (
    CsvLineWriteOptions,
    CsvWriteOptions,
    DocumentReadOptions,
    NumberedWriteOptions,
    OptionInfo,
    Options,
    ReadOptions,
    WriteOptions,
)
from conflictevents.formats._policy import OnError, OnWarning
from conflictevents.formats._registry import (
    FormatSpec,
    RecordStream,
    detect_format,
    format_names,
    get_format,
    read,
    register,
    write,
)
from conflictevents.formats._strict_json import DEFAULT_MAX_DOCUMENT
from conflictevents.formats.report import ConversionReport

__all__ = [
    "DEFAULT_MAX_DECOMPRESSED",
    "DEFAULT_MAX_DOCUMENT",
    "DEFAULT_MAX_FIELD",
    "DEFAULT_MAX_RATIO",
    "RATIO_FLOOR",
    "ConversionReport",
    "CsvLineWriteOptions",
    "CsvWriteOptions",
    "DocumentReadOptions",
    "FormatSpec",
    "NumberedWriteOptions",
    "OnError",
    "OnWarning",
    "OptionInfo",
    "Options",
    "ReadOptions",
    "RecordStream",
    "WriteOptions",
    "detect_format",
    "format_names",
    "get_format",
    "read",
    "register",
    "write",
]
