"""Comparing and grading claims: who said what, who disagrees, and how far to trust it.

* :func:`group_claims` partitions claims by what they are about (:attr:`Claim.about`);
  :func:`group_by_change` gathers the claims each :class:`ControlChange` cites.
* :func:`assertions` says what a claim asserts: that an actor holds (or does not hold) a
  place, or that the event it is about happened; :func:`relate` says whether another claim
  confirms it (asserts the same thing), contradicts it (asserts otherwise), is merely
  consistent with it, or is unrelated (silence confirms nothing).
* :func:`find_disagreements` returns a :class:`Disagreement` for every pair of claims whose
  assertions contradict each other (see :class:`ClaimField` for the rules).
* :func:`corroboration` counts the *independent claimants* that confirm or contradict a
  claim: a claim repeated by three outlets quoting one speaker is one claim, not three.
* :func:`rank_claims` orders claims by their Admiralty grading, then by independent
  corroboration.
* :func:`grade` fills in a missing grading from a table of source reliabilities and the
  credibility rule of :func:`derived_credibility`.

>>> from conflictevents import Actor, Claim, Location
>>> army, rebels = Actor("Syrian army"), Actor("Rebel commander")
>>> hama = Location("Hama", country="SYR")
>>> a = Claim(id="c1", statement="Our units hold their positions.", claimant=army,
...           holder=army, place=hama)
>>> b = Claim(id="c2", statement="The city is ours.", claimant=rebels, holder=rebels,
...           place=hama)
>>> [str(d) for d in find_disagreements([a, b])]
["c1 and c2 disagree on holder about 'control of Hama (SYR)': 'Syrian army' vs 'Rebel commander'"]
>>> withdrawn = Claim(id="c3", statement='Our forces have "redeployed".', claimant=army,
...                   stance="denies", holder=army, place=hama)
>>> relate(b, withdrawn).value, relate(a, withdrawn).value
('consistent', 'contradicts')
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Iterator, Mapping

import attrs

from conflictevents._matching import compare_places, names_of, place_key, same_actor
from conflictevents.errors import ValidationError
from conflictevents.model import (
    Actor,
    Claim,
    ControlChange,
    Credibility,
    EventDate,
    Fatalities,
    Grading,
    Location,
    Reliability,
    Source,
    Stance,
)

__all__ = [
    "Assertion",
    "ClaimField",
    "Corroboration",
    "Disagreement",
    "RankedClaim",
    "Relation",
    "assertions",
    "claimant_key",
    "corroboration",
    "derived_credibility",
    "find_disagreements",
    "grade",
    "group_by_change",
    "group_claims",
    "independent_claimants",
    "rank_claims",
    "relate",
]

ClaimValue = Stance | EventDate | Location | Actor | Fatalities
"""The type of the two values a :class:`Disagreement` compares."""


class ClaimField(enum.Enum):
    """The field on which two claims about the same subject disagree.

    Each field is compared only when both claims give it:

    >>> from conflictevents import Actor, Claim, Location
    >>> hama = Location("Hama", country="SYR")
    >>> a = Claim(id="a", statement="Hama is ours.", claimant=Actor("Army"), holder=Actor("Army"),
    ...           place=hama)
    >>> b = Claim(id="b", statement="We took Hama.", claimant=Actor("Rebels"),
    ...           holder=Actor("Rebels"), place=hama)
    >>> [d.field for d in find_disagreements([a, b])]
    [<ClaimField.HOLDER: 'holder'>]
    """

    STANCE = "stance"
    """One asserts what the other denies (of the same holder, or of the same event)."""
    DATE = "date"
    """The dates cannot denote the same day (:meth:`EventDate.overlaps` is false)."""
    PLACE = "place"
    """The places cannot be the same place (different countries; farther apart than the
    less precise of the two allows; different names or admin divisions, see
    :func:`conflictevents.dedupe.compare_events`)."""
    HOLDER = "holder"
    """They assert that different actors (no shared name or alias) hold the same place on
    days both may mean."""
    FATALITIES = "fatalities"
    """The fatality ranges do not overlap (:meth:`Fatalities.agrees_with` is false)."""


def _claim_order(claim: Claim) -> tuple[str, str, str]:
    return (claim.id, claim.speaker, claim.statement)


def _show(value: ClaimValue) -> str:
    if isinstance(value, Stance):
        return repr(value.value)
    if isinstance(value, (Actor, Location)):
        return repr(value.name)
    if isinstance(value, Fatalities):
        if value.low is None and value.high is None:
            return str(value.best)
        return f"{value.best} ({value.low if value.low is not None else value.best}-" \
               f"{value.high if value.high is not None else value.best})"
    return repr(str(value))


@attrs.frozen
class Disagreement:
    """Two claims about the same subject that cannot both be right on one field.

    :ivar field: the :class:`ClaimField` they disagree on.
    :ivar first: the claim with the smaller id.
    :ivar second: the other claim.
    :ivar first_value: what *first* gives for the field.
    :ivar second_value: what *second* gives.
    :ivar subject: the ``about`` of the two claims (``None`` when the caller grouped them).
    """

    field: ClaimField
    first: Claim
    second: Claim
    first_value: ClaimValue
    second_value: ClaimValue
    subject: str | None = None

    @property
    def claims(self) -> tuple[Claim, Claim]:
        """The two claims."""
        return (self.first, self.second)

    def explain(self) -> str:
        """A sentence saying who disagrees on what."""
        about = f" about {self.subject!r}" if self.subject is not None else ""
        return (f"{self.first.id} and {self.second.id} disagree on {self.field.value}{about}: "
                f"{_show(self.first_value)} vs {_show(self.second_value)}")

    def __str__(self) -> str:
        return self.explain()


def group_claims(claims: Iterable[Claim]) -> dict[str | None, tuple[Claim, ...]]:
    """Claims grouped by what they are about (:attr:`Claim.about`).

    The groups partition the claims: every claim is in exactly one group; claims about
    nothing in particular are under ``None``. Keys are in sorted order (``None`` last),
    claims within a group by id.
    """
    groups: dict[str | None, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(claim.about, []).append(claim)
    keys = sorted(groups, key=lambda k: (k is None, k or ""))
    return {k: tuple(sorted(groups[k], key=_claim_order)) for k in keys}


def group_by_change(
    claims: Iterable[Claim], changes: Iterable[ControlChange]
) -> dict[str, tuple[Claim, ...]]:
    """For each change of control (by id), the claims it cites (:attr:`ControlChange.claims`)
    and the claims about it (:attr:`Claim.about` is its id).

    A claim cited by two changes is in both groups; a claim neither cites nor is about any
    change is in none (use :func:`group_claims` for a partition).

    >>> import datetime as dt
    >>> from conflictevents import Actor, Claim, ControlChange, EventDate, Location
    >>> rebels = Actor("Rebels")
    >>> change = ControlChange(id="ch1", location=Location("Hama", country="SYR"),
    ...                        date=EventDate.day(dt.date(2024, 12, 5)), new=rebels,
    ...                        claims=["c1"])
    >>> said = [Claim(id="c1", statement="We entered Hama.", claimant=rebels),
    ...         Claim(id="c2", statement="Hama fell.", claimant=Actor("SOHR"), about="ch1"),
    ...         Claim(id="c3", statement="Quiet in Homs.", claimant=Actor("SOHR"))]
    >>> {key: [c.id for c in group] for key, group in group_by_change(said, [change]).items()}
    {'ch1': ['c1', 'c2']}
    """
    by_id: dict[str, list[Claim]] = {}
    about: dict[str, list[Claim]] = {}
    for claim in claims:
        by_id.setdefault(claim.id, []).append(claim)
        if claim.about is not None:
            about.setdefault(claim.about, []).append(claim)
    out: dict[str, tuple[Claim, ...]] = {}
    for change in sorted(changes, key=lambda c: c.id):
        found = {id(c): c for cid in change.claims for c in by_id.get(cid, ())}
        found.update({id(c): c for c in about.get(change.id, ())})
        previous = out.get(change.id, ())
        merged = {id(c): c for c in previous}
        merged.update(found)
        out[change.id] = tuple(sorted(merged.values(), key=_claim_order))
    return out


# -- what a claim asserts ---------------------------------------------------------------------


@attrs.frozen
class Assertion:
    """One proposition a claim makes, in a form claims can be compared in.

    A claim that names a :attr:`~Claim.holder` makes a **control** assertion: with
    :attr:`Stance.ASSERTS`, that the holder holds the place; with :attr:`Stance.DENIES`, that
    it does not (a denial, or a euphemism: an army saying its forces "redeployed" outside a
    town asserts that it no longer holds it). The place is the claim's
    :attr:`~Claim.place`, else the place of the change it is about. A claim *about* a
    :class:`ControlChange` without a holder asserts that change (its new holder holds the
    place, its previous holder does not) or, denying it, that the new holder does not. Any
    other claim with an ``about`` asserts (or denies) *its subject*: that the event it is
    about happened, on its date, at its place, with its dead.

    :ivar claim: the claim (left out of the ``repr``).
    :ivar key: what the assertion is about: ``("control", country, place skeleton)`` or
        ``("about", id)``; assertions are compared only with assertions of the same key.
    :ivar subject: the key in words: ``"control of Hama (SYR)"``, or the id it is about.
    :ivar holder: for a control assertion, the actor said to hold (or not hold) the place.
    :ivar positive: ``True`` for "holds" / "happened", ``False`` for the denial.
    :ivar date: the date the assertion is for (the claim's date, else the change's, else
        the day the claim was made), or ``None``.

    >>> from conflictevents import Actor, Claim, Location
    >>> army = Actor("Syrian army")
    >>> said = Claim(id="a", statement="We hold Hama.", claimant=army, holder=army,
    ...              place=Location("Hama", country="SYR"))
    >>> (one,) = assertions(said)
    >>> one.is_control, one.subject, one.positive
    (True, 'control of Hama (SYR)', True)
    """

    claim: Claim = attrs.field(repr=False)
    key: tuple[str, ...]
    subject: str
    holder: Actor | None
    positive: bool
    date: EventDate | None = None

    @property
    def is_control(self) -> bool:
        """Whether the assertion is about who holds a place."""
        return self.key[0] == "control"

    def __str__(self) -> str:
        when = f" on {self.date}" if self.date is not None else ""
        if self.is_control:
            verb = "holds" if self.positive else "does not hold"
            who = self.holder.name if self.holder is not None else "someone"
            return f"{who} {verb} {self.subject[len('control of '):]}{when}"
        return ("asserts " if self.positive else "denies ") + repr(self.subject) + when


def _where(place: Location) -> str:
    return f"{place.name} ({place.country})" if place.country else place.name


def _control_key(place: Location) -> tuple[str, ...]:
    return ("control", *place_key(place))


def assertions(
    claim: Claim, changes: Mapping[str, ControlChange] | None = None
) -> tuple[Assertion, ...]:
    """What *claim* asserts (see :class:`Assertion`); ``()`` when it is about nothing.

    :param changes: the changes of control claims may be about, by id (a claim about a change
        takes its place, date and holders from it).

    >>> from conflictevents import Actor, Claim, Location
    >>> army = Actor("Syrian army")
    >>> said = Claim(id="a", statement="Our forces redeployed outside the city.",
    ...              claimant=army, stance="denies", holder=army,
    ...              place=Location("Hama", country="SYR"))
    >>> [str(a) for a in assertions(said)]
    ['Syrian army does not hold Hama (SYR)']
    """
    change = None if changes is None or claim.about is None else changes.get(claim.about)
    date = claim.date or (change.date if change is not None else None) or claim.made_on
    place = claim.place or (change.location if change is not None else None)
    positive = claim.stance is Stance.ASSERTS
    if claim.holder is not None:
        if place is not None:
            return (Assertion(claim, _control_key(place), f"control of {_where(place)}",
                              claim.holder, positive, date),)
        if claim.about is not None:
            return (Assertion(claim, ("control", "about", claim.about),
                              f"control of {claim.about!r}", claim.holder, positive, date),)
        return ()
    if change is not None:
        key, subject = _control_key(change.location), f"control of {_where(change.location)}"
        out: list[Assertion] = []
        if change.new is not None and not change.contested:
            out.append(Assertion(claim, key, subject, change.new, positive, date))
        if positive and change.previous is not None and change.new is not None:
            out.append(Assertion(claim, key, subject, change.previous, False, date))
        if out:
            return tuple(out)
    if claim.about is None:
        return ()
    return (Assertion(claim, ("about", claim.about), claim.about, None, positive, date),)


class Relation(enum.Enum):
    """How one claim bears on another (see :func:`relate`).

    >>> from conflictevents import Actor, Claim
    >>> said = Claim(id="a", statement="The strike happened.", claimant=Actor("SOHR"), about="e1")
    >>> denied = Claim(id="b", statement="No strike.", claimant=Actor("Army"), about="e1",
    ...                stance="denies")
    >>> relate(said, denied) is Relation.CONTRADICTS
    True
    """

    CONFIRMS = "confirms"
    """It asserts the same thing: the same subject, the same holder or outcome, the same
    stance, compatible dates, places and numbers."""
    CONTRADICTS = "contradicts"
    """It asserts otherwise: the opposite stance on the same holder or subject, another
    holder of the same place on a day both may mean, or incompatible details."""
    CONSISTENT = "consistent"
    """It says something else about the same subject that fits (an army conceding a town is
    consistent with rebels claiming it) without asserting the same thing."""
    UNRELATED = "unrelated"
    """Nothing in common to compare: another subject, another time, or silence."""


def _dates_meet(a: EventDate | None, b: EventDate | None) -> bool:
    return a is None or b is None or a.overlaps(b)


def _compare_assertions(
    a: Assertion, b: Assertion
) -> tuple[Relation, ClaimField | None, ClaimValue | None, ClaimValue | None]:
    if a.key != b.key:
        return (Relation.UNRELATED, None, None, None)
    if a.is_control:
        if not _dates_meet(a.date, b.date):
            return (Relation.UNRELATED, None, None, None)
        assert a.holder is not None
        assert b.holder is not None
        same = same_actor(a.holder, b.holder)
        if same:
            if a.positive == b.positive:
                return (Relation.CONFIRMS, None, None, None)
            return (Relation.CONTRADICTS, ClaimField.STANCE, a.claim.stance, b.claim.stance)
        if a.positive and b.positive:
            return (Relation.CONTRADICTS, ClaimField.HOLDER, a.holder, b.holder)
        if a.positive or b.positive:
            return (Relation.CONSISTENT, None, None, None)
        return (Relation.UNRELATED, None, None, None)
    first, second = a.claim, b.claim
    if a.positive != b.positive:
        return (Relation.CONTRADICTS, ClaimField.STANCE, first.stance, second.stance)
    for found in _detail_disagreements(first, second):
        return (Relation.CONTRADICTS, *found)
    return (Relation.CONFIRMS, None, None, None)


def _detail_disagreements(
    first: Claim, second: Claim
) -> list[tuple[ClaimField, ClaimValue, ClaimValue]]:
    out: list[tuple[ClaimField, ClaimValue, ClaimValue]] = []
    if first.date is not None and second.date is not None and not first.date.overlaps(
            second.date):
        out.append((ClaimField.DATE, first.date, second.date))
    if first.place is not None and second.place is not None and not compare_places(
            first.place, second.place).same:
        out.append((ClaimField.PLACE, first.place, second.place))
    if first.fatalities is not None and second.fatalities is not None and \
            not first.fatalities.agrees_with(second.fatalities):
        out.append((ClaimField.FATALITIES, first.fatalities, second.fatalities))
    return out


_STRENGTH = {Relation.CONTRADICTS: 3, Relation.CONFIRMS: 2, Relation.CONSISTENT: 1,
             Relation.UNRELATED: 0}


def relate(
    claim: Claim, other: Claim, changes: Mapping[str, ControlChange] | None = None
) -> Relation:
    """How *other* bears on *claim*: the strongest relation between their
    :func:`assertions` (a contradiction outweighs a confirmation, which outweighs mere
    consistency). Silence is :attr:`Relation.UNRELATED`: a claim that says nothing about a
    holder neither confirms nor contradicts one that names a holder.
    """
    best = Relation.UNRELATED
    for a in assertions(claim, changes):
        for b in assertions(other, changes):
            found = _compare_assertions(a, b)[0]
            if _STRENGTH[found] > _STRENGTH[best]:
                best = found
    return best


class _Pairs:
    """Every pair of claims whose assertions share a key, compared once (claims grouped by
    key, then by date, so that the work grows with the pairs that can meet)."""

    def __init__(self, claims: list[Claim], changes: Mapping[str, ControlChange] | None,
                 same_subject: bool = False) -> None:
        self.by_key: dict[tuple[str, ...], list[Assertion]] = {}
        for claim in claims:
            found = assertions(claim, changes)
            if same_subject:
                found = tuple(attrs.evolve(a, key=("same",)) for a in found) or (
                    Assertion(claim, ("same",), "", None, claim.stance is Stance.ASSERTS,
                              claim.date),)
            for assertion in found:
                self.by_key.setdefault(assertion.key, []).append(assertion)

    def compared(self) -> Iterator[tuple[Assertion, Assertion, tuple[
            Relation, ClaimField | None, ClaimValue | None, ClaimValue | None]]]:
        for members in self.by_key.values():
            members.sort(key=lambda a: (_earliest(a.date), a.claim.id))
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    if a.is_control and a.date is not None and b.date is not None and \
                            b.date.earliest > a.date.latest:
                        break
                    if a.claim is b.claim:
                        continue
                    yield a, b, _compare_assertions(a, b)


def _earliest(date: EventDate | None) -> _dt.date:
    return _dt.date.min if date is None else date.earliest


def find_disagreements(
    claims: Iterable[Claim],
    *,
    same_subject: bool = False,
    changes: Iterable[ControlChange] | Mapping[str, ControlChange] | None = None,
) -> list[Disagreement]:
    """Every disagreement between two claims that assert something about the same subject.

    Claims are compared through their :func:`assertions`: two claims about who holds a place
    disagree when one asserts what the other denies of the same holder (``stance``), or
    when they name different holders for days both may mean (``holder``); two claims about
    the same event disagree on its occurrence (``stance``) or on its details (``date``,
    ``place``, ``fatalities``). Silence is not disagreement.

    :param claims: the claims to compare.
    :param same_subject: with ``True`` the caller says that all *claims* are about one
        subject (for example the claims a change of control cites,
        :func:`group_by_change`), and every pair is compared on stance and details.
    :param changes: the changes of control the claims may be about (see :func:`assertions`).
    :returns: one :class:`Disagreement` per pair of claims and :class:`ClaimField`, ordered
        by subject, then by the two claims' ids, then by field.
    """
    items = sorted(claims, key=_claim_order)
    by_id = _changes_by_id(changes)
    found: dict[tuple[str, str, str, str], Disagreement] = {}
    if same_subject:
        for i, first in enumerate(items):
            for second in items[i + 1:]:
                for one, x1, y1 in _same_subject_fields(first, second):
                    found.setdefault((" ", first.id, second.id, one.value),
                                     Disagreement(one, first, second, x1, y1, None))
    else:
        for a, b, (relation, field, x, y) in _Pairs(items, by_id).compared():
            if relation is not Relation.CONTRADICTS or field is None or x is None or y is None:
                continue
            if _claim_order(b.claim) < _claim_order(a.claim):
                a, b, x, y = b, a, y, x
            key = (a.subject, a.claim.id, b.claim.id, field.value)
            found.setdefault(key, Disagreement(field, a.claim, b.claim, x, y, a.subject))
    return [found[k] for k in sorted(found)]


def _same_subject_fields(
    first: Claim, second: Claim
) -> list[tuple[ClaimField, ClaimValue, ClaimValue]]:
    out: list[tuple[ClaimField, ClaimValue, ClaimValue]] = []
    if first.stance is not second.stance:
        out.append((ClaimField.STANCE, first.stance, second.stance))
    if first.holder is not None and second.holder is not None and not same_actor(
            first.holder, second.holder):
        out.append((ClaimField.HOLDER, first.holder, second.holder))
    return out + _detail_disagreements(first, second)


def _changes_by_id(
    changes: Iterable[ControlChange] | Mapping[str, ControlChange] | None,
) -> dict[str, ControlChange] | None:
    if changes is None:
        return None
    if isinstance(changes, Mapping):
        return dict(changes)
    return {c.id: c for c in changes}


# -- independence and corroboration ------------------------------------------------------------


def claimant_key(claimant: Actor | Source) -> str:
    """The key that identifies a claimant: its name, case-folded and with white space
    collapsed. An :class:`Actor` is also known by its aliases (see
    :func:`independent_claimants`).

    >>> from conflictevents import Actor, Source
    >>> claimant_key(Actor("  Syrian   Army ")), claimant_key(Source("SOHR"))
    ('syrian army', 'sohr')
    """
    return " ".join(claimant.name.split()).casefold()


def _claimant_names(claimant: Actor | Source) -> frozenset[str]:
    if isinstance(claimant, Actor):
        return names_of(claimant)
    return frozenset({claimant_key(claimant)})


class _Speakers:
    """Claimants joined when they share a name or an alias (union-find)."""

    def __init__(self, claims: Iterable[Claim]) -> None:
        self._parent: dict[str, str] = {}
        for claim in claims:
            names = sorted(_claimant_names(claim.claimant))
            for name in names:
                self._parent.setdefault(name, name)
            for name in names[1:]:
                self._union(names[0], name)

    def _find(self, name: str) -> str:
        self._parent.setdefault(name, name)
        root = name
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[name] != root:
            self._parent[name], name = root, self._parent[name]
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    def key(self, claim: Claim) -> str:
        return self._find(min(_claimant_names(claim.claimant)))


def independent_claimants(claims: Iterable[Claim]) -> tuple[str, ...]:
    """The distinct claimants of *claims*, as sorted keys.

    Independence counts who *said* something, not who *reported* it: the outlets in
    :attr:`Claim.reported_by` do not count, and two claimants are one when they share a
    name or an alias (case-folded). Each key is the smallest case-folded name of its
    claimant.
    """
    items = list(claims)
    speakers = _Speakers(items)
    return tuple(sorted({speakers.key(c) for c in items}))


@attrs.frozen
class Corroboration:
    """What other claimants say about what a claim asserts.

    :ivar claim: the claim (left out of the ``repr``; see :attr:`claim_id`).
    :ivar claimant: its claimant's key (see :func:`independent_claimants`).
    :ivar confirmed_by: the keys of the *other* claimants that assert the same thing
        (:attr:`Relation.CONFIRMS`).
    :ivar contradicted_by: the keys of the other claimants that assert otherwise
        (:attr:`Relation.CONTRADICTS`; a claimant can be in both lists, when it said both).
    :ivar consistent_with: the keys of the other claimants whose claims fit it without
        asserting the same thing (:attr:`Relation.CONSISTENT`).
    :ivar repeated: how many other claims of the *same* claimant assert the same thing
        (not independent: they do not confirm it).
    :ivar comparable: whether the claim asserts anything comparable at all.

    >>> from conflictevents import Actor, Claim
    >>> said = [Claim(id=f"c{i}", statement="The strike happened.", claimant=Actor(name),
    ...               about="e1") for i, name in enumerate(["SOHR", "Reuters", "sohr"])]
    >>> item = corroboration(said)["c0"]
    >>> item.claimant, item.confirmed_by, item.repeated, item.independent
    ('sohr', ('reuters',), 1, 2)
    """

    claim: Claim = attrs.field(repr=False)
    claimant: str
    confirmed_by: tuple[str, ...]
    contradicted_by: tuple[str, ...]
    consistent_with: tuple[str, ...] = ()
    repeated: int = 0
    comparable: bool = True

    @property
    def claim_id(self) -> str:
        """The claim's id."""
        return self.claim.id

    @property
    def independent(self) -> int:
        """How many independent claimants assert it: the claimant and those confirming it."""
        return 1 + len(self.confirmed_by)

    @property
    def credibility(self) -> Credibility:
        """The credibility :func:`derived_credibility` derives."""
        return derived_credibility(self)

    def explain(self) -> str:
        """Why the claim gets its credibility, in a sentence."""
        def names(keys: tuple[str, ...]) -> str:
            return ", ".join(keys)
        parts = []
        if not self.comparable:
            return f"{self.claim_id}: asserts nothing comparable; {self.credibility.value} " \
                   f"({_CREDIBILITY_WORDS[self.credibility]})"
        parts.append(f"confirmed by {names(self.confirmed_by)}" if self.confirmed_by
                     else "confirmed by no independent claimant")
        if self.contradicted_by:
            parts.append(f"contradicted by {names(self.contradicted_by)}")
        if self.consistent_with:
            parts.append(f"consistent with {names(self.consistent_with)}")
        if self.repeated:
            parts.append(f"repeated {self.repeated} time(s) by its own claimant")
        grade_ = self.credibility
        return f"{self.claim_id}: {'; '.join(parts)}: {grade_.value} " \
               f"({_CREDIBILITY_WORDS[grade_]})"


