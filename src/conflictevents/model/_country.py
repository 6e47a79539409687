"""The country field shared by :class:`Actor` and :class:`Location`."""

from __future__ import annotations

from typing import Any

import attrs

from conflictevents import places
from conflictevents.errors import UnknownCodeError
from conflictevents.model._checks import fail


def to_country(value: Any) -> Any:
    """Converter: any form :func:`~conflictevents.places.resolve_country` knows -> alpha-3."""
    if value is None or (isinstance(value, str) and places.is_country_code(value)):
        return value
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        try:
            return places.resolve_country(value)
        except UnknownCodeError:
            return value  # the validator refuses it, naming the field
    return value


def check_country(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """``None`` or an ISO 3166-1 alpha-3 code (or a user-assigned code such as XKX)."""
    if value is None:
        return
    if not isinstance(value, str) or not places.is_country_code(value):
        raise fail(instance, attribute.name, value, "is not a known country (ISO 3166-1)")
