"""Changes of control: a place passing from one holder to another."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from conflictevents.model._checks import (
    fail,
    instance_of,
    non_empty_text,
    optional_instance_of,
    optional_non_empty_text,
    to_enum,
    to_tuple,
    tuple_of,
)
from conflictevents.model.actor import Actor
from conflictevents.model.event_date import EventDate, to_event_date
from conflictevents.model.location import Location


class Completeness(enum.Enum):
    """How complete a change of control is."""

    FULL = "full"
    """The new holder controls the whole place."""
    PARTIAL = "partial"
    """The new holder controls part of the place (some districts, the outskirts)."""


def _to_completeness(value: Any) -> Any:
    return to_enum(Completeness, value)


@attrs.frozen
class ControlChange:
    """A place changing hands, or becoming contested.

    :param id: an identifier, so that claims can be about the change.
    :param location: the place.
    :param date: when, with its precision: an :class:`EventDate`, a ``datetime.date`` or
        text as :func:`~conflictevents.parse_date` reads it (``"5 December 2024"``).
    :param previous: who held the place before, where known.
    :param new: who holds it after. ``None`` with ``contested=True`` means nobody holds it
        clearly; ``None`` otherwise means the previous holder lost it to someone unknown.
    :param contested: whether the place is contested after the change.
    :param completeness: :class:`Completeness` (full by default).
    :param claims: the ``id`` of every :class:`Claim` the change rests on.
    :param events: the ``id`` of every :class:`Event` the change rests on.
    :param derived: ``True`` when the change was inferred from an event's classification
        (see :func:`conflictevents.control.changes_from_events`), not recorded as such.
    :param notes: free text.
    """

    id: str = attrs.field(validator=non_empty_text)
    location: Location = attrs.field(validator=instance_of(Location))
    date: EventDate = attrs.field(converter=to_event_date, validator=instance_of(EventDate))
    previous: Actor | None = attrs.field(default=None, validator=optional_instance_of(Actor))
    new: Actor | None = attrs.field(default=None, validator=optional_instance_of(Actor))
    contested: bool = attrs.field(default=False, validator=instance_of(bool))
    completeness: Completeness = attrs.field(
        default=Completeness.FULL, converter=_to_completeness, validator=instance_of(Completeness)
    )
    claims: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=tuple_of(str))
    events: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=tuple_of(str))
    derived: bool = attrs.field(default=False, validator=instance_of(bool))
    notes: str | None = attrs.field(default=None, validator=optional_non_empty_text)

    def __attrs_post_init__(self) -> None:
        if self.new is None and self.previous is None and not self.contested:
            raise fail(self, "new", None,
                       "a change of control names the new holder, the previous one, "
                       "or that the place is contested")
        if self.new is not None and self.new == self.previous and not self.contested:
            raise fail(self, "new", self.new.name, "is the same as the previous holder")
