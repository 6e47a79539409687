"""Comparisons shared by the analysis modules: places, actors, dates.

Private: :mod:`conflictevents.claims`, :mod:`conflictevents.control` and
:mod:`conflictevents.dedupe` document the rules they apply through these helpers.
"""

from __future__ import annotations

import contextlib
import functools
import math
import re
import unicodedata
from collections.abc import Mapping

import attrs

from conflictevents.codes import cameo, crosswalks
from conflictevents.errors import UnknownCodeError
from conflictevents.model import Actor, GeoPrecision, Location

#: Mean Earth radius in kilometres (IUGG), for the haversine distance.
EARTH_RADIUS_KM = 6371.0088

#: How far apart (km) two places of a given precision may be and still be the same place.
#: The less precise of the two places sets the threshold. A place without a precision is
#: taken as ``NEAR``. ``COUNTRY`` and ``INTERNATIONAL`` places match on country alone.
DEFAULT_DISTANCES_KM: Mapping[GeoPrecision, float] = {
    GeoPrecision.EXACT: 10.0,
    GeoPrecision.NEAR: 25.0,
    GeoPrecision.ADMIN2: 75.0,
    GeoPrecision.ADMIN1: 200.0,
    GeoPrecision.REGION: 500.0,
    GeoPrecision.COUNTRY: math.inf,
    GeoPrecision.INTERNATIONAL: math.inf,
}

