"""The ``on_error`` policy every reader follows."""

from __future__ import annotations

import warnings as _warnings
from typing import Literal, get_args

from conflictevents.errors import DataWarning, ParseError, warning_class
from conflictevents.formats.report import ConversionReport

OnError = Literal["raise", "skip", "collect"]
"""What a reader does with a row it cannot read: raise the :class:`ParseError` (the
default), skip the row and count it, or skip it, count it and keep the error in
:attr:`ConversionReport.errors`."""

OnWarning = Literal["report", "warn", "error"]
"""What a reader does with a row that it reads but finds odd (a :class:`DataWarning`):
record the warning in :attr:`ConversionReport.warnings` and go on (``"report"``, the default);
do that and also issue it through :mod:`warnings`, so that Python's warning filters apply to
it (``"warn"``; ``warnings.simplefilter("error", UnknownCodeWarning)`` then makes it raise);
or treat the row as an error under the ``on_error`` policy (``"error"``, strict reading)."""

_POLICIES = get_args(OnError)
_WARNING_POLICIES = get_args(OnWarning)
_MAX_ONCE_KEYS = 100_000


class ErrorPolicy:
    """Applies one ``on_error`` choice to the errors of one read."""

    __slots__ = ("_once", "dayfirst", "mode", "on_warning", "report", "source")

    def __init__(self, mode: str, report: ConversionReport, on_warning: str = "report") -> None:
        if mode not in _POLICIES:
            raise ValueError(f"on_error must be one of {', '.join(_POLICIES)}, not {mode!r}")
        if on_warning not in _WARNING_POLICIES:
            raise ValueError(
                f"on_warning must be one of {', '.join(_WARNING_POLICIES)}, not {on_warning!r}"
            )
        self.mode = mode
        self.on_warning = on_warning
        self.report = report
        self.source: str | None = None
        #: the caller's ``dayfirst=`` for numeric dates, ``None`` to decide per file.
        self.dayfirst: bool | None = None
        self._once: set[tuple[str, str, str]] = set()

    def warn(
        self,
        code: str,
        reason: str,
        *,
        source: str | None = None,
        line: int | None = None,
        column: str | int | None = None,
        value: object = None,
        once: bool = False,
    ) -> None:
        """Record a located :class:`DataWarning` for a row that is read all the same.

        :param once: warn only the first time this code, column and value occur in the read
            (for codes a code book lacks: one warning per code and file, not per row). Under
            ``on_warning="error"`` every row is refused, not only the first.
        :raises ParseError: under ``on_warning="error"``, so that the row is treated as an
            error by the ``on_error`` policy.
        """
        if once and self.on_warning != "error":  # strict reading refuses every such row
            key = (code, str(column), repr(value))
            if key in self._once:
                return
            if len(self._once) < _MAX_ONCE_KEYS:
                self._once.add(key)
        source = source if source is not None else self.source
        if self.on_warning == "error":
            raise ParseError(f"{reason} [{code}]", source=source, line=line, column=column,
                             value=value)
        warning = warning_class(code)(code, reason, source=source, line=line, column=column,
                                      value=value)
        self.report.warn(warning)
        if self.on_warning == "warn":
            _issue(warning)

    def handle(self, error: ParseError) -> None:
        """Raise *error*, or count it (and keep it) according to the policy."""
        if self.mode == "raise":
            raise error
        self.report.skipped += 1
        if self.mode == "collect":
            self.report.errors.append(error)


def _issue(warning: DataWarning) -> None:
    _warnings.warn_explicit(
        warning, type(warning), filename=warning.source or "<input>",
        lineno=warning.line or 0, module="conflictevents",
    )
