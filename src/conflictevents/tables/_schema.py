"""The event table: one flat Arrow schema for events, and the conversions both ways.

The schema is declared once, as data: one :class:`_Part` per field of each core type. Adding
a field to a core type is one line here (a test checks that every attrs field of every type
an event is made of has its part). From the declaration come the Arrow schema, the
documentation of every column (in the field metadata, key ``doc``), the conversion of events
to record batches and the conversion back.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from conflictevents._optional import require
from conflictevents._version import __version__
from conflictevents.errors import ConversionError
from conflictevents.formats.report import ConversionReport, Reason
from conflictevents.model import (
    Actor,
    ActorKind,
    Classification,
    DatePrecision,
    Event,
    EventDate,
    Fatalities,
    GeoPrecision,
    Location,
    Record,
    Source,
)

pa = require("pyarrow", "arrow")
np = require("numpy", "arrow")

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "SCHEMA",
    "SCHEMA_VERSION",
    "from_arrow",
    "iter_record_batches",
    "to_arrow",
]

SCHEMA_VERSION = "1"
"""The version of the event table's layout, written in the schema's metadata."""
DEFAULT_BATCH_SIZE = 65_536
"""How many events one record batch (one Parquet row group) holds by default."""

_METADATA_VERSION = b"conflictevents.schema"
_METADATA_LIBRARY = b"conflictevents.version"


def _value(item: Any) -> Any:
    """An enum member's value (``DatePrecision.DAY`` -> ``"day"``)."""
    return item.value if isinstance(item, enum.Enum) else item


@attrs.frozen
class _Part:
    """One field of a core type as a column (or a struct member).

    :param name: the attrs field's name.
    :param type: the Arrow type.
    :param doc: what the column holds.
    :param required: whether the value is never null when the object exists.
    :param out: model value -> Arrow value (not called for ``None``).
    :param into: Arrow value -> model value (not called for ``None``).
    """

    name: str
    type: Any
    doc: str
    required: bool = False
    out: Callable[[Any], Any] | None = None
    into: Callable[[Any], Any] | None = None


_TEXT = pa.string()
_TEXTS = pa.list_(pa.string())

# -- the declaration: one line per model field ------------------------------------------------

_DATE = (
    _Part("start", pa.date32(), "first day of the period the source gives", required=True),
    _Part("end", pa.date32(), "last day of that period (= start for a single day)",
          required=True),
    _Part("precision", _TEXT, "how precisely the date is known: day, span, week, month, year",
          required=True, out=_value, into=DatePrecision),
)
_ACTOR = (
    _Part("name", _TEXT, "the actor's name as the source writes it", required=True),
    _Part("kind", pa.int8(), "ACLED actor type, as its inter code 1-8", out=_value,
          into=ActorKind),
    _Part("country", _TEXT, "the actor's country, ISO 3166-1 alpha-3"),
    _Part("cameo_code", _TEXT, "CAMEO actor code (SYRMIL)"),
    _Part("aliases", _TEXTS, "other names of the actor", required=True),
)
_CLASSIFICATION = (
    _Part("scheme", _TEXT, "coding scheme: acled, acled_disorder, cameo, plover, ucdp...",
          required=True),
    _Part("code", _TEXT, "the code in that scheme", required=True),
    _Part("parent", _TEXT, "the higher level of a two-level scheme"),
    _Part("derived", pa.bool_(), "true when produced through a crosswalk", required=True),
    _Part("via", _TEXT, "for a derived classification, the crosswalk (cameo->acled)"),
    _Part("unknown", pa.bool_(), "true for a publisher's code the code book lacks",
          required=True),
)
_LOCATION = (
    _Part("name", _TEXT, "the place's name", required=True),
    _Part("country", _TEXT, "ISO 3166-1 alpha-3"),
    _Part("admin1", _TEXT, "first-order administrative division"),
    _Part("admin2", _TEXT, "second-order administrative division"),
    _Part("admin3", _TEXT, "third-order administrative division"),
    _Part("latitude", pa.float64(), "WGS 84 decimal degrees"),
    _Part("longitude", pa.float64(), "WGS 84 decimal degrees"),
    _Part("precision", _TEXT, "exact, near, admin2, admin1, region, country, international",
          out=_value, into=GeoPrecision),
    _Part("admin1_code", _TEXT, "ISO 3166-2 code of the first-order division"),
)
_FATALITIES = (
    _Part("best", pa.int64(), "best estimate of the number killed", required=True),
    _Part("low", pa.int64(), "low estimate"),
    _Part("high", pa.int64(), "high estimate"),
)
_SOURCE = (
    _Part("name", _TEXT, "the source's name", required=True),
    _Part("url", _TEXT, "address of the report"),
    _Part("published", pa.date32(), "day of publication"),
    _Part("scale", _TEXT, "ACLED source scale (National, International...)"),
)

