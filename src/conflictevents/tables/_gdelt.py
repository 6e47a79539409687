"""GDELT 1.0 and 2.0 rows -> the event table, with vectorised checks.

The rules are those of the typed reader (:mod:`conflictevents.formats.gdelt`), made in the
same order so that a row gets the same first error: the id and the day, the date columns, the
event code and its companions, each actor, each geography, the place. Checks that depend on
few distinct values (event codes, actors, geographies, places) are made once per distinct
value of a batch, in Python, through the code books; the others are compute kernels over
whole columns. Where a kernel cannot decide exactly what Python would (a number not written
in plain decimal, an unusual URL), the few cells concerned are decided by Python itself.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from conflictevents import places
from conflictevents.codes import cameo
from conflictevents.errors import InputTooLargeError, UnknownCodeError, ValidationError
from conflictevents.formats import _cameo_rows
from conflictevents.formats.gdelt import COLUMNS_DAILY, COLUMNS_HISTORICAL, COLUMNS_V2
from conflictevents.model import Actor, GeoPrecision, Location
from conflictevents.tables._columnar import Context, Errors, TabularFormat, np, pa, pc
from conflictevents.tables._kernels import (
    WHITE,
    WHITE_SPACE,
    CellError,
    check_code,
    check_rows,
    checked_text,
    classifications,
    distinct,
    extras,
    getter,
    mask,
    not_digits,
    numbers,
    per_distinct,
    python_number,
    struct_list,
    take,
)
from conflictevents.tables._schema import SCHEMA

_ACTOR_PARTS = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
    "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
)
_ACTOR_LOOKUPS: tuple[tuple[str, Callable[[str], Any]], ...] = (
    ("CountryCode", cameo.actor_country),
    ("KnownGroupCode", cameo.known_group),
    ("EthnicCode", cameo.ethnic_code),
    ("Religion1Code", cameo.religion_code),
    ("Religion2Code", cameo.religion_code),
    ("Type1Code", cameo.actor_role),
    ("Type2Code", cameo.actor_role),
    ("Type3Code", cameo.actor_role),
)
_GEO_PRECISION = {
    "1": GeoPrecision.COUNTRY, "2": GeoPrecision.ADMIN1, "3": GeoPrecision.EXACT,
    "4": GeoPrecision.EXACT, "5": GeoPrecision.ADMIN1,
}
_GEO_TYPES = ("", "0", "1", "2", "3", "4", "5")
_SIMPLE_URL = (r"^[A-Za-z][A-Za-z0-9+.\-]*://(?P<host>[A-Za-z0-9._\-]+)(?::[0-9]*)?"
               r"(?:[/?#][^\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f ]*)?$")
# -- per distinct value: the typed reader's rules ---------------------------------------------


def _actor(prefix: str, code: str, name: str, country_code: str) -> Actor | None:
    """The actor of a row whose code-book columns were checked (see :func:`_actor_columns`)."""
    if code == "" and name == "":
        return None
    if code and not (code.isascii() and code.isalnum() and len(code) % 3 == 0
                     and code == code.upper()):
        raise CellError(prefix + "Code", "must be a CAMEO actor code of 3-character blocks")
    if name and not name.strip():
        raise CellError(prefix + "Name", "must not be only white space")
    country = _cameo_rows.iso_for_cameo_country(country_code) if country_code else None
    try:
        return Actor(name=name or code, country=country, cameo_code=code or None)
    except ValidationError as error:
        raise CellError(prefix + "Code", error.reason) from None


def _number_cell(column: str, cell: str, limit: float) -> float | None:
    if cell == "":
        return None
    value, reason = python_number(cell)
    if reason is not None:
        raise CellError(column, reason)
    assert value is not None
    if not -limit <= value <= limit:
        raise CellError(column, f"must be between -{limit:g} and {limit:g}")
    return value


def _geo(prefix: str, kind: str, fips: str, lat: str, long: str
         ) -> tuple[str | None, float | None, float | None]:
    if kind not in _GEO_TYPES:
        raise CellError(prefix + "_Type", "must be a GDELT geography type, 0 to 5")
    country = None
    if fips:
        try:
            country = places.fips_to_iso(fips)
        except UnknownCodeError:
            raise CellError(prefix + "_CountryCode", "is not a FIPS 10-4 country code") from None
    latitude = _number_cell(prefix + "_Lat", lat, 90.0)
    longitude = _number_cell(prefix + "_Long", long, 180.0)
    if (latitude is None) != (longitude is None):
        missing = prefix + ("_Lat" if latitude is None else "_Long")
        raise CellError(missing, "latitude and longitude go together")
    return country, latitude, longitude


def _location(kind: str, fips: str, lat: str, long: str, name: str) -> Location | None:
    country, latitude, longitude = _geo("ActionGeo", kind, fips, lat, long)
    if not name.strip():
        return None
    try:
        return Location(name=name, country=country, latitude=latitude, longitude=longitude,
                        precision=_GEO_PRECISION.get(kind))
    except ValidationError as error:  # the typed reader's safety net: no column
        raise CellError(None, str(error)) from None


# -- the source URL ---------------------------------------------------------------------------


def _source_name(url: str) -> str:
    """The typed reader's source name for a ``SOURCEURL`` cell."""
    if "://" in url and WHITE_SPACE.search(url) is None:
        try:
            host = urlsplit(url).hostname
        except ValueError:
            host = None
        if host and host.startswith("www."):
            host = host[4:]
        return host or url
    return url


