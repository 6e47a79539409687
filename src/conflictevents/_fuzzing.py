"""The fuzz target shared by the hypothesis fuzz tests and the atheris harness (``fuzz/``).

:func:`read_everything` feeds bytes to a format's reader under one ``on_error`` policy and
consumes every record. The promise it checks: whatever bytes arrive, a reader answers with
records or with the library's own documented errors (:class:`~conflictevents.ConflictEventsError`),
nothing else.
"""

from __future__ import annotations

import contextlib
import io

import attrs

from conflictevents.errors import ConflictEventsError
from conflictevents.formats import read
from conflictevents.formats._policy import OnError
from conflictevents.model import Record

#: A small decompression limit, so that fuzzed archives cannot exhaust memory.
FUZZ_MAX_BYTES = 1 << 20


def read_everything(data: bytes, format_name: str, on_error: OnError = "raise") -> int:
    """Read every record of *data* in *format_name*; return how many were read.

    :raises ConflictEventsError: whatever the reader raises on purpose (the only kind of
        error allowed to escape).
    """
    stream = read(io.BytesIO(data), format_name, on_error=on_error, max_bytes=FUZZ_MAX_BYTES)
    count = 0
    for record in stream:
        assert_valid(record)
        count += 1
    return count


def assert_valid(record: Record) -> None:
    """Fail (with ``AssertionError``, which no policy swallows) unless *record* passes every
    check of its type again: readers may build records without re-running the checks of parts
    they checked themselves, and this is what holds them to it."""
    try:
        rebuilt = attrs.evolve(record)
    except ConflictEventsError as error:
        raise AssertionError(f"a reader yielded an invalid record: {error}") from error
    if rebuilt != record:
        raise AssertionError(f"a reader yielded a record that does not rebuild: {record!r}")


def check(data: bytes, format_name: str) -> None:
    """Run :func:`read_everything` under every policy; a ``ConflictEventsError`` is a pass."""
    policies: tuple[OnError, ...] = ("raise", "skip", "collect")
    for policy in policies:
        with contextlib.suppress(ConflictEventsError):
            read_everything(data, format_name, policy)