# What each core type is made of (the test of the schema checks these against attrs).
PARTS: dict[type, tuple[_Part, ...]] = {
    EventDate: _DATE,
    Actor: _ACTOR,
    Classification: _CLASSIFICATION,
    Location: _LOCATION,
    Fatalities: _FATALITIES,
    Source: _SOURCE,
}


def _struct(parts: tuple[_Part, ...]) -> Any:
    return pa.struct([pa.field(p.name, p.type, nullable=not p.required,
                               metadata={"doc": p.doc}) for p in parts])


def _extras_out(extras: Mapping[str, Mapping[str, str]]) -> list[tuple[str, list[tuple[str,
                                                                                       str]]]]:
    return [(fmt, list(columns.items())) for fmt, columns in extras.items()]


def _extras_into(items: list[tuple[str, list[tuple[str, str]]]]) -> dict[str, dict[str, str]]:
    return {fmt: dict(columns) for fmt, columns in items}


_EXTRAS_TYPE = pa.map_(pa.string(), pa.map_(pa.string(), pa.string()))


@attrs.frozen
class _Column:
    """A top-level Event field: a plain column, a flattened object, or a list of structs.

    ``flat`` objects become one column per part, named ``<field>_<part>``; an object is absent
    (``None``) exactly when its first part, which is required, is null.
    """

    name: str
    doc: str
    type: Any = None
    cls: type | None = None
    flat: bool = False
    required: bool = False
    out: Callable[[Any], Any] | None = None
    into: Callable[[Any], Any] | None = None


EVENT_COLUMNS: tuple[_Column, ...] = (
    _Column("id", "the publisher's identifier", _TEXT, required=True),
    _Column("date", "when", cls=EventDate, flat=True, required=True),
    _Column("classifications", "the event's type in each scheme", cls=Classification),
    _Column("actor1", "the first actor", cls=Actor, flat=True),
    _Column("actor2", "the second actor", cls=Actor, flat=True),
    _Column("associates1", "actors associated with the first", cls=Actor),
    _Column("associates2", "actors associated with the second", cls=Actor),
    _Column("location", "where", cls=Location, flat=True),
    _Column("fatalities", "how many were killed", cls=Fatalities, flat=True),
    _Column("sources", "who reported it", cls=Source),
    _Column("notes", "a description, free text", _TEXT),
    _Column("tags", "short labels", _TEXTS, required=True),
    _Column("extras", "what a format has and the model does not: format -> column -> raw text",
            _EXTRAS_TYPE, required=True, out=_extras_out, into=_extras_into),
)


def _schema() -> Any:
    fields = []
    for column in EVENT_COLUMNS:
        if column.cls is not None and column.flat:
            parts = PARTS[column.cls]
            for part in parts:
                nullable = not (column.required and part.required)
                fields.append(pa.field(f"{column.name}_{part.name}", part.type, nullable=nullable,
                                       metadata={"doc": f"{column.doc}: {part.doc}"}))
        elif column.cls is not None:
            fields.append(pa.field(column.name, pa.list_(_struct(PARTS[column.cls])),
                                   nullable=False, metadata={"doc": column.doc}))
        else:
            fields.append(pa.field(column.name, column.type, nullable=not column.required,
                                   metadata={"doc": column.doc}))
    return pa.schema(fields, metadata={_METADATA_VERSION: SCHEMA_VERSION.encode(),
                                       _METADATA_LIBRARY: __version__.encode()})


SCHEMA = _schema()
"""The Arrow schema of the event table (see :doc:`/reference/table-schema`)."""


# -- events -> record batches -----------------------------------------------------------------


def _struct_out(parts: tuple[_Part, ...], item: Any) -> dict[str, Any]:
    values = {}
    for part in parts:
        value = getattr(item, part.name)
        values[part.name] = value if value is None or part.out is None else part.out(value)
    return values


