"""The ACLED code book: event types, sub-event types, actor types and precision codes.

ACLED (Armed Conflict Location & Event Data) classifies each event by an *event type* (six
of them) and a *sub-event type* (25), and each sub-event type belongs to a *disorder
type*: ``"Political violence"``, ``"Demonstrations"``, ``"Strategic developments"``, or
``"Political violence; Demonstrations"`` for the two sub-event types that are both
(excessive force against protesters, violent demonstrations).

Each actor has an actor type (``inter1``/``inter2``): a number 1-8 in older exports, a label
such as ``"State forces"`` or ``"Rebel group"`` in newer ones. The ``interaction`` column
joins the two, as a 2-digit code with the smaller digit first (``12``; ``10`` when there is
no second actor) in older exports, or as a label such as ``"State forces-Rebel group"`` or
``"State forces only"`` in newer ones. :func:`actor_type` and :func:`interaction` read both
forms.

Look-ups by name ignore case and runs of whitespace and return the canonical names.

>>> from conflictevents.codes import acled
>>> acled.sub_event_type("armed clash").event_type
'Battles'
>>> acled.interaction_code(2, 1)
12
>>> acled.actor_type("State forces").code
1
>>> acled.legacy_event_type("Battle-Non-State Actor overtakes territory").name
'Battle-Non-state actor overtakes territory'
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import TypeVar

import attrs

from conflictevents.codes._loader import clean_name, look_up, read_table
from conflictevents.errors import UnknownCodeError

__all__ = [
    "DISORDER_TYPES",
    "AcledActorType",
    "AcledEventType",
    "AcledInteraction",
    "AcledLegacyEventType",
    "AcledPrecision",
    "AcledSubEventType",
    "actor_type",
    "actor_types",
    "event_type",
    "event_types",
    "geo_precision",
    "geo_precisions",
    "interaction",
    "interaction_code",
    "interactions",
    "is_legacy_event_type",
    "legacy_event_type",
    "legacy_event_types",
    "sub_event_type",
    "sub_event_types",
    "time_precision",
    "time_precisions",
]

EVENT_TYPE_CODEBOOK = "ACLED event type"
SUB_EVENT_TYPE_CODEBOOK = "ACLED sub-event type"
ACTOR_TYPE_CODEBOOK = "ACLED actor type"
INTERACTION_CODEBOOK = "ACLED interaction"
TIME_PRECISION_CODEBOOK = "ACLED time precision"
GEO_PRECISION_CODEBOOK = "ACLED geo precision"
LEGACY_EVENT_TYPE_CODEBOOK = "ACLED event type (before 2019)"

#: ACLED's disorder types, as they are written in the ``disorder_type`` column.
DISORDER_TYPES: tuple[str, ...] = (
    "Political violence",
    "Demonstrations",
    "Strategic developments",
    "Political violence; Demonstrations",
)


@attrs.frozen
class AcledEventType:
    """One of ACLED's six event types.

    :ivar name: e.g. ``"Battles"``.
    :ivar description: a short definition, after the ACLED codebook.

    >>> event_type("battles").name
    'Battles'
    """

    name: str
    description: str


@attrs.frozen
class AcledSubEventType:
    """One of ACLED's 25 sub-event types.

    :ivar name: e.g. ``"Armed clash"``.
    :ivar event_type: the event type it belongs to, e.g. ``"Battles"``.
    :ivar disorder_type: one of :data:`DISORDER_TYPES`.

    >>> sub = sub_event_type("Peaceful protest")
    >>> sub.event_type, sub.disorder_type
    ('Protests', 'Demonstrations')
    """

    name: str
    event_type: str
    disorder_type: str


@attrs.frozen
class AcledLegacyEventType:
    """One of the nine event types of ACLED files before the 2019 taxonomy.

    :ivar name: the name as ACLED wrote it, e.g. ``"Battle-No change of territory"``.
    :ivar event_types: the current event type(s) its events fall under: one, except for
        ``"Riots/Protests"``, which ACLED split into ``("Protests", "Riots")``.
    :ivar sub_event_type: the current sub-event type, where the old type determines it
        (``"Armed clash"`` for ``"Battle-No change of territory"``), else ``None``.
    :ivar description: a short definition, after the ACLED codebooks of the time.

    >>> old = legacy_event_type("Remote violence")
    >>> old.event_types, old.sub_event_type
    (('Explosions/Remote violence',), None)
    """

    name: str
    event_types: tuple[str, ...]
    sub_event_type: str | None
    description: str


@attrs.frozen
class AcledActorType:
    """An ACLED actor type (the ``inter1``/``inter2`` code).

    :ivar code: 1 to 8 (the values of the model's ``ActorKind``).
    :ivar name: the codebook's name, e.g. ``"Rebel groups"``.
    :ivar label: the text newer exports write in ``inter1``/``inter2`` and in
        ``interaction`` labels, e.g. ``"Rebel group"``.

    >>> kind = actor_type(1)
    >>> kind.code, kind.name, kind.label
    (1, 'State forces', 'State forces')
    """

    code: int
    name: str
    label: str


@attrs.frozen
class AcledInteraction:
    """An ACLED interaction code: the pair of actor types of an event.

    :ivar code: e.g. ``12``; ``10`` for state forces alone.
    :ivar label: e.g. ``"State forces-Rebel group"``, ``"State forces only"``.
    :ivar first: the smaller actor type code (the first digit).
    :ivar second: the larger actor type code, or ``None`` when there is no second actor.

    >>> pair = interaction(12)
    >>> pair.first, pair.second, pair.label
    (1, 2, 'State forces-Rebel group')
    """

    code: int
    label: str
    first: int
    second: int | None


@attrs.frozen
class AcledPrecision:
    """The meaning of an ACLED ``time_precision`` or ``geo_precision`` code.

    :ivar kind: ``"time"`` or ``"geo"``.
    :ivar code: 1, 2 or 3 (1 is the most precise).
    :ivar meaning: what the code says about the event's date or place.

    >>> p = geo_precision(2)
    >>> p.kind, p.code
    ('geo', 2)
    """

    kind: str
    code: int
    meaning: str


# --------------------------------------------------------------------------------------
# Tables


@cache
def _event_types() -> dict[str, AcledEventType]:
    return {
        clean_name(r["event_type"], EVENT_TYPE_CODEBOOK): AcledEventType(
            r["event_type"], r["description"]
        )
        for r in read_table("acled_event_types.csv")
    }


@cache
def _sub_event_types() -> dict[str, AcledSubEventType]:
    return {
        clean_name(r["sub_event_type"], SUB_EVENT_TYPE_CODEBOOK): AcledSubEventType(
            r["sub_event_type"], r["event_type"], r["disorder_type"]
        )
        for r in read_table("acled_sub_event_types.csv")
    }


def _legacy_key(name: object) -> str:
    """*name* folded for a legacy event type look-up: case, runs of whitespace and spaces
    around ``-`` and ``/`` are insignificant (``"Riots / Protests"``, ``"Battle - No
    change of territory"``)."""
    key = clean_name(name, LEGACY_EVENT_TYPE_CODEBOOK)
    for sep in ("-", "/"):
        key = sep.join(part.strip() for part in key.split(sep))
    return key


@cache
def _legacy_event_types() -> dict[str, AcledLegacyEventType]:
    return {
        _legacy_key(r["event_type"]): AcledLegacyEventType(
            r["event_type"],
            tuple(r["event_types"].split(";")),
            r["sub_event_type"] or None,
            r["description"],
        )
        for r in read_table("acled_legacy_event_types.csv")
    }


@cache
def _actor_types() -> dict[int, AcledActorType]:
    return {
        int(r["code"]): AcledActorType(int(r["code"]), r["name"], r["label"])
        for r in read_table("acled_actor_types.csv")
    }


@cache
def _actor_type_names() -> dict[str, AcledActorType]:
    out: dict[str, AcledActorType] = {}
    for at in _actor_types().values():
        out[clean_name(at.name, ACTOR_TYPE_CODEBOOK)] = at
        out[clean_name(at.label, ACTOR_TYPE_CODEBOOK)] = at
    return out


@cache
def _interactions() -> dict[int, AcledInteraction]:
    out: dict[int, AcledInteraction] = {}
    for r in read_table("acled_interactions.csv"):
        code = int(r["code"])
        second = code % 10
        out[code] = AcledInteraction(code, r["label"], code // 10, second or None)
    return out


@cache
def _interaction_labels() -> dict[str, AcledInteraction]:
    return {clean_name(i.label, INTERACTION_CODEBOOK): i for i in _interactions().values()}


@cache
def _precisions() -> dict[tuple[str, int], AcledPrecision]:
    return {
        (r["kind"], int(r["code"])): AcledPrecision(r["kind"], int(r["code"]), r["meaning"])
        for r in read_table("acled_precision.csv")
    }


# --------------------------------------------------------------------------------------
# Event types


def event_types() -> Iterator[AcledEventType]:
    """ACLED's six event types, in codebook order."""
    yield from _event_types().values()


def event_type(name: str) -> AcledEventType:
    """The ACLED event type called *name* (case and whitespace are ignored).

    :raises UnknownCodeError: if there is none.
    """
    return look_up(_event_types(), clean_name(name, EVENT_TYPE_CODEBOOK), EVENT_TYPE_CODEBOOK, name)


def sub_event_types(event_type: str | None = None) -> Iterator[AcledSubEventType]:
    """ACLED's sub-event types, in codebook order.

    :param event_type: only those of this event type (any case).
    :raises UnknownCodeError: if *event_type* is not an event type.

    >>> [sub.name for sub in sub_event_types("Riots")]
    ['Violent demonstration', 'Mob violence']
    """
    wanted = None if event_type is None else _event_type_lookup(event_type).name
    for sub in _sub_event_types().values():
        if wanted is None or sub.event_type == wanted:
            yield sub


_event_type_lookup = event_type  # sub_event_types's parameter shadows the name


def sub_event_type(name: str) -> AcledSubEventType:
    """The ACLED sub-event type called *name* (case and whitespace are ignored).

    :raises UnknownCodeError: if there is none.
    """
    return look_up(_sub_event_types(), clean_name(name, SUB_EVENT_TYPE_CODEBOOK),
                   SUB_EVENT_TYPE_CODEBOOK, name)


# --------------------------------------------------------------------------------------
# The event types of ACLED files before 2019


def legacy_event_types() -> Iterator[AcledLegacyEventType]:
    """The nine event types of ACLED files before the 2019 taxonomy, in codebook order.

    >>> len(list(legacy_event_types()))
    9
    """
    yield from _legacy_event_types().values()


def legacy_event_type(name: str) -> AcledLegacyEventType:
    """The pre-2019 ACLED event type called *name*.

    Case, runs of whitespace and spaces around ``-`` and ``/`` are ignored, so the spellings
    found in files (``"Battle-Non-State Actor overtakes territory"``, ``"Riots / Protests"``)
    all find their canonical record.

    >>> legacy_event_type("riots/protests").event_types
    ('Protests', 'Riots')

    :raises UnknownCodeError: if there is none (the current names, such as ``"Battles"``,
        are not pre-2019 event types: see :func:`event_type`).
    """
    return look_up(_legacy_event_types(), _legacy_key(name), LEGACY_EVENT_TYPE_CODEBOOK, name)


def is_legacy_event_type(name: object) -> bool:
    """Whether *name* is a pre-2019 ACLED event type (see :func:`legacy_event_type`).

    >>> is_legacy_event_type("Riots/Protests"), is_legacy_event_type("Protests")
    (True, False)
    """
    return isinstance(name, str) and _legacy_key(name) in _legacy_event_types()


# --------------------------------------------------------------------------------------
# Actor types and interactions


def actor_types() -> Iterator[AcledActorType]:
    """ACLED's eight actor types, in code order.

    >>> [kind.code for kind in actor_types()]
    [1, 2, 3, 4, 5, 6, 7, 8]
    """
    yield from _actor_types().values()


_T = TypeVar("_T")


def _small_int(value: object) -> int | None:
    """*value* as an int if it is an int or a string of digits, else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _by_number_or_name(value: object, by_number: Mapping[int, _T], by_name: Mapping[str, _T],
                       codebook: str) -> _T:
    """The entry of *codebook* whose code is *value* (an int or a string of digits) or whose
    name is *value* (any case)."""
    number = _small_int(value)
    if number is not None:
        found = by_number.get(number)
    elif isinstance(value, str):
        found = by_name.get(clean_name(value, codebook))
    else:
        found = None
    if found is None:
        raise UnknownCodeError(codebook, value)
    return found


def actor_type(value: int | str) -> AcledActorType:
    """The ACLED actor type *value*: its code (``1``, ``"1"``) or its name or label
    (``"State forces"``, ``"Rebel groups"``, ``"rebel group"``).

    :raises UnknownCodeError: if *value* is none of these.
    """
    return _by_number_or_name(value, _actor_types(), _actor_type_names(), ACTOR_TYPE_CODEBOOK)


def interaction_code(inter1: int | str, inter2: int | str | None = None) -> int:
    """The ACLED interaction code of an event whose actors have types *inter1*, *inter2*.

    The smaller actor type code comes first: inters 1 and 2 give ``12``, as do 2 and 1. An
    event with no second actor (*inter2* ``None``, ``0`` or blank) gives ``10 * inter1``.

    :param inter1: the first actor's type, in any form :func:`actor_type` reads.
    :param inter2: the second actor's type, or ``None``/``0``/``""`` for none.
    :raises UnknownCodeError: if an actor type is unknown.
    """
    first = actor_type(inter1).code
    blank = isinstance(inter2, str) and not inter2.strip()
    if inter2 is None or blank or _small_int(inter2) == 0:
        return first * 10
    second = actor_type(inter2).code
    low, high = sorted((first, second))
    return low * 10 + high


def interactions() -> Iterator[AcledInteraction]:
    """ACLED's 44 interaction codes, in code order.

    >>> len(list(interactions()))
    44
    """
    yield from _interactions().values()


def interaction(value: int | str) -> AcledInteraction:
    """The ACLED interaction *value*: a code (``12``, ``"12"``) or a label
    (``"State forces-Rebel group"``, ``"state forces only"``).

    :raises UnknownCodeError: if *value* is neither.

    >>> interaction("12").label
    'State forces-Rebel group'
    """
    return _by_number_or_name(value, _interactions(), _interaction_labels(),
                              INTERACTION_CODEBOOK)


# --------------------------------------------------------------------------------------
# Precision codes


def _precision(kind: str, value: int | str, codebook: str) -> AcledPrecision:
    number = _small_int(value)
    found = None if number is None else _precisions().get((kind, number))
    if found is None:
        raise UnknownCodeError(codebook, value)
    return found


def time_precision(code: int | str) -> AcledPrecision:
    """The meaning of the ACLED ``time_precision`` code *code* (1 day, 2 week, 3 month).

    :raises UnknownCodeError: if *code* is not 1, 2 or 3.

    >>> time_precision(3).meaning
    'The source reports only the month of the event; a day within that month is coded.'
    """
    return _precision("time", code, TIME_PRECISION_CODEBOOK)


def geo_precision(code: int | str) -> AcledPrecision:
    """The meaning of the ACLED ``geo_precision`` code *code* (1 most precise, 3 least).

    :raises UnknownCodeError: if *code* is not 1, 2 or 3.

    >>> geo_precision("1") == geo_precision(1)
    True
    >>> "town or village" in geo_precision(1).meaning
    True
    """
    return _precision("geo", code, GEO_PRECISION_CODEBOOK)


def time_precisions() -> Iterator[AcledPrecision]:
    """The three ``time_precision`` codes.

    >>> [p.code for p in time_precisions()]
    [1, 2, 3]
    """
    return (p for p in _precisions().values() if p.kind == "time")


def geo_precisions() -> Iterator[AcledPrecision]:
    """The three ``geo_precision`` codes.

    >>> [p.code for p in geo_precisions()]
    [1, 2, 3]
    """
    return (p for p in _precisions().values() if p.kind == "geo")