def _sources(urls: Any) -> Any:
    """The ``sources`` column: one source per non-blank URL (name: its host, else itself)."""
    count = len(urls)
    # Blank (only white space, as Python's str.strip() sees it) or not; Python decides for
    # the URLs that are not ASCII.
    present = mask(pc.match_substring_regex(urls, "[^" + WHITE[1:]))
    unsure = ~mask(pc.string_is_ascii(urls))
    for row in np.flatnonzero(unsure).tolist():
        present[row] = bool(urls[row].as_py().strip())
    # One pass of the URL pattern (ASCII, no white space): the host, or null.
    found = pc.extract_regex(urls, _SIMPLE_URL)
    simple = mask(found.is_valid()) & ~unsure
    hosts = pc.fill_null(pc.struct_field(found, [0]), "")
    hosts = pc.ascii_lower(hosts)
    hosts = pc.if_else(pc.starts_with(hosts, "www."), pc.utf8_slice_codeunits(hosts, 4), hosts)
    names = pc.if_else(pc.equal(hosts, ""), urls, hosts).to_pylist()
    with_url = simple.copy()
    for row in np.flatnonzero(present & ~simple).tolist():
        url = urls[row].as_py()
        names[row] = _source_name(url)
        with_url[row] = "://" in url and WHITE_SPACE.search(url) is None
    kept = np.flatnonzero(present)
    offsets = np.zeros(count + 1, dtype=np.int32)
    offsets[1:] = np.cumsum(present)
    url_cells = pc.if_else(pa.array(with_url), urls, pa.scalar(None, pa.string()))
    return struct_list("sources", offsets, len(kept),
                       name=pa.array([names[row] for row in kept.tolist()], pa.string()),
                       url=url_cells.take(pa.array(kept)))


# -- a batch ----------------------------------------------------------------------------------


def _layout_error(name: str) -> Callable[[int], str]:
    layouts = _LAYOUTS

    def reason(count: int) -> str:
        expected = "57 (historical) or 58 (daily)" if name == "gdelt1" else "61"
        text = f"{count} tab-separated fields; a {name} row has {expected}"
        other = "gdelt2" if name == "gdelt1" else "gdelt1"
        if count in layouts[other]:
            text += f" (this looks like a {other} row: read it with format={other!r})"
        return text

    return reason