def _extras_array(values: list[Mapping[str, Mapping[str, str]]]) -> Any:
    """The ``extras`` column, built from flat lists (much faster than nested tuples)."""
    outer = [0]
    formats: list[str] = []
    inner = [0]
    keys: list[str] = []
    cells: list[str] = []
    for extras in values:
        for fmt, columns in extras.items():
            formats.append(fmt)
            keys.extend(columns.keys())
            cells.extend(columns.values())
            inner.append(len(keys))
        outer.append(len(formats))
    kind = np.int32 if len(keys) < 2**31 else np.int64
    inner_map = pa.MapArray.from_arrays(pa.array(np.asarray(inner, dtype=kind)),
                                        pa.array(keys, pa.string()),
                                        pa.array(cells, pa.string()),
                                        type=_EXTRAS_TYPE.item_type)
    return pa.MapArray.from_arrays(pa.array(np.asarray(outer, dtype=np.int32)),
                                   pa.array(formats, pa.string()), inner_map,
                                   type=_EXTRAS_TYPE)


def _event_columns(events: list[Event]) -> list[Any]:
    """The arrays of one batch, in the order of :data:`SCHEMA`."""
    arrays: list[Any] = []
    for column in EVENT_COLUMNS:
        values = [getattr(event, column.name) for event in events]
        if column.type is _EXTRAS_TYPE:
            arrays.append(_extras_array(values))
            continue
        if column.cls is not None and column.flat:
            for part in PARTS[column.cls]:
                out = part.out
                cells = [None if item is None else getattr(item, part.name) for item in values]
                if out is not None:
                    cells = [None if cell is None else out(cell) for cell in cells]
                arrays.append(pa.array(cells, type=part.type))
        elif column.cls is not None:
            parts = PARTS[column.cls]
            memo: dict[int, dict[str, Any]] = {}  # readers share these objects between rows

            def out(item: Any, parts: tuple[_Part, ...] = parts,
                    memo: dict[int, dict[str, Any]] = memo) -> dict[str, Any]:
                found = memo.get(id(item))
                if found is None:
                    found = memo[id(item)] = _struct_out(parts, item)
                return found

            arrays.append(pa.array([[out(item) for item in items] for items in values],
                                   type=pa.list_(_struct(parts))))
        else:
            if column.out is not None:
                values = [None if value is None else column.out(value) for value in values]
            arrays.append(pa.array(values, type=column.type))
    return arrays


def _batch(events: list[Event]) -> Any:
    try:
        arrays = _event_columns(events)
    except (pa.ArrowException, UnicodeError) as error:  # lone surrogates in a text
        raise ConversionError(f"cannot store the events in Arrow: {error}") from None
    return pa.RecordBatch.from_arrays(arrays, schema=SCHEMA)


def events_only(records: Iterable[Record], report: ConversionReport | None) -> Iterator[Event]:
    for record in records:
        if type(record) is Event:
            yield record
        elif report is not None:
            report.leave_out(Reason.for_record(record))
        else:
            raise ConversionError(
                f"the event table holds events only, not a {type(record).__name__} "
                "(pass report= to leave them out and count them)")


