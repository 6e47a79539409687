"""Events: something that happened, somewhere, on some date, between some actors."""

from __future__ import annotations

import datetime as _dt
from typing import Any

import attrs

from conflictevents.model._checks import (
    fail,
    instance_of,
    non_empty_text,
    optional_instance_of,
    optional_non_empty_text,
    to_tuple,
    tuple_of,
)
from conflictevents.model.actor import Actor
from conflictevents.model.classification import Classification
from conflictevents.model.event_date import EventDate
from conflictevents.model.fatalities import Fatalities
from conflictevents.model.frozen_map import EMPTY_EXTRAS, Extras, to_extras
from conflictevents.model.location import Location
from conflictevents.model.source import Source


def _to_fatalities(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return Fatalities(value)
    return value


def _check_extras(instance: object, attribute: attrs.Attribute[Any], value: Extras) -> None:
    for fmt, columns in value.items():
        if not fmt:
            raise fail(instance, "extras", fmt, "format names must not be empty")
        for column, cell in columns.items():
            if not isinstance(column, str) or not isinstance(cell, str):
                raise fail(instance, "extras", (fmt, column, cell),
                           "extras map a format to column names and cell text (strings)")


def _check_classifications(
    instance: object, attribute: attrs.Attribute[Any], value: tuple[Classification, ...]
) -> None:
    tuple_of(Classification)(instance, attribute, value)
    seen: set[tuple[str, bool]] = set()
    for item in value:
        key = (item.scheme, item.derived)
        if key in seen:
            kind = "derived" if item.derived else "coded"
            raise fail(instance, "classifications", item,
                       f"at most one {kind} classification per scheme ({item.scheme!r})")
        seen.add(key)

def _to_event_date(value: Any) -> Any:
    """Converter: a ``datetime.date`` (or ISO string) is that day."""
    if isinstance(value, (_dt.date, str)):
        try:
            return EventDate(value)
        except ValueError:
            return value
    return value


@attrs.frozen
class Event:
    """Something that happened: the unit every format reads and writes.

    :param id: the publisher's identifier (ACLED's ``event_id_cnty``, GDELT's
        ``GLOBALEVENTID``, UCDP's ``id``), or one you choose.
    :param date: when, with its precision (an :class:`EventDate`; a ``datetime.date`` is
        taken as that day).
    :param classifications: the event's type in one or more schemes (:class:`Classification`);
        at most one coded and one derived classification per scheme.
    :param actor1: the first actor (ACLED's ``actor1``, GDELT's Actor1, UCDP's side A).
    :param actor2: the second actor.
    :param associates1: actors associated with the first (ACLED's ``assoc_actor_1``).
    :param associates2: actors associated with the second.
    :param location: where.
    :param fatalities: how many were killed (an ``int`` is taken as the best estimate).
    :param sources: who reported it.
    :param notes: a description, free text.
    :param tags: short labels (ACLED's ``tags``, split at ``;``).
    :param extras: what a format has and the model does not, kept so that writing a record
        back in its own format loses nothing: format name -> column -> raw text, such as
        ``{"gdelt2": {"AvgTone": "-4.2"}}``.
    """

    id: str = attrs.field(validator=non_empty_text)
    date: EventDate = attrs.field(
        converter=_to_event_date,
        validator=instance_of(EventDate),
    )
    classifications: tuple[Classification, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_check_classifications
    )
    actor1: Actor | None = attrs.field(default=None, validator=optional_instance_of(Actor))
    actor2: Actor | None = attrs.field(default=None, validator=optional_instance_of(Actor))
    associates1: tuple[Actor, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Actor)
    )
    associates2: tuple[Actor, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Actor)
    )
    location: Location | None = attrs.field(default=None, validator=optional_instance_of(Location))
    fatalities: Fatalities | None = attrs.field(
        default=None, converter=_to_fatalities, validator=optional_instance_of(Fatalities)
    )
    sources: tuple[Source, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Source)
    )
    notes: str | None = attrs.field(default=None, validator=optional_non_empty_text)
    tags: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=tuple_of(str))
    extras: Extras = attrs.field(default=EMPTY_EXTRAS, converter=to_extras, validator=_check_extras)

    def classification(self, scheme: str, *, derived: bool | None = None) -> Classification | None:
        """The event's classification in *scheme*: the coded one, else a derived one.

        With ``derived=False`` only a coded classification is returned; with ``derived=True``
        only a derived one.
        """
        found: Classification | None = None
        for item in self.classifications:
            if item.scheme != scheme or (derived is not None and item.derived != derived):
                continue
            if not item.derived:
                return item
            found = item
        return found

    def extra(self, fmt: str, column: str) -> str | None:
        """The raw text of *column* that format *fmt* kept, or ``None``."""
        columns = self.extras.get(fmt)
        return None if columns is None else columns.get(column)

    @property
    def actors(self) -> tuple[Actor, ...]:
        """Every actor of the event: the two main actors, then their associates."""
        main = tuple(a for a in (self.actor1, self.actor2) if a is not None)
        return main + self.associates1 + self.associates2


