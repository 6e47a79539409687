"""Actors: the people, groups and forces that take part in events."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from conflictevents.codes import acled as _acled_codes
from conflictevents.errors import UnknownCodeError
from conflictevents.model._checks import (
    fail,
    non_empty_text,
    to_tuple,
    tuple_of,
)
from conflictevents.model._country import check_country, to_country


class ActorKind(enum.IntEnum):
    """ACLED's actor types, with ACLED's inter codes as values.

    The names come from the ACLED code book (:func:`conflictevents.codes.acled.actor_type`).

    >>> ActorKind(2).label
    'Rebel groups'
    >>> ActorKind(2).export_label
    'Rebel group'
    >>> ActorKind.from_label("state forces")
    <ActorKind.STATE_FORCES: 1>
    """

    STATE_FORCES = 1
    REBEL_GROUP = 2
    POLITICAL_MILITIA = 3
    IDENTITY_MILITIA = 4
    RIOTERS = 5
    PROTESTERS = 6
    CIVILIANS = 7
    EXTERNAL_OTHER = 8

    @property
    def label(self) -> str:
        """ACLED's code-book name for the type (``"Rebel groups"``)."""
        return _acled_codes.actor_type(self.value).name

    @property
    def export_label(self) -> str:
        """The text newer ACLED exports write in ``inter1``/``inter2`` (``"Rebel group"``)."""
        return _acled_codes.actor_type(self.value).label

    @classmethod
    def from_label(cls, text: str) -> ActorKind:
        """The kind an ACLED name, export label or inter code (``"2"``) stands for.

        :raises ValueError: if *text* is none of these.
        """
        try:
            return cls(_acled_codes.actor_type(text).code)
        except UnknownCodeError:
            raise ValueError(f"not an ACLED actor type: {text!r}") from None


def _to_kind(value: Any) -> Any:
    if isinstance(value, ActorKind) or value is None or isinstance(value, bool):
        return value
    try:
        if isinstance(value, int):
            return ActorKind(value)
        if isinstance(value, str):
            return ActorKind.from_label(value)
    except ValueError:
        return value
    return value


def _check_kind(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, ActorKind):
        raise fail(instance, attribute.name, value, "must be an ActorKind (ACLED inter code 1-8)")


def _to_cameo(value: Any) -> Any:
    # Case is meaningful: lower-case blocks are CAMEO ethnic codes ("kur", "nepGOV").
    if isinstance(value, str):
        return value.strip()
    return value


def _check_cameo(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if (
        not isinstance(value, str)
        or not value
        or len(value) % 3
        or not value.isascii()
        or not value.isalnum()
    ):
        raise fail(instance, attribute.name, value,
                   "must be a CAMEO actor code of 3-character blocks, e.g. 'SYRMIL'")


@attrs.frozen
class Actor:
    """Someone who takes part in an event, or makes a claim.

    :param name: the actor's name, as the source writes it (``"Hayat Tahrir al-Sham"``).
    :param kind: ACLED's actor type (an :class:`ActorKind`; its inter code or name is accepted).
    :param country: the actor's country, ISO 3166-1 alpha-3 (a name or alpha-2 is accepted
        and converted).
    :param cameo_code: the CAMEO actor code (``"SYRMIL"``), kept in the case it is written
        in: its lower-case blocks are CAMEO ethnic codes (``"kurGOV"``). Surrounding white
        space is removed.
    :param aliases: other names for the actor (``"HTS"``).

    >>> Actor("Military Forces of Syria (2000-2024)", kind=1, country="Syria", cameo_code="SYRMIL")
    Actor(name='Military Forces of Syria (2000-2024)', kind=<ActorKind.STATE_FORCES: 1>, country='SYR', cameo_code='SYRMIL', aliases=())
    """  # noqa: E501

    name: str = attrs.field(validator=non_empty_text)
    kind: ActorKind | None = attrs.field(default=None, converter=_to_kind, validator=_check_kind)
    country: str | None = attrs.field(default=None, converter=to_country, validator=check_country)
    cameo_code: str | None = attrs.field(
        default=None, converter=_to_cameo, validator=_check_cameo
    )
    aliases: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=tuple_of(str))

    def is_called(self, name: str) -> bool:
        """Whether *name* is the actor's name or one of its aliases (any case)."""
        key = name.strip().casefold()
        return key == self.name.casefold() or any(key == a.casefold() for a in self.aliases)

    def __str__(self) -> str:
        """The name, with the kind and country where known (the ``repr`` has every field).

        >>> str(Actor("Hayat Tahrir al Sham", kind=2, country="SYR"))
        'Hayat Tahrir al Sham (rebel group, SYR)'
        >>> str(Actor("Protesters"))
        'Protesters'
        """
        facts = [self.kind.name.lower().replace("_", " ")] if self.kind is not None else []
        if self.country is not None:
            facts.append(self.country)
        return f"{self.name} ({', '.join(facts)})" if facts else self.name


__all__ = ["Actor", "ActorKind"]
