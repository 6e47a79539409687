"""One set of true events, rendered as ACLED, GDELT and UCDP would publish them.

A generator for measuring matching: :func:`render` draws true events (a day, a point, a type,
two actors, the dead) and renders each into the records each publisher would make of it,
with the noise each adds:

Every record names the first-order division of the true place (a grid of 2 by 2 degrees).

* **ACLED** records every event, by its day (a tenth known only to the week), at the point
  (EXACT, jitter under 2 km; NEAR, under 8 km; a twentieth ADMIN1, under 40 km), its actors
  by their ACLED names and types; it splits a twentieth of the events into two records.
* **GDELT** records seven in ten events, dated by the report (the day or the day after), at
  the place the article names (a city: jitter under 5 km; a fifth of the time the province,
  ADMIN1, under 60 km), its actors as CAMEO codes (``SYRMIL``, ``SYRREB``), its type as a
  CAMEO code of the same family.
* **UCDP** records only deadly violence between organized actors (and one-sided violence),
  a fifth of it known to a span of days, at the point (where_prec 1 and 2), its actors as
  UCDP names its dyads ("Government of Syria", a group's acronym); it merges a fortieth of
  the events with the dyad's event of the next day into one record spanning both.

Every record's id says which true event(s) it renders (:attr:`Rendered.truth`), so that
matching can be scored against the truth. :func:`rendered` is the same as a hypothesis
strategy.

>>> world = render(50, seed=1)
>>> len(world.acled) >= 50, 0 < len(world.gdelt) < 50, 0 < len(world.ucdp) < 50
(True, True, True)
>>> sorted(world.truth[world.acled[0].id]) == [world.acled[0].id.split("-")[1]]
True
"""

from __future__ import annotations

import datetime as _dt
import math
import random
from collections.abc import Sequence

import attrs
from hypothesis import strategies as st

from conflictevents.model import (
    Actor,
    Classification,
    Event,
    EventDate,
    GeoPrecision,
    Location,
)

__all__ = ["Rendered", "TrueEvent", "render", "rendered"]

# country -> (bounding box south, north, west, east; CAMEO code; name)
_COUNTRIES: dict[str, tuple[float, float, float, float, str]] = {
    "SYR": (32.5, 37.0, 36.0, 42.0, "Syria"),
    "UKR": (45.0, 52.0, 23.0, 40.0, "Ukraine"),
    "SDN": (9.0, 22.0, 22.0, 38.0, "Sudan"),
    "MMR": (10.0, 28.0, 92.5, 101.0, "Myanmar"),
    "NGA": (4.5, 13.5, 3.0, 14.5, "Nigeria"),
    "MLI": (10.5, 24.5, -11.5, 4.0, "Mali"),
    "COD": (-13.0, 5.0, 12.5, 31.0, "Democratic Republic of Congo"),
    "SOM": (-1.5, 11.5, 41.0, 51.0, "Somalia"),
    "AFG": (29.5, 38.5, 61.0, 74.5, "Afghanistan"),
    "YEM": (12.5, 18.5, 42.5, 53.0, "Yemen"),
    "ETH": (3.5, 14.5, 33.0, 47.5, "Ethiopia"),
    "MEX": (15.0, 32.0, -117.0, -87.0, "Mexico"),
}
_WORDS = ("Liberation", "Popular", "Democratic", "Islamic", "Revolutionary", "National",
          "Unity", "Resistance", "Salvation", "Defence", "Freedom", "Justice")
_NOUNS = ("Front", "Army", "Movement", "Forces", "Brigades", "Council")
# the true types: ACLED sub-event type, its event type, CAMEO codes a GDELT coder may pick,
# the UCDP type of violence (None: UCDP does not record it), the second actor's side
_TYPES: tuple[tuple[str, str, tuple[str, ...], str | None, str], ...] = (
    ("Armed clash", "Battles", ("190", "193", "194"), "1", "rebel"),
    ("Armed clash", "Battles", ("190", "193"), "2", "rebel2"),
    ("Attack", "Violence against civilians", ("180", "1823", "190"), "3", "civilians"),
    ("Shelling/artillery/missile attack", "Explosions/Remote violence", ("194", "195"), "1",
     "rebel"),
    ("Air/drone strike", "Explosions/Remote violence", ("195", "194"), "1", "rebel"),
    ("Peaceful protest", "Protests", ("141", "140"), None, "protesters"),
)