_CREDIBILITY_WORDS = {
    Credibility.CONFIRMED: "confirmed by other sources",
    Credibility.PROBABLY_TRUE: "probably true",
    Credibility.POSSIBLY_TRUE: "possibly true",
    Credibility.DOUBTFUL: "doubtful",
    Credibility.IMPROBABLE: "improbable",
    Credibility.CANNOT_BE_JUDGED: "truth cannot be judged",
}


def corroboration(
    claims: Iterable[Claim],
    *,
    changes: Iterable[ControlChange] | Mapping[str, ControlChange] | None = None,
) -> dict[str, Corroboration]:
    """The :class:`Corroboration` of each claim (by id) among *claims*.

    Claims are compared through their :func:`assertions`, so a claim is confirmed only by
    claims that assert the same thing, contradicted only by claims that assert otherwise,
    and neither by claims that say nothing about it. Claims by the same claimant (see
    :func:`independent_claimants`) neither confirm nor contradict each other: a repetition is
    counted in :attr:`Corroboration.repeated`.

    :param changes: the changes of control the claims may be about.
    """
    items = sorted(claims, key=_claim_order)
    by_id = _changes_by_id(changes)
    speakers = _Speakers(items)
    keys = {id(c): speakers.key(c) for c in items}
    relations: dict[int, dict[Relation, set[str]]] = {id(c): {} for c in items}
    repeated: dict[int, set[int]] = {}
    comparable: set[int] = set()
    for claim in items:
        if assertions(claim, by_id):
            comparable.add(id(claim))
    for a, b, (relation, _, _, _) in _Pairs(items, by_id).compared():
        ka, kb = keys[id(a.claim)], keys[id(b.claim)]
        if relation is Relation.UNRELATED:
            continue
        if ka == kb:
            if relation is Relation.CONFIRMS:
                repeated.setdefault(id(a.claim), set()).add(id(b.claim))
                repeated.setdefault(id(b.claim), set()).add(id(a.claim))
            continue
        relations[id(a.claim)].setdefault(relation, set()).add(kb)
        relations[id(b.claim)].setdefault(relation, set()).add(ka)
    out: dict[str, Corroboration] = {}
    for claim in items:
        found = relations[id(claim)]
        out.setdefault(claim.id, Corroboration(
            claim, keys[id(claim)],
            tuple(sorted(found.get(Relation.CONFIRMS, ()))),
            tuple(sorted(found.get(Relation.CONTRADICTS, ()))),
            tuple(sorted(found.get(Relation.CONSISTENT, ()))),
            len(repeated.get(id(claim), ())),
            id(claim) in comparable,
        ))
    return out


