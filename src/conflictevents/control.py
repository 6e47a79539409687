"""Control timelines: who held which place when, built from :class:`ControlChange` records.

>>> import datetime as dt
>>> from conflictevents import Actor, ControlChange, EventDate, Location
>>> army, rebels = Actor("Syrian army"), Actor("Rebels")
>>> hama = Location("Hama", country="SYR")
>>> timeline = ControlTimeline([ControlChange(
...     id="c1", location=hama, date=EventDate.day(dt.date(2024, 12, 5)),
...     previous=army, new=rebels)])
>>> timeline.holder("Hama", on=dt.date(2024, 12, 4)).holder.name
'Syrian army'
>>> str(timeline.holder(hama, on=dt.date(2024, 12, 5)))
'Hama (SYR) on 2024-12-05: held by Rebels (certain; rests on c1)'

**Places** are identified by a key, :func:`place_key` unless you pass another: the
location's country (ISO 3166-1 alpha-3, ``""`` when unknown) and its name, case-folded with
white space collapsed. Two records of "Hama" in Syria are one place whatever their
coordinates or admin divisions; two villages of the same name in one country are one place
too, so pass ``key=`` (for example :func:`place_key_with_admin1`) when that matters.

**Dates**: a change takes effect on its day. A change dated by a span (``EventDate.span``,
a week, a month) has certainly happened from its last day (:attr:`EventDate.latest`) on,
and *may* have happened on the days before that from its first (:attr:`EventDate.earliest`):
on those days the answer is uncertain, and gives both the holder before and the holder
after.

**Conflicting reports**: two changes of one place whose dates overlap, with different
outcomes, where neither continues the other (the second's previous holder is not the
first's new holder) are both kept; :meth:`ControlTimeline.conflicts` lists them and the
answer for the days they share is :attr:`AnswerStatus.DISPUTED`.
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Literal

import attrs

from conflictevents._matching import same_actor
from conflictevents.codes import acled, cameo, crosswalks
from conflictevents.errors import UnknownCodeError, ValidationError
from conflictevents.model import (
    Actor,
    Classification,
    Completeness,
    ControlChange,
    Event,
    EventDate,
    Location,
)

__all__ = [
    "AnswerStatus",
    "ControlStatus",
    "ControlTimeline",
    "HolderAnswer",
    "Outcome",
    "PlaceKey",
    "changes_from_events",
    "place_key",
    "place_key_with_admin1",
    "territory_classifications",
]

PlaceKey = Hashable
"""The key a timeline identifies places by (a tuple of strings for :func:`place_key`)."""


def _fold(text: str | None) -> str:
    return "" if text is None else " ".join(text.split()).casefold()


def place_key(location: Location) -> tuple[str, str]:
    """The default place key: ``(country, name)``, the name case-folded with white space
    collapsed, the country ``""`` when unknown.

    >>> place_key(Location("  Hama ", country="Syria"))
    ('SYR', 'hama')
    """
    return (location.country or "", _fold(location.name))


def place_key_with_admin1(location: Location) -> tuple[str, str, str]:
    """A stricter key: ``(country, admin1, name)``, case-folded (admin1 ``""`` when unknown).

    Use it when one country has several places of the same name; every record of a place
    must then give the same admin1.
    """
    return (location.country or "", _fold(location.admin1), _fold(location.name))


class ControlStatus(enum.Enum):
    """The state of a place after a change of control."""

    HELD = "held"
    """One holder controls the place."""
    PARTIAL = "partial"
    """Divided: the new holder controls part of it (:attr:`Completeness.PARTIAL`), the
    previous holder the rest."""
    CONTESTED = "contested"
    """Nobody holds it clearly (:attr:`ControlChange.contested`)."""
    UNKNOWN = "unknown"
    """The records do not say (nothing is recorded, or the previous holder lost it to
    someone unnamed)."""


class AnswerStatus(enum.Enum):
    """The kind of answer :meth:`ControlTimeline.holder` gives."""

    HELD = "held"
    PARTIAL = "partial"
    CONTESTED = "contested"
    UNKNOWN = "unknown"
    UNCERTAIN = "uncertain"
    """Several states are possible because a change's date is imprecise."""
    DISPUTED = "disputed"
    """Several states are possible because reports of the same change conflict."""


