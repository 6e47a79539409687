"""Validators shared by the core types: each raises :class:`~conflictevents.ValidationError`."""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from conflictevents.errors import ValidationError

_T = TypeVar("_T")


def fail(instance: object, field: str, value: object, reason: str) -> ValidationError:
    """The :class:`ValidationError` for *field* of *instance*."""
    return ValidationError(type(instance).__name__, field, value, reason)


# What no writer can write: a NUL (refused by every CSV reader, so a file holding one could
# not be read back) and a lone surrogate (not Unicode: it cannot be encoded as UTF-8).
_UNWRITABLE = re.compile("[\x00\ud800-\udfff]")


def unwritable(
    text: str,
    *,
    nul: str = "must not contain a NUL character",
    surrogate: str = "must not contain a lone surrogate (text that is not Unicode)",
) -> str | None:
    """Why *text* cannot be written to a file (a NUL, a lone surrogate), or ``None``.

    :param nul: the reason given for a NUL character.
    :param surrogate: the reason given for a lone surrogate.

    >>> unwritable("Homs"), unwritable("a" + chr(0) + "b")
    (None, 'must not contain a NUL character')
    """
    found = _UNWRITABLE.search(text)
    if found is None:
        return None
    return nul if found.group() == "\x00" else surrogate


def to_enum(cls: type[enum.Enum], value: Any) -> Any:
    """The member of the enum *cls* whose value is the text *value* (any case, surrounding
    whitespace ignored), for an attrs converter; other values and unknown text are returned
    as they are, for the field's validator to refuse.

    >>> from conflictevents.model import GeoPrecision
    >>> to_enum(GeoPrecision, " Admin1 "), to_enum(GeoPrecision, "street")
    (<GeoPrecision.ADMIN1: 'admin1'>, 'street')
    """
    if isinstance(value, str):
        try:
            return cls(value.strip().lower())
        except ValueError:
            return value
    return value


def writable_text(instance: object, field: str, value: str) -> None:
    """Refuse *value* for *field* if no writer could write it (:func:`unwritable`)."""
    reason = unwritable(value)
    if reason is not None:
        raise fail(instance, field, value, reason)


def non_empty_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A non-empty string that is not only white space, and that can be written."""
    if not isinstance(value, str):
        raise fail(instance, attribute.name, value, "must be a string")
    if not value.strip():
        raise fail(instance, attribute.name, value, "must not be empty")
    writable_text(instance, attribute.name, value)


def optional_non_empty_text(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """``None`` or a non-empty string."""
    if value is not None:
        non_empty_text(instance, attribute, value)


def instance_of(*types: type) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """A validator that accepts instances of *types* only (``bool`` is not an ``int`` here)."""
    names = " or ".join(t.__name__ for t in types)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            raise fail(instance, attribute.name, value, f"must be {names}")

    return check


def optional_instance_of(
    *types: type,
) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """Like :func:`instance_of`, but ``None`` is accepted too."""
    check = instance_of(*types)

    def optional(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            check(instance, attribute, value)

    return optional


def tuple_of(*types: type) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """A tuple whose every member is one of *types*."""
    names = " or ".join(t.__name__ for t in types)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple):
            raise fail(instance, attribute.name, value, "must be a tuple")
        for item in value:
            if not isinstance(item, types):
                raise fail(instance, attribute.name, item, f"every item must be {names}")
            if isinstance(item, str):
                if not item.strip():
                    raise fail(instance, attribute.name, item, "items must not be empty")
                writable_text(instance, attribute.name, item)

    return check


def to_tuple(value: Any) -> tuple[Any, ...]:
    """Converter: any iterable but a string to a tuple (a string is one item)."""
    if type(value) is tuple:
        return value
    if value is None:
        return ()
    if isinstance(value, (str, bytes)):
        return (value,)
    return tuple(value)


def finite_float(value: object) -> bool:
    """Whether *value* is a real number that is neither NaN nor infinite (nor an integer too
    large for a float)."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False
