"""The UCDP GED code book: types of violence, precision codes and the UCDP -> ACLED crosswalk.

The UCDP Georeferenced Event Dataset (GED) classifies every event by its *type of
violence* (``1`` state-based conflict, ``2`` non-state conflict, ``3`` one-sided violence),
says how precisely it knows the place (``where_prec``, 1 to 7) and the date
(``date_prec``, 1 to 5), and how clearly the event itself is identified (``event_clarity``,
1 high, 2 lower). The precision codes map one to one onto
:class:`~conflictevents.GeoPrecision` and :class:`~conflictevents.DatePrecision`; their
values here are the enums' values (``"admin1"``, ``"week"``).

:func:`to_acled` maps a type of violence to the ACLED event type and sub-event type that
usually corresponds to it. The mapping is approximate (UCDP does not record how the
violence was done), so a classification made with it is marked as derived, ``via``
:data:`VIA`.

>>> from conflictevents.codes import ucdp
>>> ucdp.type_of_violence("3").name
'One-sided violence'
>>> ucdp.where_precision(4).precision
'admin1'
>>> ucdp.to_acled("3").targets
('Violence against civilians', 'Attack')
>>> ucdp.event_clarity(2).name
'Lower'
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import attrs

from conflictevents.codes._loader import read_table
from conflictevents.codes.crosswalks import CrosswalkResult
from conflictevents.errors import UnknownCodeError

__all__ = [
    "VIA",
    "UcdpEventClarity",
    "UcdpPrecision",
    "UcdpViolenceType",
    "date_precision",
    "date_precisions",
    "event_clarities",
    "event_clarity",
    "to_acled",
    "type_of_violence",
    "types_of_violence",
    "where_precision",
    "where_precisions",
]

TYPE_OF_VIOLENCE_CODEBOOK = "UCDP type of violence"
WHERE_PREC_CODEBOOK = "UCDP where_prec"
DATE_PREC_CODEBOOK = "UCDP date_prec"
EVENT_CLARITY_CODEBOOK = "UCDP event_clarity"

VIA = "ucdp->acled"
"""The ``via`` of a classification derived with :func:`to_acled`."""


@attrs.frozen
class UcdpViolenceType:
    """One of UCDP's three types of violence.

    :ivar code: ``"1"``, ``"2"`` or ``"3"``.
    :ivar name: e.g. ``"State-based conflict"``.
    :ivar description: a short definition, after the UCDP GED codebook.

    >>> kind = type_of_violence(1)
    >>> kind.code, kind.name
    ('1', 'State-based conflict')
    """

    code: str
    name: str
    description: str


@attrs.frozen
class UcdpPrecision:
    """A ``where_prec`` or ``date_prec`` code.

    :ivar kind: ``"where"`` or ``"date"``.
    :ivar code: the code, 1 to 7 (where) or 1 to 5 (date).
    :ivar precision: the value of the matching :class:`~conflictevents.GeoPrecision` or
        :class:`~conflictevents.DatePrecision` member (``"admin1"``, ``"week"``).
    :ivar meaning: what the code means, after the UCDP GED codebook (paraphrased).

    >>> p = date_precision(1)
    >>> p.kind, p.precision
    ('date', 'day')
    """

    kind: str
    code: int
    precision: str
    meaning: str


@attrs.frozen
class UcdpEventClarity:
    """An ``event_clarity`` code of the UCDP GED.

    :ivar code: 1 or 2.
    :ivar name: ``"High"`` or ``"Lower"``.
    :ivar meaning: what the code says about the event, after the UCDP GED codebook
        (paraphrased).

    >>> clarity = event_clarity(1)
    >>> clarity.code, clarity.name
    (1, 'High')
    """

    code: int
    name: str
    meaning: str


def _small_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value.strip())
    return None


@cache
def _violence_types() -> dict[str, UcdpViolenceType]:
    return {
        row["code"]: UcdpViolenceType(row["code"], row["name"], row["description"])
        for row in read_table("ucdp_type_of_violence.csv")
    }


@cache
def _precisions(kind: str) -> dict[int, UcdpPrecision]:
    column = "geo_precision" if kind == "where" else "date_precision"
    return {
        int(row["code"]): UcdpPrecision(kind, int(row["code"]), row[column], row["meaning"])
        for row in read_table(f"ucdp_{kind}_prec.csv")
    }


@cache
def _clarities() -> dict[int, UcdpEventClarity]:
    return {
        int(row["code"]): UcdpEventClarity(int(row["code"]), row["name"], row["meaning"])
        for row in read_table("ucdp_event_clarity.csv")
    }


@cache
def _to_acled() -> dict[str, CrosswalkResult]:
    out: dict[str, CrosswalkResult] = {}
    for row in read_table("ucdp_to_acled.csv"):
        code = row["type_of_violence"]
        targets = (row["event_type"], row["sub_event_type"]) if row["event_type"] else ()
        out[code] = CrosswalkResult(code, targets, row["note"], code)
    return out


def types_of_violence() -> Iterator[UcdpViolenceType]:
    """The three types of violence, in code order.

    >>> [kind.name for kind in types_of_violence()]
    ['State-based conflict', 'Non-state conflict', 'One-sided violence']
    """
    return iter(_violence_types().values())


def type_of_violence(code: int | str) -> UcdpViolenceType:
    """The type of violence *code* (``1``, ``"1"``, ``" 1 "``).

    :raises UnknownCodeError: if *code* is not 1, 2 or 3.
    """
    number = _small_int(code)
    found = _violence_types().get(str(number)) if number is not None else None
    if found is None:
        raise UnknownCodeError(TYPE_OF_VIOLENCE_CODEBOOK, code)
    return found


def _precision(kind: str, code: int | str, codebook: str) -> UcdpPrecision:
    number = _small_int(code)
    found = _precisions(kind).get(number) if number is not None else None
    if found is None:
        raise UnknownCodeError(codebook, code)
    return found


def where_precision(code: int | str) -> UcdpPrecision:
    """The ``where_prec`` code *code* (1 to 7).

    :raises UnknownCodeError: for any other code.
    """
    return _precision("where", code, WHERE_PREC_CODEBOOK)


def date_precision(code: int | str) -> UcdpPrecision:
    """The ``date_prec`` code *code* (1 to 5).

    :raises UnknownCodeError: for any other code.

    >>> date_precision("3").precision
    'week'
    """
    return _precision("date", code, DATE_PREC_CODEBOOK)


def where_precisions() -> Iterator[UcdpPrecision]:
    """Every ``where_prec`` code, 1 to 7.

    >>> [p.precision for p in where_precisions()]
    ['exact', 'near', 'admin2', 'admin1', 'region', 'country', 'international']
    """
    return iter(_precisions("where").values())


def date_precisions() -> Iterator[UcdpPrecision]:
    """Every ``date_prec`` code, 1 to 5.

    >>> [p.code for p in date_precisions()]
    [1, 2, 3, 4, 5]
    """
    return iter(_precisions("date").values())


def event_clarity(code: int | str) -> UcdpEventClarity:
    """The ``event_clarity`` code *code* (``1``, ``"2"``).

    :raises UnknownCodeError: for any code but 1 and 2.
    """
    number = _small_int(code)
    found = _clarities().get(number) if number is not None else None
    if found is None:
        raise UnknownCodeError(EVENT_CLARITY_CODEBOOK, code)
    return found


def event_clarities() -> Iterator[UcdpEventClarity]:
    """The two ``event_clarity`` codes, 1 and 2.

    >>> [clarity.name for clarity in event_clarities()]
    ['High', 'Lower']
    """
    return iter(_clarities().values())


def to_acled(code: int | str) -> CrosswalkResult | None:
    """The ACLED event type and sub-event type that usually correspond to the UCDP type of
    violence *code*.

    :returns: a result with ``targets == (event_type, sub_event_type)`` and a ``note``
        giving the reasoning, or ``None`` where the table says there is no equivalent.
    :raises UnknownCodeError: if *code* is not 1, 2 or 3.
    """
    row = _to_acled()[type_of_violence(code).code]
    return row if row.targets else None