@attrs.frozen
class Outcome:
    """One possible state of a place on a day.

    :ivar status: a :class:`ControlStatus`.
    :ivar holders: who holds the place: one actor for ``HELD``; the new and (where known)
        the previous holder for ``PARTIAL``; the contenders named for ``CONTESTED``;
        none for ``UNKNOWN``.
    :ivar changes: the changes this state rests on.
    :ivar before: ``True`` when the state is the one *before* :attr:`changes` (their
        previous holder), ``False`` when it is the one after.
    """

    status: ControlStatus
    holders: tuple[Actor, ...]
    changes: tuple[ControlChange, ...]
    before: bool = False

    def same_state(self, other: Outcome) -> bool:
        """Whether the two outcomes describe the same state (same status, same holders by
        name or alias)."""
        return self.status is other.status and len(self.holders) == len(other.holders) and all(
            same_actor(a, b) for a, b in zip(self.holders, other.holders, strict=True))

    def describe(self) -> str:
        """A few words: ``"held by Rebels"``."""
        names = " and ".join(a.name for a in self.holders)
        if self.status is ControlStatus.HELD:
            return f"held by {names}"
        if self.status is ControlStatus.PARTIAL:
            return f"divided between {names}"
        if self.status is ControlStatus.CONTESTED:
            return f"contested ({names})" if names else "contested"
        return "unknown"


@attrs.frozen
class HolderAnswer:
    """Who held a place on a day, with what the answer rests on.

    :ivar place: the place's key.
    :ivar name: the place's name as the first record gives it (``None`` if no record).
    :ivar on: the day asked about.
    :ivar outcomes: the possible states, at least one (for an unknown place, one
        ``UNKNOWN`` outcome without changes).
    :ivar disputed: whether conflicting reports make several states possible.
    """

    place: PlaceKey
    name: str | None
    on: _dt.date
    outcomes: tuple[Outcome, ...]
    disputed: bool = False

    @property
    def certain(self) -> bool:
        """Whether only one state is possible."""
        return len(self.outcomes) == 1

    @property
    def status(self) -> AnswerStatus:
        """:attr:`AnswerStatus.DISPUTED` or ``UNCERTAIN`` when several states are possible,
        else the status of the one state."""
        if not self.certain:
            return AnswerStatus.DISPUTED if self.disputed else AnswerStatus.UNCERTAIN
        return AnswerStatus(self.outcomes[0].status.value)

    @property
    def holder(self) -> Actor | None:
        """The holder, when the answer is certain and one actor holds the place."""
        if self.certain and self.outcomes[0].status is ControlStatus.HELD:
            return self.outcomes[0].holders[0]
        return None

    @property
    def possible_holders(self) -> tuple[Actor, ...]:
        """Every actor that may hold (all or part of) the place, without repeats."""
        found: list[Actor] = []
        for outcome in self.outcomes:
            if outcome.status in (ControlStatus.HELD, ControlStatus.PARTIAL):
                for actor in outcome.holders:
                    if not any(same_actor(actor, seen) for seen in found):
                        found.append(actor)
        return tuple(found)

    @property
    def changes(self) -> tuple[ControlChange, ...]:
        """The changes the answer rests on, by date then id."""
        seen: dict[int, ControlChange] = {}
        for outcome in self.outcomes:
            for change in outcome.changes:
                seen.setdefault(id(change), change)
        return tuple(sorted(seen.values(), key=_change_order))

    @property
    def claims(self) -> tuple[str, ...]:
        """The ids of the claims those changes cite, sorted."""
        return tuple(sorted({c for change in self.changes for c in change.claims}))

    @property
    def events(self) -> tuple[str, ...]:
        """The ids of the events those changes cite, sorted."""
        return tuple(sorted({e for change in self.changes for e in change.events}))

    def explain(self) -> str:
        """A sentence: the place, the day, the state(s), and what they rest on."""
        country = self.place[0] if isinstance(self.place, tuple) and self.place else ""
        where = f"{self.name} ({country})" if self.name and country else (
            self.name or str(self.place))
        states = " or ".join(o.describe() for o in self.outcomes)
        kind = "certain" if self.certain else self.status.value
        rests = ", ".join(c.id for c in self.changes) or "no record"
        return f"{where} on {self.on.isoformat()}: {states} ({kind}; rests on {rests})"

    def __str__(self) -> str:
        return self.explain()