def _convert(name: str) -> Any:
    def convert(raw: dict[str, Any], columns: tuple[str, ...], lines: Any, context: Context
                ) -> tuple[Any, Errors]:
        errors = Errors(lines, context.source)
        count = len(lines)
        # The line's length, in characters (bytes bound it; Python counts the long ones). A
        # batch smaller than the limit has no line over it.
        size = np.zeros(count, dtype=np.int64)
        if context.may_be_too_long(raw):
            size += len(columns) - 1
            for column in columns:
                size += pc.binary_length(raw[column]).to_numpy(zero_copy_only=False)
        lengths: dict[int, int] = {}
        for row in np.flatnonzero(size > context.max_field).tolist():
            text = b"\t".join(raw[c][row].as_py() for c in columns).decode(
                "utf-8", "surrogateescape")
            if len(text) > context.max_field:
                lengths[row] = len(text)

        def too_long(row: int) -> tuple[str | None, str, Any]:
            return (None, f"a line of {lengths[row]} characters is longer than the limit of "
                          f"{context.max_field} (raise max_field to read it)", None)

        errors.add_each(sorted(lengths), too_long, kind=InputTooLargeError)
        if context.clean():  # every byte so far is UTF-8 without NUL
            cells = {column: raw[column].view(pa.string()) for column in columns}
        else:
            cells = checked_text(raw, columns, errors, context.original)
        date_column = columns[1]
        ids, day = cells["GLOBALEVENTID"], cells[date_column]
        errors.add(not_digits(ids), "GLOBALEVENTID", "must be a whole number", ids)
        errors.add(not_digits(day), date_column, "must be a whole number", day)
        errors.add(~mask(pc.equal(pc.utf8_length(day), 8)), date_column,
                   "must be a date written YYYYMMDD", day)
        parsed = pc.cast(pc.strptime(day, "%Y%m%d", "s", error_is_null=True), pa.date32())
        # strptime rolls 20240231 over to 20240302: a real date is one that writes back.
        real = mask(pc.equal(pc.strftime(parsed, "%Y%m%d"), day)) & ~mask(
            pc.starts_with(day, "0000"))
        errors.add(~real, date_column, "is not a real date", day)
        errors.add(~mask(pc.equal(cells["MonthYear"], pc.utf8_slice_codeunits(day, 0, 6))),
                   "MonthYear", f"does not match {date_column}", cells["MonthYear"])
        errors.add(~mask(pc.equal(cells["Year"], pc.utf8_slice_codeunits(day, 0, 4))),
                   "Year", f"does not match {date_column}", cells["Year"])
        numbers(cells, "FractionDate", errors, optional=False)
        errors.add(not_digits(cells["DATEADDED"], optional=True), "DATEADDED",
                   "must be a whole number", cells["DATEADDED"])
        _event_code(cells, errors)
        caches = context.caches
        actors = [_actor_columns(cells, n, errors, caches) for n in (1, 2)]
        for prefix in ("Actor1Geo", "Actor2Geo"):
            per_distinct(errors, [cells[f"{prefix}_{part}"] for part in
                                   ("Type", "CountryCode", "Lat", "Long")],
                          functools.partial(_geo, prefix), getter(cells),
                          caches.setdefault(prefix, {}))
        place_index, place_values = per_distinct(
            errors, [cells[f"ActionGeo_{part}"] for part in
                     ("Type", "CountryCode", "Lat", "Long", "FullName")],
            _location, getter(cells), caches.setdefault("ActionGeo", {}))
        urls = cells.get("SOURCEURL")
        sources = _sources(urls) if urls is not None else pa.array(
            [[]] * count, SCHEMA.field("sources").type)
        arrays = {
            "id": ids,
            "date_start": parsed,
            "date_end": parsed,
            "date_precision": pa.array(["day"] * count, pa.string()),
            "classifications": classifications(cells["EventCode"]),
            "associates1": pa.array([[]] * count, SCHEMA.field("associates1").type),
            "associates2": pa.array([[]] * count, SCHEMA.field("associates2").type),
            "sources": sources,
            "tags": pa.array([[]] * count, SCHEMA.field("tags").type),
            "extras": extras(name, cells, [*columns[2:], date_column]),
        }
        for n, (index, values) in zip((1, 2), actors, strict=True):
            arrays.update(_actor_arrays(n, index, values))
        arrays.update(_location_arrays(place_index, place_values))
        full = [arrays[field.name] if field.name in arrays
                else pa.nulls(count, field.type) for field in SCHEMA]
        batch = pa.RecordBatch.from_arrays(
            [array if array.type == field.type else array.cast(field.type)
             for array, field in zip(full, SCHEMA, strict=True)], schema=SCHEMA)
        if errors.bad.any():
            batch = batch.filter(pa.array(~errors.bad))
        return batch, errors

    return convert


def _event_code(cells: dict[str, Any], errors: Errors) -> None:
    code = cells["EventCode"]
    indices, found = distinct([code])
    entries: list[Any] = []
    problems: dict[int, str] = {}
    for i, value in enumerate(found):
        try:
            entry = cameo.event(value)
        except UnknownCodeError as error:
            problems[i] = str(error)
            entries.append(None)
            continue
        if entry.code != value:
            problems[i] = f"must be written {entry.code!r}"
        entries.append(entry)
    if problems:
        failing = np.isin(indices, np.asarray(list(problems), dtype=indices.dtype))
        errors.add_each(np.flatnonzero(failing), lambda row: (
            "EventCode", problems[int(indices[row])], code[row].as_py()))
    for column, expected, what in (
        ("EventBaseCode", _base, "base"),
        ("EventRootCode", _root, "root"),
        ("QuadClass", _quad, "QuadClass"),
    ):
        wanted = [None if e is None else expected(e) for e in entries]
        differs = ~mask(pc.equal(cells[column], take(wanted, indices, pa.string())))

        def mismatch(row: int, c: str = column, w: str = what, values: list[Any] = wanted
                     ) -> tuple[str | None, str, Any]:
            return (c, f"does not match EventCode {code[row].as_py()} (its {w} is "
                       f"{values[int(indices[row])]})", cells[c][row].as_py())

        errors.add_each(np.flatnonzero(differs), mismatch)
    numbers(cells, "GoldsteinScale", errors, optional=False, limit=10.0)
    errors.add(~mask(pc.is_in(cells["IsRootEvent"], pa.array(["", "0", "1"]))),
               "IsRootEvent", "must be 0 or 1", cells["IsRootEvent"])
    for column in ("NumMentions", "NumSources", "NumArticles"):
        errors.add(not_digits(cells[column], optional=True), column, "must be a whole number",
                   cells[column])
    numbers(cells, "AvgTone", errors, limit=100.0)


