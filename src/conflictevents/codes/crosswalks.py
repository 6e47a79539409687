"""Crosswalks between the code books: ACLED <-> CAMEO, CAMEO -> PLOVER, ACLED actor types ->
CAMEO roles, and ACLED's pre-2019 event types -> the current ACLED taxonomy and CAMEO.

Each crosswalk is a data file whose rows carry a ``note`` giving the mapping's reasoning
(see :func:`table`). A look-up returns a :class:`CrosswalkResult`, or ``None`` where the
table says *explicitly* that there is no equivalent (CAMEO's verbal codes have no ACLED
event; PLOVER drops CAMEO roots 01 and 02). A code that is not in the source code book
raises :class:`~conflictevents.errors.UnknownCodeError` instead, so "no equivalent" and
"unknown code" are never confused.

CAMEO tables have rows for root codes and for the base or 4-digit codes that differ from
their root; a code without its own row takes the row of its base code, else of its root
(:attr:`CrosswalkResult.matched` tells which row was used). Every root has a row, so every
CAMEO code is covered.

Round trip: where :func:`cameo_to_acled` maps a CAMEO code to an ACLED sub-event type,
:func:`acled_to_cameo` maps that sub-event type back to a code with the same CAMEO root,
except for 202 (mass killings) and 203 (ethnic cleansing), which ACLED records as
Violence against civilians/Attack, whose CAMEO code 180 is under root 18.

>>> from conflictevents.codes import crosswalks
>>> crosswalks.acled_to_cameo("Armed clash").targets
('190',)
>>> crosswalks.cameo_to_acled("1451").targets
('Riots', 'Violent demonstration')
>>> crosswalks.cameo_to_acled("010") is None
True
>>> crosswalks.acled_legacy_to_acled("Battle-No change of territory").targets
('Battles', 'Armed clash')
>>> crosswalks.acled_legacy_to_cameo("Riots/Protests").targets
('14',)
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Literal

import attrs

from conflictevents.codes import acled, cameo
from conflictevents.codes._loader import read_table

__all__ = [
    "CrosswalkResult",
    "acled_actor_type_to_cameo_role",
    "acled_legacy_to_acled",
    "acled_legacy_to_cameo",
    "acled_to_cameo",
    "cameo_to_acled",
    "cameo_to_plover",
    "table",
]

TableName = Literal[
    "acled_to_cameo",
    "cameo_to_acled",
    "cameo_to_plover",
    "acled_actor_type_to_cameo_role",
    "acled_legacy_to_acled",
    "acled_legacy_to_cameo",
]


@attrs.frozen
class CrosswalkResult:
    """One row of a crosswalk, as applied to a source code.

    :ivar source: the canonical source code or name that was looked up, e.g. ``"1451"``.
    :ivar targets: the target codes; their meaning depends on the crosswalk:

        * :func:`acled_to_cameo`: ``(cameo_code,)``;
        * :func:`cameo_to_acled`: ``(event_type, sub_event_type)``;
        * :func:`cameo_to_plover`: ``(event_type,)`` or ``(event_type, mode)``;
        * :func:`acled_actor_type_to_cameo_role`: the CAMEO role codes, the most usual
          first;
        * :func:`acled_legacy_to_acled`: ``(event_type, sub_event_type)``, or
          ``(event_type,)`` where the old event type does not determine the sub-event type;
        * :func:`acled_legacy_to_cameo`: ``(cameo_code,)``, a code or a 2-digit root.

        In :func:`table` listings, ``()`` marks an explicit "no equivalent" row.
    :ivar note: the reasoning behind the mapping.
    :ivar matched: the row that was used: *source* itself, or its CAMEO base or root
        code when *source* has no row of its own.

    >>> row = acled_to_cameo("Armed clash")
    >>> row.source, row.targets, row.matched
    ('Armed clash', ('190',), 'Armed clash')
    """

    source: str
    targets: tuple[str, ...]
    note: str
    matched: str

    @property
    def target(self) -> str:
        """The first (main) target code."""
        return self.targets[0]


_Row = dict[str, str]


def _rows(table: str, key: str, targets: Callable[[_Row], tuple[str, ...]]
          ) -> dict[str, CrosswalkResult]:
    """The rows of the crosswalk data file *table*, by their source code in column *key*."""
    out = {}
    for r in read_table(table):
        code = r[key]
        out[code] = CrosswalkResult(code, targets(r), r["note"], code)
    return out


def _filled(*cells: str) -> tuple[str, ...]:
    """The cells that are not empty, in order."""
    return tuple(cell for cell in cells if cell)


@cache
def _acled_to_cameo() -> dict[str, CrosswalkResult]:
    return _rows("crosswalk_acled_to_cameo.csv", "sub_event_type",
                 lambda r: _filled(r["cameo_code"]))


@cache
def _cameo_to_acled() -> dict[str, CrosswalkResult]:
    return _rows("crosswalk_cameo_to_acled.csv", "cameo_code",
                 lambda r: (r["event_type"], r["sub_event_type"]) if r["sub_event_type"] else ())


@cache
def _cameo_to_plover() -> dict[str, CrosswalkResult]:
    return _rows("crosswalk_cameo_to_plover.csv", "cameo_code",
                 lambda r: _filled(r["plover_event_type"], r["plover_mode"])
                 if r["plover_event_type"] else ())


@cache
def _actor_roles() -> dict[int, CrosswalkResult]:
    rows = _rows("crosswalk_acled_actor_to_cameo_role.csv", "inter_code",
                 lambda r: tuple(r["cameo_roles"].split()))
    return {int(code): row for code, row in rows.items()}


@cache
def _legacy_to_acled() -> dict[str, CrosswalkResult]:
    return _rows("crosswalk_acled_legacy_to_acled.csv", "legacy_event_type",
                 lambda r: _filled(r["event_type"], r["sub_event_type"]))


@cache
def _legacy_to_cameo() -> dict[str, CrosswalkResult]:
    return _rows("crosswalk_acled_legacy_to_cameo.csv", "legacy_event_type",
                 lambda r: _filled(r["cameo_code"]))


def table(name: TableName) -> tuple[CrosswalkResult, ...]:
    """Every row of the crosswalk *name*, in file order, as written (no fall-back).

    :param name: ``"acled_to_cameo"``, ``"cameo_to_acled"``, ``"cameo_to_plover"``,
        ``"acled_actor_type_to_cameo_role"``, ``"acled_legacy_to_acled"`` or
        ``"acled_legacy_to_cameo"``.
    :returns: the rows; explicit "no equivalent" rows have empty ``targets``.
    :raises KeyError: if *name* is not one of these.
    """
    loaders = {
        "acled_to_cameo": _acled_to_cameo,
        "cameo_to_acled": _cameo_to_acled,
        "cameo_to_plover": _cameo_to_plover,
        "acled_legacy_to_acled": _legacy_to_acled,
        "acled_legacy_to_cameo": _legacy_to_cameo,
    }
    if name == "acled_actor_type_to_cameo_role":
        return tuple(_actor_roles().values())
    return tuple(loaders[name]().values())


def _cameo_lookup(code: str, rows: dict[str, CrosswalkResult]) -> CrosswalkResult | None:
    ev = cameo.event(code)
    for key in (ev.code, ev.base, ev.root):
        if key is not None and key in rows:
            row = rows[key]
            if not row.targets:
                return None
            return CrosswalkResult(ev.code, row.targets, row.note, key)
    raise AssertionError(f"crosswalk has no row for root {ev.root}")  # pragma: no cover


def acled_to_cameo(sub_event_type: str) -> CrosswalkResult | None:
    """The CAMEO event code of the ACLED sub-event type *sub_event_type*.

    :param sub_event_type: e.g. ``"Armed clash"`` (any case).
    :returns: a result with ``targets == (cameo_code,)``, or ``None`` where CAMEO has
        no equivalent (``"Change to group/activity"``, ``"Headquarters or base
        established"``, ``"Other"``).
    :raises UnknownCodeError: if *sub_event_type* is not an ACLED sub-event type.
    """
    name = acled.sub_event_type(sub_event_type).name
    row = _acled_to_cameo()[name]
    return row if row.targets else None


def cameo_to_acled(code: str) -> CrosswalkResult | None:
    """The ACLED event type and sub-event type of the CAMEO event code *code*.

    :param code: a CAMEO event code, e.g. ``"193"``.
    :returns: a result with ``targets == (event_type, sub_event_type)``, or ``None`` where
        ACLED has no equivalent (all verbal codes, roots 01-13, and others such as force
        posture, 15).
    :raises UnknownCodeError: if *code* is not a CAMEO event code.
    """
    return _cameo_lookup(code, _cameo_to_acled())


def cameo_to_plover(code: str) -> CrosswalkResult | None:
    """The PLOVER event type (and mode, where the mapping gives one) of the CAMEO event
    code *code*, after ``openeventdata/PLOVER``'s ``CAMEO2PLOVER-2021.txt`` (as corrected
    by its maintainers on 17 September 2021).

    :param code: a CAMEO event code.
    :returns: a result with ``targets == (event_type,)`` or ``(event_type, mode)``, or
        ``None`` for roots 01 and 02 and their codes, which PLOVER drops.
    :raises UnknownCodeError: if *code* is not a CAMEO event code.

    >>> cameo_to_plover("190").targets
    ('ASSAULT',)
    >>> cameo_to_plover("010") is None
    True
    """
    return _cameo_lookup(code, _cameo_to_plover())


def acled_actor_type_to_cameo_role(code: int | str) -> CrosswalkResult:
    """The CAMEO role codes that correspond to the ACLED actor type *code*.

    :param code: an actor type in any form :func:`conflictevents.codes.acled.actor_type`
        reads (``1``, ``"1"``, ``"State forces"``).
    :returns: a result whose ``targets`` are CAMEO role codes, the most usual first
        (e.g. ``("MIL", "COP", "GOV")`` for state forces).
    :raises UnknownCodeError: if *code* is not an ACLED actor type.

    >>> acled_actor_type_to_cameo_role(1).targets
    ('MIL', 'COP', 'GOV')
    """
    number = acled.actor_type(code).code
    return _actor_roles()[number]


def acled_legacy_to_acled(event_type: str) -> CrosswalkResult | None:
    """The current ACLED event type (and sub-event type, where determined) of the pre-2019
    ACLED event type *event_type*.

    >>> acled_legacy_to_acled("Remote violence").targets
    ('Explosions/Remote violence',)
    >>> acled_legacy_to_acled("Riots/Protests") is None
    True

    :param event_type: an old event type in any spelling
        :func:`conflictevents.codes.acled.legacy_event_type` reads.
    :returns: a result with ``targets == (event_type, sub_event_type)`` where ACLED kept the
        old type as a sub-event type (or defines the sub-event type by it), ``(event_type,)``
        where only the event type is determined; ``None`` for ``"Riots/Protests"``, which
        ACLED split into two event types (Protests, Riots) that the old type cannot choose
        between (the candidates are
        :attr:`conflictevents.codes.acled.AcledLegacyEventType.event_types`).
    :raises UnknownCodeError: if *event_type* is not a pre-2019 ACLED event type.
    """
    name = acled.legacy_event_type(event_type).name
    row = _legacy_to_acled()[name]
    return row if row.targets else None


def acled_legacy_to_cameo(event_type: str) -> CrosswalkResult | None:
    """The CAMEO event code (or 2-digit root) of the pre-2019 ACLED event type *event_type*.

    >>> acled_legacy_to_cameo("Violence against civilians").targets
    ('18',)
    >>> acled_legacy_to_cameo("Remote violence") is None
    True

    :param event_type: an old event type in any spelling
        :func:`conflictevents.codes.acled.legacy_event_type` reads.
    :returns: a result with ``targets == (cameo_code,)``; ``None`` where no CAMEO code or
        root covers the old type (``"Remote violence"`` spans roots 18, 19 and 20;
        ``"Strategic development"`` and ``"Headquarters or base established"`` have no
        CAMEO equivalent).
    :raises UnknownCodeError: if *event_type* is not a pre-2019 ACLED event type.
    """
    name = acled.legacy_event_type(event_type).name
    row = _legacy_to_cameo()[name]
    return row if row.targets else None