def _change_order(change: ControlChange) -> tuple[_dt.date, _dt.date, str, str]:
    return (change.date.earliest, change.date.latest, change.id, repr(change))


def _outcome_after(change: ControlChange) -> Outcome:
    if change.contested:
        contenders = tuple(a for a in (change.previous, change.new) if a is not None)
        return Outcome(ControlStatus.CONTESTED, contenders, (change,))
    if change.new is None:
        return Outcome(ControlStatus.UNKNOWN, (), (change,))
    if change.completeness is Completeness.PARTIAL:
        holders = (change.new,) if change.previous is None else (change.new, change.previous)
        return Outcome(ControlStatus.PARTIAL, holders, (change,))
    return Outcome(ControlStatus.HELD, (change.new,), (change,))


def _outcome_before(changes: list[ControlChange]) -> list[Outcome]:
    """The state(s) before the first change(s), from their ``previous`` holders."""
    outcomes: list[Outcome] = []
    for change in changes:
        if change.previous is None:
            outcome = Outcome(ControlStatus.UNKNOWN, (), (change,), before=True)
        else:
            outcome = Outcome(ControlStatus.HELD, (change.previous,), (change,), before=True)
        outcomes.append(outcome)
    return outcomes


def _continues(first: ControlChange, second: ControlChange) -> bool:
    """Whether *second* takes the place from whoever *first* left it to."""
    return second.previous is not None and first.new is not None and same_actor(
        second.previous, first.new)


def _conflict(a: ControlChange, b: ControlChange) -> bool:
    if not a.date.overlaps(b.date):
        return False
    if _outcome_after(a).same_state(_outcome_after(b)):
        return False
    return not (_continues(a, b) or _continues(b, a))


def _merge_outcomes(outcomes: list[Outcome]) -> tuple[Outcome, ...]:
    merged: list[Outcome] = []
    for outcome in outcomes:
        for i, seen in enumerate(merged):
            if seen.same_state(outcome):
                extra = tuple(c for c in outcome.changes if all(c is not s for s in seen.changes))
                merged[i] = attrs.evolve(seen, changes=seen.changes + extra,
                                         before=seen.before and outcome.before)
                break
        else:
            merged.append(outcome)
    return tuple(merged)


def _to_day(value: _dt.date | str) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValidationError("ControlTimeline", "on", value, "must be a datetime.date or ISO date")


