"""JSON parsing for the readers: duplicate keys and unwritable text are errors.

:func:`json.loads` keeps the last of two equal keys (``{"data": [...], "data": []}`` reads as
no data) and decodes the escapes ``\\u0000`` and ``\\ud800`` into a NUL and a lone
surrogate, which no writer can write. :func:`loads` refuses all three with a
:class:`JSONRefusedError` (a :class:`ValueError`, as :func:`json.loads` raises) naming the key.
"""

from __future__ import annotations

import json
from typing import Any

from conflictevents.model._checks import unwritable

__all__ = ["DEFAULT_MAX_DOCUMENT", "JSONRefusedError", "document_too_large", "loads"]

DEFAULT_MAX_DOCUMENT = 16 * 1024**2
"""How many characters a JSON document read whole (not line by line) may have, by default.

With it comes a limit on the number of values in the document, one for every 16 characters
of the limit, so that no document within the limits takes more than about 100 MB once
parsed, whatever its shape: ``[{},{},...]`` costs more than 20 bytes of memory per
character, a real ACLED API page about 1 value every 25 characters."""


class JSONRefusedError(ValueError):
    """Valid JSON that a reader refuses: a duplicate key, a NUL or a lone surrogate."""

    def __init__(self, reason: str, key: str) -> None:
        super().__init__(f"{reason} (key {key!r})")
        self.reason = reason
        self.key = key


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _problem(text: str) -> str | None:
    return unwritable(text, nul="a NUL character (\\u0000) in a string",
                      surrogate="a lone surrogate (\\ud800-\\udfff, not Unicode) in a string")


def _check(value: Any, key: str) -> None:
    if isinstance(value, str):
        problem = _problem(value)
        if problem is not None:
            raise JSONRefusedError(problem, key)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, (str, list)):
                _check(item, key)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise JSONRefusedError("duplicate key", key)
            seen.add(key)
    for key, value in pairs:
        if isinstance(value, (str, list)):
            _check(value, key)
        problem = _problem(key)
        if problem is not None:
            raise JSONRefusedError(problem, key)
    return result


def document_too_large(text: str, max_document: int) -> str | None:
    """Why *text* is too large to parse whole under *max_document*, or ``None``.

    >>> document_too_large('{"a": [1, 2]}', 1000) is None
    True
    >>> document_too_large("[" + "{}," * 100 + "{}]", 1000)[:47]
    'the document has about 101 values, more than th'
    """
    if len(text) > max_document:
        return f"the document is longer than the limit of {max_document} characters"
    values = text.count(",") + text.count(":") + 1
    allowed = max_document // 16
    if values > allowed:
        return (f"the document has about {values} values, more than the limit of {allowed} "
                "(one for every 16 characters of max_document)")
    return None


def loads(text: str) -> Any:
    """Parse *text* as JSON; ``NaN``, ``Infinity``, duplicate keys, NUL characters and lone
    surrogates are refused.

    >>> loads('{"id": "A", "n": [1, "x"]}')
    {'id': 'A', 'n': [1, 'x']}
    >>> loads('{"id": "A", "id": "B"}')
    Traceback (most recent call last):
    ...
    conflictevents.formats._strict_json.JSONRefusedError: duplicate key (key 'id')

    :raises ValueError: for text that is not JSON, or is refused (:class:`JSONRefusedError`).
    :raises RecursionError: for JSON nested too deeply.
    """
    value = json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_object)
    if isinstance(value, (str, list)):
        _check(value, "")
    return value
