"""The Admiralty (NATO) grading of information: source reliability and information credibility."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from conflictevents.errors import ValidationError
from conflictevents.model._checks import fail


class Reliability(enum.Enum):
    """How reliable the source is, A (completely reliable) to F (cannot be judged)."""

    A = "Completely reliable"
    B = "Usually reliable"
    C = "Fairly reliable"
    D = "Not usually reliable"
    E = "Unreliable"
    F = "Reliability cannot be judged"


class Credibility(enum.IntEnum):
    """How credible the information is, 1 (confirmed) to 6 (truth cannot be judged)."""

    CONFIRMED = 1
    PROBABLY_TRUE = 2
    POSSIBLY_TRUE = 3
    DOUBTFUL = 4
    IMPROBABLE = 5
    CANNOT_BE_JUDGED = 6


def _to_reliability(value: Any) -> Any:
    if isinstance(value, str) and len(value.strip()) == 1:
        try:
            return Reliability[value.strip().upper()]
        except KeyError:
            return value
    return value


def _to_credibility(value: Any) -> Any:
    if isinstance(value, str) and value.strip() in ("1", "2", "3", "4", "5", "6"):
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 6:
        return Credibility(value)
    return value


@attrs.frozen(order=False)
class Grading:
    """An Admiralty grade such as ``B2``: a usually reliable source, probably true.

    >>> Grading.parse("b2")
    Grading(reliability=<Reliability.B: 'Usually reliable'>, credibility=<Credibility.PROBABLY_TRUE: 2>)
    >>> str(Grading("A", 1))
    'A1'

    Gradings sort best first: ``A1`` before ``B2`` before ``F6`` (by reliability, then
    credibility), through :attr:`rank`.
    """  # noqa: E501

    reliability: Reliability = attrs.field(converter=_to_reliability)
    credibility: Credibility = attrs.field(converter=_to_credibility)

    @reliability.validator
    def _check_reliability(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, Reliability):
            raise fail(self, "reliability", value, "must be a letter from A to F")

    @credibility.validator
    def _check_credibility(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, Credibility):
            raise fail(self, "credibility", value, "must be a number from 1 to 6")

    @classmethod
    def parse(cls, text: str) -> Grading:
        """A grading from its two-character form, such as ``"B2"``.

        :raises ValidationError: if *text* is not a letter A-F followed by a digit 1-6.
        """
        if not isinstance(text, str) or len(text.strip()) != 2:
            raise ValidationError("Grading", "text", text, "must be a letter A-F and a digit 1-6")
        stripped = text.strip()
        return cls(stripped[0], stripped[1])

    @property
    def rank(self) -> tuple[int, int]:
        """A sort key: lower is better (``A1`` is ``(0, 1)``)."""
        return (list(Reliability).index(self.reliability), int(self.credibility))

    def __str__(self) -> str:
        return f"{self.reliability.name}{int(self.credibility)}"


def to_grading(value: Any) -> Any:
    """Converter: ``"B2"`` to a :class:`Grading`; anything else unchanged."""
    if isinstance(value, str):
        return Grading.parse(value)
    return value
