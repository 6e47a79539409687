"""One line of progress on a terminal, rewritten in place: what the command line's
``convert``, ``fetch``, ``match`` and ``dedupe`` show on standard error while they work."""

from __future__ import annotations

import time
from typing import TextIO


def is_terminal(stream: TextIO) -> bool:
    """Whether *stream* is a terminal (a closed or odd stream is not)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class StatusLine:
    """A status line on *stream*, redrawn at most once every *interval* seconds.

    Silent unless *enabled* (the stream is a terminal and ``--quiet`` was not given).

    >>> import io
    >>> out = io.StringIO()
    >>> line = StatusLine(out, enabled=True)
    >>> line.show("12 rows", force=True)
    >>> line.clear()
    >>> out.getvalue()
    '\\r12 rows\\x1b[K\\r\\x1b[K'
    """

    #: Seconds between redraws, unless the line is given its own.
    INTERVAL = 0.2

    def __init__(self, stream: TextIO, enabled: bool, interval: float | None = None) -> None:
        self._stream = stream
        self._enabled = enabled
        self._interval = interval
        self._last = time.monotonic()  # the first redraw comes after one interval
        self._shown = False

    @property
    def enabled(self) -> bool:
        """Whether anything is shown at all."""
        return self._enabled

    def show(self, text: str, *, force: bool = False) -> None:
        """Show *text*, unless the last redraw is less than the interval ago (or *force*)."""
        now = time.monotonic()
        interval = self.INTERVAL if self._interval is None else self._interval
        if self._enabled and (force or now - self._last >= interval):
            self._last = now
            self._stream.write(f"\r{text}\x1b[K")
            self._stream.flush()
            self._shown = True

    def clear(self) -> None:
        """Erase the line, if anything was shown."""
        if self._shown:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
            self._shown = False
