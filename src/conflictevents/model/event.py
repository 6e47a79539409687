"""Events: something that happened, somewhere, on some date, between some actors."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from conflictevents.errors import ValidationError
from conflictevents.model._checks import fail, to_tuple, writable_text
from conflictevents.model.actor import Actor
from conflictevents.model.classification import Classification
from conflictevents.model.event_date import EventDate, to_event_date
from conflictevents.model.fatalities import Fatalities
from conflictevents.model.frozen_map import (
    EMPTY_EXTRAS,
    Extras,
    ExtrasError,
    FrozenMap,
    UnwritableExtrasError,
    _CheckedExtras,
    to_extras,
)
from conflictevents.model.location import Location
from conflictevents.model.source import Source


def _to_fatalities(value: Any) -> Any:
    if type(value) is int:
        return Fatalities(value)
    return value


def _check_schemes(instance: Event) -> None:
    seen: set[tuple[str, bool]] = set()
    for item in instance.classifications:
        key = (item.scheme, item.derived)
        if key in seen:
            kind = "derived" if item.derived else "coded"
            raise fail(instance, "classifications", item,
                       f"at most one {kind} classification per scheme ({item.scheme!r})")
        seen.add(key)


def _to_extras(value: Any) -> Any:
    try:
        return to_extras(value)
    except UnwritableExtrasError as error:
        raise ValidationError("Event", "extras", error.value, error.reason) from None
    except ExtrasError:
        return value  # refused by the check in __attrs_post_init__, naming the field


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
        ``{"gdelt2": {"AvgTone": "-4.2"}}``. Keys beginning with ``@`` are reserved: they
        are facts of the whole file the record was read from, not columns (``"@layout"``, its
        columns; ``"@eol"``, its line ends; ``"@encoding"``, its encoding; each format
        documents its own), so that the file is written back as it was. Writers never write
        them as columns nor report them as dropped, and ``conflictevents info`` prints them
        as file facts.
    """

    # The checks of every field are in __attrs_post_init__: one call instead of one per
    # field, because events are made once per row of every file read.
    id: str
    date: EventDate = attrs.field(converter=to_event_date)
    classifications: tuple[Classification, ...] = attrs.field(default=(), converter=to_tuple)
    actor1: Actor | None = None
    actor2: Actor | None = None
    associates1: tuple[Actor, ...] = attrs.field(default=(), converter=to_tuple)
    associates2: tuple[Actor, ...] = attrs.field(default=(), converter=to_tuple)
    location: Location | None = None
    fatalities: Fatalities | None = attrs.field(default=None, converter=_to_fatalities)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=to_tuple)
    notes: str | None = None
    tags: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    extras: Extras = attrs.field(default=EMPTY_EXTRAS, converter=_to_extras)

    def __attrs_post_init__(self) -> None:
        if type(self.id) is not str or not self.id or self.id.isspace():
            raise fail(self, "id", self.id, "must be a non-empty string")
        if type(self.date) is not EventDate:
            raise fail(self, "date", self.date, "must be EventDate")
        for field, kind in _OPTIONAL:
            value = getattr(self, field)
            if value is not None and not isinstance(value, kind):
                raise fail(self, field, value, f"must be {kind.__name__}")
        for field, kind in _TUPLES:
            for item in getattr(self, field):
                if not isinstance(item, kind):
                    raise fail(self, field, item, f"every item must be {kind.__name__}")
        writable_text(self, "id", self.id)
        if self.notes is not None:
            if type(self.notes) is not str or self.notes.isspace() or not self.notes:
                raise fail(self, "notes", self.notes, "must be None or a non-empty string")
            writable_text(self, "notes", self.notes)
        for tag in self.tags:
            if type(tag) is not str or not tag or tag.isspace():
                raise fail(self, "tags", tag, "every tag must be a non-empty string")
            writable_text(self, "tags", tag)
        if type(self.extras) is not _CheckedExtras:
            raise fail(self, "extras", self.extras,
                       "extras map a format to column names and cell text (strings)")
        if len(self.classifications) > 1:
            _check_schemes(self)

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

    def __str__(self) -> str:
        """One line: id, date, type, actors, place and fatalities (the ``repr`` has every
        field).

        >>> import datetime
        >>> print(Event("SYR1", datetime.date(2024, 11, 27),
        ...             classifications=[Classification("acled", "Armed clash",
        ...                                             parent="Battles")],
        ...             actor1=Actor("HTS", kind=2), actor2=Actor("Syrian army", kind=1),
        ...             location=Location("Atareb", country="SYR"), fatalities=37))
        SYR1 2024-11-27 Armed clash (acled): HTS vs Syrian army at Atareb, SYR; 37 killed
        """
        text = f"{self.id} {self.date}"
        if self.classifications:
            first = self.classifications[0]
            text += f" {first.code} ({first.scheme})"
        names = " vs ".join(a.name for a in (self.actor1, self.actor2) if a is not None)
        if names:
            text += f": {names}"
        if self.location is not None:
            text += f" at {', '.join(p for p in (self.location.name, self.location.country) if p)}"
        if self.fatalities is not None:
            text += f"; {self.fatalities} killed"
        return text

    @property
    def actors(self) -> tuple[Actor, ...]:
        """Every actor of the event: the two main actors, then their associates."""
        main = tuple(a for a in (self.actor1, self.actor2) if a is not None)
        return main + self.associates1 + self.associates2


