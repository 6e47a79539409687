"""Hypothesis strategies for ICEWS event rows and the events they can carry.

* :func:`events`: events an ICEWS file represents without loss (a numeric id, a day, one
  coded CAMEO event code, actors with a name and a country ICEWS can name, a location whose
  names fit the city/district/province/country columns, at most one source name).
* :func:`raw_rows`: valid data rows (a list of 20 cells), with the variety of the real
  files: ``NA`` and empty cells, unknown country names, ``"-10"`` and ``"-10.0"``.
* :func:`broken_rows`: a valid row with exactly one thing broken (:data:`BREAKAGES`), and
  the column the reader must name.
"""

from __future__ import annotations

import functools

import attrs
from hypothesis import strategies as st

from conflictevents import places
from conflictevents.formats.icews import COLUMNS, MISSING
from conflictevents.model import (
    Actor,
    Event,
    GeoPrecision,
    Location,
    Source,
)
from conflictevents.strategies import dates, texts
from conflictevents.strategies.gdelt import _cameo_events, event_codes

__all__ = ["BREAKAGES", "BrokenRow", "broken_rows", "events", "raw_rows"]

BREAKAGES = (
    "field_count",
    "unknown_event_code",
    "latitude_out_of_range",
    "intensity_not_numeric",
    "id_not_integer",
    "bad_date",
)
"""The ways :func:`broken_rows` can break a row."""


@attrs.frozen
class BrokenRow:
    """A row with one thing broken: its cells, the column the error must name (``None`` for
    a wrong number of fields) and which breakage was applied."""

    cells: list[str]
    column: str | None
    breakage: str


@functools.cache
def _named_countries() -> list[str]:
    """Alpha-3 codes whose English name resolves back to them."""
    found = []
    for code in places.country_codes():
        try:
            if places.resolve_country(places.country_name(code)) == code:
                found.append(code)
        except Exception:  # a name that does not resolve back
            continue
    return found


_NAME = texts(max_size=30).filter(lambda s: s not in MISSING)


@st.composite
def _actors(draw: st.DrawFn) -> Actor:
    return Actor(name=draw(_NAME), country=draw(st.none() | st.sampled_from(_named_countries())))


@st.composite
def _locations(draw: st.DrawFn) -> Location:
    coordinates = draw(st.none() | st.tuples(
        st.floats(-90, 90, allow_nan=False), st.floats(-180, 180, allow_nan=False)))
    latitude = coordinates[0] if coordinates else None
    longitude = coordinates[1] if coordinates else None
    precision = draw(st.sampled_from(
        [GeoPrecision.EXACT, GeoPrecision.ADMIN2, GeoPrecision.ADMIN1, GeoPrecision.COUNTRY]))
    country = draw(st.none() | st.sampled_from(_named_countries()))
    if precision is GeoPrecision.COUNTRY:
        code = country or draw(st.sampled_from(_named_countries()))
        return Location(name=places.country_name(code), country=code, latitude=latitude,
                        longitude=longitude, precision=precision)
    return Location(
        name=draw(_NAME),
        country=country,
        admin1=draw(st.none() | _NAME) if precision is not GeoPrecision.ADMIN1 else None,
        admin2=draw(st.none() | _NAME) if precision is GeoPrecision.EXACT else None,
        latitude=latitude,
        longitude=longitude,
        precision=precision,
    )


def events() -> st.SearchStrategy[Event]:
    """Events an ICEWS file carries without loss."""
    return _cameo_events(max_id=10**10, actors=_actors(), locations=_locations(),
                         sources=st.just(()) | _NAME.map(lambda n: (Source(name=n),)))


_MISSING = st.sampled_from(MISSING)
_COUNTRY_NAMES = st.sampled_from(
    ["Syria", "Ukraine", "Russian Federation", "United States", "Occupied Palestinian Territory",
     "NA", ""])
_SECTORS = st.lists(st.sampled_from(
    ["Government", "Military", "Rebels", "Insurgents", "Executive", "Sunni",
     "Protestors / Popular Opposition / Mobs"]), min_size=1, max_size=3).map(",".join)


def _float_text(limit: float) -> st.SearchStrategy[str]:
    return st.builds(lambda x, f: f.format(x), st.floats(-limit, limit, allow_nan=False),
                     st.sampled_from(["{:.4f}", "{!r}", "{:g}", "{:.0f}"])).filter(
        lambda t: -limit <= float(t) <= limit)


@st.composite
def raw_rows(draw: st.DrawFn) -> list[str]:
    """A valid ICEWS data row (its 20 cells)."""
    code = draw(event_codes())
    coordinates = draw(st.booleans())
    cells = [
        str(draw(st.integers(1, 10**9))),
        draw(dates()).isoformat(),
        draw(_NAME | _MISSING), draw(_SECTORS | _MISSING), draw(_COUNTRY_NAMES),
        draw(texts(max_size=40)), code, draw(_float_text(10)),
        draw(_NAME | _MISSING), draw(_SECTORS | _MISSING), draw(_COUNTRY_NAMES),
        draw(st.integers(1, 10**9).map(str) | _MISSING),
        draw(st.integers(1, 30).map(str) | _MISSING),
        draw(_NAME | _MISSING),
        draw(_NAME | _MISSING), draw(_NAME | _MISSING), draw(_NAME | _MISSING),
        draw(_COUNTRY_NAMES),
        draw(_float_text(90)) if coordinates else draw(_MISSING),
        draw(_float_text(180)) if coordinates else "",
    ]
    if not coordinates:
        cells[-1] = cells[-2]
    return cells


@st.composite
def broken_rows(draw: st.DrawFn, breakage: str | None = None) -> BrokenRow:
    """An ICEWS data row with one thing broken (a random one of :data:`BREAKAGES`, or
    *breakage*)."""
    how = breakage if breakage is not None else draw(st.sampled_from(BREAKAGES))
    if how not in BREAKAGES:
        raise ValueError(f"unknown breakage {how!r}; choose from {BREAKAGES}")
    cells = draw(raw_rows())
    index = {name: i for i, name in enumerate(COLUMNS)}
    column: str | None = None
    if how == "field_count":
        if draw(st.booleans()):
            cells.pop()
        else:
            cells.append("")
    elif how == "unknown_event_code":
        column = "CAMEO Code"
        cells[index[column]] = draw(st.sampled_from(["999", "13y", "21", "", "10 "]))
    elif how == "latitude_out_of_range":
        column = "Latitude"
        cells[index["Longitude"]] = "36.7578"
        cells[index[column]] = draw(st.sampled_from(["90.5", "-91", "135.1318"]))
    elif how == "intensity_not_numeric":
        column = "Intensity"
        cells[index[column]] = draw(st.sampled_from(["high", "-10,0", "nan", "11"]))
    elif how == "id_not_integer":
        column = "Event ID"
        cells[index[column]] = draw(st.sampled_from(["SYR123", "", "12.5", "NA"]))
    else:
        column = "Event Date"
        cells[index[column]] = draw(st.sampled_from(["2024-13-01", "20241205", "05/12/2024"]))
    return BrokenRow(cells, column, how)
