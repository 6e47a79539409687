"""The PLOVER code book: event types, their quad categories, scores and modes.

PLOVER (Political Language Ontology for Verifiable Event Records, Open Event Data
Alliance) replaces CAMEO's hierarchy of codes by 16 event types, each with optional
*modes* (how it was done) and *contexts* (what it was about). This module follows the
PLOVER manual, draft version 0.8 as revised on 17 September 2021, in the
``openeventdata/PLOVER`` repository.

Names are canonical in upper case (``"ASSAULT"``); look-ups ignore case and whitespace.
The manual renamed DEMAND to REQUEST on 1 September 2021 (the POLECAT data set uses
REQUEST); the old name is still accepted and gives the REQUEST record. The score table of
older drafts spells COOPERATE ``"COOPERATION"``, which is accepted too.

>>> from conflictevents.codes import plover
>>> plover.event_type("assault").quad_class
4
>>> plover.event_type("DEMAND").name
'REQUEST'
>>> [m.name for m in plover.modes("consult")]
['visit', 'third-party', 'multilateral', 'phone']
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import attrs

from conflictevents.codes._loader import clean_code, clean_name, look_up, read_table
from conflictevents.errors import UnknownCodeError

__all__ = [
    "QUAD_NAMES",
    "PloverEventType",
    "PloverMode",
    "event_type",
    "event_types",
    "is_event_type",
    "mode",
    "modes",
]

EVENT_TYPE_CODEBOOK = "PLOVER event type"
MODE_CODEBOOK = "PLOVER mode"

#: The names of PLOVER's quad categories (the same four as CAMEO's QuadClasses).
QUAD_NAMES: dict[int, str] = {
    1: "Verbal cooperation",
    2: "Material cooperation",
    3: "Verbal conflict",
    4: "Material conflict",
}


@attrs.frozen
class PloverEventType:
    """A PLOVER event type.

    :ivar name: e.g. ``"ASSAULT"``.
    :ivar quad_class: its quad category: 1 verbal cooperation, 2 material cooperation,
        3 verbal conflict, 4 material conflict.
    :ivar requires_recipient: whether the manual requires a recipient actor.
    :ivar score: the manual's "PLOVER score", a conflict-cooperation scale comparable to
        the Goldstein scale.
    :ivar description: a short definition, after the manual.
    :ivar aliases: other names under which the type occurs (e.g. ``("DEMAND",)``, the
        name of REQUEST before 1 September 2021).

    >>> kind = event_type("ASSAULT")
    >>> kind.quad_class, kind.requires_recipient
    (4, False)
    """

    name: str
    quad_class: int
    requires_recipient: bool
    score: float
    description: str
    aliases: tuple[str, ...] = ()


@attrs.frozen
class PloverMode:
    """A mode of a PLOVER event type.

    :ivar event_type: e.g. ``"ASSAULT"``.
    :ivar name: e.g. ``"firearms"`` (lower case, as in the manual).
    :ivar description: what it means.

    >>> m = mode("protest", "riot")
    >>> m.event_type, m.name
    ('PROTEST', 'riot')
    """

    event_type: str
    name: str
    description: str


@cache
def _types() -> dict[str, PloverEventType]:
    out: dict[str, PloverEventType] = {}
    for r in read_table("plover_event_types.csv"):
        out[r["event_type"]] = PloverEventType(
            name=r["event_type"],
            quad_class=int(r["quad_class"]),
            requires_recipient=r["requires_recipient"] == "yes",
            score=float(r["score"]),
            description=r["description"],
            aliases=tuple(r["aliases"].split()),
        )
    return out


@cache
def _type_keys() -> dict[str, PloverEventType]:
    out: dict[str, PloverEventType] = {}
    for t in _types().values():
        for name in (t.name, *t.aliases):
            out[name] = t
    return out


@cache
def _modes() -> dict[str, tuple[PloverMode, ...]]:
    out: dict[str, list[PloverMode]] = {name: [] for name in _types()}
    for r in read_table("plover_modes.csv"):
        out[r["event_type"]].append(PloverMode(r["event_type"], r["mode"], r["description"]))
    return {name: tuple(ms) for name, ms in out.items()}


def event_types() -> Iterator[PloverEventType]:
    """PLOVER's 16 event types, in the manual's order (by quad category)."""
    yield from _types().values()


def event_type(name: str) -> PloverEventType:
    """The PLOVER event type *name* (or an alias; case and whitespace are ignored).

    :raises UnknownCodeError: if there is none.
    """
    return look_up(_type_keys(), clean_code(name, EVENT_TYPE_CODEBOOK), EVENT_TYPE_CODEBOOK, name)


def is_event_type(name: object) -> bool:
    """Whether *name* is a PLOVER event type or an alias of one.

    >>> is_event_type("assault"), is_event_type("battle")
    (True, False)
    """
    return isinstance(name, str) and name.strip().upper() in _type_keys()


def modes(event_type: str) -> tuple[PloverMode, ...]:
    """The modes the manual gives for *event_type* (empty for types without modes).

    :raises UnknownCodeError: if *event_type* is not a PLOVER event type.
    """
    return _modes()[_event_type_lookup(event_type).name]


_event_type_lookup = event_type  # modes's parameter shadows the name


def mode(event_type: str, name: str) -> PloverMode:
    """The mode *name* of *event_type* (case and whitespace are ignored).

    :raises UnknownCodeError: if the event type or the mode is unknown.

    >>> mode("ASSAULT", " Torture ").name
    'torture'
    """
    key = clean_name(name, MODE_CODEBOOK)
    for m in modes(event_type):
        if m.name.casefold() == key:
            return m
    raise UnknownCodeError(MODE_CODEBOOK, name)
