"""Comparisons shared by the analysis modules: places, actors, dates.

Private: :mod:`conflictevents.claims`, :mod:`conflictevents.control` and
:mod:`conflictevents.dedupe` document the rules they apply through these helpers.
"""

from __future__ import annotations

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
       the country alone).
    3. Otherwise: the same name (case-folded), or the same name at the admin level (admin3,
       admin2, admin1, in that order) that the less precise place is known to, or the same
       country when one of them is known only to the country.
    """
    if a.country is not None and b.country is not None and a.country != b.country:
        return PlaceComparison(False, f"different countries ({a.country}, {b.country})")
    coarser = max(_precision(a), _precision(b), key=lambda p: p.rank)
    if coarser in (GeoPrecision.COUNTRY, GeoPrecision.INTERNATIONAL) and a.country is not None \
            and a.country == b.country:
        return PlaceComparison(True, f"same country ({a.country}), known only to the country")
    ca, cb = a.coordinates, b.coordinates
    if ca is not None and cb is not None:
        threshold = float(distances.get(coarser, DEFAULT_DISTANCES_KM[coarser]))
        distance = haversine_km(ca, cb)
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
            if va == vb and coarser.rank >= needed.rank:
                return PlaceComparison(True, f"same {level} ({getattr(a, level)})")
            if va != vb:
                return PlaceComparison(False, f"different {level} ({getattr(a, level)}, "
                                              f"{getattr(b, level)})")
    return PlaceComparison(False, f"no coordinates and different names ({a.name}, {b.name})")


def names_of(actor: Actor) -> frozenset[str]:
    """The actor's name and aliases, case-folded."""
    folded = {_fold(actor.name)} | {_fold(alias) for alias in actor.aliases}
    return frozenset(n for n in folded if n)


def same_actor(a: Actor, b: Actor) -> bool:
    """Whether two actors are the same: equal, or sharing a name or alias (any case)."""
    return a == b or bool(names_of(a) & names_of(b))


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
