"""What a conversion did: counts, errors, and everything it could not carry."""

from __future__ import annotations

from collections import Counter
from typing import Any

import attrs

from conflictevents.errors import ParseError

__all__ = ["ConversionReport"]


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
    """

    read: int = 0
    written: int = 0
    skipped: int = 0
    errors: list[ParseError] = attrs.Factory(list)
    left_out: Counter[str] = attrs.Factory(Counter)
    dropped: Counter[str] = attrs.Factory(Counter)
    derived: Counter[str] = attrs.Factory(Counter)

    def drop(self, field: str, count: int = 1) -> None:
        """Count *count* records that lost *field*."""
        self.dropped[field] += count

    def derive(self, field: str, count: int = 1) -> None:
        """Count *count* records whose *field* was derived through a crosswalk."""
        self.derived[field] += count

    def leave_out(self, reason: str, count: int = 1) -> None:
        """Count *count* records that were not written, and why."""
        self.left_out[reason] += count

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
        if self.errors:
            lines.append(f"errors ({len(self.errors)}):")
            lines.extend(f"  {error}" for error in self.errors[:20])
            if len(self.errors) > 20:
                lines.append(f"  ... and {len(self.errors) - 20} more")
        return "\n".join(lines)
