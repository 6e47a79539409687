"""What a conversion did: counts, errors, and everything it could not carry."""

from __future__ import annotations

from collections import Counter
from typing import Any

import attrs

from conflictevents.errors import DataWarning, ParseError

__all__ = ["MAX_KEPT_WARNINGS", "ConversionReport"]

MAX_KEPT_WARNINGS = 1000
"""How many :class:`~conflictevents.DataWarning` objects a report keeps; past that it only
counts them (in :attr:`ConversionReport.warning_counts`), so that a file with a million odd
rows does not hold a million warnings in memory."""


@attrs.define(eq=False)
class ConversionReport:
    """The account of one read or write: nothing is dropped without being counted here.

    A reader fills ``read``, ``skipped`` and ``errors``; a writer fills ``written``,
    ``left_out``, ``dropped`` and ``derived``. One report may be shared by a read and the write
    that consumes it, which is what :func:`conflictevents.convert` and the command line do.

    :ivar read: records read successfully.
    :ivar written: records written.
    :ivar skipped: rows that could not be read and were skipped (``on_error="skip"`` or
        ``"collect"``).
    :ivar errors: the :class:`~conflictevents.ParseError` of every skipped row, under
        ``on_error="collect"``.
    :ivar left_out: records not written, by reason (``"no CAMEO event code"``).
    :ivar dropped: per field, how many written records lost that field because the output
        format has no place for it (``"notes"``).
    :ivar derived: per field, how many written records carry a value derived through a
        crosswalk rather than coded by the publisher (``"cameo code from acled"``).
    :ivar warnings: the located :class:`~conflictevents.DataWarning` objects of the read, in
        order (the first :data:`MAX_KEPT_WARNINGS`): rows that were read and kept as written,
        but hold something odd (a code our code books lack, a range the publisher's own values
        contradict).
    :ivar warning_counts: how many warnings of each code there were, all of them counted.
    """

    read: int = 0
    written: int = 0
    skipped: int = 0
    errors: list[ParseError] = attrs.Factory(list)
    left_out: Counter[str] = attrs.Factory(Counter)
    dropped: Counter[str] = attrs.Factory(Counter)
    derived: Counter[str] = attrs.Factory(Counter)
    warnings: list[DataWarning] = attrs.Factory(list)
    warning_counts: Counter[str] = attrs.Factory(Counter)

    def drop(self, field: str, count: int = 1) -> None:
        """Count *count* records that lost *field*."""
        self.dropped[field] += count

    def derive(self, field: str, count: int = 1) -> None:
        """Count *count* records whose *field* was derived through a crosswalk."""
        self.derived[field] += count

    def leave_out(self, reason: str, count: int = 1) -> None:
        """Count *count* records that were not written, and why."""
        self.left_out[reason] += count

    def warn(self, warning: DataWarning) -> None:
        """Record *warning* (counted always, kept while fewer than
        :data:`MAX_KEPT_WARNINGS` are kept)."""
        self.warning_counts[warning.code] += 1
        if len(self.warnings) < MAX_KEPT_WARNINGS:
            self.warnings.append(warning)

    @property
    def warned(self) -> int:
        """How many warnings there were in all."""
        return sum(self.warning_counts.values())

    @property
    def lossless(self) -> bool:
        """Whether nothing was skipped, left out, dropped or derived."""
        return not (self.skipped or self.left_out or self.dropped or self.derived)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form of the report."""
        return {
            "read": self.read,
            "written": self.written,
            "skipped": self.skipped,
            "errors": [str(error) for error in self.errors],
            "left_out": dict(self.left_out),
            "dropped": dict(self.dropped),
            "derived": dict(self.derived),
            "warning_counts": dict(self.warning_counts),
            "warnings": [warning.as_dict() for warning in self.warnings],
        }

    def __str__(self) -> str:
        lines = [f"read {self.read}, written {self.written}, skipped {self.skipped}"]
        for title, counter in (
            ("left out", self.left_out),
            ("dropped", self.dropped),
            ("derived through a crosswalk", self.derived),
        ):
            if counter:
                lines.append(f"{title}:")
                lines.extend(f"  {key}: {n}" for key, n in sorted(counter.items()))
        if self.warning_counts:
            lines.append(f"warnings ({self.warned}; rows read and kept as written):")
            lines.extend(f"  {code}: {n}" for code, n in sorted(self.warning_counts.items()))
            lines.extend(f"  {warning}" for warning in self.warnings[:10])
            if self.warned > 10:
                lines.append(f"  ... and {self.warned - 10} more")
        if self.errors:
            lines.append(f"errors ({len(self.errors)}):")
            lines.extend(f"  {error}" for error in self.errors[:20])
            if len(self.errors) > 20:
                lines.append(f"  ... and {len(self.errors) - 20} more")
        return "\n".join(lines)
