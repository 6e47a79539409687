"""Comparing and grading claims: who said what, who disagrees, and how far to trust it.

* :func:`group_claims` partitions claims by what they are about (:attr:`Claim.about`);
  :func:`group_by_change` gathers the claims each :class:`ControlChange` cites.
* :func:`find_disagreements` returns a :class:`Disagreement` for every pair of claims about
  the same subject that contradict each other (see :class:`ClaimField` for the rules).
* :func:`corroboration` counts the *independent claimants* that confirm or contradict a
  claim: a claim repeated by three outlets quoting one speaker is one claim, not three.
* :func:`rank_claims` orders claims by their Admiralty grading, then by independent
  corroboration.
* :func:`grade` fills in a missing grading from a table of source reliabilities and the
  credibility rule of :func:`derived_credibility`.

>>> import datetime as dt
>>> from conflictevents import Actor, Claim, EventDate, Stance
>>> army = Actor("Syrian army")
>>> rebels = Actor("Rebel commander")
>>> a = Claim(id="c1", statement="We redeployed.", claimant=army, about="hama-control")
>>> b = Claim(id="c2", statement="Nothing happened.", claimant=rebels, about="hama-control",
...           stance=Stance.DENIES)
>>> [str(d) for d in find_disagreements([a, b])]
["c1 and c2 disagree on stance about 'hama-control': 'asserts' vs 'denies'"]
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping

import attrs

from conflictevents._matching import compare_places, names_of, same_actor
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
    "ClaimField",
    "Corroboration",
    "Disagreement",
    "RankedClaim",
    "claimant_key",
    "corroboration",
    "derived_credibility",
    "find_disagreements",
    "grade",
    "group_by_change",
    "group_claims",
    "independent_claimants",
    "rank_claims",
]

ClaimValue = Stance | EventDate | Location | Actor | Fatalities
"""The type of the two values a :class:`Disagreement` compares."""


class ClaimField(enum.Enum):
    """The field on which two claims about the same subject disagree.

    Each field is compared only when both claims give it:
    """

    STANCE = "stance"
    """One asserts what the other denies."""
    DATE = "date"
    """The dates cannot denote the same day (:meth:`EventDate.overlaps` is false)."""
    PLACE = "place"
    """The places cannot be the same place (different countries; farther apart than the
    less precise of the two allows; different names or admin divisions, see
    :func:`conflictevents.dedupe.compare_events`)."""
    HOLDER = "holder"
    """They name different holders (no shared name or alias)."""
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


def _compare(first: Claim, second: Claim, subject: str | None) -> list[Disagreement]:
    found: list[Disagreement] = []

    def add(field: ClaimField, a: ClaimValue, b: ClaimValue) -> None:
        found.append(Disagreement(field, first, second, a, b, subject))

    if first.stance is not second.stance:
        add(ClaimField.STANCE, first.stance, second.stance)
    if first.date is not None and second.date is not None and not first.date.overlaps(
        second.date
    ):
        add(ClaimField.DATE, first.date, second.date)
    if first.place is not None and second.place is not None and not compare_places(
        first.place, second.place
    ).same:
        add(ClaimField.PLACE, first.place, second.place)
    if first.holder is not None and second.holder is not None and not same_actor(
        first.holder, second.holder
    ):
        add(ClaimField.HOLDER, first.holder, second.holder)
    if first.fatalities is not None and second.fatalities is not None and \
            not first.fatalities.agrees_with(second.fatalities):
        add(ClaimField.FATALITIES, first.fatalities, second.fatalities)
    return found


def find_disagreements(
    claims: Iterable[Claim], *, same_subject: bool = False
) -> list[Disagreement]:
    """Every disagreement between two claims about the same subject.

    :param claims: the claims to compare.
    :param same_subject: by default claims are compared within their :func:`group_claims`
        groups (claims without ``about`` are not compared). With ``True`` the caller says
        that all *claims* are about one subject (for example the claims a change of control
        cites, :func:`group_by_change`), and every pair is compared.
    :returns: one :class:`Disagreement` per pair of claims and :class:`ClaimField`, ordered
        by subject, then by the two claims' ids, then by field.
    """
    if same_subject:
        items = list(claims)
        groups: dict[str | None, tuple[Claim, ...]] = {
            None: tuple(sorted(items, key=_claim_order))}
    else:
        groups = {k: v for k, v in group_claims(claims).items() if k is not None}
    found: list[Disagreement] = []
    for subject, members in groups.items():
        for i, first in enumerate(members):
            for second in members[i + 1:]:
                found.extend(_compare(first, second, subject))
    return found


# -- independence and corroboration ------------------------------------------------------------


def claimant_key(claimant: Actor | Source) -> str:
    """The key that identifies a claimant: its name, case-folded and with white space
    collapsed. An :class:`Actor` is also known by its aliases (see
    :func:`independent_claimants`)."""
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
    """What other claimants say about a claim's subject.

    :ivar claim: the claim (left out of the ``repr``; see :attr:`claim_id`).
    :ivar claimant: its claimant's key (see :func:`independent_claimants`).
    :ivar confirmed_by: the keys of the *other* claimants that made a claim about the same
        subject without disagreeing with it.
    :ivar contradicted_by: the keys of the other claimants that made a claim disagreeing
        with it (a claimant can be in both, when it said both).
    :ivar comparable: whether the claim has a subject (``about``) at all.
    """

    claim: Claim = attrs.field(repr=False)
    claimant: str
    confirmed_by: tuple[str, ...]
    contradicted_by: tuple[str, ...]
    comparable: bool = True

    @property
    def claim_id(self) -> str:
        """The claim's id."""
        return self.claim.id

    @property
    def independent(self) -> int:
        """How many independent claimants say it: the claimant and those confirming it."""
        return 1 + len(self.confirmed_by)

    @property
    def credibility(self) -> Credibility:
        """The credibility :func:`derived_credibility` derives."""
        return derived_credibility(self)


