"""The fuzz target shared by the hypothesis fuzz tests and the atheris harness (``fuzz/``).

:func:`read_everything` feeds bytes to a format's reader under one ``on_error`` policy and
consumes every record. The promise it checks: whatever bytes arrive, a reader answers with
records or with the library's own documented errors (:class:`~conflictevents.ConflictEventsError`),
nothing else.
"""

from __future__ import annotations

import contextlib
import io
import re

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


# -- the crash classes of issue 16 -------------------------------------------------------------

#: The kinds of hostile value that crashed readers (issue 16): long digit strings, digits that
#: are not ASCII (``²``, ``٣``), dates nested deeply enough to recurse, lone surrogates.
CRASH_CLASSES = ("long_digits", "non_ascii_digits", "deep_dates", "lone_surrogates")

_ODD_DIGITS = ("²", "٣", "５", "߀", "𝟙", "①", "৪", "〇", "Ⅻ", "¼")
_DATE_WORDS = ("early ", "mid-", "late ", "around ", "(", "c. ", "between ")
_TOKEN = re.compile(rb"[0-9]+|[A-Za-z]+")
_JSON_FORMATS = ("jsonl", "geojson", "acled-api")


def hostile_value(kind: str, size: int, pick: int, json_text: bool) -> bytes:
    """A value of crash class *kind*; *size* and *pick* choose among its variants.

    :param json_text: whether the value goes inside JSON text (a lone surrogate is then a
        ``\\ud800`` escape, since UTF-8 bytes cannot hold one).
    """
    if kind == "long_digits":
        digits = "9" * (300 + size % 6000) if pick % 2 else "1" + "0" * (size % 6000)
        return digits.encode()
    if kind == "non_ascii_digits":
        odd = _ODD_DIGITS[pick % len(_ODD_DIGITS)]
        text = ("12" + odd) if pick % 3 == 0 else odd * (1 + size % 40)
        return text.encode("utf-8")
    if kind == "deep_dates":
        word = _DATE_WORDS[pick % len(_DATE_WORDS)]
        return (word * (1 + size % 3000) + "December 2024").encode()
    if kind == "lone_surrogates":
        escape = "\\ud800" if pick % 2 else "\\udfff"
        return (f"a{escape}b" if json_text else "a").encode() + (
            b"" if json_text else b"\xed\xa0\x80b")
    raise ValueError(f"unknown crash class {kind!r}")


def substitute(template: bytes, index: int, value: bytes) -> bytes:
    """*template* with its *index*-th token (a run of digits or letters, counted modulo the
    number of tokens) replaced by *value*."""
    tokens = list(_TOKEN.finditer(template))
    if not tokens:
        return template + value
    chosen = tokens[index % len(tokens)]
    return template[: chosen.start()] + value + template[chosen.end():]


def crash_class_input(format_name: str, template: bytes, kind: str, index: int, size: int,
                      pick: int) -> bytes:
    """A valid *template* file of *format_name* with one token replaced by a hostile value."""
    value = hostile_value(kind, size, pick, format_name in _JSON_FORMATS)
    return substitute(template, index, value)
