"""Finding and merging events that different sources or formats report for one happening.

Two events are duplicates when every criterion of :func:`compare_events` holds:

* **origin**: they come from different formats (no format name in common among the keys
  of their ``extras``, and at least one has some) or from different sources (both name
  sources, none in common); events equal in every field are duplicates whatever their
  origin;
* **date**: their dates may denote the same day (:meth:`EventDate.overlaps`);
* **place**: the same country, and, with coordinates on both sides, a haversine distance
  within the threshold of the less precise of the two places (:data:`DEFAULT_DISTANCES_KM`:
  EXACT 10 km, NEAR 25 km, ADMIN2 75 km, ADMIN1 200 km, REGION 500 km; a place without
  a precision counts as NEAR); without coordinates, the same name or the same admin
  division at the level the less precise place is known to;
* **actors**: each main actor of one is compatible with a main actor of the other, in
  either order (the same name or alias, the same CAMEO actor code, or the same kind and
  country); an event without main actors does not contradict any;
* **classification**: where the two events have classifications in comparable schemes,
  at least one pair is related: the same scheme and code (CAMEO codes also when one is the
  other's root or base), or linked by a crosswalk of :mod:`conflictevents.codes.crosswalks`
  (ACLED <-> CAMEO, CAMEO -> PLOVER, ACLED -> CAMEO -> PLOVER).

Pairs are linked into groups in a fixed order (by the ids of the two events), and a link is
refused when it would put two events of the same origin into one group. :func:`dedupe`
merges each group (see :func:`merge_events`) and repeats until no duplicates remain, so
``dedupe(dedupe(x)) == dedupe(x)``; the result does not depend on the order of the input.
"""

from __future__ import annotations

import array
import functools
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TypeVar

import attrs

from conflictevents._index import SpaceTimeIndex
from conflictevents._matching import (
    ACTOR_LEVELS,
    EARTH_RADIUS_KM,
    TAXONOMY_LEVELS,
    ActorProfile,
    PlaceComparison,
    actor_level,
    actor_profile,
    compare_places,
    compatible_actors,
    event_actor_hints,
    name_skeleton,
    same_actor,
    taxonomy_labels,
    taxonomy_level,
)
from conflictevents._matching import DEFAULT_DISTANCES_KM as _DISTANCES
from conflictevents.codes import cameo, crosswalks
from conflictevents.errors import UnknownCodeError
from conflictevents.model import (
    Actor,
    Classification,
    Event,
    EventDate,
    Fatalities,
    FrozenMap,
    GeoPrecision,
    Location,
)

#: How far apart (km) two places may be and still be the same place, by the precision of the
#: less precise of the two: EXACT 10, NEAR 25, ADMIN2 75, ADMIN1 200, REGION 500; COUNTRY and
#: INTERNATIONAL places match on the country alone. A place without a precision counts as NEAR.
DEFAULT_DISTANCES_KM: Mapping[GeoPrecision, float] = _DISTANCES

__all__ = [
    "BASE_SCORE",
    "DEFAULT_DAYS",
    "DEFAULT_DISTANCES_KM",
    "REFUSALS",
    "VAGUENESS",
    "Comparison",
    "DuplicateGroup",
    "MatchResult",
    "Merge",
    "PairScore",
    "compare_events",
    "dedupe",
    "find_duplicates",
    "match_events",
    "merge_events",
    "score_pair",
]


@attrs.frozen
class Comparison:
    """Whether two events describe the same happening, criterion by criterion.

    :ivar first: the id of the event with the smaller sort key.
    :ivar second: the id of the other.
    :ivar identical: the two events are equal in every field.
    :ivar origin: why their origins differ, or ``None`` when they do not.
    :ivar dates: the two dates, when they overlap, else ``None``.
    :ivar place: the :class:`~conflictevents._matching.PlaceComparison` of the places
        (``None`` when either event has no location).
    :ivar actors: why the actors are compatible, or ``None`` when they are not.
    :ivar classification: why the classifications are compatible, or ``None``.

    >>> from conflictevents import Actor, Classification, Event, Location
    >>> hama = Location("Hama", country="SYR", latitude=35.13, longitude=36.75, precision="exact")
    >>> a = Event(id="A1", date="2024-12-05", location=hama, actor1=Actor("HTS"),
    ...           classifications=[Classification("cameo", "190")], extras={"gdelt2": {}})
    >>> b = Event(id="B1", date="2024-12-05", location=hama, actor1=Actor("HTS"),
    ...           classifications=[Classification("acled", "Armed clash", parent="Battles")],
    ...           extras={"acled": {}})
    >>> found = compare_events(a, b)
    >>> found.matches, found.first, found.second, found.distance_km
    (True, 'A1', 'B1', 0.0)
    """

    first: str
    second: str
    identical: bool
    origin: str | None
    dates: tuple[EventDate, EventDate] | None
    place: PlaceComparison | None
    actors: str | None
    classification: str | None

    @property
    def distance_km(self) -> float | None:
        """The distance between the two places, when both have coordinates."""
        return None if self.place is None else self.place.distance_km

    @property
    def matches(self) -> bool:
        """Whether every criterion holds (or the events are identical)."""
        if self.identical:
            return True
        return (self.origin is not None and self.dates is not None and self.place is not None
                and self.place.same and self.actors is not None
                and self.classification is not None)

    def explain(self) -> str:
        """One line per criterion."""
        if self.identical:
            return f"{self.first} and {self.second}: identical events"
        place = "no location" if self.place is None else (
            ("" if self.place.same else "NOT ") + f"same place: {self.place}")
        lines = [
            f"{self.first} and {self.second}:",
            f"  origin: {self.origin or 'same origin'}",
            "  date: " + (f"{self.dates[0]} overlaps {self.dates[1]}" if self.dates
                          else "dates do not overlap"),
            f"  place: {place}",
            f"  actors: {self.actors or 'incompatible'}",
            f"  classification: {self.classification or 'incompatible'}",
        ]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.explain()


