"""Reading and writing the field's formats, one module per format.

Every format converts to and from the core types; a conversion between two formats is a read
followed by a write. :func:`read` and :func:`write` find the format by name (or detect it);
the format modules (``conflictevents.formats.acled`` and so on) have their own ``read`` and
``write`` with the format's options spelled out.
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
