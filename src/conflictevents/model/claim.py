"""Claims: who said what, through which channel, and how far to trust it."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from conflictevents.model._checks import (
    instance_of,
    non_empty_text,
    optional_instance_of,
    optional_non_empty_text,
    to_enum,
    to_tuple,
    tuple_of,
)
from conflictevents.model.actor import Actor
from conflictevents.model.event_date import EventDate, to_optional_event_date
from conflictevents.model.fatalities import Fatalities
from conflictevents.model.grading import Grading, to_grading
from conflictevents.model.location import Location
from conflictevents.model.source import Source


class Stance(enum.Enum):
    """Whether a claim asserts or denies what it is about."""

    ASSERTS = "asserts"
    DENIES = "denies"


class Channel(enum.Enum):
    """How a claim was made public."""

    STATEMENT = "statement"
    """A written or read-out official statement or communiqué."""
    PRESS_CONFERENCE = "press_conference"
    INTERVIEW = "interview"
    TELEGRAM = "telegram"
    SOCIAL_MEDIA = "social_media"
    """X/Twitter, Facebook and the like (Telegram has its own member)."""
    BROADCAST = "broadcast"
    """Television or radio."""
    REPORT = "report"
    """A monitoring organisation's report or update."""
    OTHER = "other"


def _to_channel(value: Any) -> Any:
    return to_enum(Channel, value)


def _to_stance(value: Any) -> Any:
    return to_enum(Stance, value)


@attrs.frozen
class Claim:
    """What someone said about an event or a change of control.

    :param id: an identifier, so that events and control changes can cite the claim.
    :param statement: what was said: a quotation or a summary (see ``quoted``).
    :param claimant: who said it: an :class:`Actor` (the Syrian army) or a :class:`Source`
        (a monitor such as OSDH).
    :param quoted: whether ``statement`` is a quotation (else a summary).
    :param made_on: when it was said: an :class:`EventDate`, a ``datetime.date`` or text as
        :func:`~conflictevents.parse_date` reads it (as for every date of the model).
    :param channel: how it was said (:class:`Channel`).
    :param reported_by: the outlets that carried the claim.
    :param stance: whether it asserts or denies (:class:`Stance`).
    :param about: the ``id`` of the :class:`Event` or :class:`ControlChange` it is about.
    :param reliability: the Admiralty grading (``"B2"`` is accepted).
    :param date: the date the claim gives for what it is about (as ``made_on``).
    :param place: the place the claim gives.
    :param holder: for a claim about control, who the claim says holds the place.
    :param fatalities: the number of dead the claim gives.
    """

    id: str = attrs.field(validator=non_empty_text)
    statement: str = attrs.field(validator=non_empty_text)
    claimant: Actor | Source = attrs.field(validator=instance_of(Actor, Source))
    quoted: bool = attrs.field(default=False, validator=instance_of(bool))
    made_on: EventDate | None = attrs.field(
        default=None, converter=to_optional_event_date, validator=optional_instance_of(EventDate)
    )
    channel: Channel | None = attrs.field(
        default=None, converter=_to_channel, validator=optional_instance_of(Channel)
    )
    reported_by: tuple[Source, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Source)
    )
    stance: Stance = attrs.field(
        default=Stance.ASSERTS, converter=_to_stance, validator=instance_of(Stance)
    )
    about: str | None = attrs.field(default=None, validator=optional_non_empty_text)
    reliability: Grading | None = attrs.field(
        default=None, converter=to_grading, validator=optional_instance_of(Grading)
    )
    date: EventDate | None = attrs.field(default=None, converter=to_optional_event_date,
                                         validator=optional_instance_of(EventDate))
    place: Location | None = attrs.field(default=None, validator=optional_instance_of(Location))
    holder: Actor | None = attrs.field(default=None, validator=optional_instance_of(Actor))
    fatalities: Fatalities | None = attrs.field(
        default=None, validator=optional_instance_of(Fatalities)
    )

    @property
    def speaker(self) -> str:
        """The claimant's name."""
        return self.claimant.name