@attrs.frozen
class DuplicateGroup:
    """Events that describe one happening.

    :ivar events: the events, by sort key (id first).
    :ivar comparisons: the matching pairs that link them.
    """

    events: tuple[Event, ...]
    comparisons: tuple[Comparison, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the events."""
        return tuple(e.id for e in self.events)


@attrs.frozen
class Merge:
    """One merge: which events became which, and why.

    :ivar merged: the merged event (it has the smallest id of the group).
    :ivar events: the ids of the events merged (by sort key).
    :ivar comparisons: the matching pairs that linked them (see :class:`Comparison`).
    :ivar set_aside: values a field could hold only one of, and which were not kept:
        ``(field, event id, value)`` (a second coded CAMEO code, a less precise location,
        another main actor...).
    """

    merged: Event
    events: tuple[str, ...]
    comparisons: tuple[Comparison, ...]
    set_aside: tuple[tuple[str, str, str], ...] = ()

    def explain(self) -> str:
        """What was merged and why."""
        head = f"merged {', '.join(self.events)} into {self.merged.id}"
        body = [c.explain() for c in self.comparisons]
        aside = [f"  set aside {field} of {eid}: {value}" for field, eid, value in self.set_aside]
        return "\n".join([head, *body, *aside])

    def __str__(self) -> str:
        return self.explain()


# -- comparison ---------------------------------------------------------------------------------


def _sort_key(event: Event) -> tuple[str, str, str]:
    """The order events are taken in: by id, then (for equal ids) by the fields that tell
    them apart, without the cost of a ``repr`` of every event."""
    where = event.location
    place = "" if where is None else f"{where.name}|{where.latitude}|{where.longitude}"
    return (event.id, f"{event.date.start}|{event.date.end}|{event.date.precision.value}",
            place + "|" + "|".join(a.name for a in event.actors))


def _source_names(event: Event) -> frozenset[str]:
    return frozenset(" ".join(s.name.split()).casefold() for s in event.sources)


def _origin(a: Event, b: Event) -> str | None:
    fa, fb = frozenset(a.extras), frozenset(b.extras)
    if (fa or fb) and fa.isdisjoint(fb):
        return (f"different formats ({', '.join(sorted(fa)) or 'none'} / "
                f"{', '.join(sorted(fb)) or 'none'})")
    sa, sb = _source_names(a), _source_names(b)
    if sa and sb and sa.isdisjoint(sb):
        return "different sources"
    return None


def _may_match(a: _Prepared, b: _Prepared, origin_a: tuple[frozenset[str], frozenset[str]],
               origin_b: tuple[frozenset[str], frozenset[str]]) -> bool:
    """False when :func:`compare_events` would certainly find that two different events do
    not match: the same origin, dates that do not overlap, different countries, or places
    (with coordinates, finer than the country) too far apart or in different divisions."""
    (fa, sa), (fb, sb) = origin_a, origin_b
    if not ((fa or fb) and fa.isdisjoint(fb)) and not (sa and sb and sa.isdisjoint(sb)):
        return False
    if a.last < b.first or b.last < a.first:
        return False
    if a.country is not None and b.country is not None and a.country != b.country:
        return False
    if a.fast and b.fast:
        coarser = a if a.rank >= b.rank else b
        h = (math.sin((b.lat - a.lat) / 2) ** 2
             + a.cos_lat * b.cos_lat * math.sin((b.lon - a.lon) / 2) ** 2)
        if 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h))) > coarser.reach:
            return False
        if coarser.rank >= _ADMIN2_RANK and _other_division(a, b):
            return False
    return True


def _main_actors(event: Event) -> list[Actor]:
    return [a for a in (event.actor1, event.actor2) if a is not None]


def _actors(a: Event, b: Event) -> str | None:
    xa, xb = _main_actors(a), _main_actors(b)
    if not xa or not xb:
        return "no main actors to compare"
    if len(xa) == len(xb) == 2:
        for order, label in ((xb, "same order"), (xb[::-1], "swapped")):
            reasons = [compatible_actors(one, other)
                       for one, other in zip(xa, order, strict=True)]
            if all(reasons):
                return "; ".join(r for r in reasons if r) + f" ({label})"
        return None
    single, other_side = (xa, xb) if len(xa) == 1 else (xb, xa)
    for candidate in other_side:
        reason = compatible_actors(single[0], candidate)
        if reason is not None:
            return reason
    return None


def _profiled_actors(a: Event, b: Event) -> str | None:
    """The actors' agreement as matching sees it (:func:`score_pair`), when it is the same
    name, alias or acronym, or the same CAMEO role in the same country."""
    if not _main_actors(a) or not _main_actors(b):
        return None
    fit = _actor_fit(a, b)
    return fit[1] if fit is not None and fit[0] <= 1 else None


def _cameo_related(x: str, y: str) -> bool:
    try:
        ex, ey = cameo.event(x), cameo.event(y)
    except UnknownCodeError:
        return False
    return ex.code == ey.code or ex.code in (ey.root, ey.base) or ey.code in (ex.root, ex.base)


def _acled_cameo(sub: str, code: str) -> bool:
    try:
        forward = crosswalks.acled_to_cameo(sub)
        if forward is not None and any(_cameo_related(t, code) for t in forward.targets):
            return True
        back = crosswalks.cameo_to_acled(code)
    except UnknownCodeError:
        return False
    return back is not None and back.targets[-1].casefold() == sub.strip().casefold()


def _cameo_plover(code: str, plover_type: str) -> bool:
    try:
        row = crosswalks.cameo_to_plover(code)
    except UnknownCodeError:
        return False
    return row is not None and row.targets[0].casefold() == plover_type.strip().casefold()


def _acled_plover(sub: str, plover_type: str) -> bool:
    try:
        forward = crosswalks.acled_to_cameo(sub)
    except UnknownCodeError:
        return False
    return forward is not None and any(_cameo_plover(t, plover_type) for t in forward.targets)


@functools.lru_cache(maxsize=65536)
def _related(x: Classification, y: Classification) -> bool | None:
    """Whether two classifications are related; ``None`` when their schemes cannot be
    compared."""
    if x.scheme == y.scheme:
        if x.scheme == Classification.CAMEO and _cameo_related(x.code, y.code):
            return True
        return x.code.strip().casefold() == y.code.strip().casefold()
    pair = {x.scheme, y.scheme}
    code = {x.scheme: x.code, y.scheme: y.code}
    if pair == {"acled", "cameo"}:
        return _acled_cameo(code["acled"], code["cameo"])
    if pair == {"cameo", "plover"}:
        return _cameo_plover(code["cameo"], code["plover"])
    if pair == {"acled", "plover"}:
        return _acled_plover(code["acled"], code["plover"])
    return None


def _classification(a: Event, b: Event) -> str | None:
    comparable = False
    for x in a.classifications:
        for y in b.classifications:
            related = _related(x, y)
            if related is None:
                continue
            comparable = True
            if related:
                if x.scheme == y.scheme and x.code == y.code:
                    return f"same {x.scheme} code ({x.code})"
                return f"related through the crosswalks ({x.scheme} {x.code!r} ~ " \
                       f"{y.scheme} {y.code!r})"
    return None if comparable else "no comparable classifications"


def compare_events(
    a: Event, b: Event, *, distances: Mapping[GeoPrecision, float] = DEFAULT_DISTANCES_KM
) -> Comparison:
    """Compare two events on every criterion (see the module documentation).

    :param distances: the distance (km) allowed per :class:`GeoPrecision`.
    """
    if _sort_key(b) < _sort_key(a):
        a, b = b, a
    place = None
    if a.location is not None and b.location is not None:
        place = compare_places(a.location, b.location, distances)
    return Comparison(
        first=a.id,
        second=b.id,
        identical=a == b,
        origin=_origin(a, b),
        dates=(a.date, b.date) if a.date.overlaps(b.date) else None,
        place=place,
        actors=_actors(a, b) or _profiled_actors(a, b),
        classification=_classification(a, b),
    )


# -- grouping -----------------------------------------------------------------------------------


def find_duplicates(
    events: Iterable[Event], *, distances: Mapping[GeoPrecision, float] = DEFAULT_DISTANCES_KM,
    progress: Callable[[int], None] | None = None,
) -> list[DuplicateGroup]:
    """The groups of two or more events that describe one happening.

    Candidate pairs are events that a spatio-temporal index (grid cells by day, widened by
    each event's precision) puts within reach of each other, so that the work grows with the
    events that can meet; matching pairs (:func:`compare_events`) are linked in the order of
    their ids, and a link is refused when it would put two
    events of the same origin (neither format nor sources differ) into one group.

    :param progress: called now and then with the number of events compared.
    :returns: the groups, by the sort key of their first event.
    """
    items = sorted(events, key=_sort_key)
    index = SpaceTimeIndex(pad_days=0)
    cache = _Cache()
    prepared = [_Prepared.of(event, cache, distances) for event in items]
    origins = [(frozenset(event.extras), _source_names(event)) for event in items]
    for i, event in enumerate(items):
        index.add(i, event.location, event.date, _radius(event.location, distances))
    pairs: list[tuple[int, int, Comparison]] = []
    for i, event in enumerate(items):
        if progress is not None and i % 4096 == 0:
            progress(i)
        item, origin = prepared[i], origins[i]
        for j in sorted(index.near(event.location, event.date,
                                   _radius(event.location, distances))):
            if j <= i:
                continue
            other = prepared[j]
            # what compare_events would refuse, refused before it is asked (see _may_match)
            if not _may_match(item, other, origin, origins[j]) and (
                    event.id != other.id or event != items[j]):
                continue
            comparison = compare_events(event, items[j], distances=distances)
            if comparison.matches:
                pairs.append((i, j, comparison))
    pairs.sort(key=lambda p: (p[0], p[1]))
    parent = list(range(len(items)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(items))}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    links: dict[int, list[Comparison]] = {}
    for i, j, comparison in pairs:
        ri, rj = find(i), find(j)
        if ri == rj:
            links.setdefault(ri, []).append(comparison)
            continue
        if any(_origin(items[x], items[y]) is None and items[x] != items[y]
               for x in members[ri] for y in members[rj]):
            continue
        root, child = min(ri, rj), max(ri, rj)
        parent[child] = root
        members[root].extend(members.pop(child))
        links[root] = links.get(root, []) + links.pop(child, []) + [comparison]
    groups = []
    for root, indices in sorted(members.items()):
        if len(indices) > 1:
            groups.append(DuplicateGroup(
                tuple(items[i] for i in sorted(indices)), tuple(links.get(root, ()))))
    return groups


# -- merging ------------------------------------------------------------------------------------


def _width(date: EventDate) -> int:
    return (date.latest - date.earliest).days


def _place_rank(location: Location) -> tuple[int, int]:
    precision = location.precision.rank if location.precision is not None else 1
    return (precision, 0 if location.has_coordinates else 1)


def _union(items: Iterable[object]) -> tuple[object, ...]:
    seen: list[object] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return tuple(seen)


def _merge_fatalities(values: Sequence[Fatalities]) -> Fatalities | None:
    if not values:
        return None
    low = min(v.low if v.low is not None else v.best for v in values)
    high = max(v.high if v.high is not None else v.best for v in values)
    bests = sorted(v.best for v in values)
    best = bests[(len(bests) - 1) // 2]
    ranged = any(v.low is not None or v.high is not None for v in values)
    if low == high == best and not ranged:
        return Fatalities(best)
    return Fatalities(best, low, high)


def merge_events(events: Sequence[Event]) -> tuple[Event, tuple[tuple[str, str, str], ...]]:
    """One event from several that describe the same happening, and what was set aside.

    * id: the smallest id; date: the narrowest (then the most precise, then by id);
      location: the most precise (then one with coordinates, then by id);
    * actor1/actor2: from the first event (by id) that has them; associates: the union;
    * classifications: every classification, one per scheme and coded/derived (the first
      event's where two differ; the other is set aside);
    * fatalities: the widest range of all (lowest low, highest high), the best estimate the
      median of the best estimates (the lower one of an even count);
    * sources, tags: the union; notes: the distinct notes, one per line;
    * extras: the extras of each; when two events carry extras of one format, the second
      keeps them under ``"<format>@<event id>"``.

    :returns: the merged event, and ``(field, event id, value)`` for every value set aside.

    >>> from conflictevents import Event, Fatalities, Location
    >>> a = Event(id="B1", date="2024-12-05", location=Location("Hama", country="SYR"),
    ...           fatalities=Fatalities(best=10))
    >>> b = Event(id="A1", date="2024-12-05", location=Location("Hama city", country="SYR"),
    ...           fatalities=Fatalities(best=12, low=8))
    >>> merged, aside = merge_events([a, b])
    >>> merged.id, merged.location.name, str(merged.fatalities)
    ('A1', 'Hama city', '10 (8-12)')
    >>> aside
    (('location', 'B1', 'Hama'),)
    """
    items = sorted(events, key=_sort_key)
    if not items:
        raise ValueError("merge_events needs at least one event")
    aside: list[tuple[str, str, str]] = []
    date_from = min(items, key=lambda e: (_width(e.date), e.date.earliest, e.id))
    located = [(e.id, e.location) for e in items if e.location is not None]
    location = min(located, key=lambda p: (_place_rank(p[1]), p[0]))[1] if located else None
    for eid, place in located:
        if place != location:
            aside.append(("location", eid, place.name))
    for e in items:
        if e.date != date_from.date:
            aside.append(("date", e.id, str(e.date)))

    def main(field: str) -> Actor | None:
        chosen: Actor | None = None
        for e in items:
            actor = getattr(e, field)
            if actor is None:
                continue
            if chosen is None:
                chosen = actor
            elif actor != chosen and not same_actor(actor, chosen):
                aside.append((field, e.id, actor.name))
        return chosen

    actor1, actor2 = main("actor1"), main("actor2")
    classifications: dict[tuple[str, bool], Classification] = {}
    for e in items:
        for item in e.classifications:
            key = (item.scheme, item.derived)
            if key not in classifications:
                classifications[key] = item
            elif classifications[key] != item:
                aside.append(("classifications", e.id, f"{item.scheme} {item.code}"))
    extras: dict[str, FrozenMap[str, str]] = {}
    for e in items:
        for fmt, columns in e.extras.items():
            if fmt not in extras:
                extras[fmt] = columns
            elif extras[fmt] != columns:
                extras[f"{fmt}@{e.id}"] = columns
    notes = [n for n in _union(e.notes for e in items) if isinstance(n, str)]
    merged = Event(
        id=items[0].id,
        date=date_from.date,
        classifications=tuple(classifications.values()),
        actor1=actor1,
        actor2=actor2,
        associates1=_union(a for e in items for a in e.associates1),
        associates2=_union(a for e in items for a in e.associates2),
        location=location,
        fatalities=_merge_fatalities([e.fatalities for e in items if e.fatalities is not None]),
        sources=_union(s for e in items for s in e.sources),
        notes="\n".join(notes) if notes else None,
        tags=_union(t for e in items for t in e.tags),
        extras=extras,
    )
    return merged, tuple(aside)


def dedupe(
    events: Iterable[Event], *, distances: Mapping[GeoPrecision, float] = DEFAULT_DISTANCES_KM,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[Event], list[Merge]]:
    """The events with every group of duplicates merged into one, and the merges.

    Merging repeats until no duplicates remain (a merged event can match an event that
    none of its parts matched). The result is sorted by id and does not depend on the
    order of *events*; ``dedupe(dedupe(x)[0])[0] == dedupe(x)[0]``.

    :param progress: called now and then with the number of events compared (in each pass).
    :returns: ``(events, merges)``: the events (merged and untouched), and one
        :class:`Merge` per merge, in the order they were made.
    """
    current = sorted(events, key=_sort_key)
    merges: list[Merge] = []
    for _ in range(max(1, len(current))):
        groups = find_duplicates(current, distances=distances, progress=progress)
        if not groups:
            break
        merged_ids: set[int] = set()
        out: list[Event] = []
        for group in groups:
            event, aside = merge_events(group.events)
            merges.append(Merge(event, group.ids, group.comparisons, aside))
            out.append(event)
            merged_ids.update(id(e) for e in group.events)
        out.extend(e for e in current if id(e) not in merged_ids)
        current = sorted(out, key=_sort_key)
    return current, merges



# -- matching across datasets, scored -----------------------------------------------------------

#: The score a pair must pass to be worth matching in the one-to-one assignment: a pair's
#: weight there is its score minus this, so two middling pairs are not preferred to one good
#: pair that excludes them unless together they are worth more.
BASE_SCORE = 0.5


#: Days by which two dates may miss each other and still match (MELTT's temporal window):
#: publishers date one happening a day apart (GDELT dates a report, ACLED the event).
DEFAULT_DAYS = 1


def _radius(location: Location | None, distances: Mapping[GeoPrecision, float]) -> float:
    if location is None or location.coordinates is None:
        return math.inf
    precision = location.precision if location.precision is not None else GeoPrecision.NEAR
    return float(distances.get(precision, _DISTANCES[precision]))


def _ucdp_type(event: Event) -> str | None:
    item = event.classification(Classification.UCDP)
    return None if item is None else item.code


def _profiles(event: Event) -> list[ActorProfile]:
    country = event.location.country if event.location is not None else None
    hint1, hint2 = event_actor_hints(_ucdp_type(event), event.actor1, event.actor2)
    out = []
    for actor, hint in ((event.actor1, hint1), (event.actor2, hint2)):
        if actor is not None:
            out.append(actor_profile(actor, country, hint))
    return out


_Labels = tuple[frozenset[str], frozenset[str], frozenset[str]]
_ADMIN2_RANK = GeoPrecision.ADMIN2.rank
_RANKS = {p: p.rank for p in GeoPrecision}
_LOOSE = frozenset({GeoPrecision.COUNTRY, GeoPrecision.INTERNATIONAL})


@attrs.define(slots=True, eq=False)
class _Prepared:
    """What scoring needs of an event, computed once per event.

    ``fast`` says the place has coordinates and a precision finer than the country, so that
    its comparison is the distance and division rule alone (see :func:`_quick`)."""

    id: str
    date: EventDate
    first: int
    last: int
    location: Location | None
    profiles: tuple[ActorProfile, ...]
    labels: tuple[_Labels, ...]
    point: tuple[float, float] | None
    country: str | None
    fast: bool = False
    rank: int = 0
    reach: float = math.inf
    lat: float = 0.0
    lon: float = 0.0
    cos_lat: float = 0.0
    code1: str | None = None
    name1: str | None = None
    vague: float = 0.0

    @classmethod
    def of(cls, event: Event, cache: _Cache | None = None,
           distances: Mapping[GeoPrecision, float] = DEFAULT_DISTANCES_KM) -> _Prepared:
        where = event.location
        if cache is None:
            profiles: tuple[ActorProfile, ...] = tuple(_profiles(event))
            labels = tuple(taxonomy_labels(c.scheme, c.code, c.parent)
                           for c in event.classifications)
        else:
            profiles, labels = cache.prepared_parts(event)
        date = event.date
        item = cls(event.id, date, date.earliest.toordinal(), date.latest.toordinal(), where,
                   profiles, labels, None if where is None else where.coordinates,
                   None if where is None else where.country)
        item.vague = _vagueness(where)
        if where is not None and item.point is not None:
            precision = where.precision if where.precision is not None else GeoPrecision.NEAR
            if precision not in _LOOSE:
                item.fast = True
                item.rank = _RANKS[precision]
                item.reach = float(distances.get(precision, _DISTANCES[precision]))
                item.lat, item.lon = math.radians(item.point[0]), math.radians(item.point[1])
                item.cos_lat = math.cos(item.lat)
                item.code1 = where.admin1_code
                item.name1 = None if where.admin1 is None else name_skeleton(where.admin1)
        return item


#: How little the agreement of two places says when one is known only this well: the least
#: spatial fit (0 best, 1 worst) a pair gets when one of its places has this precision. A
#: place known to a province agrees with every event in the province, so it cannot weigh as
#: much as two points a few km apart; a place known only to its country says nothing
#: beyond the country. A place without coordinates (matched by name) counts at least 0.5.
VAGUENESS: Mapping[GeoPrecision, float] = {
    GeoPrecision.EXACT: 0.0, GeoPrecision.NEAR: 0.0, GeoPrecision.ADMIN2: 0.5,
    GeoPrecision.ADMIN1: 0.5, GeoPrecision.REGION: 0.75, GeoPrecision.COUNTRY: 1.0,
    GeoPrecision.INTERNATIONAL: 1.0,
}


def _vagueness(location: Location | None) -> float:
    if location is None:
        return 1.0
    vague = VAGUENESS[location.precision or GeoPrecision.NEAR]
    return vague if location.coordinates is not None else max(0.5, vague)


def _other_division(a: _Prepared, b: _Prepared) -> bool:
    """``_matching._other_admin1`` on prepared events."""
    if a.code1 is not None and b.code1 is not None:
        return a.code1 != b.code1
    if a.name1 is not None and b.name1 is not None:
        return a.name1 != b.name1
    return False


class _Cache:
    """What matching has worked out once and uses for many pairs: each distinct set of actor
    profiles and of type labels (one shared object for equal ones), and the actor and
    taxonomy fits of two such sets, by their identity. The caches are emptied when they
    grow past :data:`_CACHE_LIMIT` entries, so memory stays bounded whatever the data."""

    def __init__(self) -> None:
        self.actors: dict[tuple[int, int], tuple[int, str] | None] = {}
        self.types: dict[tuple[int, int], tuple[int, str] | None] = {}
        self._parts: dict[tuple[object, ...], tuple[tuple[ActorProfile, ...],
                                                   tuple[_Labels, ...]]] = {}
        self._shared: dict[object, object] = {}
        # the fits are keyed by id(): keep every keyed object alive while its key is used
        self._alive: list[object] = []

    def _clear_if_full(self) -> None:
        if len(self.actors) + len(self.types) + len(self._parts) > _CACHE_LIMIT:
            self.actors.clear()
            self.types.clear()
            self._parts.clear()
            self._shared.clear()
            self._alive.clear()

    def prepared_parts(self, event: Event
                       ) -> tuple[tuple[ActorProfile, ...], tuple[_Labels, ...]]:
        where = event.location
        key = (event.actor1, event.actor2, event.classifications,
               None if where is None else where.country)
        found = self._parts.get(key)
        if found is None:
            self._clear_if_full()
            profiles = self._share(tuple(_profiles(event)))
            labels = self._share(tuple(taxonomy_labels(c.scheme, c.code, c.parent)
                                       for c in event.classifications))
            found = self._parts[key] = (profiles, labels)
        return found

    def _share(self, value: _T) -> _T:
        shared = self._shared.get(value)
        if shared is None:
            self._shared[value] = shared = value
            self._alive.append(value)
        return shared  # type: ignore[return-value]

    def actor_fit(self, a: _Prepared, b: _Prepared) -> tuple[int, str] | None:
        key = (id(a.profiles), id(b.profiles))
        found = self.actors.get(key, _MISSING)
        if found is _MISSING:
            self._clear_if_full()
            self._alive += (a.profiles, b.profiles)
            found = self.actors[key] = _actor_fit(a, b)
        return found  # type: ignore[return-value]

    def taxonomy_fit(self, a: _Prepared, b: _Prepared) -> tuple[int, str] | None:
        key = (id(a.labels), id(b.labels))
        found = self.types.get(key, _MISSING)
        if found is _MISSING:
            self._clear_if_full()
            self._alive += (a.labels, b.labels)
            found = self.types[key] = _taxonomy_fit(a, b)
        return found  # type: ignore[return-value]


_T = TypeVar("_T")
_MISSING = object()
#: How many entries the caches of a matching may hold before they are emptied.
_CACHE_LIMIT = 1_000_000


def _actor_fit(a: Event | _Prepared, b: Event | _Prepared) -> tuple[int, str] | None:
    pa = list(a.profiles) if isinstance(a, _Prepared) else _profiles(a)
    pb = list(b.profiles) if isinstance(b, _Prepared) else _profiles(b)
    level = actor_level
    if not pa or not pb:
        return (len(ACTOR_LEVELS) - 1, ACTOR_LEVELS[-1])
    if len(pa) == len(pb) == 2:
        best: tuple[int, str] | None = None
        for order, label in ((pb, "same order"), (pb[::-1], "swapped")):
            first, second = level(pa[0], order[0]), level(pa[1], order[1])
            if first is not None and second is not None:
                worst = max(first[0], second[0])
                if best is None or worst < best[0]:
                    best = (worst, f"{first[1]}; {second[1]} ({label})")
        return best
    single, others = (pa, pb) if len(pa) == 1 else (pb, pa)
    found = [lv for other in others if (lv := level(single[0], other)) is not None]
    return min(found) if found else None


def _taxonomy_fit(a: _Prepared, b: _Prepared) -> tuple[int, str] | None:
    if not a.labels or not b.labels:
        return (len(TAXONOMY_LEVELS) - 1, TAXONOMY_LEVELS[-1])
    found = [lv for x in a.labels for y in b.labels
             if (lv := taxonomy_level(x, y)) is not None]
    return min(found) if found else None


@attrs.frozen
class PairScore:
    """How well two events (one from each dataset) match, criterion by criterion.

    The **windows** must hold: the dates may be the same day once each is widened by the
    matching's ``days`` (:data:`DEFAULT_DAYS`), and the places may be the same place at the
    distance the less precise one allows (:data:`DEFAULT_DISTANCES_KM`). The **secondary
    criteria** are graded in levels, in the manner of MELTT (Donnay et al. 2018): the event
    types (:data:`~conflictevents._matching.TAXONOMY_LEVELS`: the same type through the
    crosswalks, the same family, the same broad class) and the actors
    (:data:`~conflictevents._matching.ACTOR_LEVELS`: the same name, alias or acronym; the same
    CAMEO role in the same country, from the codes, the ACLED actor types, the names or
    the UCDP type of violence; the same side). Each criterion must agree at some level; a
    criterion one event lacks counts at its worst level.

    :ivar left: the id of the event of the first dataset.
    :ivar right: the id of the event of the second.
    :ivar score: from 1 (the same day, the same point, agreement at the best level on both
        criteria) down towards 0: one minus the mean of four fits, each from 0 (best) to 1:
        the taxonomy level and the actor level over their worst levels (MELTT's fit), the
        days apart over ``days + 1``, and the distance over the distance allowed (at least
        the :data:`VAGUENESS` of the vaguer place: 0.5 for a place known only to its
        province, 1 for one known only to its country). ``None``
        when a window or a criterion fails.
    :ivar days_apart: how many days separate the two dates (0 when they overlap).
    :ivar place: the :class:`~conflictevents._matching.PlaceComparison` (``None`` when an
        event has no location).
    :ivar taxonomy: ``(level, shared label)``, or ``None`` when the types cannot agree.
    :ivar actors: ``(level, why)``, or ``None`` when the actors cannot be the same.

    >>> from conflictevents import Actor, Event, Location
    >>> hama = Location("Hama", country="SYR", latitude=35.13, longitude=36.75, precision="exact")
    >>> a = Event(id="A1", date="2024-12-05", location=hama, actor1=Actor("HTS"))
    >>> b = Event(id="B1", date="2024-12-06", location=hama, actor1=Actor("HTS"))
    >>> pair = score_pair(a, b)
    >>> pair.compatible, pair.days_apart, pair.score
    (True, 1, 0.625)
    """

    left: str
    right: str
    score: float | None
    days_apart: int
    place: PlaceComparison | None
    taxonomy: tuple[int, str] | None
    actors: tuple[int, str] | None
    days_allowed: int = DEFAULT_DAYS

    @property
    def compatible(self) -> bool:
        """Whether every window and criterion holds."""
        return self.score is not None

    def _sort_key(self) -> tuple[float, int, float, str, str]:
        distance = self.place.distance_km if self.place is not None and \
            self.place.distance_km is not None else 0.0
        return (-(self.score or 0.0), self.days_apart, distance, self.left, self.right)

    def explain(self) -> str:
        """One line per criterion."""
        score = "incompatible" if self.score is None else f"score {self.score:.2f}"
        place = "no location" if self.place is None else (
            ("" if self.place.same else "NOT ") + f"same place: {self.place}")
        tax = "incompatible" if self.taxonomy is None else \
            f"{TAXONOMY_LEVELS[self.taxonomy[0]]} ({self.taxonomy[1]})"
        act = "incompatible" if self.actors is None else \
            f"{ACTOR_LEVELS[self.actors[0]]}: {self.actors[1]}"
        when = f"{self.days_apart} day(s) apart (allowed: {self.days_allowed})"
        return "\n".join([f"{self.left} ~ {self.right}: {score}", f"  date: {when}",
                          f"  place: {place}", f"  type: {tax}", f"  actors: {act}"])

    def __str__(self) -> str:
        return self.explain()


def _days_apart(a: _Prepared, b: _Prepared) -> int:
    if a.last < b.first:
        return b.first - a.last
    if b.last < a.first:
        return a.first - b.last
    return 0


def score_pair(
    a: Event, b: Event, *, days: int = DEFAULT_DAYS,
    distances: Mapping[GeoPrecision, float] = DEFAULT_DISTANCES_KM,
) -> PairScore:
    """Score *a* (first dataset) against *b* (second): see :class:`PairScore`.

    >>> from conflictevents import Actor, Event, Location
    >>> hama = Location("Hama", country="SYR", latitude=35.13, longitude=36.75, precision="exact")
    >>> a = Event(id="A1", date="2024-12-05", location=hama, actor1=Actor("HTS"))
    >>> b = Event(id="B1", date="2024-12-09", location=hama, actor1=Actor("HTS"))
    >>> score_pair(a, b).score is None, score_pair(a, b, days=5).score is None
    (True, False)
    """
    cache = _Cache()
    return _score(_Prepared.of(a, cache, distances), _Prepared.of(b, cache, distances), days,
                  distances, cache)


def _score(a: _Prepared, b: _Prepared, days: int, distances: Mapping[GeoPrecision, float],
           cache: _Cache) -> PairScore:
    apart = _days_apart(a, b)
    place = None
    if a.location is not None and b.location is not None:
        place = compare_places(a.location, b.location, distances)
    if apart > days or (place is not None and not place.same):
        return PairScore(a.id, b.id, None, apart, place, None, None, days)
    taxonomy = cache.taxonomy_fit(a, b)
    actors = cache.actor_fit(a, b)
    if taxonomy is None or actors is None:
        return PairScore(a.id, b.id, None, apart, place, taxonomy, actors, days)
    near = max(_vagueness(a.location), _vagueness(b.location))
    if place is not None and place.distance_km is not None and place.threshold_km and \
            not math.isinf(place.threshold_km):
        near = max(near, min(1.0, place.distance_km / place.threshold_km))
    return PairScore(a.id, b.id, _fit(taxonomy[0], actors[0], apart, days, near), apart,
                     place, taxonomy, actors, days)


_TAXONOMY_WORST = len(TAXONOMY_LEVELS) - 1
_ACTOR_WORST = len(ACTOR_LEVELS) - 1


def _fit(taxonomy: int, actors: int, apart: int, days: int, near: float) -> float:
    return round(1.0 - (taxonomy / _TAXONOMY_WORST + actors / _ACTOR_WORST
                        + apart / (days + 1) + near) / 4, 6)


#: Why a pair the index put forward was refused, as :class:`MatchResult` counts them per
#: event that found no compatible partner.
REFUSALS = ("more days apart than the window allows", "in another country",
            "too far apart for their precisions, or in another first-order division",
            "event types that agree at no level", "actors that cannot be the same",
            "a score not above min_score")
_DAYS, _COUNTRY, _PLACE, _TYPE, _ACTORS, _LOW = range(len(REFUSALS))


def _refusal(pair: PairScore, min_score: float) -> int:
    if pair.days_apart > pair.days_allowed:
        return _DAYS
    if pair.place is not None and not pair.place.same:
        return _COUNTRY if pair.place.rule.startswith("different countries") else _PLACE
    if pair.taxonomy is None:
        return _TYPE
    if pair.actors is None:
        return _ACTORS
    return _LOW


def _quick(a: _Prepared, b: _Prepared, apart: int, days: int, min_score: float,
           cache: _Cache) -> PairScore | int:
    """:func:`_score` for two events with coordinates and a precision finer than the country
    (both ``fast``) whose dates are within the window: the same verdict and score, but a
    :class:`PairScore` is made only for a pair that scores more than *min_score*; for
    another, the index of the reason in :data:`REFUSALS`."""
    coarser = a if a.rank >= b.rank else b
    threshold = coarser.reach
    h = (math.sin((b.lat - a.lat) / 2) ** 2
         + a.cos_lat * b.cos_lat * math.sin((b.lon - a.lon) / 2) ** 2)
    distance = 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
    if distance > threshold or (coarser.rank >= _ADMIN2_RANK and _other_division(a, b)):
        return _PLACE
    taxonomy = cache.taxonomy_fit(a, b)
    if taxonomy is None:
        return _TYPE
    actors = cache.actor_fit(a, b)
    if actors is None:
        return _ACTORS
    near = min(1.0, distance / threshold) if threshold and not math.isinf(threshold) else 0.0
    near = max(near, a.vague, b.vague)
    score = _fit(taxonomy[0], actors[0], apart, days, near)
    if score <= min_score:
        return _LOW
    return PairScore(a.id, b.id, score, apart,
                     PlaceComparison(True, "distance", distance, threshold),
                     taxonomy, actors, days)


@attrs.frozen
class MatchResult:
    """The one-to-one matching of two datasets.

    :ivar matches: the pairs kept, best score first: each event is in at most one.
    :ivar runners_up: compatible pairs not kept, because one of their events matched
        another event better (MELTT's "contenders").
    :ivar unmatched_left: the ids of the first dataset's events that matched nothing.
    :ivar unmatched_right: the same for the second dataset.
    :ivar candidates: how many pairs the index put forward and were scored.
    :ivar refused: for each event that was in no compatible pair, how many events of the
        other dataset near it in time and place (put forward by the index) were refused, by
        reason (counts in the order of :data:`REFUSALS`); an event without an entry had none
        near it.

    >>> from conflictevents import Actor, Event, Location
    >>> hama = Location("Hama", country="SYR", latitude=35.13, longitude=36.75, precision="exact")
    >>> left = [Event(id="A1", date="2024-12-05", location=hama, actor1=Actor("HTS"))]
    >>> right = [Event(id="B1", date="2024-12-05", location=hama, actor1=Actor("HTS")),
    ...          Event(id="B2", date="2024-12-20", location=hama, actor1=Actor("HTS"))]
    >>> result = match_events(left, right)
    >>> result.pairs(), result.unmatched_right
    ([('A1', 'B1')], ('B2',))
    """

    matches: tuple[PairScore, ...]
    runners_up: tuple[PairScore, ...]
    unmatched_left: tuple[str, ...]
    unmatched_right: tuple[str, ...]
    candidates: int
    refused: Mapping[str, tuple[int, ...]] = attrs.field(factory=dict, eq=False, repr=False)

    def pairs(self) -> list[tuple[str, str]]:
        """The matched ``(left id, right id)`` pairs."""
        return [(m.left, m.right) for m in self.matches]

    def explain(self, event_id: str) -> str:
        """Why the event *event_id* (of either dataset) matched what it matched, or nothing."""
        matched = [m for m in self.matches if event_id in (m.left, m.right)]
        others = [m for m in self.runners_up if event_id in (m.left, m.right)]
        return _explain(event_id, matched, others, self.refused.get(event_id))

    def explain_unmatched(self) -> Iterator[tuple[str, str]]:
        """``(id, why)`` for every event that matched nothing, those of the first dataset
        first: the compatible pairs it was in that were not kept, or that there were none
        (:meth:`explain` for each, in one pass over the pairs)."""
        unmatched = {*self.unmatched_left, *self.unmatched_right}
        others: dict[str, list[PairScore]] = {}
        for pair in self.runners_up:
            for side in (pair.left, pair.right):
                if side in unmatched:
                    others.setdefault(side, []).append(pair)
        for event_id in (*self.unmatched_left, *self.unmatched_right):
            yield event_id, _explain(event_id, [], others.get(event_id, []),
                                     self.refused.get(event_id))


def _explain(event_id: str, matched: Sequence[PairScore], others: Sequence[PairScore],
             refused: tuple[int, ...] | None) -> str:
    lines = [str(m) for m in matched]
    if lines:
        lines[0] = "matched: " + lines[0]
    lines += ["not kept (its partner matched better): " + str(m) for m in others]
    if not lines:
        if refused:
            why = "; ".join(f"{reason}: {count}" for count, reason
                            in zip(refused, REFUSALS, strict=True) if count)
            lines.append(f"{event_id}: no compatible event: {sum(refused)} near it in time "
                         f"and place refused ({why})")
        else:
            lines.append(f"{event_id}: no compatible event: none of the other dataset near it "
                         "in time and place")
    return "\n".join(lines)


def match_events(
    left: Iterable[Event],
    right: Iterable[Event],
    *,
    days: int = DEFAULT_DAYS,
    distances: Mapping[GeoPrecision, float] = DEFAULT_DISTANCES_KM,
    min_score: float = BASE_SCORE,
    progress: Callable[[int], None] | None = None,
) -> MatchResult:
    """Match the events of two datasets one to one, in the manner of MELTT.

    The events of *right* are put in a spatio-temporal index (grid cells by day, widened by
    each event's precision); the events of *left* are streamed past it, so that *left* can
    be a reader of any size and the work grows with the pairs that can meet. Each candidate
    pair is scored (:func:`score_pair`); the compatible pairs that score more than
    *min_score* are then assigned one to one, best score first (ties: fewer days apart,
    then shorter distance, then ids), an event whose best partner went to a better pair
    taking its next best; then, as long as it adds to the total weight (the scores minus
    :data:`BASE_SCORE`), a kept pair gives way to two pairs that join each of its events to
    an event left free.

    :param days: the temporal window (:data:`DEFAULT_DAYS`).
    :param distances: the spatial window per precision (:data:`DEFAULT_DISTANCES_KM`).
    :param min_score: pairs must score more than this (:data:`BASE_SCORE` by default; a
        lower value lets weaker pairs match events the others leave free).
    :param progress: called now and then with the number of *left* events done.
    """
    cache = _Cache()
    prepared = [_Prepared.of(e, cache, distances) for e in right]
    index = SpaceTimeIndex(pad_days=days)
    for j, item in enumerate(prepared):
        index.add(j, item.location, item.date, _radius(item.location, distances))
    scored: list[PairScore] = []
    left_ids: list[str] = []
    count = 0
    refused_left: dict[str, tuple[int, ...]] = {}
    # refusals per event of the second dataset, one array per reason (bounded: 4 bytes each)
    refused_right = [array.array("I", bytes(4 * len(prepared))) for _ in REFUSALS]
    compatible_right = bytearray(len(prepared))
    for i, event in enumerate(left):
        if progress is not None and i % 4096 == 0:
            progress(i)
        item = _Prepared.of(event, cache, distances)
        left_ids.append(item.id)
        first, last, country, fast = item.first, item.last, item.country, item.fast
        found = index.near(item.location, item.date, _radius(item.location, distances))
        count += len(found)
        why = [0] * len(REFUSALS)
        compatible = False
        for j in found:
            other = prepared[j]
            if last < other.first:
                apart = other.first - last
            elif other.last < first:
                apart = first - other.last
            else:
                apart = 0
            reason = -1
            if apart > days:
                reason = _DAYS
            elif country is not None and other.country is not None and country != other.country:
                reason = _COUNTRY
            elif fast and other.fast:
                quick = _quick(item, other, apart, days, min_score, cache)
                if isinstance(quick, int):
                    reason = quick
                else:
                    scored.append(quick)
            else:
                pair = _score(item, other, days, distances, cache)
                if pair.score is not None and pair.score > min_score:
                    scored.append(pair)
                else:
                    reason = _refusal(pair, min_score)
            if reason < 0:
                compatible = True
                compatible_right[j] = 1
            else:
                why[reason] += 1
                refused_right[reason][j] += 1
        if not compatible and found:
            refused_left[item.id] = tuple(why)
    kept = _assign(scored)
    used_left = {p.left for p in kept}
    used_right = {p.right for p in kept}
    chosen = {(p.left, p.right) for p in kept}
    others = [p for p in scored if (p.left, p.right) not in chosen]
    kept.sort(key=PairScore._sort_key)
    refused = refused_left
    for j, item in enumerate(prepared):
        if not compatible_right[j] and item.id not in used_right:
            counts = tuple(column[j] for column in refused_right)
            if any(counts):
                refused[item.id] = counts
    return MatchResult(
        tuple(kept), tuple(others),
        tuple(x for x in left_ids if x not in used_left),
        tuple(e.id for e in prepared if e.id not in used_right),
        count, refused,
    )


def _assign(scored: list[PairScore]) -> list[PairScore]:
    """A one-to-one assignment of high total weight (score minus :data:`BASE_SCORE`).

    Best pair first, then local improvements until none is left: a kept pair gives way to
    two pairs that join each of its events to a free event, when their weights add up to
    more (an augmenting path of three edges, which the greedy pass cannot see).
    """
    scored.sort(key=PairScore._sort_key)
    by_left: dict[str, list[PairScore]] = {}
    by_right: dict[str, list[PairScore]] = {}
    for pair in scored:
        by_left.setdefault(pair.left, []).append(pair)
        by_right.setdefault(pair.right, []).append(pair)
    left_of: dict[str, PairScore] = {}
    right_of: dict[str, PairScore] = {}
    for pair in scored:
        if pair.left not in left_of and pair.right not in right_of:
            left_of[pair.left] = right_of[pair.right] = pair
    for _ in range(8):
        changed = False
        for pair in sorted(left_of.values(), key=PairScore._sort_key):
            if left_of.get(pair.left) is not pair:
                continue
            weight = _weight(pair)
            best: tuple[float, PairScore, PairScore] | None = None
            for one in by_left[pair.left]:
                if one.right in right_of:
                    continue
                for two in by_right[pair.right]:
                    if two.left in left_of:
                        continue
                    gain = _weight(one) + _weight(two) - weight
                    if gain > 1e-9 and (best is None or gain > best[0]):
                        best = (gain, one, two)
            if best is not None:
                _, one, two = best
                del left_of[pair.left], right_of[pair.right]
                left_of[one.left] = right_of[one.right] = one
                left_of[two.left] = right_of[two.right] = two
                changed = True
        if not changed:
            break
    return list(left_of.values())


def _weight(pair: PairScore) -> float:
    return (pair.score or 0.0) - BASE_SCORE
