"""An immutable, hashable mapping, used for the format-specific extras of a record."""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView
from typing import Any, Generic, TypeVar, overload

from conflictevents.model._checks import unwritable

_K = TypeVar("_K")
_V = TypeVar("_V")
_T = TypeVar("_T")


class FrozenMap(Mapping[_K, _V], Generic[_K, _V]):
    """A read-only mapping that is hashable and compares equal to any mapping with the same items.

    It keeps the insertion order of its items (that is what makes a round trip reproduce the
    column order of a file).

    >>> m = FrozenMap({"AvgTone": "-4.2"})
    >>> m["AvgTone"]
    '-4.2'
    >>> m == {"AvgTone": "-4.2"}
    True
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, items: Mapping[_K, _V] | None = None) -> None:
        self._data: dict[_K, _V] = dict(items) if items else {}
        self._hash: int | None = None

    def __getitem__(self, key: _K) -> _V:
        return self._data[key]

    def __iter__(self) -> Iterator[_K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    # The dict's own methods: much faster than the generic Mapping ones.
    def __contains__(self, key: object) -> bool:
        return key in self._data

    @overload
    def get(self, key: _K, /) -> _V | None: ...

    @overload
    def get(self, key: _K, /, default: _V | _T) -> _V | _T: ...

    def get(self, key: _K, /, default: object = None) -> object:
        """The value of *key*, or *default* (typed as :meth:`dict.get` is).

        >>> FrozenMap({"AvgTone": "-4.2"}).get("Goldstein", "")
        ''
        """
        return self._data.get(key, default)

    def keys(self) -> KeysView[_K]:
        return self._data.keys()

    def values(self) -> ValuesView[_V]:
        return self._data.values()

    def items(self) -> ItemsView[_K, _V]:
        return self._data.items()

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (self._data,))


class _RowColumns(FrozenMap[str, str]):
    """A row's cells under their column names, as a :class:`FrozenMap` that makes its dict
    the first time it is looked at: a reader's extras, which most programs never read.

    For readers' hot paths only: the caller guarantees what :func:`to_extras` would check
    (names and cells are strings, without NUL or lone surrogates) and hands over *cells*.
    """

    __slots__ = ("_cells", "_names")

    def __init__(self, names: tuple[str, ...], cells: list[str]) -> None:
        self._names = names
        self._cells = cells
        self._hash = None

    def __getattr__(self, name: str) -> Any:
        if name != "_data":
            raise AttributeError(name)
        data = self._data = dict(zip(self._names, self._cells, strict=True))
        return data


Extras = FrozenMap[str, FrozenMap[str, str]]
"""The type of :attr:`Event.extras`: format name -> (column name -> raw cell text)."""


class _CheckedExtras(FrozenMap[str, FrozenMap[str, str]]):
    """Extras whose names and cells were checked to be strings when they were made."""

    __slots__ = ()


EMPTY_EXTRAS: Extras = _CheckedExtras()


class ExtrasError(ValueError):
    """Extras that are not a mapping of format names to mappings of strings."""

    def __init__(self, value: object) -> None:
        super().__init__("extras map a format to column names and cell text (strings)")
        self.value = value


class UnwritableExtrasError(ExtrasError):
    """Extras holding text no writer can write (a NUL, a lone surrogate)."""

    def __init__(self, value: object, reason: str) -> None:
        super().__init__(value)
        self.reason = reason


def to_extras(value: Mapping[str, Mapping[str, str]] | None) -> Extras:
    """Converter: a mapping of mappings of strings to :data:`Extras`.

    :raises ExtrasError: if a format name, a column name or a cell is not a string, or a
        format name is empty; :class:`UnwritableExtrasError` if one holds a NUL or a lone
        surrogate.
    """
    if type(value) is _CheckedExtras:
        return value
    if not value:
        return EMPTY_EXTRAS
    if not isinstance(value, Mapping):
        raise ExtrasError(value)
    checked: dict[str, FrozenMap[str, str]] = {}
    for fmt, columns in value.items():
        if type(fmt) is not str or not fmt or not isinstance(columns, Mapping):
            raise ExtrasError((fmt, columns))
        for column, cell in columns.items():
            if type(column) is not str or type(cell) is not str:
                raise ExtrasError((fmt, column, cell))
            reason = unwritable(fmt + column + cell)
            if reason is not None:
                raise UnwritableExtrasError({fmt: {column: cell}}, reason)
        checked[fmt] = columns if type(columns) is FrozenMap else FrozenMap(columns)
    return _CheckedExtras(checked)
