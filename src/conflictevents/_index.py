"""A spatio-temporal index: grid cells x day buckets, widened by each record's precision.

Private: :mod:`conflictevents.dedupe` (matching, duplicates) uses it to find the records that
can be near a record in space and time without comparing every pair, so that the work grows
with the number of records that can meet, not with the square of all records.

A record is indexed by its point (when it has coordinates) and by every day its date may
denote (:attr:`EventDate.earliest` to :attr:`EventDate.latest`):

* a *fine* record (its place known to within ``fine_km``: EXACT, NEAR or without a stated
  precision) goes into a fine grid (cells of ``fine_deg`` degrees);
* every record with coordinates goes into a coarse grid (cells of ``coarse_deg`` degrees), and
  a *broad* one (ADMIN2, ADMIN1, REGION) also into a coarse grid of broad records only; in
  both, a bucket is split by the first-order division the records name (their ``admin1_code``
  and the skeleton of their ``admin1``), because a place known only to its division or
  coarser cannot be the same place as one in another named division (see
  :func:`~conflictevents._matching.compare_places`): a query skips the divisions it cannot be
  in;
* a record known only to its country (or without coordinates) goes into a bucket of its
  country and day; every record also goes into the bucket of all the records of its country
  and day, which country-wide records search.

A query with a radius (the distance the record's own precision allows) searches: the fine
cells within the radius for a fine record, else the coarse cells; the broad records' coarse
cells within the largest broad radius (a broad record's radius, not the querying record's,
may set the distance a pair is allowed); the country-wide records of its country; and the
records whose dates are too long to be bucketed by day. It may return records that are not
close enough: the caller checks each candidate.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import TypeVar

from conflictevents._matching import name_skeleton
from conflictevents.model import EventDate, GeoPrecision, Location

#: Days a date must span at most to be bucketed day by day; longer ones are kept aside.
MAX_BUCKETED_DAYS = 62
_KM_PER_DEGREE = 111.32
_BROAD = frozenset({GeoPrecision.ADMIN2, GeoPrecision.ADMIN1, GeoPrecision.REGION,
                    GeoPrecision.COUNTRY, GeoPrecision.INTERNATIONAL})

#: A record's first-order division as the index splits buckets by it: ``(ISO code, name
#: skeleton)``, either ``None`` when not named; ``(None, None)`` for a record the rule on
#: divisions does not apply to (finer than ADMIN2).
_Division = tuple[str | None, str | None]
_ANY: _Division = (None, None)
_Grid = dict[tuple[int, int], dict[int, dict[_Division, list[int]]]]


def _division(location: Location) -> _Division:
    if location.precision not in _BROAD:
        return _ANY
    return (location.admin1_code,
            None if location.admin1 is None else name_skeleton(location.admin1))


def _division_of(location: Location) -> _Division:
    """The division a location names, whatever its precision."""
    return (location.admin1_code,
            None if location.admin1 is None else name_skeleton(location.admin1))


def _can_share(query: _Division, bucket: _Division) -> bool:
    """Whether places in the two divisions may be the same place (the rule of
    ``_matching._other_admin1``: codes decide when both have one, else names)."""
    if query[0] is not None and bucket[0] is not None:
        return query[0] == bucket[0]
    if query[1] is not None and bucket[1] is not None:
        return query[1] == bucket[1]
    return True


def _span(cell_deg: float, radius_km: float, latitude: float) -> tuple[int, int]:
    rows = max(1, math.ceil(radius_km / (cell_deg * _KM_PER_DEGREE)))
    shrink = max(math.cos(math.radians(min(89.0, abs(latitude) + cell_deg * rows))), 0.01)
    cols = max(1, math.ceil(radius_km / (cell_deg * _KM_PER_DEGREE * shrink)))
    return rows, cols


class SpaceTimeIndex:
    """Integers (the positions of records in the caller's list) by place and day."""

    def __init__(self, *, fine_km: float = 25.0, fine_deg: float = 0.25,
                 coarse_deg: float = 2.0, pad_days: int = 0) -> None:
        self.fine_km = fine_km
        self.fine_deg = fine_deg
        self.coarse_deg = coarse_deg
        self.pad_days = pad_days
        self._fine: dict[tuple[int, int], dict[int, list[int]]] = {}
        self._coarse: _Grid = {}
        self._broad: _Grid = {}
        self._countrywide: dict[tuple[str, int], list[int]] = {}
        self._countrywide_days: dict[int, list[int]] = {}
        self._country: dict[tuple[str, int], list[int]] = {}
        self._long: list[int] = []
        self._broad_km = 0.0

    @staticmethod
    def _days(date: EventDate, pad: int) -> range | None:
        first = date.earliest.toordinal() - pad
        last = date.latest.toordinal() + pad
        if last - first > MAX_BUCKETED_DAYS + 2 * pad:
            return None
        return range(first, last + 1)

    def add(self, item: int, location: Location | None, date: EventDate,
            radius_km: float) -> None:
        """Index *item*, at *location* on *date*, whose place is known to within
        *radius_km* (``math.inf``: only its country)."""
        days = self._days(date, 0)
        if days is None:
            self._long.append(item)
            return
        country = location.country if location is not None else None
        point = location.coordinates if location is not None else None
        for day in days:
            self._country.setdefault((country or "", day), []).append(item)
        if point is None or math.isinf(radius_km):
            for day in days:
                self._countrywide.setdefault((country or "", day), []).append(item)
                self._countrywide_days.setdefault(day, []).append(item)
            return
        lat, lon = point
        coarse = (math.floor(lat / self.coarse_deg), math.floor(lon / self.coarse_deg))
        assert location is not None
        division = _division_of(location)
        _put_split(self._coarse, coarse, days, division, item)
        if radius_km <= self.fine_km:
            fine = (math.floor(lat / self.fine_deg), math.floor(lon / self.fine_deg))
            _put(self._fine, fine, days, item)
        else:
            self._broad_km = max(self._broad_km, radius_km)
            _put_split(self._broad, coarse, days, _division(location), item)

    def near(self, location: Location | None, date: EventDate, radius_km: float) -> set[int]:
        """The items that may be within reach of a record at *location* on *date* whose
        place is known to within *radius_km*, dates widened by the index's ``pad_days``."""
        found: set[int] = set(self._long)
        days = self._days(date, self.pad_days)
        if days is None:  # a long date: everything of its country, on any day
            days = range(date.earliest.toordinal() - self.pad_days,
                         date.latest.toordinal() + self.pad_days + 1)
        country = location.country if location is not None else None
        point = location.coordinates if location is not None else None
        if point is None or math.isinf(radius_km):
            keys: Iterable[str] = [country, ""] if country else {k for k, _ in self._country}
            for code in keys:
                for day in days:
                    found.update(self._country.get((code, day), ()))
            return found
        for day in days:
            if country:
                found.update(self._countrywide.get((country, day), ()))
                found.update(self._countrywide.get(("", day), ()))
            else:
                found.update(self._countrywide_days.get(day, ()))
        lat, lon = point
        assert location is not None
        if radius_km <= self.fine_km:
            self._cells(self._fine, self.fine_deg, lat, lon, radius_km, days, found)
        else:  # a broad query: the fine records of other divisions are out of reach
            self._split_cells(self._coarse, lat, lon, radius_km, days, _division(location),
                              found)
        if self._broad_km:
            self._split_cells(self._broad, lat, lon, self._broad_km, days,
                              _division_of(location), found)
        return found

    def _split_cells(self, grid: _Grid, lat: float, lon: float, radius_km: float,
                     days: range, division: _Division, found: set[int]) -> None:
        for parts in _buckets(grid, self.coarse_deg, lat, lon, radius_km, days):
            for where, hit in parts.items():
                if _can_share(division, where):
                    found.update(hit)

    @staticmethod
    def _cells(grid: dict[tuple[int, int], dict[int, list[int]]], deg: float, lat: float,
               lon: float, radius_km: float, days: range, found: set[int]) -> None:
        for hit in _buckets(grid, deg, lat, lon, radius_km, days):
            found.update(hit)


_B = TypeVar("_B", list[int], dict[_Division, list[int]])


def _buckets(grid: dict[tuple[int, int], dict[int, _B]], deg: float, lat: float, lon: float,
             radius_km: float, days: range) -> Iterator[_B]:
    """The non-empty buckets of *days* in the cells of *grid* within *radius_km*."""
    rows, cols = _span(deg, radius_km, lat)
    row, col = math.floor(lat / deg), math.floor(lon / deg)
    for r in range(row - rows, row + rows + 1):
        for c in range(col - cols, col + cols + 1):
            cell = grid.get((r, c))
            if cell is None:
                continue
            for day in days:
                hit = cell.get(day)
                if hit:
                    yield hit


def _put(grid: dict[tuple[int, int], dict[int, list[int]]], cell: tuple[int, int],
         days: range, item: int) -> None:
    buckets = grid.setdefault(cell, {})
    for day in days:
        buckets.setdefault(day, []).append(item)


def _put_split(grid: _Grid, cell: tuple[int, int], days: range, division: _Division,
               item: int) -> None:
    buckets = grid.setdefault(cell, {})
    for day in days:
        buckets.setdefault(day, {}).setdefault(division, []).append(item)