class ControlTimeline:
    """The holders of places over time, from :class:`ControlChange` records.

    :param changes: any iterable of changes; the timeline does not depend on their order.
    :param key: how places are identified (default :func:`place_key`).

    Changes are kept as given (none is dropped, conflicting ones included); each place's
    changes are ordered by earliest date, latest date, then id.
    """

    def __init__(
        self,
        changes: Iterable[ControlChange] = (),
        *,
        key: Callable[[Location], PlaceKey] = place_key,
    ) -> None:
        self._key = key
        self._places: dict[PlaceKey, list[ControlChange]] = {}
        self._sorted: set[PlaceKey] = set()
        for change in changes:
            self.add(change)

    def add(self, change: ControlChange) -> None:
        """Add one change."""
        if not isinstance(change, ControlChange):
            raise ValidationError("ControlTimeline", "changes", change,
                                  "must be ControlChange records")
        place = self._key(change.location)
        self._places.setdefault(place, []).append(change)
        self._sorted.discard(place)

    def __len__(self) -> int:
        return sum(len(v) for v in self._places.values())

    def __iter__(self) -> Iterator[ControlChange]:
        for place in self.places():
            yield from self._history(place)

    def places(self) -> list[PlaceKey]:
        """The keys of every place, sorted."""
        return sorted(self._places, key=repr)

    def key_of(self, place: Location | str | PlaceKey) -> PlaceKey:
        """The key of *place*: a :class:`Location` (through the key function), a key, or a
        name, matched case-folded against the names of the places in the timeline.

        :raises ValidationError: if a name matches places in several countries.
        """
        if isinstance(place, Location):
            return self._key(place)
        if isinstance(place, str):
            folded = _fold(place)
            found = sorted({k for k, changes in self._places.items()
                            if any(_fold(c.location.name) == folded for c in changes)}, key=repr)
            if len(found) > 1:
                raise ValidationError("ControlTimeline", "place", place,
                                      f"names {len(found)} places: {found}; pass a Location")
            return found[0] if found else ("", folded)
        return place

    def _history(self, place: PlaceKey) -> list[ControlChange]:
        changes = self._places.get(place, [])
        if place not in self._sorted:
            changes.sort(key=_change_order)
            self._sorted.add(place)
        return changes

    def history(self, place: Location | str | PlaceKey) -> tuple[ControlChange, ...]:
        """Every change of *place*, by earliest date, latest date, then id."""
        return tuple(self._history(self.key_of(place)))

    def changes(
        self, between: tuple[_dt.date | str, _dt.date | str] | None = None
    ) -> list[ControlChange]:
        """Every change (of every place) that may have happened between the two days
        (inclusive; a change whose date range overlaps them), by date, then place, then id.
        """
        everything = [c for place in self.places() for c in self._history(place)]
        if between is not None:
            start, end = _to_day(between[0]), _to_day(between[1])
            period = EventDate(start, end, "span") if start <= end else None
            if period is None:
                raise ValidationError("ControlTimeline", "between", between,
                                      "the end must not be before the start")
            everything = [c for c in everything if c.date.overlaps(period)]
        return sorted(everything, key=lambda c: (
            c.date.earliest, c.date.latest, repr(self._key(c.location)), c.id, repr(c)))

    def conflicts(self) -> list[tuple[ControlChange, ControlChange]]:
        """Pairs of conflicting reports: changes of one place whose dates overlap and whose
        outcomes differ, where neither continues the other."""
        found = []
        for place in self.places():
            history = self._history(place)
            for i, a in enumerate(history):
                for b in history[i + 1:]:
                    if b.date.earliest > a.date.latest:
                        break
                    if _conflict(a, b):
                        found.append((a, b))
        return found

    def holder(self, place: Location | str | PlaceKey, *, on: _dt.date | str) -> HolderAnswer:
        """Who held *place* on the day *on*.

        The answer considers the changes that may be the last to have happened by *on*:
        those that may have happened by then (earliest date on or before *on*) and that no
        change certainly happened after (by *on*). When none of them has certainly happened
        by *on* (its latest date is after *on*), the state before them is possible too: the
        previous holder the first changes of the place name. Before the first change,
        the place's holder is that change's previous holder.

        :param place: a :class:`Location`, a place key or a place name.
        :param on: a day (a :class:`datetime.date` or ISO text).
        :returns: a :class:`HolderAnswer`, ``UNKNOWN`` for a place the timeline lacks.
        """
        day = _to_day(on)
        key = self.key_of(place)
        history = self._history(key)
        name = history[0].location.name if history else (
            place.name if isinstance(place, Location) else place if isinstance(place, str)
            else None)
        if not history:
            return HolderAnswer(key, name, day, (Outcome(ControlStatus.UNKNOWN, (), ()),))
        possible = [c for c in history if c.date.earliest <= day]
        happened = [c for c in possible if c.date.latest <= day]
        candidates = [
            c for c in possible
            if not any(h.date.earliest > c.date.latest for h in happened)
        ]
        outcomes = [_outcome_after(c) for c in candidates]
        if not happened:
            first = [c for c in history
                     if not any(o.date.latest < c.date.earliest for o in history)]
            outcomes = _outcome_before(first) + outcomes
        merged = _merge_outcomes(outcomes)
        disputed = len(merged) > 1 and any(
            _conflict(a, b) for i, a in enumerate(candidates) for b in candidates[i + 1:])
        return HolderAnswer(key, name, day, merged, disputed)