@attrs.frozen
class TrueEvent:
    """What happened: the truth the renderings are scored against."""

    id: str
    day: _dt.date
    latitude: float
    longitude: float
    country: str
    sub_event_type: str
    event_type: str
    cameo: tuple[str, ...]
    ucdp_type: str | None
    state: str
    group: str
    group2: str
    side: str
    fatalities: int


@attrs.frozen
class Rendered:
    """The true events and their renderings.

    :ivar events: the true events.
    :ivar acled: the ACLED records; :ivar gdelt: the GDELT records; :ivar ucdp: the UCDP
        records.
    :ivar truth: record id -> the ids of the true events it renders.
    """

    events: tuple[TrueEvent, ...]
    acled: tuple[Event, ...]
    gdelt: tuple[Event, ...]
    ucdp: tuple[Event, ...]
    truth: dict[str, frozenset[str]]

    def true_pairs(self, left: Sequence[Event], right: Sequence[Event]) -> set[str]:
        """The true events that both *left* and *right* render."""
        a = {t for e in left for t in self.truth[e.id]}
        b = {t for e in right for t in self.truth[e.id]}
        return a & b

    def score(self, left: Sequence[Event], right: Sequence[Event],
              pairs: Sequence[tuple[str, str]]) -> tuple[float, float]:
        """Precision and recall of matched ``(left id, right id)`` *pairs*: a pair is right
        when the two records render a common true event; a true event both datasets render
        is found when some pair renders it on both sides."""
        right_pairs = [p for p in pairs if self.truth[p[0]] & self.truth[p[1]]]
        precision = len(right_pairs) / len(pairs) if pairs else 1.0
        wanted = self.true_pairs(left, right)
        found = {t for a, b in right_pairs for t in self.truth[a] & self.truth[b]}
        recall = len(found & wanted) / len(wanted) if wanted else 1.0
        return precision, recall


def _jitter(rng: random.Random, lat: float, lon: float, km: float) -> tuple[float, float]:
    distance = km * math.sqrt(rng.random())
    angle = rng.random() * 2 * math.pi
    dlat = distance * math.cos(angle) / 111.32
    dlon = distance * math.sin(angle) / (111.32 * max(math.cos(math.radians(lat)), 0.05))
    return (max(-90.0, min(90.0, lat + dlat)), (lon + dlon + 180.0) % 360.0 - 180.0)


def _province(t: TrueEvent) -> str:
    """The first-order division of the true place: a grid of 2 by 2 degrees."""
    return f"{t.state} province {math.floor(t.latitude / 2)}:{math.floor(t.longitude / 2)}"


def _group(rng: random.Random, country: str, k: int) -> str:
    local = random.Random(f"{country}-{k}")
    return f"{local.choice(_WORDS)} {local.choice(_WORDS)} {local.choice(_NOUNS)} of " \
           f"{_COUNTRIES[country][4]} {k}"


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper() or w[0].isdigit())


_TILE_ROWS, _TILE_COLS = 32, 45  # tiles of 4 x 8 degrees from 60 S to 68 N


