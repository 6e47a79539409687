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

import bisect
import datetime as _dt
import difflib
import enum
import functools
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Literal

import attrs

from conflictevents import places
from conflictevents._matching import name_skeleton, same_actor
from conflictevents.claims import Assertion, assertions
from conflictevents.codes import acled, cameo, crosswalks
from conflictevents.dates import parse_date
from conflictevents.errors import ParseError, UnknownCodeError, ValidationError
from conflictevents.model import (
    Actor,
    Claim,
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
    "Evidence",
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
    """The default place key: ``(country, name)``, the name reduced to the skeleton its
    romanisations share (:func:`~conflictevents._matching.name_skeleton`: no diacritics, no
    apostrophes or articles, case-folded), the country ``""`` when unknown.

    >>> place_key(Location("  Hama ", country="Syria"))
    ('SYR', 'hama')
    >>> place_key(Location("Ḥamāh", country="SYR")) == place_key(Location("Hamah", country="SYR"))
    True
    """
    return (location.country or "", name_skeleton(location.name))


def place_key_with_admin1(location: Location) -> tuple[str, str, str]:
    """A stricter key: ``(country, admin1, name)``, as :func:`place_key` (admin1 ``""`` when
    unknown).

    Use it when one country has several places of the same name; every record of a place
    must then give the same admin1.
    """
    admin1 = "" if location.admin1 is None else name_skeleton(location.admin1)
    return (location.country or "", admin1, name_skeleton(location.name))


class ControlStatus(enum.Enum):
    """The state of a place after a change of control.

    >>> import datetime as dt
    >>> from conflictevents import Actor, ControlChange, EventDate, Location
    >>> timeline = ControlTimeline([ControlChange(
    ...     id="c1", location=Location("Hama", country="SYR"),
    ...     date=EventDate.day(dt.date(2024, 12, 5)), new=Actor("Rebels"), contested=True)])
    >>> [outcome.status for outcome in timeline.holder("Hama", on="2024-12-06").outcomes]
    [<ControlStatus.CONTESTED: 'contested'>]
    """

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
    """The kind of answer :meth:`ControlTimeline.holder` gives.

    >>> from conflictevents import Actor, ControlChange, EventDate, Location
    >>> timeline = ControlTimeline([ControlChange(
    ...     id="c1", location=Location("Hama", country="SYR"),
    ...     date=EventDate.month_of(2024, 12), previous=Actor("Army"), new=Actor("Rebels"))])
    >>> timeline.holder("Hama", on="2024-12-10").status
    <AnswerStatus.UNCERTAIN: 'uncertain'>
    >>> timeline.holder("Hama", on="2025-01-10").status
    <AnswerStatus.HELD: 'held'>
    """

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

    >>> import datetime as dt
    >>> from conflictevents import Actor, ControlChange, EventDate, Location
    >>> timeline = ControlTimeline([ControlChange(
    ...     id="c1", location=Location("Hama", country="SYR"),
    ...     date=EventDate.day(dt.date(2024, 12, 5)), previous=Actor("Army"),
    ...     new=Actor("Rebels"))])
    >>> (outcome,) = timeline.holder("Hama", on="2024-12-06").outcomes
    >>> outcome.describe(), [c.id for c in outcome.changes], outcome.before
    ('held by Rebels', ['c1'], False)
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
class Evidence:
    """A claim that bears on an answer.

    :ivar claim: the claim.
    :ivar supports: ``True`` when it asserts what the answer says (a holder of the answer
        holds the place, or the holder the answer's change removed does not), ``False`` when
        it asserts otherwise.
    :ivar assertion: what the claim asserts (:class:`~conflictevents.claims.Assertion`).

    >>> import datetime as dt
    >>> from conflictevents import Actor, Claim, ControlChange, EventDate, Location
    >>> hama, rebels = Location("Hama", country="SYR"), Actor("Rebels")
    >>> timeline = ControlTimeline([ControlChange(
    ...     id="c1", location=hama, date=EventDate.day(dt.date(2024, 12, 5)), new=rebels)])
    >>> timeline.add_claim(Claim(id="s1", statement="Rebels hold Hama.", claimant=Actor("SOHR"),
    ...                          holder=rebels, place=hama, date=dt.date(2024, 12, 6)))
    >>> [(str(e), e.supports) for e in timeline.holder("Hama", on="2024-12-06").evidence]
    [('s1', True)]
    """

    claim: Claim
    supports: bool
    assertion: Assertion

    def __str__(self) -> str:
        grading = f" ({self.claim.reliability})" if self.claim.reliability is not None else ""
        return f"{self.claim.id}{grading}"


@attrs.frozen
class HolderAnswer:
    """Who held a place on a day, with what the answer rests on.

    :ivar place: the place's key.
    :ivar name: the place's name as the first record gives it (``None`` if no record).
    :ivar on: the day asked about.
    :ivar outcomes: the possible states, at least one (for an unknown place, one
        ``UNKNOWN`` outcome without changes).
    :ivar disputed: whether conflicting reports make several states possible.
    :ivar evidence: the claims about the place that support or contradict the answer (see
        :class:`Evidence`), by id.
    :ivar suggestions: for a place the timeline does not know, the names of known places
        that are spelt alike ("did you mean").
    """

    place: PlaceKey
    name: str | None
    on: _dt.date
    outcomes: tuple[Outcome, ...]
    disputed: bool = False
    evidence: tuple[Evidence, ...] = ()
    suggestions: tuple[str, ...] = ()

    @property
    def supported_by(self) -> tuple[Claim, ...]:
        """The claims that assert what the answer says."""
        return tuple(e.claim for e in self.evidence if e.supports)

    @property
    def contradicted_by(self) -> tuple[Claim, ...]:
        """The claims that assert otherwise."""
        return tuple(e.claim for e in self.evidence if not e.supports)

    @property
    def rests_on(self) -> tuple[str, ...]:
        """The ids of every record the answer rests on: its changes, then the claims they
        cite or that bear on the answer, then the events the changes cite."""
        out = [c.id for c in self.changes]
        for cid in (*self.claims, *(e.claim.id for e in self.evidence), *self.events):
            if cid not in out:
                out.append(cid)
        return tuple(out)

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
        rests = ", ".join(c.id for c in self.changes) or (
            ", ".join(str(e) for e in self.evidence if e.supports) or "no record")
        text = f"{where} on {self.on.isoformat()}: {states} ({kind}; rests on {rests})"
        if self.changes:
            supported = [str(e) for e in self.evidence if e.supports]
            if supported:
                text += f"; supported by {', '.join(supported)}"
        against = [str(e) for e in self.evidence if not e.supports]
        if against:
            text += f"; contradicted by {', '.join(against)}"
        if self.suggestions:
            text += f"; no place of that name: did you mean {' or '.join(self.suggestions)}?"
        return text

    def __str__(self) -> str:
        return self.explain()


def _change_order(change: ControlChange) -> tuple[_dt.date, _dt.date, str]:
    return (change.date.earliest, change.date.latest, change.id)


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
    """One outcome per state, with the changes of every outcome in that state (the states
    are few, the changes may be many: each state's changes are gathered once)."""
    states: list[Outcome] = []
    changes: list[list[ControlChange]] = []
    seen: list[set[int]] = []
    before: list[bool] = []
    for outcome in outcomes:
        i = next((k for k, state in enumerate(states) if state.same_state(outcome)), -1)
        if i < 0:
            states.append(outcome)
            changes.append([])
            seen.append(set())
            before.append(True)
            i = len(states) - 1
        before[i] = before[i] and outcome.before
        for change in outcome.changes:
            if id(change) not in seen[i]:
                seen[i].add(id(change))
                changes[i].append(change)
    return tuple(attrs.evolve(state, changes=tuple(found), before=flag)
                 for state, found, flag in zip(states, changes, before, strict=True))


def _to_day(value: _dt.date | str) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            parsed = parse_date(value)
        except ParseError as error:
            raise ValidationError("ControlTimeline", "on", value, error.reason) from None
        if parsed.start == parsed.end:
            return parsed.start
        raise ValidationError("ControlTimeline", "on", value, "must be a day, not a period")
    raise ValidationError("ControlTimeline", "on", value, "must be a datetime.date or a date "
                          "as text (2024-12-05, 5 December 2024)")


class ControlTimeline:
    """The holders of places over time, from :class:`ControlChange` records and claims.

    :param changes: any iterable of changes; the timeline does not depend on their order.
    :param key: how places are identified (default :func:`place_key`).
    :param claims: claims about who holds places (see :func:`conflictevents.claims.assertions`:
        a claim naming a holder, or a claim about one of *changes*). They are evidence: an
        answer lists those that support it and those that contradict it, with their gradings;
        for a place no change records, the latest claims that an actor holds it are the answer.

    Changes are kept as given (none is dropped, conflicting ones included); each place's
    changes are ordered by earliest date, latest date, then id.
    """

    def __init__(
        self,
        changes: Iterable[ControlChange] = (),
        *,
        key: Callable[[Location], PlaceKey] = place_key,
        claims: Iterable[Claim] = (),
    ) -> None:
        self._key = key
        self._places: dict[PlaceKey, list[ControlChange]] = {}
        self._starts: dict[PlaceKey, list[_dt.date]] = {}
        self._sorted: set[PlaceKey] = set()
        self._names: dict[str, set[PlaceKey]] = {}
        self._skeletons: dict[str, set[PlaceKey]] = {}
        self._display: dict[PlaceKey, str] = {}
        self._by_id: dict[str, ControlChange] = {}
        self._claims: list[Claim] = []
        self._evidence: dict[PlaceKey, list[Assertion]] | None = None
        for change in changes:
            self.add(change)
        for claim in claims:
            self.add_claim(claim)

    def add(self, change: ControlChange) -> None:
        """Add one change."""
        if not isinstance(change, ControlChange):
            raise ValidationError("ControlTimeline", "changes", change,
                                  "must be ControlChange records")
        place = self._key(change.location)
        self._places.setdefault(place, []).append(change)
        self._sorted.discard(place)
        self._remember(place, change.location)
        self._by_id.setdefault(change.id, change)
        self._evidence = None

    def add_claim(self, claim: Claim) -> None:
        """Add one claim as evidence (see the class documentation)."""
        if not isinstance(claim, Claim):
            raise ValidationError("ControlTimeline", "claims", claim, "must be Claim records")
        self._claims.append(claim)
        self._evidence = None

    def _remember(self, place: PlaceKey, location: Location) -> None:
        self._display.setdefault(place, location.name)
        self._names.setdefault(_fold(location.name), set()).add(place)
        self._skeletons.setdefault(name_skeleton(location.name), set()).add(place)

    def _claims_by_place(self) -> dict[PlaceKey, list[Assertion]]:
        if self._evidence is None:
            found: dict[PlaceKey, list[Assertion]] = {}
            for claim in self._claims:
                for assertion in assertions(claim, self._by_id):
                    if not assertion.is_control or assertion.holder is None:
                        continue
                    location = claim.place
                    if location is None and claim.about in self._by_id:
                        location = self._by_id[claim.about].location
                    if location is None:
                        continue
                    place = self._key(location)
                    found.setdefault(place, []).append(assertion)
                    self._remember(place, location)
            self._evidence = found
        return self._evidence

    def __len__(self) -> int:
        return sum(len(v) for v in self._places.values())

    def __iter__(self) -> Iterator[ControlChange]:
        for place in self.places():
            yield from self._history(place)

    def places(self) -> list[PlaceKey]:
        """The keys of every place with a change, sorted."""
        return sorted(self._places, key=_key_order)

    def key_of(self, place: Location | str | PlaceKey) -> PlaceKey:
        """The key of *place*: a :class:`Location` (through the key function), a key, or a
        name.

        A name is matched case-folded against the names of the places in the timeline, then
        by its skeleton (:func:`~conflictevents._matching.name_skeleton`), so that Hamah and
        Ḥamāh find Hama, then as another name of a first-order division that a place is
        named after (:func:`conflictevents.places.subdivision_code`: Halab finds Aleppo). A
        :class:`Location` whose key the timeline lacks and that has no country is looked up
        by its name the same way.

        :raises ValidationError: if a name matches places in several countries.
        """
        if isinstance(place, Location):
            key = self._key(place)
            self._claims_by_place()
            if key in self._places or place.country is not None or key in (
                    self._evidence or {}):
                return key
            return self._by_name(place.name, default=key)
        if isinstance(place, str):
            return self._by_name(place, default=("", name_skeleton(place)))
        return place

    def _by_name(self, name: str, *, default: PlaceKey) -> PlaceKey:
        self._claims_by_place()
        found = self._names.get(_fold(name)) or self._skeletons.get(name_skeleton(name)) or (
            self._by_division(name))
        if len(found) > 1:
            listed = sorted(found, key=_key_order)
            raise ValidationError("ControlTimeline", "place", name,
                                  f"names {len(found)} places: {listed}; pass a Location")
        return next(iter(found)) if found else default

    def _by_division(self, name: str) -> set[PlaceKey]:
        """The places named like the first-order division *name* names, in any of the
        timeline's countries (:func:`conflictevents.places.subdivision_code`: Halab and
        Ḩalab are Aleppo)."""
        found: set[PlaceKey] = set()
        countries = {k[0] for k in self._display if isinstance(k, tuple) and k and k[0]}
        for country in sorted(countries):
            try:
                code = places.subdivision_code(name, country)
            except UnknownCodeError:
                continue
            for key, shown in self._display.items():
                if not (isinstance(key, tuple) and key and key[0] == country):
                    continue
                try:
                    if places.subdivision_code(shown, country) == code:
                        found.add(key)
                except UnknownCodeError:
                    continue
        return found

    def suggest(self, name: str, limit: int = 3) -> tuple[str, ...]:
        """The names of known places spelt most like *name* (closest first)."""
        self._claims_by_place()
        by_skeleton: dict[str, str] = {}
        for skeleton, keys in self._skeletons.items():
            for key in sorted(keys, key=_key_order):
                by_skeleton.setdefault(skeleton, self._label(key))
        close = difflib.get_close_matches(name_skeleton(name), list(by_skeleton), n=limit,
                                          cutoff=0.6)
        return tuple(by_skeleton[s] for s in close)

    def _label(self, key: PlaceKey) -> str:
        name = self._display.get(key, str(key))
        country = key[0] if isinstance(key, tuple) and key else ""
        return f"{name} ({country})" if country else name

    def _history(self, place: PlaceKey) -> list[ControlChange]:
        changes = self._places.get(place, [])
        if place not in self._sorted:
            changes.sort(key=_change_order)
            self._starts[place] = [c.date.earliest for c in changes]
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
        everything = [(place, c) for place in self.places() for c in self._history(place)]
        if between is not None:
            start, end = _to_day(between[0]), _to_day(between[1])
            period = EventDate(start, end, "span") if start <= end else None
            if period is None:
                raise ValidationError("ControlTimeline", "between", between,
                                      "the end must not be before the start")
            everything = [(p, c) for p, c in everything if c.date.overlaps(period)]
        everything.sort(key=lambda pc: (pc[1].date.earliest, pc[1].date.latest,
                                        _key_order(pc[0]), pc[1].id))
        return [c for _, c in everything]

    def conflicts(self) -> list[tuple[ControlChange, ControlChange]]:
        """Pairs of conflicting reports: changes of one place whose dates overlap and whose
        outcomes differ, where neither continues the other."""
        found = []
        for place in self.places():
            history = self._history(place)
            after = [_outcome_after(c) for c in history]
            for i, a in enumerate(history):
                for j in range(i + 1, len(history)):
                    b = history[j]
                    if b.date.earliest > a.date.latest:
                        break
                    if not after[i].same_state(after[j]) and not (
                            _continues(a, b) or _continues(b, a)):
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

        Claims given to the timeline are evidence: a claim dated within the period an
        outcome covers up to *on* supports it when it asserts that a holder of the outcome
        holds the place (or that the holder its change removed does not), and contradicts
        it when it asserts that another actor holds it (or that its holder does not). For a
        place no change records, the latest claims dated by *on* that an actor holds it
        are the answer.

        :param place: a :class:`Location`, a place key or a place name.
        :param on: a day: a :class:`datetime.date`, or text as
            :func:`~conflictevents.parse_date` reads it (``"2024-12-05"``,
            ``"5 December 2024"``).
        :returns: a :class:`HolderAnswer`; ``UNKNOWN`` for a place the timeline lacks, with
            the names of places spelt alike in :attr:`HolderAnswer.suggestions`.
        """
        day = _to_day(on)
        key = self.key_of(place)
        history = self._history(key)
        claimed = self._claims_by_place().get(key, [])
        name = history[0].location.name if history else self._display.get(key) or (
            place.name if isinstance(place, Location) else place if isinstance(place, str)
            else None)
        if not history:
            return self._from_claims(key, name, day, claimed, place)
        starts = self._starts[key]
        possible = history[:bisect.bisect_right(starts, day)]
        happened_starts = [c.date.earliest for c in possible if c.date.latest <= day]
        floor = max(happened_starts) if happened_starts else None
        candidates = [c for c in possible if floor is None or c.date.latest >= floor]
        outcomes = [_outcome_after(c) for c in candidates]
        if not happened_starts:
            first_end = min(c.date.latest for c in history)
            first = [c for c in history if c.date.earliest <= first_end]
            outcomes = _outcome_before(first) + outcomes
        merged = _merge_outcomes(outcomes)
        disputed = len(merged) > 1 and any(
            _conflict(a, b) for i, a in enumerate(candidates) for b in candidates[i + 1:])
        evidence = _weigh(merged, claimed, day)
        return HolderAnswer(key, name, day, merged, disputed, evidence)

    def _from_claims(self, key: PlaceKey, name: str | None, day: _dt.date,
                     claimed: list[Assertion], asked: object) -> HolderAnswer:
        dated = [a for a in claimed if a.positive and a.holder is not None and (
            a.date is None or a.date.earliest <= day)]
        if not dated:
            suggestions = () if claimed or not isinstance(asked, (str, Location)) else (
                self.suggest(asked if isinstance(asked, str) else asked.name))
            return HolderAnswer(key, name, day, (Outcome(ControlStatus.UNKNOWN, (), ()),),
                                suggestions=suggestions)
        latest = max(_dt.date.min if a.date is None else a.date.earliest for a in dated)
        last = [a for a in dated if (_dt.date.min if a.date is None else a.date.earliest)
                == latest]
        outcomes: list[Outcome] = []
        for assertion in sorted(last, key=lambda a: a.claim.id):
            assert assertion.holder is not None
            outcomes.append(Outcome(ControlStatus.HELD, (assertion.holder,), ()))
        merged = _merge_outcomes(outcomes)
        evidence = tuple(
            Evidence(a.claim, any(a.holder is not None and same_actor(a.holder, h)
                                  for o in merged[:1] for h in o.holders), a)
            for a in sorted(dated, key=lambda a: a.claim.id)
            if a.date is None or a.date.latest >= latest)
        return HolderAnswer(key, name, day, merged, len(merged) > 1, evidence)


def _key_order(key: PlaceKey) -> tuple[str, ...]:
    if isinstance(key, tuple):
        return tuple(str(k) for k in key)
    return (str(key),)


def _weigh(outcomes: tuple[Outcome, ...], claimed: list[Assertion],
           day: _dt.date) -> tuple[Evidence, ...]:
    """The claims that support or contradict the answer's one state (none when the answer
    has several)."""
    if len(outcomes) != 1 or not claimed:
        return ()
    outcome = outcomes[0]
    if outcome.status not in (ControlStatus.HELD, ControlStatus.PARTIAL):
        return ()
    if outcome.before:
        start = _dt.date.min
        end = min(day, min(c.date.latest for c in outcome.changes) - _dt.timedelta(days=1))
    else:
        start = max(c.date.earliest for c in outcome.changes) if outcome.changes else \
            _dt.date.min
        end = day
    removed = [c.previous for c in outcome.changes
               if not outcome.before and c.previous is not None]
    found: dict[str, Evidence] = {}
    for assertion in claimed:
        date = assertion.date
        if date is not None and (date.latest < start or date.earliest > end):
            continue
        holder = assertion.holder
        assert holder is not None
        ours = any(same_actor(holder, h) for h in outcome.holders)
        if assertion.positive:
            supports = ours
        elif ours:
            supports = False
        elif any(same_actor(holder, r) for r in removed):
            supports = True
        else:
            continue
        previous = found.get(assertion.claim.id)
        if previous is None or (previous.supports and not supports):
            found[assertion.claim.id] = Evidence(assertion.claim, supports, assertion)
    return tuple(found[k] for k in sorted(found))


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

    >>> territory_classifications()["cameo"]
    ('192',)
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
