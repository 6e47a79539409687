"""The core types of conflictevents: frozen, slotted, validated attrs classes.

Every class refuses invalid values at construction with a
:class:`~conflictevents.ValidationError`, compares and hashes by value, and can be changed
only by making a new one with :func:`attrs.evolve`.
"""

from conflictevents.model.actor import Actor, ActorKind
from conflictevents.model.claim import Channel, Claim, Stance
from conflictevents.model.classification import Classification
from conflictevents.model.control_change import Completeness, ControlChange
from conflictevents.model.event import Event
from conflictevents.model.event_date import DatePrecision, EventDate
from conflictevents.model.fatalities import Fatalities
from conflictevents.model.frozen_map import Extras, FrozenMap
from conflictevents.model.grading import Credibility, Grading, Reliability
from conflictevents.model.location import GeoPrecision, Location
from conflictevents.model.source import Source

Record = Event | Claim | ControlChange
"""Anything a format reads or writes."""

__all__ = [
    "Actor",
    "ActorKind",
    "Channel",
    "Claim",
    "Classification",
    "Completeness",
    "ControlChange",
    "Credibility",
    "DatePrecision",
    "Event",
    "EventDate",
    "Extras",
    "Fatalities",
    "FrozenMap",
    "GeoPrecision",
    "Grading",
    "Location",
    "Record",
    "Reliability",
    "Source",
    "Stance",
]
