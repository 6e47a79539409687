"""conflictevents: typed, streaming conversion of conflict-event data.

>>> import conflictevents as ce
>>> ce.Location("Hama", country="Syria").country
'SYR'

The core types (:class:`Event`, :class:`Actor`, :class:`Location`, :class:`Claim`,
:class:`ControlChange` and their values), the format-neutral :func:`read`, :func:`write`
and :func:`convert`, the claims, control and deduplication analyses, and the error
hierarchy are all importable from here.
"""

from typing import TYPE_CHECKING, Any

from conflictevents._version import __version__
from conflictevents.dates import parse_date
from conflictevents.errors import (
    AmbiguousDateError,
    AmbiguousDateWarning,
    ConflictEventsError,
    ConversionError,
    DataWarning,
    EncodingFallbackWarning,
    FormatError,
    InconsistentValueWarning,
    InputNotFoundError,
    InputTooLargeError,
    OutputError,
    ParseError,
    UnknownCodeError,
    UnknownCodeWarning,
    ValidationError,
)
from conflictevents.formats import (
    ConversionReport,
    ErrorCode,
    Reason,
    RecordStream,
    convert,
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

if TYPE_CHECKING:  # imported on first use (see __getattr__), to keep `import` fast
    from conflictevents import claims, control, dedupe
    from conflictevents.claims import (
        Disagreement,
        find_disagreements,
        grade,
        group_claims,
        rank_claims,
    )
    from conflictevents.control import ControlTimeline, HolderAnswer, changes_from_events
    from conflictevents.dedupe import DuplicateGroup, Merge, find_duplicates

_LAZY = {
    "Disagreement": "conflictevents.claims",
    "find_disagreements": "conflictevents.claims",
    "grade": "conflictevents.claims",
    "group_claims": "conflictevents.claims",
    "rank_claims": "conflictevents.claims",
    "ControlTimeline": "conflictevents.control",
    "HolderAnswer": "conflictevents.control",
    "changes_from_events": "conflictevents.control",
    "DuplicateGroup": "conflictevents.dedupe",
    "Merge": "conflictevents.dedupe",
    "find_duplicates": "conflictevents.dedupe",
}


_LAZY_MODULES = frozenset({"claims", "control", "dedupe"})


def __getattr__(name: str) -> Any:
    import importlib

    if name in _LAZY_MODULES:
        return importlib.import_module(f"conflictevents.{name}")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'conflictevents' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "Actor",
    "ActorKind",
    "AmbiguousDateError",
    "AmbiguousDateWarning",
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
    "DataWarning",
    "DatePrecision",
    "Disagreement",
    "DuplicateGroup",
    "EncodingFallbackWarning",
    "ErrorCode",
    "Event",
    "EventDate",
    "Extras",
    "Fatalities",
    "FormatError",
    "FrozenMap",
    "GeoPrecision",
    "Grading",
    "HolderAnswer",
    "InconsistentValueWarning",
    "InputNotFoundError",
    "InputTooLargeError",
    "Location",
    "Merge",
    "OutputError",
    "ParseError",
    "Reason",
    "Record",
    "RecordStream",
    "Reliability",
    "Source",
    "Stance",
    "UnknownCodeError",
    "UnknownCodeWarning",
    "ValidationError",
    "__version__",
    "changes_from_events",
    "claims",
    "control",
    "convert",
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
