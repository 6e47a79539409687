"""Core objects made without running their checks: for readers' hot paths only (private).

A reader that has checked every value itself (the text of a row was checked for NUL
characters and bad bytes, a country code came out of a code book...) can build the frozen
object directly, as :func:`conflictevents.model.event._unchecked_event` does for events. The
caller guarantees what the class's own checks and converters would: the values already in
their converted, valid form. The test suite re-validates every record the readers yield
(``attrs.evolve`` runs all the checks), so a reader that breaks the contract fails there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

_T = TypeVar("_T")

# class -> the slot setters of its fields, in order (setting through them skips the frozen
# class's __setattr__, which refuses)
_SETTERS: dict[type, tuple[Callable[[object, Any], None], ...]] = {}


def unchecked(cls: type[_T], *values: object) -> _T:
    """An instance of the attrs class *cls* with *values*, one per field in order."""
    setters = _SETTERS.get(cls)
    if setters is None:
        setters = _SETTERS[cls] = tuple(
            getattr(cls, field.name).__set__ for field in attrs.fields(cls))  # type: ignore[arg-type]
    instance = object.__new__(cls)
    for setter, value in zip(setters, values, strict=True):
        setter(instance, value)
    return instance