# -- from events to control -------------------------------------------------------------------

_OVERTAKES = "Non-state actor overtakes territory"
_REGAINS = "Government regains territory"
_TRANSFER = "Non-violent transfer of territory"


@functools.cache
def _territory_codes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    subs = tuple(acled.sub_event_type(name).name for name in (_OVERTAKES, _REGAINS, _TRANSFER))
    occupy = {r.target for name in subs[:2] if (r := crosswalks.acled_to_cameo(name))}
    return subs, tuple(sorted(cameo.event(code).code for code in occupy))


def territory_classifications() -> dict[str, tuple[str, ...]]:
    """The classifications that mean a change of territory, by scheme, from the code books.

    ``"acled"``: the sub-event types ``"Non-state actor overtakes territory"`` and
    ``"Government regains territory"`` (Battles) and ``"Non-violent transfer of
    territory"`` (Strategic developments); ``"cameo"``: the code that the ACLED-to-CAMEO
    crosswalk gives the first two, ``"192"`` (Occupy territory).
    """
    subs, occupy = _territory_codes()
    return {"acled": subs, "cameo": occupy}


def _territory_kind(event: Event) -> tuple[Classification, str] | None:
    """The event's territory classification and its kind: ``"take"`` or ``"transfer"``."""
    subs, occupy = _territory_codes()
    for scheme in ("acled", "cameo"):
        for derived in (False, True):
            item = event.classification(scheme, derived=derived)
            if item is None:
                continue
            try:
                if scheme == "acled":
                    name = acled.sub_event_type(item.code).name
                    if name in subs:
                        return item, "transfer" if name == subs[2] else "take"
                else:
                    found = cameo.event(item.code)
                    if found.code in occupy or found.base in occupy:
                        return item, "take"
            except UnknownCodeError:
                continue
    return None


def changes_from_events(
    events: Iterable[Event], *, transfer_taker: Literal["actor1", "actor2"] = "actor2"
) -> list[ControlChange]:
    """Candidate changes of control, derived from events whose classification means a
    change of territory (:func:`territory_classifications`; a coded ACLED classification
    first, then a derived one, then CAMEO).

    Each change has ``derived=True``, the event's date and location, the event's id in
    ``events`` and the id ``"<event id>/control"``. The new holder is the actor who takes
    the place:

    * overtakes, regains (ACLED) and occupy (CAMEO 192): ``actor1`` takes the place from
      ``actor2``;
    * a non-violent transfer: the event type does not say which side gains, so
      *transfer_taker* does: by default ``actor2`` receives the place from ``actor1``, as
      CAMEO codes the actor giving ground as the source of 0874 (retreat or surrender),
      the code the crosswalk gives this sub-event type. Pass ``"actor1"`` for data coded
      the other way.

    Events without a location, without either actor, or with the same actor on both
    sides give no change.
    """
    out: list[ControlChange] = []
    for event in events:
        if event.location is None:
            continue
        found = _territory_kind(event)
        if found is None:
            continue
        item, kind = found
        if kind == "transfer" and transfer_taker == "actor2":
            new, previous = event.actor2, event.actor1
        else:
            new, previous = event.actor1, event.actor2
        if new is None and previous is None:
            continue
        if new is not None and previous is not None and (new == previous):
            continue
        label = f"{item.parent}/{item.code}" if item.parent else item.code
        out.append(ControlChange(
            id=f"{event.id}/control", location=event.location, date=event.date,
            previous=previous, new=new, events=(event.id,), derived=True,
            notes=f"Derived from the {item.scheme} classification {label!r} of event "
                  f"{event.id}.",
        ))
    return out
