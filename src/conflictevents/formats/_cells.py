"""What the format modules share about cells and per-file facts: private.

* :class:`CellError`: a cell that cannot be read, raised by a reader's cell parsers and turned
  by the reader into a located :class:`~conflictevents.ParseError` (file, line, column, value);
* :func:`float_text`: the text a number of the model (a coordinate, a score) is written as;
* :func:`remember`: the one rule of the readers' caches of values that rows repeat (actors,
  places, dates): a cache that reaches its limit is emptied, so memory stays flat however
  varied a file is, while the values a file repeats stay cached;
* the reserved extras keys: every key of ``Event.extras[format]`` that begins with
  :data:`RESERVED` (``@``) is a fact of the whole file the record was read from (its layout,
  line ends, encoding...), kept so that the file can be written back as it was. Writers never
  write such a key as a column nor report it as dropped; ``conflictevents info`` prints them
  as file facts. Each format names its keys (``acled.LAYOUT_KEY``, ``ucdp.EOL_KEY``,
  ``formats._registry.ENCODING_KEY``...).

It is not a format, and knows no format's columns.
"""

from __future__ import annotations

from typing import TypeVar

from conflictevents.errors import ParseError

__all__ = [
    "CACHE_LIMIT",
    "RESERVED",
    "CellError",
    "float_text",
    "is_reserved",
    "remember",
]

RESERVED = "@"
"""The first character of every reserved extras key (a per-file fact, never a column)."""


def is_reserved(key: str) -> bool:
    """Whether the extras key *key* is a per-file fact rather than a column."""
    return key.startswith(RESERVED)


class CellError(Exception):
    """A bad cell: the column it is in (or the role it plays; ``""`` for the whole record),
    why, and its value when the parser knows it; *kind* is the
    :class:`~conflictevents.ParseError` class the reader raises for it."""

    def __init__(self, column: str, reason: str, value: object = None,
                 kind: type[ParseError] = ParseError) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason
        self.value = value
        self.kind = kind


def float_text(value: float | None) -> str:
    """The shortest text that reads back as *value* (``35.1318``, ``-4.0``); an empty cell
    for ``None``."""
    return "" if value is None else repr(float(value))


CACHE_LIMIT = 20_000
"""How many entries a cache of values shared between rows holds before it is emptied."""

_K = TypeVar("_K")
_V = TypeVar("_V")


def remember(cache: dict[_K, _V], key: _K, value: _V, limit: int = CACHE_LIMIT) -> _V:
    """Store *value* under *key* in *cache* and return it, emptying the cache first when it
    has reached *limit* entries."""
    if len(cache) >= limit:
        cache.clear()
    cache[key] = value
    return value