_UNKNOWN_PRECISION = GeoPrecision.NEAR
_RANK = {p: i for i, p in enumerate(GeoPrecision)}


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The great-circle distance in km between two ``(latitude, longitude)`` points."""
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _fold(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split()).casefold()


#: Arabic definite articles and their assimilated forms, as romanisations write them before a
#: word ("al-Nu'man", "an Numan", "ad Dana"): dropped from a name's skeleton.
_ARTICLES = frozenset({"al", "el", "il", "ul", "an", "ad", "ar", "as", "at", "az", "ash", "ath",
                       "adh", "ed", "es", "et", "ez"})
_APOSTROPHES = re.compile(r"[\u02bb\u02bc\u02bd\u02be\u02bf\u2018\u2019'`\u00b4]")
_SEPARATORS = re.compile(r"[^0-9a-z]+")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")


@functools.lru_cache(maxsize=65536)
def name_skeleton(text: str) -> str:
    """The form of a place name that its romanisations share.

    Diacritics and apostrophes (ʿ ʾ ' ’) go, letters are case-folded, articles (``al-``,
    ``an``, ``ad``...) and separators are dropped, doubled letters are single, and a final
    ``h`` after a vowel goes (Hamah, Ḥamāh and Hama are one; so are Maarrat al-Nu'man and
    Ma'arrat an Numan).

    >>> name_skeleton("Ḥamāh"), name_skeleton("Hamah"), name_skeleton("Hama")
    ('hama', 'hama', 'hama')
    >>> name_skeleton("Maarrat al-Nu'man") == name_skeleton("Ma'arrat an Numan")
    True
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = _APOSTROPHES.sub("", plain).casefold()
    words = [w for w in _SEPARATORS.split(plain) if w]
    kept = [w for w in words if w not in _ARTICLES] or words
    joined = "".join(kept)
    squeezed = re.sub(r"(.)\1+", r"\1", joined)
    return _FINAL_H.sub("", squeezed)


def place_key(location: Location) -> tuple[str, str]:
    """``(country, name skeleton)``: the key analyses identify a place by (see
    :func:`name_skeleton`; the country is ``""`` when unknown)."""
    return (location.country or "", name_skeleton(location.name))


@attrs.frozen
class PlaceComparison:
    """Whether two places can be the same place, and why.

    :ivar same: the verdict.
    :ivar rule: which rule decided (``"distance"``, ``"name"``, ``"admin1"``...,
        ``"country"``), or why not.
    :ivar distance_km: the haversine distance, when both places have coordinates.
    :ivar threshold_km: the distance allowed for the two precisions.
    """

    same: bool
    rule: str
    distance_km: float | None = None
    threshold_km: float | None = None

    def __str__(self) -> str:
        if self.distance_km is not None:
            limit = "any" if self.threshold_km is None or math.isinf(self.threshold_km) else (
                f"{self.threshold_km:g} km")
            return f"{self.distance_km:.1f} km apart (allowed: {limit})"
        return self.rule


def _precision(location: Location) -> GeoPrecision:
    return location.precision if location.precision is not None else _UNKNOWN_PRECISION


def compare_places(
    a: Location, b: Location, distances: Mapping[GeoPrecision, float] = DEFAULT_DISTANCES_KM
) -> PlaceComparison:
    """Whether *a* and *b* can denote the same place.

    1. Two different countries never match.
    2. With coordinates on both sides: the haversine distance must not exceed the threshold
       of the less precise of the two (``distances``; ``COUNTRY`` precision matches on
       the country alone); when the less precise is known only to its second- or
       first-order division (``ADMIN2``, ``ADMIN1``, ``REGION``) and both name their
       first-order division, the divisions must be the same.
    3. Otherwise: the same name (case-folded), or the same name at the admin level (admin3,
       admin2, admin1, in that order) that the less precise place is known to, or the same
       country when one of them is known only to the country.
    """
    if a.country is not None and b.country is not None and a.country != b.country:
        return PlaceComparison(False, f"different countries ({a.country}, {b.country})")
    pa, pb = _precision(a), _precision(b)
    coarser = pa if _RANK[pa] >= _RANK[pb] else pb
    if coarser in (GeoPrecision.COUNTRY, GeoPrecision.INTERNATIONAL) and a.country is not None \
            and a.country == b.country:
        return PlaceComparison(True, f"same country ({a.country}), known only to the country")
    ca, cb = a.coordinates, b.coordinates
    if ca is not None and cb is not None:
        threshold = float(distances.get(coarser, DEFAULT_DISTANCES_KM[coarser]))
        distance = haversine_km(ca, cb)
        if distance <= threshold and _RANK[coarser] >= _RANK[GeoPrecision.ADMIN2] and \
                _other_admin1(a, b):
            return PlaceComparison(False, f"different admin1 ({a.admin1 or a.admin1_code}, "
                                          f"{b.admin1 or b.admin1_code})", distance, threshold)
        return PlaceComparison(distance <= threshold, "distance", distance, threshold)
    if _fold(a.name) == _fold(b.name) and (
        a.country == b.country or _fold(a.admin1) == _fold(b.admin1)
    ):
        return PlaceComparison(True, f"same name ({a.name})")
    levels = (("admin3", GeoPrecision.NEAR), ("admin2", GeoPrecision.ADMIN2),
              ("admin1", GeoPrecision.ADMIN1))
    for level, needed in levels:
        va, vb = _fold(getattr(a, level)), _fold(getattr(b, level))
        if va is not None and vb is not None:
            if va == vb and _RANK[coarser] >= _RANK[needed]:
                return PlaceComparison(True, f"same {level} ({getattr(a, level)})")
            if va != vb:
                return PlaceComparison(False, f"different {level} ({getattr(a, level)}, "
                                              f"{getattr(b, level)})")
    return PlaceComparison(False, f"no coordinates and different names ({a.name}, {b.name})")


def _other_admin1(a: Location, b: Location) -> bool:
    """Whether both places name their first-order division and the names (or ISO codes)
    differ: a place known only to its division is in that division, wherever its centroid."""
    if a.admin1_code is not None and b.admin1_code is not None:
        return a.admin1_code != b.admin1_code
    if a.admin1 is not None and b.admin1 is not None:
        return name_skeleton(a.admin1) != name_skeleton(b.admin1)
    return False


def names_of(actor: Actor) -> frozenset[str]:
    """The actor's name and aliases, case-folded."""
    folded = {_fold(actor.name)} | {_fold(alias) for alias in actor.aliases}
    return frozenset(n for n in folded if n)


def same_actor(a: Actor, b: Actor) -> bool:
    """Whether two actors are the same: equal, or sharing a name or alias (any case)."""
    return a == b or bool(names_of(a) & names_of(b))


@functools.lru_cache(maxsize=65536)
def compatible_actors(a: Actor, b: Actor) -> str | None:
    """Why two actors may be the same actor as two sources code it, or ``None``.

    The same name or alias; or the same CAMEO actor code; or the same kind and country; or
    the kind of one (an ACLED actor type) and the CAMEO code of the other correspond: the
    code's country is the actor's, and one of its roles is a role the crosswalk
    :func:`~conflictevents.codes.crosswalks.acled_actor_type_to_cameo_role` gives the kind.
    """
    if same_actor(a, b):
        return f"same name ({a.name})" if _fold(a.name) == _fold(b.name) else (
            f"same name or alias ({a.name} / {b.name})")
    if a.cameo_code is not None and a.cameo_code == b.cameo_code:
        return f"same CAMEO code ({a.cameo_code})"
    if a.kind is not None and a.kind == b.kind and a.country is not None \
            and a.country == b.country:
        return f"same kind and country ({a.kind.label}, {a.country})"
    for one, other in ((a, b), (b, a)):
        if _kind_matches_code(one, other):
            assert one.kind is not None
            return f"kind {one.kind.label} ({one.country}) ~ CAMEO {other.cameo_code}"
    return None


def _kind_matches_code(one: Actor, other: Actor) -> bool:
    if one.kind is None or one.country is None or other.cameo_code is None:
        return False
    try:
        parsed = cameo.parse_actor_code(other.cameo_code)
        roles = crosswalks.acled_actor_type_to_cameo_role(int(one.kind)).targets
    except UnknownCodeError:
        return False
    return parsed.country == one.country and bool(set(parsed.roles) & set(roles))


# -- actor profiles (matching across datasets) -------------------------------------------------

#: The sides an actor can be on, by CAMEO role: state forces, armed opposition, militias,
#: civilians and the like, international actors.
_SIDES: Mapping[str, str] = {
    "MIL": "state", "GOV": "state", "COP": "state", "SPY": "state", "JUD": "state",
    "LEG": "state",
    "REB": "armed opposition", "INS": "armed opposition", "SEP": "armed opposition",
    "UAF": "militia",
    "CVL": "civilians", "OPP": "civilians", "REF": "civilians", "LAB": "civilians",
    "EDU": "civilians", "MED": "civilians", "HLH": "civilians", "BUS": "civilians",
    "IGO": "international", "PKO": "international", "NGO": "international",
}
_NON_STATE_ARMED = frozenset({"REB", "INS", "SEP", "UAF"})
_STATE_NAME = re.compile(
    r"^(?:government|military forces|police forces|army|armed forces|security forces)\b",
    re.I)
_CIVILIAN_NAME = re.compile(r"^(?:civilians|protesters|rioters)\b", re.I)
_IN_BRACKETS = re.compile(r"\(([^()]*)\)")
_OF_COUNTRY = re.compile(r"\bof ([A-Z][\w .'-]+?)(?:\s*\(|$)")
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le"})


@attrs.frozen
class ActorProfile:
    """What matching knows of an actor, from its name, kind, CAMEO code and the event.

    :ivar names: the actor's names and aliases, case-folded, their skeletons and acronyms.
    :ivar country: its country (its own, its CAMEO code's, one its name gives, else the
        event's country).
    :ivar roles: CAMEO roles (from the code, from the ACLED kind through the crosswalk, from
        the name, or from the UCDP type of violence of the event).
    """

    names: frozenset[str]
    country: str | None
    roles: frozenset[str]
    sides: frozenset[str] = attrs.field(eq=False, repr=False)
    """The broad sides its roles put it on (``"state"``, ``"armed opposition"``...)."""

    @sides.default
    def _sides(self) -> frozenset[str]:
        return frozenset(_SIDES[r] for r in self.roles if r in _SIDES)


def _acronym(name: str) -> str | None:
    words = [w for w in _SEPARATORS.split(_fold(name) or "") if w]
    words = [w for w in words if w not in _ARTICLES and w not in _SMALL_WORDS]
    if len(words) < 2:
        return None
    return "".join(w[0] for w in words)


@functools.lru_cache(maxsize=65536)
def _country_named(text: str) -> str | None:
    from conflictevents import places
    try:
        return places.resolve_country(text.strip())
    except (UnknownCodeError, ValueError):
        return None


@functools.lru_cache(maxsize=262144)
def actor_profile(actor: Actor, country: str | None = None,
                  hint: frozenset[str] = frozenset()) -> ActorProfile:
    """The :class:`ActorProfile` of *actor* in an event in *country*, with *hint* the roles
    the event's coding implies for it (see :func:`event_actor_hints`)."""
    names: set[str] = set()
    for name in (actor.name, *actor.aliases):
        folded = _fold(name)
        if folded:
            names.add(folded)
            names.add(name_skeleton(name))
            short = _acronym(name)
            if short is not None and len(short) >= 3:
                names.add("#" + short)
            if len(folded) <= 6 and " " not in folded:
                names.add("#" + folded)
    roles: set[str] = set()
    own_country = actor.country
    if actor.cameo_code:
        try:
            parsed = cameo.parse_actor_code(actor.cameo_code)
            roles.update(parsed.roles)
            own_country = own_country or parsed.country
        except UnknownCodeError:
            pass
    if actor.kind is not None:
        with contextlib.suppress(UnknownCodeError):
            roles.update(crosswalks.acled_actor_type_to_cameo_role(int(actor.kind)).targets)
    if _STATE_NAME.match(actor.name):
        roles.update({"GOV", "MIL"} if actor.name.lower().startswith("gov") else
                     {"COP"} if actor.name.lower().startswith("police") else {"MIL"})
    elif _CIVILIAN_NAME.match(actor.name):
        roles.add("CVL")
    if not roles:
        roles.update(hint)
    if own_country is None:
        for part in (*_IN_BRACKETS.findall(actor.name), *_OF_COUNTRY.findall(actor.name)):
            own_country = _country_named(part)
            if own_country is not None:
                break
    return ActorProfile(frozenset(n for n in names if n), own_country or country,
                        frozenset(roles))


def event_actor_hints(ucdp_type: str | None, actor1: Actor | None,
                      actor2: Actor | None) -> tuple[frozenset[str], frozenset[str]]:
    """The roles a UCDP type of violence implies for the two sides: state-based (1): side A
    is a government, side B an armed group (or a government, when its name says so);
    non-state (2): two armed groups; one-sided (3): an armed actor against civilians."""
    if ucdp_type == "1":
        return frozenset({"GOV", "MIL"}), frozenset(_NON_STATE_ARMED)
    if ucdp_type == "2":
        return frozenset(_NON_STATE_ARMED), frozenset(_NON_STATE_ARMED)
    if ucdp_type == "3":
        return frozenset({"GOV", "MIL", *_NON_STATE_ARMED}), frozenset({"CVL"})
    return frozenset(), frozenset()


#: The levels of agreement between two actors, best first (MELTT's taxonomy levels).
ACTOR_LEVELS = ("same name", "same role", "same side", "no actor to compare")


def actor_level(a: ActorProfile, b: ActorProfile) -> tuple[int, str] | None:
    """How closely two actors agree: ``(level, why)`` with the level an index into
    :data:`ACTOR_LEVELS`, or ``None`` when they cannot be the same actor (different
    countries, or different sides)."""
    if a.country is not None and b.country is not None and a.country != b.country:
        return None
    shared = a.names & b.names
    if shared:
        return (0, f"same name ({min(shared).lstrip('#')})")
    common = a.roles & b.roles
    if common:
        return (1, f"same role ({'/'.join(sorted(common))}) in {a.country or b.country or '?'}")
    sides = a.sides & b.sides
    if sides:
        return (2, f"same side ({'/'.join(sorted(sides))}) in {a.country or b.country or '?'}")
    if not a.roles or not b.roles:
        return None
    return None


# -- taxonomy levels ---------------------------------------------------------------------------

#: The levels of agreement between two classifications, best first: the same type (the same
#: code, or codes a crosswalk pairs), the same family (ACLED event type, CAMEO root), the same
#: broad class (violence against people or property, demonstrations, other).
TAXONOMY_LEVELS = ("same type", "same family", "same class", "no type to compare")

_VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_DEMONSTRATIONS = frozenset({"Protests", "Riots"})


def _broad(event_type: str | None) -> str | None:
    if event_type is None:
        return None
    if event_type in _VIOLENT_TYPES:
        return "political violence"
    if event_type in _DEMONSTRATIONS:
        return "demonstrations"
    return "other"


@functools.lru_cache(maxsize=8192)
def taxonomy_labels(scheme: str, code: str, parent: str | None = None
                    ) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """A classification as labels at three levels (see :data:`TAXONOMY_LEVELS`), in ACLED's
    vocabulary where a crosswalk reaches it: ``(types, families, classes)``."""
    from conflictevents.codes import acled, ucdp
    types: set[str] = set()
    families: set[str] = set()
    classes: set[str] = set()

    def acled_sub(name: str) -> None:
        try:
            sub = acled.sub_event_type(name)
        except UnknownCodeError:
            return
        types.add(f"acled:{sub.name}")
        families.add(f"acled:{sub.event_type}")
        broad = _broad(sub.event_type)
        if broad:
            classes.add(broad)

    try:
        if scheme == "acled":
            acled_sub(code)
            forward = crosswalks.acled_to_cameo(code)
            for target in forward.targets if forward else ():
                types.add(f"cameo:{target}")
        elif scheme == "cameo":
            entry = cameo.event(code)
            types.update({f"cameo:{entry.code}", f"cameo:{entry.base}"})
            families.add(f"cameo-root:{entry.root}")
            back = crosswalks.cameo_to_acled(entry.code) or (
                crosswalks.cameo_to_acled(entry.base) if entry.base else None)
            if back is not None and back.targets:
                acled_sub(back.targets[-1])
            if entry.quad_class == 4:
                classes.add("political violence")
        elif scheme == "ucdp":
            row = ucdp.to_acled(code)
            if row is not None and row.targets:
                families.add(f"acled:{row.targets[0]}")
                types.add(f"acled:{row.targets[-1]}")
                classes.add("political violence")
                if code.strip() in ("1", "2"):
                    families.add("acled:Explosions/Remote violence")
        elif scheme == "acled_disorder":
            classes.add({"Political violence": "political violence",
                         "Demonstrations": "demonstrations"}.get(code, "other"))
        else:
            types.add(f"{scheme}:{code.strip().casefold()}")
    except UnknownCodeError:
        types.add(f"{scheme}:{code.strip().casefold()}")
    for root in [t.split(":", 1)[1][:2] for t in types if t.startswith("cameo:")]:
        families.add(f"cameo-root:{root}")
    return frozenset(types), frozenset(families), frozenset(classes)


def taxonomy_level(
    a: tuple[frozenset[str], frozenset[str], frozenset[str]],
    b: tuple[frozenset[str], frozenset[str], frozenset[str]],
) -> tuple[int, str] | None:
    """The best level at which two label sets agree, and on what; ``None`` when they share
    no label at any level."""
    for level, (x, y) in enumerate(zip(a, b, strict=True)):
        shared = x & y
        if shared:
            return (level, min(shared))
    return None