def derived_credibility(item: Corroboration) -> Credibility:
    """The Admiralty credibility (1-6) that corroboration supports.

    The rule follows the definitions of NATO STANAG 2511 (AJP-2.1) as the US Army's FM 2-22.3,
    appendix B, table B-2, words them. With *c* the other independent claimants asserting the
    same thing, *d* those asserting otherwise and *s* those consistent with it:

    * ``c >= 1, d == 0``: 1 :attr:`~Credibility.CONFIRMED` ("confirmed by other independent
      sources");
    * ``c == 0, d == 0, s >= 1``: 2 :attr:`~Credibility.PROBABLY_TRUE` ("not confirmed;
      consistent with other information on the subject");
    * ``c >= 1, d >= 1``: 3 :attr:`~Credibility.POSSIBLY_TRUE` ("agrees with some other
      information on the subject");
    * ``c == 0, d >= 1, s >= 1``: 4 :attr:`~Credibility.DOUBTFUL` (contradicted, with only
      indirect support);
    * ``c == 0, d >= 1, s == 0``: 5 :attr:`~Credibility.IMPROBABLE` ("contradicted by other
      information on the subject");
    * nothing else on the subject (``c == d == s == 0``), or nothing comparable asserted: 6
      :attr:`~Credibility.CANNOT_BE_JUDGED` ("no basis exists for evaluating the validity of
      the information": whether a lone claim is logical in itself is a judgement the data
      cannot make).

    >>> from conflictevents import Actor, Claim
    >>> said = [Claim(id="a", statement="It happened.", claimant=Actor("SOHR"), about="e1"),
    ...         Claim(id="b", statement="It happened.", claimant=Actor("Reuters"), about="e1")]
    >>> derived_credibility(corroboration(said)["a"])
    <Credibility.CONFIRMED: 1>
    """
    if not item.comparable:
        return Credibility.CANNOT_BE_JUDGED
    c, d, s = len(item.confirmed_by), len(item.contradicted_by), len(item.consistent_with)
    if c and not d:
        return Credibility.CONFIRMED
    if c and d:
        return Credibility.POSSIBLY_TRUE
    if d:
        return Credibility.DOUBTFUL if s else Credibility.IMPROBABLE
    return Credibility.PROBABLY_TRUE if s else Credibility.CANNOT_BE_JUDGED