def iter_record_batches(records: Iterable[Record], *, batch_size: int = DEFAULT_BATCH_SIZE,
                        report: ConversionReport | None = None) -> Iterator[Any]:
    """The events of *records* as :class:`pyarrow.RecordBatch` es of :data:`SCHEMA`.

    At most *batch_size* events are in memory at a time, so a stream of any length converts
    in constant memory. With a *report*, claims and control changes are left out and counted
    there (``left_out["not an event (Claim)"]``); without one they raise
    :class:`~conflictevents.ConversionError`. ``report.written`` counts the events.

    >>> import datetime
    >>> import conflictevents as ce
    >>> from conflictevents import tables
    >>> events = (ce.Event(str(n), datetime.date(2024, 1, n)) for n in range(1, 6))
    >>> [batch.num_rows for batch in tables.iter_record_batches(events, batch_size=2)]
    [2, 2, 1]
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    chunk: list[Event] = []
    for event in events_only(records, report):
        chunk.append(event)
        if len(chunk) >= batch_size:
            yield _batch(chunk)
            if report is not None:
                report.written += len(chunk)
            chunk = []
    if chunk:
        yield _batch(chunk)
        if report is not None:
            report.written += len(chunk)


def to_arrow(records: Iterable[Record], *, batch_size: int = DEFAULT_BATCH_SIZE,
             report: ConversionReport | None = None) -> Any:
    """The events of *records* as a :class:`pyarrow.Table` of :data:`SCHEMA`.

    The table is built from record batches of *batch_size* events (see
    :func:`iter_record_batches`, which also says what happens to claims and control changes).
    Nothing is lost: :func:`from_arrow` gives the same events back.

    >>> import datetime
    >>> import conflictevents as ce
    >>> from conflictevents import tables
    >>> event = ce.Event("SYR1", datetime.date(2024, 12, 5),
    ...                  location=ce.Location("Hama", country="SYR"), tags=("drone",))
    >>> table = tables.to_arrow([event])
    >>> table.num_rows, table["location_country"][0].as_py(), table["tags"][0].as_py()
    (1, 'SYR', ['drone'])
    >>> list(tables.from_arrow(table)) == [event]
    True
    """
    batches = list(iter_record_batches(records, batch_size=batch_size, report=report))
    return pa.Table.from_batches(batches, schema=SCHEMA)


# -- record batches -> events -----------------------------------------------------------------


def _struct_into(cls: type, parts: tuple[_Part, ...], values: Mapping[str, Any]) -> Any:
    kwargs = {}
    for part in parts:
        if part.name not in values:
            continue  # a table from an older layout: the field's default applies
        value = values[part.name]
        if value is not None and part.into is not None:
            value = part.into(value)
        if value is not None or not part.required:
            kwargs[part.name] = value
    return cls(**kwargs)


RowHandler = Callable[[int, str, Exception], None]
"""Called with (row index in the batch, column, error) for a row the core types refuse; it
raises, or returns to skip the row."""


def _readers(batch: Any) -> list[Callable[[int], Any]]:
    """One function per Event field: row index -> the field's value."""
    names = set(batch.schema.names)
    readers: list[Callable[[int], Any]] = []

    def flat(column: _Column) -> Callable[[int], Any]:
        assert column.cls is not None
        parts = PARTS[column.cls]
        present = [p for p in parts if f"{column.name}_{p.name}" in names]
        cells = {p.name: batch.column(f"{column.name}_{p.name}").to_pylist() for p in present}
        first = cells.get(parts[0].name)
        cls = column.cls

        def read(row: int) -> Any:
            if first is None or first[row] is None:
                return None
            return _struct_into(cls, parts, {name: cells[name][row] for name in cells})

        return read

    def listed(column: _Column) -> Callable[[int], Any]:
        assert column.cls is not None
        parts, cls = PARTS[column.cls], column.cls
        cells = batch.column(column.name).to_pylist()
        return lambda row: tuple(_struct_into(cls, parts, item) for item in cells[row] or ())

    def plain(column: _Column) -> Callable[[int], Any]:
        cells: list[Any] = batch.column(column.name).to_pylist()
        into = column.into
        if into is None:
            return cells.__getitem__
        return lambda row: None if cells[row] is None else into(cells[row])

    for column in EVENT_COLUMNS:
        if column.cls is not None and column.flat:
            readers.append(flat(column))
        elif column.name not in names:  # the model's default applies (or, for id, the
            readers.append(lambda row: None)  # event is refused)
        elif column.cls is not None:
            readers.append(listed(column))
        else:
            readers.append(plain(column))
    return readers


def batch_events(batch: Any, bad_row: RowHandler) -> Iterator[Event]:
    """The events of one record batch; a row the core types refuse goes to *bad_row*."""
    names = [column.name for column in EVENT_COLUMNS]
    try:
        readers = _readers(batch)
    except Exception as error:  # a column of the wrong type: every row of the batch is bad
        for row in range(batch.num_rows):
            bad_row(row, "(layout)", error)
        return
    for row in range(batch.num_rows):
        values: dict[str, Any] = {}
        try:
            for name, read in zip(names, readers, strict=True):
                failed = name
                value = read(row)
                if value is not None:
                    values[name] = value
            failed = "id"
            event = Event(**values)
        except Exception as error:  # any value of any type may be in a foreign table
            bad_row(row, failed, error)
            continue
        yield event


def _batches(data: Any) -> Iterator[Any]:
    if isinstance(data, pa.RecordBatch):
        yield data
    elif isinstance(data, pa.Table):
        yield from data.to_batches()
    else:
        yield from data


def from_arrow(data: Any) -> Iterator[Event]:
    """The events of an event table: a :class:`pyarrow.Table`, a record batch, or an iterable
    of record batches (such as :func:`iter_record_batches` or a Parquet file's
    ``iter_batches()``).

    Columns a table lacks take the model's defaults, so tables written by an older layout
    still read. Every event is built by the core types' constructors and checked.

    :raises ConversionError: for a value the core types refuse, naming the row and column.
    """
    offset = 0

    def refuse(row: int, column: str, error: Exception) -> None:
        raise ConversionError(f"row {offset + row + 1}, column {column}: {error}") from None

    for batch in _batches(data):
        yield from batch_events(batch, refuse)
        offset += batch.num_rows
