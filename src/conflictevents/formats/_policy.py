"""The ``on_error`` policy every reader follows."""

from __future__ import annotations

from typing import Literal, get_args

from conflictevents.errors import ParseError
from conflictevents.formats.report import ConversionReport

OnError = Literal["raise", "skip", "collect"]
"""What a reader does with a row it cannot read: raise the :class:`ParseError` (the
default), skip the row and count it, or skip it, count it and keep the error in
:attr:`ConversionReport.errors`."""

_POLICIES = get_args(OnError)


class ErrorPolicy:
    """Applies one ``on_error`` choice to the errors of one read."""

    __slots__ = ("mode", "report")

    def __init__(self, mode: str, report: ConversionReport) -> None:
        if mode not in _POLICIES:
            raise ValueError(f"on_error must be one of {', '.join(_POLICIES)}, not {mode!r}")
        self.mode = mode
        self.report = report

    def handle(self, error: ParseError) -> None:
        """Raise *error*, or count it (and keep it) according to the policy."""
        if self.mode == "raise":
            raise error
        self.report.skipped += 1
        if self.mode == "collect":
            self.report.errors.append(error)