def _to_reliability(value: Reliability | str, name: str) -> Reliability:
    if isinstance(value, Reliability):
        return value
    if isinstance(value, str) and len(value.strip()) == 1 and value.strip().upper() in "ABCDEF":
        return Reliability[value.strip().upper()]
    raise ValidationError("grade", "table", (name, value), "must map names to a letter A-F")


def grade(
    claims: Iterable[Claim],
    table: Mapping[str, Reliability | str],
    *,
    default: Reliability | str | None = Reliability.F,
    changes: Iterable[ControlChange] | Mapping[str, ControlChange] | None = None,
) -> list[Claim]:
    """The claims, with a grading filled in where they have none.

    The reliability letter is looked up in *table* by the claimant's name or, for an
    :class:`Actor`, one of its aliases (case-folded); a claimant missing from the table
    gets *default* (``F``, "reliability cannot be judged"; ``None`` leaves such claims
    ungraded). The credibility number is :func:`derived_credibility` of the claim's
    :func:`corroboration` among *claims*. Claims that already have a grading are returned
    unchanged; the order of *claims* is kept.

    :param table: claimant name -> :class:`Reliability` or its letter (``"B"``).
    :param changes: the changes of control the claims may be about (see :func:`assertions`).
    :raises ValidationError: if a value of *table* or *default* is not a letter A-F.
    """
    items = list(claims)
    lookup = {" ".join(k.split()).casefold(): _to_reliability(v, k) for k, v in table.items()}
    fallback = None if default is None else _to_reliability(default, "default")
    support = corroboration(items, changes=changes)
    out: list[Claim] = []
    for claim in items:
        if claim.reliability is not None:
            out.append(claim)
            continue
        names = sorted(_claimant_names(claim.claimant))
        primary = claimant_key(claim.claimant)
        ordered = [primary] + [n for n in names if n != primary]
        letter = next((lookup[n] for n in ordered if n in lookup), fallback)
        if letter is None:
            out.append(claim)
            continue
        credibility = derived_credibility(support[claim.id]) if claim.id in support else (
            Credibility.CANNOT_BE_JUDGED)
        out.append(attrs.evolve(claim, reliability=Grading(letter, credibility)))
    return out


