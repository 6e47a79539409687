"""Reading the code books' data files (private).

Every table lives in a CSV file in :mod:`conflictevents.codes.data`, read with
:mod:`importlib.resources` on first use only. The modules of :mod:`conflictevents.codes`
wrap each read in a :func:`functools.cache`\\ d function, so a file is read at most once per
process; importing :mod:`conflictevents.codes` reads nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from importlib import resources
from typing import TypeVar

from conflictevents.errors import UnknownCodeError

__all__ = ["clean_code", "clean_name", "look_up", "read_count", "read_table"]

_T = TypeVar("_T")

_reads = 0


def read_table(name: str) -> tuple[dict[str, str], ...]:
    """Read the CSV file *name* of the ``data`` folder into a tuple of rows.

    :param name: the file's name, e.g. ``"cameo_events.csv"``.
    :returns: one ``{column: value}`` dict per row, in file order.
    """
    global _reads
    _reads += 1
    text = (
        resources.files("conflictevents.codes")
        .joinpath("data")
        .joinpath(name)
        .read_text(encoding="utf-8")
    )
    return tuple(csv.DictReader(io.StringIO(text)))


def read_count() -> int:
    """How many data files this process has read so far (for tests)."""
    return _reads


def clean_code(value: object, codebook: str) -> str:
    """*value* as a code: stripped of whitespace and upper-cased.

    :raises UnknownCodeError: if *value* is not a string.
    """
    if not isinstance(value, str):
        raise UnknownCodeError(codebook, value)
    return value.strip().upper()


def clean_name(value: object, codebook: str) -> str:
    """*value* as a key for a look-up by name: whitespace collapsed and case-folded.

    :raises UnknownCodeError: if *value* is not a string.
    """
    if not isinstance(value, str):
        raise UnknownCodeError(codebook, value)
    return " ".join(value.split()).casefold()


def look_up(table: Mapping[str, _T], key: str, codebook: str, value: object) -> _T:
    """``table[key]``: the entry of a code book looked up by *value* (cleaned into *key*).

    :raises UnknownCodeError: naming *codebook* and *value*, if there is none.
    """
    try:
        return table[key]
    except KeyError:
        raise UnknownCodeError(codebook, value) from None