def _base(entry: Any) -> str:
    return str(entry.base or entry.code)


def _root(entry: Any) -> str:
    return str(entry.root)


def _quad(entry: Any) -> str:
    return str(entry.quad_class)


_LISTS: dict[str, Callable[[], Any]] = {
    "CountryCode": cameo.actor_countries,
    "KnownGroupCode": cameo.known_groups,
    "EthnicCode": cameo.ethnic_codes,
    "Religion1Code": cameo.religion_codes,
    "Religion2Code": cameo.religion_codes,
    "Type1Code": cameo.actor_roles,
    "Type2Code": cameo.actor_roles,
    "Type3Code": cameo.actor_roles,
}


@functools.cache
def _canonical(part: str) -> Any:
    """The codes a code-book column may hold as they are (and the empty cell)."""
    return pa.array(["", *(entry.code for entry in _LISTS[part]())], pa.string())


def _actor_columns(cells: dict[str, Any], n: int, errors: Errors,
                   caches: dict[str, dict[str, Any]]) -> Any:
    prefix = f"Actor{n}"
    for part, lookup in _ACTOR_LOOKUPS:  # the code-book columns, in the typed reader's order
        column = prefix + part
        # A canonical code (or nothing) is right; Python decides for the other cells.
        other = ~mask(pc.is_in(cells[column], _canonical(part)))

        def check(cell: str, column: str = column, find: Any = lookup,
                  lower: bool = part == "EthnicCode") -> None:
            check_code(column, cell, find, lower=lower)

        check_rows(errors, cells[column], np.flatnonzero(other), check, column,
                   caches.setdefault(column, {}))
    return per_distinct(errors, [cells[prefix + part] for part in
                                  ("Code", "Name", "CountryCode")],
                         functools.partial(_actor, prefix), getter(cells),
                         caches.setdefault(prefix, {}))


def _actor_arrays(n: int, index: Any, actors: list[Actor | None]) -> dict[str, Any]:
    prefix = f"actor{n}_"
    return {
        prefix + "name": take([a.name if a else None for a in actors], index, pa.string()),
        prefix + "country": take([a.country if a else None for a in actors], index,
                                  pa.string()),
        prefix + "cameo_code": take([a.cameo_code if a else None for a in actors], index,
                                     pa.string()),
        prefix + "aliases": pa.ListArray.from_arrays(
            pa.array(np.zeros(len(index) + 1, dtype=np.int32)), pa.array([], pa.string()),
            mask=pa.array(np.asarray([a is None for a in actors], dtype=bool)[index])),
    }


def _location_arrays(index: Any, places_: list[Location | None]) -> dict[str, Any]:
    def column(get: Callable[[Location], Any], kind: Any) -> Any:
        return take([None if p is None else get(p) for p in places_], index, kind)

    return {
        "location_name": column(lambda p: p.name, pa.string()),
        "location_country": column(lambda p: p.country, pa.string()),
        "location_latitude": column(lambda p: p.latitude, pa.float64()),
        "location_longitude": column(lambda p: p.longitude, pa.float64()),
        "location_precision": column(lambda p: p.precision.value if p.precision else None,
                                     pa.string()),
    }


_LAYOUTS: dict[str, dict[int, tuple[str, ...]]] = {
    "gdelt1": {57: COLUMNS_HISTORICAL, 58: COLUMNS_DAILY},
    "gdelt2": {61: COLUMNS_V2},
}
FORMATS = {
    name: TabularFormat(name, layouts, _convert(name), _layout_error(name))
    for name, layouts in _LAYOUTS.items()
}
