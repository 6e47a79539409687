"""conflictevents: typed, streaming conversion of conflict-event data.

>>> import conflictevents as ce
>>> ce.Location("Hama", country="Syria").country
'SYR'

The core types (:class:`Event`, :class:`Actor`, :class:`Location`, :class:`Claim`,
:class:`ControlChange` and their values), the format-neutral :func:`read` and :func:`write`,
and the error hierarchy are all importable from here.
"""

from conflictevents._version import __version__
from conflictevents.dates import parse_date
from conflictevents.errors import (
    ConflictEventsError,
    ConversionError,
    FormatError,
    InputTooLargeError,
    ParseError,
    UnknownCodeError,
    ValidationError,
)
from conflictevents.formats import (
    ConversionReport,
    RecordStream,
    detect_format,
    format_names,
    read,
    write,
)
from conflictevents.model import (
    Actor,
    ActorKind,
    Channel,
    Claim,
    Classification,
    Completeness,
    ControlChange,
    Credibility,
    DatePrecision,
    Event,
    EventDate,
    Extras,
    Fatalities,
    FrozenMap,
    GeoPrecision,
    Grading,
    Location,
    Record,
    Reliability,
    Source,
    Stance,
)

__all__ = [
    "Actor",
    "ActorKind",
    "Channel",
    "Claim",
    "Classification",
    "Completeness",
    "ConflictEventsError",
    "ControlChange",
    "ConversionError",
    "ConversionReport",
    "Credibility",
    "DatePrecision",
    "Event",
    "EventDate",
    "Extras",
    "Fatalities",
    "FormatError",
    "FrozenMap",
    "GeoPrecision",
    "Grading",
    "InputTooLargeError",
    "Location",
    "ParseError",
    "Record",
    "RecordStream",
    "Reliability",
    "Source",
    "Stance",
    "UnknownCodeError",
    "ValidationError",
    "__version__",
    "detect_format",
    "format_names",
    "parse_date",
    "read",
    "write",
]
