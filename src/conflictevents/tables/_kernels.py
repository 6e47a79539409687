"""Vectorised building blocks of the columnar readers (private).

The columnar readers follow one rule: a row is converted with :mod:`pyarrow.compute` only
when cheap vectorised checks prove that the typed reader would read it without a warning or
an error, and would give exactly the values computed here; every other row (an odd layout,
bad bytes, a code the code books lack, a cell that contradicts another, anything unusual) is
read by the format's typed row reader, with the same policy, and merged back in line order.
So the table is the typed reader's table by construction, and the common case is fast.

This module holds what does not depend on a format: splitting byte blocks into lines with
their numbers, values computed once per distinct cell (or combination of cells) and spread
over the rows with ``take``, the columns of :data:`~conflictevents.tables.SCHEMA` built from
model objects or from arrays, and the extras map.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from conflictevents._optional import require
from conflictevents.formats._io import _Prefixed
from conflictevents.tables._schema import EVENT_COLUMNS, PARTS, SCHEMA, _struct_out

pa = require("pyarrow", "arrow")
pc = require("pyarrow.compute", "arrow")
pv = require("pyarrow.csv", "arrow")
np = require("numpy", "arrow")

__all__ = [
    "CACHE_LIMIT",
    "Distinct",
    "EscapeToTyped",
    "Lines",
    "block_lines",
    "digits",
    "empty_columns",
    "extras_column",
    "flat_columns",
    "listed_column",
    "mask",
    "numbers_ok",
    "padded_rest",
    "record_batch",
    "struct_list",
]

CACHE_LIMIT = 50_000
"""Distinct values remembered from batch to batch (the memory is emptied when it is full)."""

# A number Python's float() reads, finite, without spaces, shorter than 64 characters: then
# Arrow's cast (correctly rounded, as Python's float is) gives the same value.
PLAIN_NUMBER = r"^-?[0-9]{1,20}(\.[0-9]{1,30})?$"

_COLUMNS = {column.name: column for column in EVENT_COLUMNS}


def mask(array: Any) -> Any:
    """A numpy bool array of an Arrow boolean array (null is False)."""
    # From the bits themselves: pyarrow's fill_null and to_numpy of booleans import pandas.
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    if array.null_count:
        array = pc.coalesce(array, pa.scalar(False))
    bits = np.unpackbits(np.frombuffer(array.buffers()[1], dtype=np.uint8), bitorder="little")
    return bits[array.offset:array.offset + len(array)].astype(bool)


def digits(column: Any, *, optional: bool = False) -> Any:
    """Where *column* holds ASCII digits (or nothing, when *optional*)."""
    found = mask(pc.ascii_is_decimal(column))
    if optional:
        found |= mask(pc.equal(column, ""))
    return found


def numbers_ok(column: Any, *, optional: bool, limit: float | None = None) -> Any:
    """Where *column* holds a number the typed reader accepts without a doubt (the others are
    left to it): plain decimal notation, within ``-limit..limit``; empty when *optional*."""
    plain = mask(pc.match_substring_regex(column, PLAIN_NUMBER))
    ok = plain.copy()
    if limit is not None and plain.any():
        values = pc.cast(pc.if_else(pa.array(plain), column, "0"), pa.float64())
        inside = mask(pc.and_(pc.greater_equal(values, -limit), pc.less_equal(values, limit)))
        ok &= inside
    if optional:
        ok |= mask(pc.equal(column, ""))
    return ok


# -- lines ------------------------------------------------------------------------------------


class Lines:
    """The lines of one block of input, without their terminators.

    :ivar block: the block's bytes (whole lines).
    :ivar numbers: each line's number in the input (numpy int64).
    :ivar lengths: each line's length in bytes, without its terminator (numpy).
    :ivar clean: whether the block is UTF-8 without NUL (else :attr:`text` is binary).
    :ivar eol: for the first block, ``"\\r\\n"`` when the input's first line ends so.
    """

    def __init__(self, block: bytes, numbers: Any, lengths: Any, clean: bool,
                 eol: str | None) -> None:
        self.block = block
        self.numbers = numbers
        self.lengths = lengths
        self.clean = clean
        self.eol = eol
        self._text: Any = None

    @property
    def text(self) -> Any:
        """The lines as an Arrow array (made when first asked for)."""
        if self._text is None:
            pieces = pc.list_flatten(pc.split_pattern(pa.array([self.block], pa.binary()),
                                                      b"\n"))
            if self.block.endswith(b"\n"):
                pieces = pieces.slice(0, len(pieces) - 1)
            if self.clean:
                pieces = pieces.cast(pa.string())
                if b"\r" in self.block:
                    pieces = pc.utf8_rtrim(pieces, characters="\r")
            elif b"\r" in self.block:
                pieces = pa.array([p[:-1] if p.endswith(b"\r") else p
                                   for p in pieces.to_pylist()], pa.binary())
            self._text = pieces
        return self._text

    def python(self, row: int) -> str:
        """Line *row* as the typed reader sees it (bytes that are not UTF-8 as surrogates)."""
        value = self.text[row].as_py()
        if isinstance(value, bytes):
            return value.decode("utf-8", "surrogateescape")
        return str(value)


class EscapeToTyped(Exception):  # noqa: N818 - not an error: a hand-over
    """The rest of the input is for the typed reader (a line longer than the limit, a lone
    carriage return): :attr:`rest` is the unread input from the start of line
    :attr:`line`."""

    def __init__(self, rest: bytes, line: int) -> None:
        super().__init__("the rest of the input goes to the typed reader")
        self.rest = rest
        self.line = line


def _utf8(block: bytes) -> bool:
    """Whether *block* is UTF-8 (checked by Arrow, without a copy)."""
    data = pa.py_buffer(block)
    offsets = pa.py_buffer(np.asarray([0, len(block)], dtype=np.int32).tobytes())
    try:
        pa.Array.from_buffers(pa.string(), 1, [None, offsets, data]).validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def block_lines(stream: Any, block_size: int, max_field: int, line: int = 1
                ) -> Iterator[Lines]:
    """Split a byte stream into blocks of whole lines.

    Lines end as the typed readers' text streams end them (``\\n``, ``\\r\\n``; a lone
    ``\\r`` also ends a line there, which this splitter does not do: such a block raises
    :class:`EscapeToTyped`, as does a line that may be longer than *max_field* characters).
    *line* is the number of the stream's first line.
    """
    carry = b""
    while True:
        chunk = stream.read(block_size)
        data = carry + chunk if carry else chunk
        if chunk:
            cut = data.rfind(b"\n") + 1
            if cut == 0:
                carry = data
                if len(carry) > max_field:
                    raise EscapeToTyped(carry, line)
                continue
            block, carry = data[:cut], data[cut:]
        else:
            block, carry = data, b""
            if not block:
                return
        if b"\r" in block and block.count(b"\r") != block.count(b"\r\n"):
            raise EscapeToTyped(block + carry, line)
        ends = np.flatnonzero(np.frombuffer(block, dtype=np.uint8) == 10)
        if not block.endswith(b"\n"):
            ends = np.append(ends, len(block))
        starts = np.empty_like(ends)
        starts[:1] = 0
        starts[1:] = ends[:-1] + 1
        lengths = ends - starts
        if b"\r" in block:
            lengths -= np.frombuffer(block, dtype=np.uint8)[np.maximum(ends - 1, 0)] == 13
            lengths = np.maximum(lengths, 0)
        if len(lengths) and int(lengths.max()) > max_field - 2:
            raise EscapeToTyped(block + carry, line)
        numbers = np.arange(line, line + len(lengths), dtype=np.int64)
        clean = b"\x00" not in block and _utf8(block)
        eol = None
        if line == 1:
            eol = "\r\n" if len(ends) and ends[0] > 0 and block[ends[0] - 1] == 13 else None
        yield Lines(block, numbers, lengths, clean, eol)
        line += len(lengths)
        if not chunk:
            return


def padded_rest(rest: bytes, stream: Any, line: int, eol: str | None,
                header: bytes | None = None) -> Any:
    """A text stream of the input from line *line* on, after ``line - 1`` lines that a typed
    reader skips (empty ones, after the format's *header* line if it has one; the first ended
    like the input's first line), so that it numbers its lines as in the whole input."""
    pad = b""
    if line > 1:
        end = b"\r\n" if eol == "\r\n" else b"\n"
        pad = (header or b"") + end + b"\n" * (line - 2)
    raw = io.BufferedReader(_Prefixed(pad + rest, stream), 1 << 16)
    return io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape", newline="")


# -- values per distinct cell -----------------------------------------------------------------


class Distinct:
    """Values computed once per distinct key, remembered from batch to batch."""

    def __init__(self, compute: Callable[[str], Any]) -> None:
        self._compute = compute
        self._memo: dict[str, Any] = {}

    def __call__(self, columns: Sequence[Any]) -> tuple[list[Any], Any]:
        """The values of the distinct keys of *columns* (their cells joined by tabs), and
        each row's index into them (numpy)."""
        key = columns[0] if len(columns) == 1 else pc.binary_join_element_wise(*columns, "\t")
        if not key.null_count and not pc.max(pc.binary_length(key)).as_py():
            # Every cell empty (as most actor code-book columns are): nothing to hash.
            return [self._value("")], np.zeros(len(key), dtype=np.int32)
        encoded = pc.dictionary_encode(key)
        if len(self._memo) > CACHE_LIMIT:
            self._memo.clear()
        values = [self._value(text) for text in encoded.dictionary.to_pylist()]
        return values, encoded.indices.to_numpy(zero_copy_only=False)

    def _value(self, text: str) -> Any:
        try:
            return self._memo[text]
        except KeyError:
            found = self._memo[text] = self._compute(text)
            return found


# -- columns of the schema ------------------------------------------------------------------


def _take(array: Any, indices: Any) -> Any:
    return array.take(pa.array(indices))


def flat_columns(name: str, objects: list[Any], indices: Any) -> dict[str, Any]:
    """The ``<name>_<part>`` columns of a flattened model field, from its distinct values
    (model objects or ``None``) and each row's index into them."""
    column = _COLUMNS[name]
    assert column.cls is not None
    out: dict[str, Any] = {}
    for part in PARTS[column.cls]:
        cells = [None if item is None else getattr(item, part.name) for item in objects]
        if part.out is not None:
            cells = [None if cell is None else part.out(cell) for cell in cells]
        out[f"{name}_{part.name}"] = _take(pa.array(cells, type=part.type), indices)
    return out


def _list_type(name: str) -> Any:
    return SCHEMA.field(name).type


def listed_column(name: str, items: list[tuple[Any, ...]], indices: Any) -> Any:
    """A list-of-structs column (classifications, sources...) from its distinct values
    (tuples of model objects; ``None`` for one no row takes) and each row's index into
    them."""
    column = _COLUMNS[name]
    assert column.cls is not None
    parts = PARTS[column.cls]
    values = [[_struct_out(parts, item) for item in group or ()] for group in items]
    return _take(pa.array(values, type=_list_type(name)), indices)


def struct_list(name: str, has: Any, fields: dict[str, Any]) -> Any:
    """A list-of-structs column of zero or one item per row: *has* (numpy bool) says which
    rows have one, *fields* the arrays of its parts over those rows (missing parts null)."""
    kind = _list_type(name)
    struct = kind.value_type
    count = int(has.sum())
    arrays = [fields[f.name] if f.name in fields else pa.nulls(count, f.type) for f in struct]
    values = pa.StructArray.from_arrays(arrays, fields=list(struct))
    offsets = np.zeros(len(has) + 1, dtype=np.int32)
    np.cumsum(has, out=offsets[1:])
    return pa.ListArray.from_arrays(pa.array(offsets), values, type=kind)


def empty_columns(count: int) -> dict[str, Any]:
    """Every column of the schema for *count* rows where the field is empty: nulls, or empty
    lists for the list columns that are never null."""
    out: dict[str, Any] = {}
    for field in SCHEMA:
        if pa.types.is_list(field.type) and not field.nullable:
            out[field.name] = pa.ListArray.from_arrays(
                pa.array(np.zeros(count + 1, dtype=np.int32)),
                pa.array([], field.type.value_type), type=field.type)
        else:
            out[field.name] = pa.nulls(count, field.type)
    return out


_EXTRAS = SCHEMA.field("extras").type


_KEY_ROWS: dict[tuple[str, ...], Any] = {}


def _repeated_keys(keys: tuple[str, ...], count: int) -> Any:
    """*keys* repeated *count* times (a slice of an array kept for the largest count yet)."""
    found = _KEY_ROWS.get(keys)
    if found is None or len(found) < count * len(keys):
        if len(_KEY_ROWS) > 16:
            _KEY_ROWS.clear()
        rows = max(count * 3 // 2, 1024)
        found = _KEY_ROWS[keys] = pa.array(list(keys), pa.string()).take(
            pa.array(np.tile(np.arange(len(keys), dtype=np.int32), rows)))
    return found.slice(0, count * len(keys))


def extras_column(fmt: str, keys: Sequence[str], cells: Sequence[Any], count: int) -> Any:
    """The ``extras`` column of *count* rows: ``{fmt: {key: cell}}`` for every row, the keys
    in the order given; a cell is a string array, or a ``str`` for the same value in every
    row."""
    width = len(keys)
    arrays = [pa.array([c] * count, pa.string()) if isinstance(c, str) else c for c in cells]
    if count and width:
        joined = pa.concat_arrays(arrays)
        order = np.arange(width * count, dtype=np.int64).reshape(width, count).T.ravel()
        values = joined.take(pa.array(order))
    else:
        values = pa.array([], pa.string())
    inner = pa.MapArray.from_arrays(
        pa.array(np.arange(0, count * width + 1, width, dtype=np.int32)),
        _repeated_keys(tuple(keys), count), values, type=_EXTRAS.item_type)
    return pa.MapArray.from_arrays(
        pa.array(np.arange(count + 1, dtype=np.int32)),
        pa.array([fmt] * count, pa.string()), inner, type=_EXTRAS)


def record_batch(columns: dict[str, Any]) -> Any:
    """A record batch of :data:`SCHEMA` from its columns by name."""
    return pa.RecordBatch.from_arrays([columns[field.name] for field in SCHEMA], schema=SCHEMA)
