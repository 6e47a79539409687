"""Places where events happen."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from conflictevents import places
from conflictevents.model._checks import (
    fail,
    finite_float,
    non_empty_text,
    optional_non_empty_text,
    to_enum,
)
from conflictevents.model._country import check_country, to_country


class GeoPrecision(enum.Enum):
    """How precisely a place is known, finest first.

    The members map one to one onto UCDP GED's ``where_prec`` (1 to 7); ACLED's
    ``geo_precision`` 1, 2 and 3 are ``EXACT``, ``NEAR`` and ``ADMIN1``; GDELT's geography
    types are ``EXACT`` (cities), ``ADMIN1`` (states) and ``COUNTRY``.
    """

    EXACT = "exact"
    """The named place itself (a town, a village, a site)."""
    NEAR = "near"
    """Near the named place, or part of it (within about 25 km)."""
    ADMIN2 = "admin2"
    """Somewhere in a second-order administrative division."""
    ADMIN1 = "admin1"
    """Somewhere in a first-order administrative division (a province, a governorate)."""
    REGION = "region"
    """A region within the country larger than one first-order division, or a linear feature."""
    COUNTRY = "country"
    """Only the country is known."""
    INTERNATIONAL = "international"
    """International waters or airspace."""

    @property
    def rank(self) -> int:
        """0 for ``EXACT`` up to 6 for ``INTERNATIONAL``."""
        return list(GeoPrecision).index(self)


def _to_precision(value: Any) -> Any:
    return to_enum(GeoPrecision, value)


def _to_float(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:  # too large for a float: the validator refuses it
            return value
    return value


def _check_coordinate(limit: float) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        if not finite_float(value):
            raise fail(instance, attribute.name, value, "must be a finite number")
        assert isinstance(value, float)
        if not -limit <= value <= limit:
            raise fail(instance, attribute.name, value, f"must be between -{limit:g} and {limit:g}")

    return check


def _check_admin1_code(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not places.is_subdivision_code(value):
        raise fail(instance, attribute.name, value, "is not an ISO 3166-2 subdivision code")


@attrs.frozen
class Location:
    """A place: a name, its country and administrative divisions, coordinates and precision.

    :param name: the place's name (``"Hama"``).
    :param country: ISO 3166-1 alpha-3 (a name or alpha-2 is accepted and converted).
    :param admin1: first-order division, as the source writes it (``"Hama"``).
    :param admin2: second-order division.
    :param admin3: third-order division.
    :param latitude: WGS 84 decimal degrees, -90 to 90.
    :param longitude: WGS 84 decimal degrees, -180 to 180. Latitude and longitude are given
        together or not at all.
    :param precision: how precisely the place is known (:class:`GeoPrecision`).
    :param admin1_code: the ISO 3166-2 code of the first-order division (``"SY-HM"``);
        :func:`conflictevents.places.subdivision_code` finds it from a name.

    >>> Location("Hama", country="SYR", admin1="Hama", latitude=35.1318, longitude=36.7578)
    Location(name='Hama', country='SYR', admin1='Hama', admin2=None, admin3=None, latitude=35.1318, longitude=36.7578, precision=None, admin1_code=None)
    """  # noqa: E501

    name: str = attrs.field(validator=non_empty_text)
    country: str | None = attrs.field(default=None, converter=to_country, validator=check_country)
    admin1: str | None = attrs.field(default=None, validator=optional_non_empty_text)
    admin2: str | None = attrs.field(default=None, validator=optional_non_empty_text)
    admin3: str | None = attrs.field(default=None, validator=optional_non_empty_text)
    latitude: float | None = attrs.field(
        default=None, converter=_to_float, validator=_check_coordinate(90.0)
    )
    longitude: float | None = attrs.field(
        default=None, converter=_to_float, validator=_check_coordinate(180.0)
    )
    precision: GeoPrecision | None = attrs.field(default=None, converter=_to_precision)
    admin1_code: str | None = attrs.field(default=None, validator=_check_admin1_code)

    def __attrs_post_init__(self) -> None:
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            raise fail(self, missing, None, "latitude and longitude go together")
        if self.precision is not None and not isinstance(self.precision, GeoPrecision):
            raise fail(self, "precision", self.precision, "must be a GeoPrecision")

    @property
    def has_coordinates(self) -> bool:
        """Whether the place has a latitude and a longitude."""
        return self.latitude is not None

    def __str__(self) -> str:
        """The name, its first-level division and country, and the coordinates where known
        (the ``repr`` has every field).

        >>> str(Location("Atareb", country="SYR", admin1="Aleppo", latitude=36.1383,
        ...              longitude=36.8306))
        'Atareb, Aleppo, SYR (36.1383, 36.8306)'
        """
        parts = [self.name, *(p for p in (self.admin1, self.country)
                              if p is not None and p != self.name)]
        text = ", ".join(parts)
        if self.latitude is not None and self.longitude is not None:
            text += f" ({self.latitude}, {self.longitude})"
        return text

    @property
    def coordinates(self) -> tuple[float, float] | None:
        """``(latitude, longitude)``, or ``None``."""
        if self.latitude is None or self.longitude is None:
            return None
        return (self.latitude, self.longitude)
