"""Vectorised checks and column builders shared by the columnar converters (private).

Every check gives a row the error the typed reader would give it: masks and messages are
made with :mod:`pyarrow.compute`, and the few cells a kernel cannot decide exactly are
decided by Python itself.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from conflictevents.errors import UnknownCodeError
from conflictevents.formats._io import bad_text as _bad_cell
from conflictevents.tables._columnar import Errors, np, pa, pc
from conflictevents.tables._schema import SCHEMA

DIGITS = r"^[0-9]+$"
PLAIN_FLOAT = r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
# A URL whose host the kernel can take exactly as urlsplit(url).hostname would: an ASCII
# scheme, a host of plain characters, an optional numeric port.


WHITE = "[\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f ]"
WHITE_SPACE = re.compile(r"\s")


def mask(array: Any) -> Any:
    """A numpy bool array of an Arrow boolean array (null is False)."""
    return pc.fill_null(array, False).to_numpy(zero_copy_only=False)


def not_digits(column: Any, *, optional: bool = False) -> Any:
    pattern = DIGITS if not optional else r"^[0-9]*$"
    return ~mask(pc.match_substring_regex(column, pattern))


def python_number(cell: str) -> tuple[float | None, str | None]:
    try:
        value = float(cell)
    except ValueError:
        return None, "must be a number"
    if not math.isfinite(value) or cell.strip() != cell:
        return None, "must be a finite number"
    return value, None


def numbers(cells: dict[str, Any], column: str, errors: Errors, *, optional: bool = True,
             limit: float | None = None, missing: Any = None) -> Any:
    """The column as floats (NaN where empty), with the typed reader's errors.

    :param missing: which cells mean "no value" (a numpy bool array); by default the empty
        ones.
    """
    text = cells[column]
    plain = mask(pc.match_substring_regex(text, PLAIN_FLOAT))
    values = pc.cast(pc.if_else(pa.array(plain), text, "0"), pa.float64()).to_numpy(
        zero_copy_only=False).copy()
    empty = mask(pc.equal(text, "")) if missing is None else missing
    if optional:
        values[empty] = np.nan
    reasons: dict[int, str] = {}
    for row in np.flatnonzero(~plain & ~(empty & optional)).tolist():
        value, reason = python_number(text[row].as_py())
        if reason is not None:
            reasons[row] = reason
            values[row] = np.nan
        else:
            values[row] = value
    infinite = plain & ~np.isfinite(values) & ~(empty & optional)
    for row in np.flatnonzero(infinite).tolist():
        reasons[row] = "must be a finite number"
    if reasons:
        rows = np.asarray(sorted(reasons), dtype=np.int64)
        errors.add_each(rows, lambda row: (column, reasons[row], text[row].as_py()))
    if limit is not None:
        with np.errstate(invalid="ignore"):
            outside = ~np.isnan(values) & ((values < -limit) | (values > limit))
        errors.add(outside, column, f"must be between -{limit:g} and {limit:g}", text)
    return values


def checked_text(cells: dict[str, Any], columns: tuple[str, ...], errors: Errors,
                 original: Callable[[int], bytes | None]) -> dict[str, Any]:
    """Refuse the rows with a NUL or bytes that are not UTF-8 (the typed reader's error, on
    the row's first bad cell); return the cells as strings.

    The input is UTF-8 by now (:class:`~conflictevents.tables._columnar._Checked` passes bad
    bytes on as ``?``); *original* gives the line as it was, for a line that had some.
    """
    strings = {column: cells[column].view(pa.string()) for column in columns}
    first: dict[int, tuple[str, bytes]] = {}
    for row, line in enumerate(errors.lines.tolist()):
        text = original(line)
        if text is not None:
            for column, cell in zip(columns, text.split(b"\t"), strict=False):
                if _bad_cell(cell.decode("utf-8", "surrogateescape")) is not None:
                    first[row] = (column, cell)
                    break
    for index, column in enumerate(columns):
        nul = mask(pc.match_substring(strings[column], "\x00"))
        for row in np.flatnonzero(nul).tolist():
            if row not in first or columns.index(first[row][0]) > index:
                first[row] = (column, strings[column][row].as_py().encode("utf-8"))

    def error_of(row: int) -> tuple[str | None, str, Any]:
        column, value = first[row]
        reason = _bad_cell(value.decode("utf-8", "surrogateescape"))
        return column, reason or "bytes that are not UTF-8", value

    errors.add_each(np.asarray(sorted(first), dtype=np.int64), error_of)
    return strings


def distinct(columns: list[Any]) -> tuple[Any, list[str]]:
    """Each row's index into the distinct combinations of *columns*, and those combinations
    (their cells joined by tabs, which no cell holds)."""
    key = columns[0] if len(columns) == 1 else pc.binary_join_element_wise(*columns, "\t")
    encoded = pc.dictionary_encode(key)
    indices = encoded.indices.to_numpy(zero_copy_only=False)
    return indices, encoded.dictionary.to_pylist()


class CellError(Exception):
    def __init__(self, column: str | None, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason


def check_code(column: str, cell: str, lookup: Callable[[str], Any], *, lower: bool) -> None:
    if cell == "":
        return
    try:
        found: str = lookup(cell).code
    except UnknownCodeError as error:
        raise CellError(column, f"{error}") from None
    if found != cell and not (lower and found == cell.lower()):
        raise CellError(column, f"must be written {found!r}")


CACHE_LIMIT = 50_000


def per_distinct(errors: Errors, columns: list[Any], compute: Callable[..., Any],
                  value_column: Callable[[str | None], Any], cache: dict[str, Any]) -> Any:
    """Run *compute* once per distinct combination of *columns* (remembered in *cache* from
    batch to batch, which is emptied when full); give the rows of a combination that fails its
    error; return (row -> index, results per combination)."""
    indices, combinations = distinct(columns)
    results: list[Any] = []
    failures: dict[int, CellError] = {}
    for i, key in enumerate(combinations):
        try:
            result = cache[key]
        except KeyError:
            try:
                result = compute(*key.split("\t"))
            except CellError as error:
                result = error
            if len(cache) >= CACHE_LIMIT:
                cache.clear()
            cache[key] = result
        if isinstance(result, CellError):
            failures[i] = result
            results.append(None)
        else:
            results.append(result)
    if failures:
        failing = np.isin(indices, np.asarray(list(failures), dtype=indices.dtype))

        def error_of(row: int) -> tuple[str | None, str, Any]:
            error = failures[int(indices[row])]
            values = value_column(error.column)
            return error.column, error.reason, None if values is None else values[row].as_py()

        errors.add_each(np.flatnonzero(failing), error_of)
    return indices, results


def getter(cells: dict[str, Any]) -> Callable[[str | None], Any]:
    def get(column: str | None) -> Any:
        return None if column is None else cells.get(column)

    return get


def take(values: list[Any], indices: Any, kind: Any) -> Any:
    return pa.array(values, kind).take(pa.array(indices))


def struct_list(column: str, offsets: Any, count: int, **children: Any) -> Any:
    """The list-of-structs column *column* of :data:`SCHEMA` from the children given by name;
    a child not given is null (false for a boolean that cannot be null), so that a field added
    to the schema needs no change here."""
    kind = SCHEMA.field(column).type
    arrays = []
    for field in kind.value_type:
        given = children.get(field.name)
        if given is None:
            given = (pa.array(np.zeros(count, dtype=bool)) if field.type == pa.bool_()
                     and not field.nullable else pa.nulls(count, field.type))
        arrays.append(given)
    struct = pa.StructArray.from_arrays(arrays, fields=list(kind.value_type))
    return pa.ListArray.from_arrays(pa.array(offsets), struct, type=kind)


def classifications(code: Any) -> Any:
    """One coded ``cameo`` classification per row."""
    count = len(code)
    return struct_list("classifications", np.arange(count + 1, dtype=np.int32), count,
                       scheme=pa.array(["cameo"] * count, pa.string()), code=code)


def repeated(texts: list[str], count: int) -> Any:
    """The strings *texts*, *count* times over, as one string array (built from buffers)."""
    encoded = [text.encode("utf-8") for text in texts]
    sizes = np.tile(np.asarray([len(b) for b in encoded], dtype=np.int64), count)
    offsets = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    kind, width = (pa.string(), np.int32) if offsets[-1] < 2**31 else (pa.large_string(),
                                                                         np.int64)
    data = b"".join(encoded) * count
    array = pa.Array.from_buffers(kind, len(sizes), [None, pa.py_buffer(offsets.astype(width)),
                                                     pa.py_buffer(data)])
    return array if kind == pa.string() else array.cast(pa.string())


def extras(name: str, cells: dict[str, Any], keys: list[str]) -> Any:
    """``{name: {column: cell}}`` per row, the columns in *keys* order."""
    count = len(cells[keys[0]])
    width = len(keys)
    values = pa.chunked_array([cells[key] for key in keys], pa.string())
    kind = np.int32 if count * width < 2**31 else np.int64
    order = (np.arange(width, dtype=kind)[None, :] * count
             + np.arange(count, dtype=kind)[:, None]).ravel()
    inner_type = SCHEMA.field("extras").type.item_type
    names = repeated(keys, count)
    inner = pa.MapArray.from_arrays(
        pa.array(np.arange(0, count * width + 1, width, dtype=np.int32)), names,
        values.take(pa.array(order)).combine_chunks(), type=inner_type)
    return pa.MapArray.from_arrays(
        pa.array(np.arange(count + 1, dtype=np.int32)), pa.array([name] * count, pa.string()),
        inner, type=SCHEMA.field("extras").type)


def blank(column: Any) -> Any:
    """Which cells are empty or only white space, as Python's ``str.strip()`` sees it."""
    result = ~mask(pc.match_substring_regex(column, "[^" + WHITE[1:]))
    for row in np.flatnonzero(~mask(pc.string_is_ascii(column))).tolist():
        result[row] = not column[row].as_py().strip()
    return result


def check_rows(errors: Errors, column: Any, rows: Any, check: Callable[[str], Any],
               name: str, cache: dict[str, Any]) -> None:
    """Run *check* on the cells of *rows* (once per distinct cell, remembered in *cache*);
    a cell it refuses with a :class:`CellError` gives its row that error."""
    if not len(rows):
        return
    values = column.take(pa.array(rows)).to_pylist()
    failures: dict[int, CellError] = {}
    for row, cell in zip(rows.tolist(), values, strict=True):
        result = cache.get(cell)
        if result is None:
            try:
                check(cell)
                result = True
            except CellError as error:
                result = error
            if len(cache) >= CACHE_LIMIT:
                cache.clear()
            cache[cell] = result
        if isinstance(result, CellError):
            failures[row] = result
    errors.add_each(sorted(failures), lambda row: (failures[row].column or name,
                                                  failures[row].reason, column[row].as_py()))