@attrs.frozen
class RankedClaim:
    """A claim with what its place in :func:`rank_claims` rests on.

    :ivar claim: the claim.
    :ivar grading: its grading, or ``None`` (ungraded claims rank after graded ones).
    :ivar corroboration: its :class:`Corroboration`.

    >>> from conflictevents import Actor, Claim
    >>> said = [Claim(id="a", statement="It happened.", claimant=Actor("SOHR"), about="e1",
    ...               reliability="C3"),
    ...         Claim(id="b", statement="It happened.", claimant=Actor("Reuters"), about="e1",
    ...               reliability="B2")]
    >>> top = rank_claims(said)[0]
    >>> top.claim.id, str(top.grading), top.corroboration.confirmed_by
    ('b', 'B2', ('sohr',))
    """

    claim: Claim
    grading: Grading | None
    corroboration: Corroboration

    @property
    def key(self) -> tuple[int, int, int, int, str]:
        """The sort key: grading (:attr:`Grading.rank`, ungraded last), then more
        independent confirmations first, then fewer contradictions, then id."""
        rank = self.grading.rank if self.grading is not None else (len(Reliability), 7)
        return (rank[0], rank[1], -len(self.corroboration.confirmed_by),
                len(self.corroboration.contradicted_by), self.claim.id)


def rank_claims(
    claims: Iterable[Claim],
    *,
    changes: Iterable[ControlChange] | Mapping[str, ControlChange] | None = None,
) -> list[RankedClaim]:
    """The claims, best first: by Admiralty grading (``A1`` first, ungraded last), then by
    the number of independent claimants confirming them, then by the number contradicting
    them, then by id."""
    items = list(claims)
    support = corroboration(items, changes=changes)
    ranked = [RankedClaim(c, c.reliability, support[c.id]) for c in items]
    return sorted(ranked, key=lambda r: r.key)
