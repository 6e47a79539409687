"""conflictevents: typed, streaming conversion of conflict-event data.

>>> import conflictevents as ce
>>> ce.Location("Hama", country="Syria").country
'SYR'

The core types (:class:`Event`, :class:`Actor`, :class:`Location`, :class:`Claim`,
:class:`ControlChange` and their values), the format-neutral :func:`read` and :func:`write`,
the claims, control and deduplication analyses, and the error hierarchy are all importable
from here.
"""

from conflictevents._version import __version__
from conflictevents.claims import (
    Disagreement,
    find_disagreements,
    grade,
    group_claims,
    rank_claims,
)
from conflictevents.control import ControlTimeline, HolderAnswer, changes_from_events
from conflictevents.dates import parse_date
from conflictevents.dedupe import DuplicateGroup, Merge, dedupe, find_duplicates
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
    "ControlTimeline",
    "ConversionError",
    "ConversionReport",
    "Credibility",
    "DatePrecision",
    "Disagreement",
    "DuplicateGroup",
    "Event",
    "EventDate",
    "Extras",
    "Fatalities",
    "FormatError",
    "FrozenMap",
    "GeoPrecision",
    "Grading",
    "HolderAnswer",
    "InputTooLargeError",
    "Location",
    "Merge",
    "ParseError",
    "Record",
    "RecordStream",
    "Reliability",
    "Source",
    "Stance",
    "UnknownCodeError",
    "ValidationError",
    "__version__",
    "changes_from_events",
    "dedupe",
    "detect_format",
    "find_disagreements",
    "find_duplicates",
    "format_names",
    "grade",
    "group_claims",
    "parse_date",
    "rank_claims",
    "read",
    "write",
]
