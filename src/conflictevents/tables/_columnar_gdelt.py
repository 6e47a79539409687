"""The columnar reader of GDELT 1.0 and 2.0 event files (private).

The columns are :mod:`conflictevents.formats.gdelt`'s (``COLUMNS_V2``, ``COLUMNS_DAILY``,
``COLUMNS_HISTORICAL``), and so are the answers: the values that come from code books (an
actor, a place, an event code) are computed by the typed reader's own functions, once per
distinct combination of the cells they depend on; the cells checked per row (ids, dates,
numbers, URLs) are checked with :mod:`pyarrow.compute`, and a row those checks cannot vouch
for is read by the typed reader's row function (see :mod:`conflictevents.tables._kernels`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conflictevents.formats import _cameo_rows, gdelt
from conflictevents.formats._policy import ErrorPolicy
from conflictevents.model import Actor, Classification, Event
from conflictevents.tables._kernels import (
    Distinct,
    digits,
    extras_column,
    listed_column,
    mask,
    np,
    numbers_ok,
    pa,
    pc,
    record_batch,
    struct_list,
)
from conflictevents.tables._schema import SCHEMA
from conflictevents.tables._tabular import (
    Found,
    Started,
    TabBatches,
    Warned,
    checked,
    day_stamps,
    row_of,
)

__all__ = ["GdeltBatches"]

# A URL whose host is what urlsplit(url).hostname gives, lower-cased: http(s), a host of
# plain characters and an optional numeric port, then printable ASCII without spaces.
_SCHEMES = pa.array(["http:", "https:"])
_HOST_PORT = r"^[A-Za-z0-9._~!$&'()*+,;=%\-]*(?::[0-9]*)?$"
_GEO_TYPES = pa.array(["", "0", "1", "2", "3", "4", "5"])


class GdeltBatches(TabBatches):
    """Turns the lines of a GDELT file into record batches, block by block."""

    def __init__(self, name: str, source: str, policy: ErrorPolicy, max_field: int) -> None:
        super().__init__(name, gdelt._LAYOUTS[name], source, policy, max_field)
        self._codes = Distinct(checked(self._event_code))
        self._names = Distinct(self._name)
        self._actor_codes = Distinct(self._actor_code)
        self._books = {part: Distinct(self._book(lookup))
                       for part, (lookup, _) in gdelt._ACTOR_LOOKUPS.items()}
        self._fips = Distinct(lambda cell: not cell or _cameo_rows.fips_country(cell)[0])
        self._places = Distinct(checked(self._location))
        self._urls = Distinct(self._url)

    # -- values per distinct key (the typed reader's own functions) -------------------------

    @staticmethod
    def _event_code(key: str) -> tuple[Classification, ...] | None:
        code, base, root, quad = key.split("\t")
        notes: list[Any] = []
        row = {"EventCode": code, "EventBaseCode": base, "EventRootCode": root,
               "QuadClass": quad, "GoldsteinScale": "", "IsRootEvent": "", "NumMentions": "",
               "NumSources": "", "NumArticles": "", "AvgTone": ""}
        found, unknown = gdelt._event_code(row, notes)
        if notes or unknown:
            return None
        return (Classification("cameo", found),)

    @staticmethod
    def _name(cell: str) -> tuple[bool, bool]:
        """Whether an ``Actor*Name`` cell is blank, and whether it is a valid actor name."""
        try:
            Actor(cell)
        except Exception:
            return not cell.strip(), False
        return False, True

    @staticmethod
    def _actor_code(cell: str) -> tuple[bool, str, str | None, bool]:
        """For an ``Actor*Code`` cell: whether it gives no warning, the name it gives a
        nameless actor (the code without spaces), the model's code, whether that name is
        valid."""
        code, parsed = gdelt._actor_code(cell)
        stripped = cell.strip()
        ok = not stripped or (parsed is not None and not parsed.unknown)
        try:
            Actor("x", cameo_code=code)
            valid_name = not stripped or Actor(stripped).name == stripped
        except Exception:
            return False, stripped, None, False
        return ok, stripped, code, valid_name

    @staticmethod
    def _book(lookup: Any) -> Callable[[str], tuple[bool, str | None]]:
        def compute(cell: str) -> tuple[bool, str | None]:
            """Whether a code-book cell is known (or empty), and its ISO country."""
            if not cell:
                return True, None
            found = gdelt._known(lookup, cell)
            if found is None:
                return False, None
            country = _cameo_rows.iso_for_cameo_country(found)
            try:
                country = Actor("x", country=country).country
            except Exception:
                return False, None
            return True, country

        return compute

    @staticmethod
    def _location(key: str) -> Any:
        row = row_of(gdelt._LOCATION_COLUMNS, key)
        return (gdelt._new_location(row, gdelt._new_geo(row, "ActionGeo")),)

    @staticmethod
    def _url(url: str) -> tuple[str, str | None] | None:
        if not url.strip():
            return None
        found = gdelt._source_of(url)
        return found.name, found.url

    # -- a block ----------------------------------------------------------------------------

    def _parse(self, text: str, number: int) -> tuple[Event, list[Warned]]:
        event, notes = gdelt._parse_line(text, self.name, self.source, number,
                                         self.max_field, self.eol)
        return event, [(code, reason, column, value, once)
                       for code, reason, column, value, once in notes]

    def _check(self, cells: dict[str, Any], columns: tuple[str, ...]
               ) -> tuple[Any, dict[str, Any]]:
        """Which rows the vectorised path reads exactly as the typed reader, and the values
        per distinct key it found on the way."""
        date = cells[columns[1]]
        ok = digits(cells["GLOBALEVENTID"])
        ok &= digits(date) & mask(pc.equal(pc.binary_length(date), 8))
        stamps, ok = day_stamps(date, ok, "%Y%m%d", 4, 6)
        ok &= mask(pc.equal(cells["MonthYear"], pc.utf8_slice_codeunits(date, 0, 6)))
        ok &= mask(pc.equal(cells["Year"], pc.utf8_slice_codeunits(date, 0, 4)))
        ok &= numbers_ok(cells["FractionDate"], optional=False)
        ok &= digits(cells["DATEADDED"], optional=True)
        ok &= numbers_ok(cells["GoldsteinScale"], optional=True, limit=10.0)
        ok &= mask(pc.is_in(cells["IsRootEvent"], value_set=pa.array(["", "0", "1"])))
        for column in ("NumMentions", "NumSources", "NumArticles"):
            ok &= digits(cells[column], optional=True)
        ok &= numbers_ok(cells["AvgTone"], optional=True, limit=100.0)
        found = Found(ok, stamps)
        found.distinct("codes", self._codes([cells[c] for c in (
            "EventCode", "EventBaseCode", "EventRootCode", "QuadClass")]))
        for n in (1, 2):
            found.ok &= self._actor_check(cells, n, found.values)
        for prefix in gdelt._GEOS:
            found.ok &= self._geo_check(cells, prefix)
        found.distinct("location", self._places([cells[c] for c in gdelt._LOCATION_COLUMNS]))
        return found.ok, found.values

    def _geo_check(self, cells: dict[str, Any], prefix: str) -> Any:
        """Which rows have a geography block the typed reader reads without a warning (its
        ``_new_geo``): a type 0-5, a FIPS code the table has, coordinates that are numbers
        within range, both empty, or the back files' ``0`` and ``0``."""
        ok = mask(pc.is_in(cells[prefix + "_Type"], value_set=_GEO_TYPES))
        found, indices = self._fips([cells[prefix + "_CountryCode"]])
        ok &= np.asarray(found, dtype=bool)[indices]
        latitude, longitude = cells[prefix + "_Lat"], cells[prefix + "_Long"]
        lat_empty = mask(pc.equal(latitude, ""))
        long_empty = mask(pc.equal(longitude, ""))
        zeros = mask(pc.equal(latitude, "0")) & mask(pc.equal(longitude, "0"))
        numbers = (numbers_ok(latitude, optional=False, limit=90.0)
                   & numbers_ok(longitude, optional=False, limit=180.0))
        return ok & (zeros | (lat_empty & long_empty) | numbers)

    def _actor_check(self, cells: dict[str, Any], n: int, values: dict[str, Any]) -> Any:
        """Which rows have an actor *n* the typed reader reads without a warning; the parts
        of the actors go into *values*."""
        prefix = f"Actor{n}"
        ok = np.ones(len(cells[prefix + "Code"]), dtype=bool)
        for part, compute in self._books.items():
            found, indices = compute([cells[prefix + part]])
            ok &= np.asarray([known for known, _ in found], dtype=bool)[indices]
            if part == "CountryCode":
                country = pa.array([iso for _, iso in found], pa.string()).take(
                    pa.array(indices))
        found, indices = self._names([cells[prefix + "Name"]])
        blank = np.asarray([b for b, _ in found], dtype=bool)[indices]
        name_ok = np.asarray([v for _, v in found], dtype=bool)[indices]
        codes, code_indices = self._actor_codes([cells[prefix + "Code"]])
        code_ok = np.asarray([c[0] for c in codes], dtype=bool)[code_indices]
        stripped = pa.array([c[1] for c in codes], pa.string()).take(pa.array(code_indices))
        model_code = pa.array([c[2] for c in codes], pa.string()).take(pa.array(code_indices))
        code_name_ok = np.asarray([c[3] for c in codes], dtype=bool)[code_indices]
        ok &= code_ok & np.where(blank, code_name_ok, name_ok)
        name = pc.if_else(pa.array(blank), stripped, cells[prefix + "Name"])
        values[f"actor{n}"] = (name, country, model_code)
        return ok

    def _actor_columns(self, n: int, values: dict[str, Any], rows: Any) -> dict[str, Any]:
        keep = pa.array(rows)
        name, country, code = (array.take(keep) for array in values[f"actor{n}"])
        present = pc.not_equal(name, "")
        absent = pc.invert(present)
        size = len(rows)
        field = f"actor{n}"
        aliases_type = SCHEMA.field(f"{field}_aliases").type
        empty = pa.ListArray.from_arrays(pa.array(np.zeros(size + 1, dtype=np.int32)),
                                         pa.array([], pa.string()), type=aliases_type,
                                         mask=absent)
        return {
            f"{field}_name": pc.if_else(present, name, pa.scalar(None, pa.string())),
            f"{field}_kind": pa.nulls(size, pa.int8()),
            f"{field}_country": pc.if_else(present, country, pa.scalar(None, pa.string())),
            f"{field}_cameo_code": pc.if_else(present, code, pa.scalar(None, pa.string())),
            f"{field}_aliases": empty,
        }

    def _build(self, cells: dict[str, Any], columns: tuple[str, ...], ok: Any,
               values: dict[str, Any]) -> Any:
        start = Started(cells, columns, ok, values, "GLOBALEVENTID")
        cells, out, rows, size = start.cells, start.out, start.rows, start.size
        out["classifications"] = listed_column("classifications", *start.spread("codes"))
        for n in (1, 2):
            out.update(self._actor_columns(n, values, rows))
        start.flat("location", "location")
        if "SOURCEURL" in cells:
            out["sources"] = self._sources(cells["SOURCEURL"])
        keys = [*columns[2:], columns[1]]
        texts: list[Any] = [cells[column] for column in keys]
        if self.eol is not None:
            keys.append(gdelt.EOL_KEY)
            texts.append(self.eol)
        out["extras"] = extras_column(self.name, keys, texts, size)
        return record_batch(out)

    def _sources(self, urls: Any) -> Any:
        """The ``sources`` column: for an ``http(s)://host/...`` URL in printable ASCII, the
        host (lower-cased, without ``www.``) and the URL, as ``_source_of`` gives them; the
        other cells through ``_source_of`` itself, once per distinct cell."""
        count = len(urls)
        parts = pc.split_pattern(urls, "/", max_splits=3)
        long = np.flatnonzero(pc.list_value_length(parts).to_numpy(zero_copy_only=False) >= 3)
        simple = np.zeros(count, dtype=bool)
        host = pa.nulls(count, pa.string())
        if long.size:
            split = parts.take(pa.array(long))
            hostport = pc.list_element(split, 2)
            fine = mask(pc.is_in(pc.list_element(split, 0), value_set=_SCHEMES))
            fine &= mask(pc.equal(pc.list_element(split, 1), ""))
            fine &= mask(pc.match_substring_regex(hostport, _HOST_PORT))
            chosen = urls.take(pa.array(long))
            fine &= mask(pc.ascii_is_printable(chosen))
            fine &= ~mask(pc.match_substring(chosen, " "))
            simple[long] = fine
            names = pc.list_element(pc.split_pattern(hostport, ":", max_splits=1), 0)
            spread = np.full(count, -1, dtype=np.int64)
            spread[long] = np.arange(long.size)
            host = names.take(pa.array(np.where(simple, spread, 0))) if long.size else host
        host = pc.utf8_lower(host)
        host = pc.if_else(pc.starts_with(host, "www."), pc.utf8_slice_codeunits(host, 4), host)
        names = pc.if_else(pa.array(simple),
                           pc.if_else(pc.equal(host, ""), urls, host),
                           pa.scalar(None, pa.string()))
        links = urls
        has = simple.copy()
        other = np.flatnonzero(~simple & mask(pc.not_equal(urls, "")))
        if other.size:
            found, indices = self._urls([urls.take(pa.array(other))])
            picked = [found[i] for i in indices.tolist()]
            has[other] = [item is not None for item in picked]
            names = names.to_pylist()
            links = links.to_pylist()
            for row, item in zip(other.tolist(), picked, strict=True):
                if item is not None:
                    names[row], links[row] = item
            names = pa.array(names, pa.string())
            links = pa.array(links, pa.string())
        keep = pa.array(has)
        return struct_list("sources", has, {"name": names.filter(keep),
                                            "url": links.filter(keep)})