def _box(country: str, copy: int, world: int | None) -> tuple[float, float, float, float]:
    if world is None:
        return _COUNTRIES[country][:4]
    tile = (list(_COUNTRIES).index(country) * world + copy) % (_TILE_ROWS * _TILE_COLS)
    south, west = -60.0 + 4.0 * (tile // _TILE_COLS), -180.0 + 8.0 * (tile % _TILE_COLS)
    return (south, south + 4.0, west, west + 8.0)


def render(n: int, *, seed: int = 0, start: _dt.date = _dt.date(2024, 12, 1), days: int = 30,
           countries: Sequence[str] = tuple(_COUNTRIES), towns: int = 400,
           world: int | None = None) -> Rendered:
    """*n* true events over *days* days from *start* in *countries*, rendered by ACLED,
    GDELT and UCDP (see the module documentation). The same arguments give the same
    records. Events happen at *towns* places per country. With *world* (a number) the
    countries are not drawn in their own bounding boxes but each in *world* areas of 4 by 8
    degrees spread over the globe, so that a benchmark can keep the events per area constant
    as their number grows."""
    rng = random.Random(seed)
    sites = {c: [(rng.uniform(*box[:2]), rng.uniform(*box[2:4]))
                 for _ in range(towns) for box in [_box(c, rng.randrange(world or 1), world)]]
             for c in countries}
    truths: list[TrueEvent] = []
    for k in range(n):
        country = rng.choice(list(countries))
        lat, lon = rng.choice(sites[country])
        lat, lon = _jitter(rng, lat, lon, 3.0)
        sub, etype, codes, ucdp_type, side = rng.choice(_TYPES)
        lethal = etype != "Protests" and rng.random() < 0.7
        truths.append(TrueEvent(
            f"t{k}", start + _dt.timedelta(days=rng.randrange(days)), lat, lon, country, sub,
            etype, codes, ucdp_type, _COUNTRIES[country][4], _group(rng, country, rng.randrange(8)),
            _group(rng, country, 8 + rng.randrange(8)), side,
            rng.randint(1, 30) if lethal else 0))
    acled: list[Event] = []
    gdelt: list[Event] = []
    ucdp: list[Event] = []
    truth: dict[str, frozenset[str]] = {}
    by_dyad: dict[tuple[str, str, str, _dt.date], TrueEvent] = {}
    for t in truths:
        by_dyad.setdefault((t.country, t.group, t.side, t.day), t)
    merged: set[str] = set()
    for t in truths:
        for rec in _acled(rng, t):
            acled.append(rec)
            truth[rec.id] = frozenset({t.id})
        if rng.random() < 0.7:
            rec = _gdelt(rng, t)
            gdelt.append(rec)
            truth[rec.id] = frozenset({t.id})
        if t.ucdp_type is not None and t.fatalities and t.id not in merged:
            other = by_dyad.get((t.country, t.group, t.side, t.day + _dt.timedelta(days=1)))
            if other is not None and other.fatalities and other.id != t.id and \
                    rng.random() < 0.025:
                merged.add(other.id)
                rec = _ucdp(rng, t, other)
                truth[rec.id] = frozenset({t.id, other.id})
            else:
                rec = _ucdp(rng, t, None)
                truth[rec.id] = frozenset({t.id})
            ucdp.append(rec)
    return Rendered(tuple(truths), tuple(acled), tuple(gdelt), tuple(ucdp), truth)


def _acled_actor(t: TrueEvent, which: int) -> Actor:
    if which == 1:
        return Actor(f"Military Forces of {t.state} (2000-)", kind=1, country=t.country)
    if t.side == "civilians":
        return Actor(f"Civilians ({t.state})", kind=7, country=t.country)
    if t.side == "protesters":
        return Actor(f"Protesters ({t.state})", kind=6, country=t.country)
    return Actor(t.group2 if t.side == "rebel2" else t.group, kind=2, country=t.country)


def _acled(rng: random.Random, t: TrueEvent) -> list[Event]:
    actor2: Actor | None
    if t.side == "rebel2":
        actor1, actor2 = Actor(t.group, kind=2, country=t.country), _acled_actor(t, 2)
    elif t.side in ("civilians", "protesters"):
        actor1 = Actor(t.group, kind=2, country=t.country) if t.side == "civilians" else \
            _acled_actor(t, 2)
        actor2 = _acled_actor(t, 2) if t.side == "civilians" else None
    else:
        actor1, actor2 = _acled_actor(t, 1), _acled_actor(t, 2)
    parts = 2 if rng.random() < 0.05 else 1
    out = []
    for part in range(parts):
        roll = rng.random()
        precision, km = (GeoPrecision.EXACT, 2.0) if roll < 0.8 else (
            (GeoPrecision.NEAR, 8.0) if roll < 0.95 else (GeoPrecision.ADMIN1, 40.0))
        lat, lon = _jitter(rng, t.latitude, t.longitude, km)
        date = EventDate.week_of(t.day) if rng.random() < 0.1 else EventDate.day(t.day)
        out.append(Event(
            id=f"acled-{t.id}-{part}", date=date,
            classifications=(Classification("acled", t.sub_event_type, parent=t.event_type),),
            actor1=actor1, actor2=actor2,
            location=Location(f"site {t.id}", country=t.country, admin1=_province(t),
                              latitude=round(lat, 4),
                              longitude=round(lon, 4), precision=precision),
            fatalities=t.fatalities // parts, extras={"acled": {"part": str(part)}}))
    return out


def _gdelt(rng: random.Random, t: TrueEvent) -> Event:
    state = Actor(t.state.upper(), country=t.country, cameo_code=f"{t.country}MIL")
    if t.side in ("rebel", "rebel2"):
        other = Actor("REBEL", country=t.country, cameo_code=f"{t.country}REB")
    elif t.side == "civilians":
        other = Actor("CIVILIAN", country=t.country, cameo_code=f"{t.country}CVL")
    else:
        other = Actor("PROTESTER", country=t.country, cameo_code=f"{t.country}OPP")
    if t.side == "rebel2":
        actors = (Actor("INSURGENT", country=t.country, cameo_code=f"{t.country}INS"), other)
    elif t.side == "civilians":
        actors = (Actor("REBEL", country=t.country, cameo_code=f"{t.country}REB"), other)
    elif t.side == "protesters":
        actors = (other, state)
    else:
        actors = (state, other) if rng.random() < 0.6 else (other, state)
    coarse = rng.random() < 0.2
    lat, lon = _jitter(rng, t.latitude, t.longitude, 60.0 if coarse else 5.0)
    day = t.day + _dt.timedelta(days=1 if rng.random() < 0.3 else 0)
    return Event(
        id=f"gdelt-{t.id}", date=EventDate.day(day),
        classifications=(Classification("cameo", rng.choice(t.cameo)),),
        actor1=actors[0], actor2=actors[1],
        location=Location(f"place of {t.id}", country=t.country, admin1=_province(t),
                          latitude=round(lat, 4),
                          longitude=round(lon, 4),
                          precision=GeoPrecision.ADMIN1 if coarse else GeoPrecision.EXACT),
        extras={"gdelt2": {"NumMentions": str(rng.randint(1, 20))}})


def _ucdp(rng: random.Random, t: TrueEvent, other: TrueEvent | None) -> Event:
    side_a = Actor(f"Government of {t.state}") if t.side == "rebel" else Actor(
        _acronym(t.group))
    side_b = Actor(_acronym(t.group2 if t.side == "rebel2" else t.group)) if t.side in (
        "rebel", "rebel2") else Actor("Civilians")
    if other is not None:
        date = EventDate.span(t.day, other.day)
    elif rng.random() < 0.2:
        date = EventDate.span(t.day - _dt.timedelta(days=rng.randint(0, 2)),
                              t.day + _dt.timedelta(days=rng.randint(1, 3)))
    else:
        date = EventDate.day(t.day)
    near = rng.random() < 0.25
    lat, lon = _jitter(rng, t.latitude, t.longitude, 10.0 if near else 2.0)
    ids = t.id if other is None else f"{t.id}+{other.id}"
    return Event(
        id=f"ucdp-{ids}", date=date,
        classifications=(Classification("ucdp", t.ucdp_type or "1"),),
        actor1=side_a, actor2=side_b,
        location=Location(f"where {t.id}", country=t.country, admin1=_province(t),
                          latitude=round(lat, 4),
                          longitude=round(lon, 4),
                          precision=GeoPrecision.NEAR if near else GeoPrecision.EXACT),
        fatalities=t.fatalities + (other.fatalities if other is not None else 0),
        extras={"ucdp-ged": {"where_prec": "2" if near else "1"}})


@st.composite
def rendered(draw: st.DrawFn, max_events: int = 40) -> Rendered:
    """A hypothesis strategy: :func:`render` with a drawn size, seed and span of days."""
    n = draw(st.integers(min_value=0, max_value=max_events))
    seed = draw(st.integers(min_value=0, max_value=2**32 - 1))
    days = draw(st.integers(min_value=1, max_value=31))
    return render(n, seed=seed, days=days, towns=draw(st.integers(min_value=5, max_value=400)))