def corroboration(claims: Iterable[Claim]) -> dict[str, Corroboration]:
    """The :class:`Corroboration` of each claim (by id) among *claims*.

    A claim is compared with every other claim about the same subject (:func:`group_claims`);
    claims by the same claimant (see :func:`independent_claimants`) neither confirm nor
    contradict each other.
    """
    items = sorted(claims, key=_claim_order)
    speakers = _Speakers(items)
    found = find_disagreements(items)
    contradicting: dict[int, set[str]] = {}
    for disagreement in found:
        a, b = disagreement.first, disagreement.second
        ka, kb = speakers.key(a), speakers.key(b)
        if ka != kb:
            contradicting.setdefault(id(a), set()).add(kb)
            contradicting.setdefault(id(b), set()).add(ka)
    disagreeing_pairs = {(id(d.first), id(d.second)) for d in found}
    out: dict[str, Corroboration] = {}
    groups = group_claims(items)
    for subject, members in groups.items():
        for claim in members:
            own = speakers.key(claim)
            if subject is None:
                out.setdefault(claim.id, Corroboration(claim, own, (), (), comparable=False))
                continue
            confirming = {
                speakers.key(other) for other in members
                if other is not claim and speakers.key(other) != own
                and (id(claim), id(other)) not in disagreeing_pairs
                and (id(other), id(claim)) not in disagreeing_pairs
            }
            out.setdefault(claim.id, Corroboration(
                claim, own, tuple(sorted(confirming)),
                tuple(sorted(contradicting.get(id(claim), ()))),
            ))
    return out


def derived_credibility(item: Corroboration) -> Credibility:
    """The Admiralty credibility (1-6) that corroboration supports.

    With *c* the number of other independent claimants confirming the claim and *d* the
    number contradicting it (:class:`Corroboration`):

    * no contradiction (``d == 0``): 1 :attr:`~Credibility.CONFIRMED` when ``c >= 2``,
      2 :attr:`~Credibility.PROBABLY_TRUE` when ``c == 1``, 3
      :attr:`~Credibility.POSSIBLY_TRUE` when ``c == 0`` (uncorroborated);
    * contradicted (``d >= 1``): 4 :attr:`~Credibility.DOUBTFUL` when also confirmed
      (``c >= 1``), 5 :attr:`~Credibility.IMPROBABLE` when only contradicted (``c == 0``);
    * a claim about nothing in particular (no ``about``) cannot be compared: 6
      :attr:`~Credibility.CANNOT_BE_JUDGED`.
    """
    if not item.comparable:
        return Credibility.CANNOT_BE_JUDGED
    confirmed, contradicted = len(item.confirmed_by), len(item.contradicted_by)
    if contradicted:
        return Credibility.DOUBTFUL if confirmed else Credibility.IMPROBABLE
    if confirmed >= 2:
        return Credibility.CONFIRMED
    return Credibility.PROBABLY_TRUE if confirmed == 1 else Credibility.POSSIBLY_TRUE


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
) -> list[Claim]:
    """The claims, with a grading filled in where they have none.

    The reliability letter is looked up in *table* by the claimant's name or, for an
    :class:`Actor`, one of its aliases (case-folded); a claimant missing from the table
    gets *default* (``F``, "reliability cannot be judged"; ``None`` leaves such claims
    ungraded). The credibility number is :func:`derived_credibility` of the claim's
    :func:`corroboration` among *claims*. Claims that already have a grading are returned
    unchanged; the order of *claims* is kept.

    :param table: claimant name -> :class:`Reliability` or its letter (``"B"``).
    :raises ValidationError: if a value of *table* or *default* is not a letter A-F.
    """
    items = list(claims)
    lookup = {" ".join(k.split()).casefold(): _to_reliability(v, k) for k, v in table.items()}
    fallback = None if default is None else _to_reliability(default, "default")
    support = corroboration(items)
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


def rank_claims(claims: Iterable[Claim]) -> list[RankedClaim]:
    """The claims, best first: by Admiralty grading (``A1`` first, ungraded last), then by
    the number of independent claimants confirming them, then by the number contradicting
    them, then by id."""
    items = list(claims)
    support = corroboration(items)
    ranked = [RankedClaim(c, c.reliability, support[c.id]) for c in items]
    return sorted(ranked, key=lambda r: r.key)
