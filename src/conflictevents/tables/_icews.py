"""ICEWS rows -> the event table, with vectorised checks.

The rules are those of the typed reader (:mod:`conflictevents.formats.icews`), in its order:
the header, then per row the id, the date, the CAMEO code, the intensity, the story and
sentence numbers, the coordinates. ``""``, ``"NA"`` and white space mean "no value".
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from conflictevents import places
from conflictevents.codes import cameo
from conflictevents.errors import InputTooLargeError, ParseError, UnknownCodeError
from conflictevents.formats.icews import COLUMNS, MISSING, NAME
from conflictevents.model import GeoPrecision
from conflictevents.tables._columnar import Context, Errors, TabularFormat, np, pa, pc
from conflictevents.tables._kernels import (
    blank,
    checked_text,
    classifications,
    distinct,
    extras,
    mask,
    numbers,
    struct_list,
    take,
)
from conflictevents.tables._schema import SCHEMA

_HEADER = "\t".join(COLUMNS)
_ISO_DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _check_header(header: str, source: str) -> None:
    if header == _HEADER:
        return
    names = header.split("\t")
    for index, expected in enumerate(COLUMNS):
        found = names[index] if index < len(names) else None
        if found != expected:
            raise ParseError(f"not an ICEWS header: expected column {expected!r} here",
                             source=source, line=1, column=index + 1, value=found)
    raise ParseError(f"not an ICEWS header: {len(names)} columns, expected 20",
                     source=source, line=1, value=names[20])


def _missing(column: Any) -> Any:
    """Which cells mean "no value" (``""``, ``"NA"``, white space)."""
    return mask(pc.is_in(column, pa.array(list(MISSING)))) | blank(column)


def _whole(cells: dict[str, Any], column: str, errors: Errors, *, optional: bool) -> Any:
    text = cells[column]
    missing = _missing(text)
    if not optional:
        errors.add(missing, column, "must not be empty", text)
    digits = mask(pc.match_substring_regex(text, r"^[0-9]+$"))
    errors.add(~missing & ~digits, column, "must be a whole number", text)
    return missing


def _country(name: str | None) -> str | None:
    if name is None:
        return None
    try:
        return places.resolve_country(name)
    except UnknownCodeError:
        return None


def _value(cell: str) -> str | None:
    if cell in MISSING or not cell.strip():
        return None
    return cell


def _date(cells: dict[str, Any], errors: Errors) -> Any:
    """The ``Event Date`` column as date32: ``date.fromisoformat`` and ten characters."""
    text = cells["Event Date"]
    plain = mask(pc.match_substring_regex(text, _ISO_DAY))
    parsed = pc.cast(pc.strptime(pc.if_else(pa.array(plain), text, "1970-01-01"), "%Y-%m-%d",
                                 "s", error_is_null=True), pa.date32())
    real = plain & mask(pc.equal(pc.strftime(parsed, "%Y-%m-%d"), text)) & ~mask(
        pc.starts_with(text, "0000"))
    days = parsed.to_pylist()
    bad = []
    for row in np.flatnonzero(~real).tolist():  # what the kernel cannot say, Python does
        cell = text[row].as_py()
        try:
            day = _dt.date.fromisoformat(cell)
        except ValueError:
            day = None
        if day is None or len(cell) != 10:
            bad.append(row)
            days[row] = None
        else:
            days[row] = day
    failed = np.zeros(len(days), dtype=bool)
    failed[bad] = True
    errors.add(failed, "Event Date", "must be a date written YYYY-MM-DD", text)
    return pa.array(days, pa.date32())


def _event_code(cells: dict[str, Any], errors: Errors) -> None:
    code = cells["CAMEO Code"]
    indices, found = distinct([code])
    problems: dict[int, str] = {}
    for i, value in enumerate(found):
        try:
            entry = cameo.event(value)
        except UnknownCodeError as error:
            problems[i] = str(error)
            continue
        if entry.code != value:
            problems[i] = f"must be written {entry.code!r}"
    if problems:
        failing = np.isin(indices, np.asarray(list(problems), dtype=indices.dtype))
        errors.add_each(np.flatnonzero(failing), lambda row: (
            "CAMEO Code", problems[int(indices[row])], code[row].as_py()))


def _actors(cells: dict[str, Any], side: str) -> dict[str, Any]:
    names = cells[f"{side} Name"]
    countries = cells[f"{side} Country"]
    count = len(names)
    present = ~_missing(names)
    index, found = distinct([countries])
    iso = take([_country(_value(value)) for value in found], index, pa.string())
    null = pa.array(~present)
    n = 1 if side == "Source" else 2
    return {
        f"actor{n}_name": pc.if_else(null, pa.scalar(None, pa.string()), names),
        f"actor{n}_country": pc.if_else(null, pa.scalar(None, pa.string()), iso),
        f"actor{n}_aliases": pa.ListArray.from_arrays(
            pa.array(np.zeros(count + 1, dtype=np.int32)), pa.array([], pa.string()),
            mask=null),
    }


def _place(cells: dict[str, Any], errors: Errors) -> dict[str, Any]:
    latitude = numbers(cells, "Latitude", errors, limit=90.0,
                       missing=_missing(cells["Latitude"]))
    longitude = numbers(cells, "Longitude", errors, limit=180.0,
                        missing=_missing(cells["Longitude"]))
    no_lat, no_long = np.isnan(latitude), np.isnan(longitude)
    errors.add(no_lat & ~no_long, "Latitude", "latitude and longitude go together",
               cells["Latitude"])
    errors.add(~no_lat & no_long, "Longitude", "latitude and longitude go together",
               cells["Longitude"])
    parts = {c: cells[c] for c in ("City", "District", "Province", "Country")}
    index, found = distinct(list(parts.values()))
    places_: list[tuple[Any, ...] | None] = []
    for key in found:
        city, district, province, country = (_value(cell) for cell in key.split("\t"))
        if city is not None:
            name, precision = city, GeoPrecision.EXACT
        elif district is not None:
            name, precision = district, GeoPrecision.ADMIN2
        elif province is not None:
            name, precision = province, GeoPrecision.ADMIN1
        elif country is not None:
            name, precision = country, GeoPrecision.COUNTRY
        else:
            places_.append(None)
            continue
        places_.append((name, _country(country),
                        province if precision is not GeoPrecision.ADMIN1 else None,
                        district if precision is GeoPrecision.EXACT else None,
                        precision.value))
    absent = np.asarray([p is None for p in places_], dtype=bool)[index]

    def part(i: int) -> Any:
        return take([None if p is None else p[i] for p in places_], index, pa.string())

    def coordinate(values: Any) -> Any:
        return pa.array(values, pa.float64(), mask=np.isnan(values) | absent)

    return {
        "location_name": part(0), "location_country": part(1), "location_admin1": part(2),
        "location_admin2": part(3), "location_precision": part(4),
        "location_latitude": coordinate(latitude), "location_longitude": coordinate(longitude),
    }


def _sources(publisher: Any) -> Any:
    present = ~_missing(publisher)
    count = len(publisher)
    offsets = np.zeros(count + 1, dtype=np.int32)
    offsets[1:] = np.cumsum(present)
    kept = pa.array(np.flatnonzero(present))
    return struct_list("sources", offsets, len(kept), name=publisher.take(kept))


def _convert(raw: dict[str, Any], columns: tuple[str, ...], lines: Any, context: Context
             ) -> tuple[Any, Errors]:
    errors = Errors(lines, context.source)
    count = len(lines)
    if context.may_be_too_long(raw):
        size = np.full(count, len(columns) - 1, dtype=np.int64)
        for column in columns:
            size += pc.binary_length(raw[column]).to_numpy(zero_copy_only=False)
        lengths = {}
        for row in np.flatnonzero(size > context.max_field).tolist():
            text = b"\t".join(raw[c][row].as_py() for c in columns).decode(
                "utf-8", "surrogateescape")
            if len(text) > context.max_field:
                lengths[row] = len(text)
        errors.add_each(sorted(lengths), lambda row: (
            None, f"a line of {lengths[row]} characters is longer than the limit of "
                  f"{context.max_field} (raise max_field to read it)", None),
            kind=InputTooLargeError)
    if context.clean():
        cells = {column: raw[column].view(pa.string()) for column in columns}
    else:
        cells = checked_text(raw, columns, errors, context.original)
    _whole(cells, "Event ID", errors, optional=False)
    day = _date(cells, errors)
    _event_code(cells, errors)
    numbers(cells, "Intensity", errors, limit=10.0, missing=_missing(cells["Intensity"]))
    _whole(cells, "Story ID", errors, optional=True)
    _whole(cells, "Sentence Number", errors, optional=True)
    arrays: dict[str, Any] = {
        "id": cells["Event ID"],
        "date_start": day,
        "date_end": day,
        "date_precision": pa.array(["day"] * count, pa.string()),
        "classifications": classifications(cells["CAMEO Code"]),
        "associates1": pa.array([[]] * count, SCHEMA.field("associates1").type),
        "associates2": pa.array([[]] * count, SCHEMA.field("associates2").type),
        "sources": _sources(cells["Publisher"]),
        "tags": pa.array([[]] * count, SCHEMA.field("tags").type),
        "extras": extras(NAME, cells, list(COLUMNS[2:])),
    }
    arrays.update(_actors(cells, "Source"))
    arrays.update(_actors(cells, "Target"))
    arrays.update(_place(cells, errors))
    full = [arrays[field.name] if field.name in arrays else pa.nulls(count, field.type)
            for field in SCHEMA]
    batch = pa.RecordBatch.from_arrays(
        [array if array.type == field.type else array.cast(field.type)
         for array, field in zip(full, SCHEMA, strict=True)], schema=SCHEMA)
    if errors.bad.any():
        batch = batch.filter(pa.array(~errors.bad))
    return batch, errors


def _layout_error(count: int) -> str:
    return f"{count} tab-separated fields; an ICEWS row has 20"


FORMAT = TabularFormat(NAME, {len(COLUMNS): COLUMNS}, _convert, _layout_error, _check_header)