_OPTIONAL: tuple[tuple[str, type], ...] = (
    ("actor1", Actor), ("actor2", Actor), ("location", Location), ("fatalities", Fatalities),
)
_TUPLES: tuple[tuple[str, type], ...] = (
    ("classifications", Classification), ("associates1", Actor), ("associates2", Actor),
    ("sources", Source),
)


# The slot descriptors of Event's fields, in order: setting through them skips the frozen
# class's __setattr__ (which refuses) without a look-up by name.
_EVENT_SLOTS = tuple(getattr(Event, field.name).__set__ for field in attrs.fields(Event))


def _unchecked_event(
    id: str,
    date: EventDate,
    classifications: tuple[Classification, ...],
    actor1: Actor | None,
    actor2: Actor | None,
    associates1: tuple[Actor, ...],
    associates2: tuple[Actor, ...],
    location: Location | None,
    fatalities: Fatalities | None,
    sources: tuple[Source, ...],
    notes: str | None,
    tags: tuple[str, ...],
    extras: Mapping[str, Mapping[str, str]] | None,
) -> Event:
    """An :class:`Event` made without running its checks: for readers' hot paths only.

    The caller guarantees what ``Event.__init__`` would check: a non-empty id, values of the
    right types (every tuple a tuple), notes and tags non-empty, at most one coded and one
    derived classification per scheme, extras whose names and cells are strings (a
    FrozenMap of them is kept as it is, being immutable), and no text
    holding a NUL or a lone surrogate (the CSV readers check the raw bytes of every row). The
    test suite re-validates every event each reader yields (``attrs.evolve`` runs all the
    checks), so a reader that breaks the contract fails there.
    """
    event = object.__new__(Event)
    checked = EMPTY_EXTRAS if not extras else _CheckedExtras(
        {fmt: columns if isinstance(columns, FrozenMap) else FrozenMap(columns)
         for fmt, columns in extras.items()})
    # one call per field, without a loop: this runs once per row of every file
    (set_id, set_date, set_classifications, set_actor1, set_actor2, set_associates1,
     set_associates2, set_location, set_fatalities, set_sources, set_notes, set_tags,
     set_extras) = _EVENT_SLOTS
    set_id(event, id)
    set_date(event, date)
    set_classifications(event, classifications)
    set_actor1(event, actor1)
    set_actor2(event, actor2)
    set_associates1(event, associates1)
    set_associates2(event, associates2)
    set_location(event, location)
    set_fatalities(event, fatalities)
    set_sources(event, sources)
    set_notes(event, notes)
    set_tags(event, tags)
    set_extras(event, checked)
    return event
