"""Hypothesis strategies for UCDP GED: raw rows, broken rows, and events the format carries.

>>> from hypothesis import given
>>> from conflictevents.strategies import ucdp
>>> @given(ucdp.rows())
... def test_rows_have_an_id(row):
...     assert row["id"]
>>> test_rows_have_an_id()
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from hypothesis import strategies as st

from conflictevents.formats.ucdp import COLUMNS, NAME, RELEASES
from conflictevents.model import Actor, Classification, Event, Location
from conflictevents.strategies import (
    country_codes,
    event_dates,
    fatalities,
    identifiers,
    texts,
)

__all__ = ["BREAKS", "ODDITIES", "broken_rows", "events", "odd_rows", "rows"]

#: Columns the reader maps onto the core types; the others go to the extras as text.
_MODEL = frozenset({
    "id", "year", "type_of_violence", "side_a", "side_b", "where_prec", "where_coordinates",
    "adm_1", "adm_2", "latitude", "longitude", "country", "date_prec", "date_start",
    "date_end", "best", "high", "low",
})
_EXTRA_COLUMNS = [c for c in COLUMNS if c not in _MODEL]


def _locations() -> st.SearchStrategy[Location]:
    coordinates = st.none() | st.tuples(
        st.floats(min_value=-90, max_value=90, allow_nan=False),
        st.floats(min_value=-180, max_value=180, allow_nan=False),
    )

    def build(name: str, country: str | None, admin1: str | None, admin2: str | None,
              point: tuple[float, float] | None, precision: Any) -> Location:
        return Location(name=name, country=country, admin1=admin1, admin2=admin2,
                        latitude=point[0] if point else None,
                        longitude=point[1] if point else None, precision=precision)

    from conflictevents.model import GeoPrecision

    return st.builds(build, texts(), st.none() | country_codes(), st.none() | texts(),
                     st.none() | texts(), coordinates,
                     st.none() | st.sampled_from(list(GeoPrecision)))


def _extras() -> st.SearchStrategy[dict[str, dict[str, str]]]:
    cells = st.dictionaries(st.sampled_from(_EXTRA_COLUMNS), texts(max_size=30), max_size=4)
    return cells.map(lambda d: {NAME: d} if d else {})


def events(*, derive: bool = False) -> st.SearchStrategy[Event]:
    """Events that UCDP GED carries without loss: writing one and reading it back (with the
    same ``derive``) gives an equal event.

    :param derive: add the ACLED classification the reader derives with ``derive=True``.
    """
    from conflictevents.codes import ucdp as codes

    def classify(code: str | None) -> tuple[Classification, ...]:
        if code is None:
            return ()
        found = [Classification("ucdp", code)]
        mapped = codes.to_acled(code)
        if derive and mapped is not None:
            found.append(Classification("acled", mapped.targets[1], parent=mapped.targets[0],
                                        derived=True, via=codes.VIA))
        return tuple(found)

    return st.builds(
        Event,
        id=identifiers(),
        date=event_dates(),
        classifications=(st.none() | st.sampled_from(["1", "2", "3"])).map(classify),
        actor1=st.none() | texts().map(Actor),
        actor2=st.none() | texts().map(Actor),
        location=st.none() | _locations(),
        fatalities=st.none() | fatalities(),
        extras=_extras(),
    )


@st.composite
def rows(draw: st.DrawFn, release: str = "20.1") -> dict[str, str]:
    """A valid raw row of a release's layout (:data:`~conflictevents.formats.ucdp.RELEASES`:
    ``"20.1"``, the 49 columns of 20.1 to 25.1 and the Candidate files, or ``"19.1"``),
    column name -> cell text, in the release's column order, written as UCDP writes it:
    dates with a time part half of the time, country names as UCDP spells them, a
    Gleditsch-Ward number for state sides, ``number_of_sources`` ``-1``, coordinates that
    may look like integers."""
    columns = RELEASES[release]
    date = draw(event_dates())
    with_time = draw(st.booleans())

    def day(value: _dt.date) -> str:
        return value.isoformat() + (" 00:00:00.000" if with_time else "")

    code = {"day": "1", "span": "2", "week": "3", "month": "4", "year": "5"}[
        date.precision.value]
    best = draw(st.integers(0, 500))
    low = draw(st.integers(0, best))
    high = draw(st.integers(best, best + 500))
    latitude = draw(st.floats(-90, 90, allow_nan=False).map(lambda v: round(v, 6)))
    longitude = draw(st.floats(-180, 180, allow_nan=False).map(lambda v: round(v, 6)))
    whole = draw(st.booleans())
    country, gwno = draw(st.sampled_from([
        ("Syria", "652"), ("Russia (Soviet Union)", "365"), ("Yemen (North Yemen)", "678"),
        ("DR Congo (Zaire)", "490"), ("Afghanistan", "700"), ("Myanmar (Burma)", "775")]))
    row = dict.fromkeys(columns, "")
    row.update({
        "id": str(draw(st.integers(1, 10**7))),
        "year": str(date.start.year),
        "active_year": draw(st.sampled_from(["0", "1"])),
        "type_of_violence": draw(st.sampled_from(["1", "2", "3"])),
        "side_a": draw(texts()),
        "side_b": draw(texts()),
        "gwnoa": draw(st.sampled_from(["", gwno])),
        "number_of_sources": draw(st.sampled_from(["-1", "1", "2"])),
        "where_prec": str(draw(st.integers(1, 7))),
        "where_coordinates": draw(texts()),
        "adm_1": draw(st.just("") | texts()),
        "adm_2": draw(st.just("") | texts()),
        "latitude": str(round(latitude)) if whole else repr(latitude),
        "longitude": str(round(longitude)) if whole else repr(longitude),
        "geom_wkt": f"POINT ({longitude} {latitude})",
        "country": country,
        "country_id": gwno,
        "event_clarity": draw(st.sampled_from(["1", "2"])),
        "date_prec": code,
        "date_start": day(date.start),
        "date_end": day(date.end),
        "best": str(best),
        "low": str(low),
        "high": str(high),
        "deaths_a": str(draw(st.integers(0, best))),
    })
    if "relid" in row:
        row["relid"] = draw(st.from_regex(r"[A-Z]{3}-[0-9]{4}-[1-3]-[0-9]{1,4}-[0-9]{1,4}",
                                          fullmatch=True))
        row["code_status"] = draw(st.sampled_from(["Clear", "Check dyad", "Check deaths"]))
    return {column: row[column] for column in columns}


#: The ways :func:`broken_rows` can break a row so that it cannot be read, and the column each
#: breaks.
BREAKS: dict[str, str] = {
    "date_start": "date_start",
    "date_order": "date_end",
    "latitude": "latitude",
    "latitude_range": "latitude",
    "latitude_missing": "latitude",
    "best": "best",
    "best_digits": "best",
    "id": "id",
}

#: The odd values :func:`odd_rows` can put in a row: codes the code books lack, read all the
#: same and kept as written with an ``unknown-code`` warning naming the column.
ODDITIES: dict[str, str] = {
    "date_prec": "date_prec",
    "where_prec": "where_prec",
    "where_prec_digits": "where_prec",
    "type_of_violence": "type_of_violence",
    "country": "country",
}


@st.composite
def broken_rows(draw: st.DrawFn, kind: str | None = None) -> tuple[dict[str, str], str, str]:
    """A row of :func:`rows` with one field broken: ``(row, kind, column)``.

    :param kind: one of :data:`BREAKS` (any by default).
    """
    chosen = kind if kind is not None else draw(st.sampled_from(sorted(BREAKS)))
    row = draw(rows())
    if chosen == "date_start":
        row["date_start"] = draw(st.sampled_from(["2024-13-01", "05/12/2024", "yesterday",
                                                  "2024-02-30"]))
    elif chosen == "date_order":
        start = _dt.date.fromisoformat(row["date_start"][:10])
        row["date_end"] = (start - _dt.timedelta(days=draw(st.integers(1, 40)))).isoformat()
    elif chosen == "latitude":
        row["latitude"] = draw(st.sampled_from(["north", "inf", "1e999", "3,5", "9" * 5000]))
    elif chosen == "latitude_range":
        row["latitude"] = draw(st.sampled_from(["90.5", "-123", "180"]))
    elif chosen == "latitude_missing":
        row["latitude"] = ""
    elif chosen == "best":
        row["best"] = draw(st.sampled_from(["-3", "many", "2.5", "\u0663"]))
    elif chosen == "best_digits":
        row["best"] = "1" * draw(st.sampled_from([19, 4301, 5000]))
    elif chosen == "id":
        row["id"] = draw(st.sampled_from(["", " "]))
    else:
        raise ValueError(f"unknown kind of break: {chosen!r}")
    return row, chosen, BREAKS[chosen]


@st.composite
def odd_rows(draw: st.DrawFn, kind: str | None = None) -> tuple[dict[str, str], str, str]:
    """A row of :func:`rows` with a code the code books lack in one column:
    ``(row, kind, column)``.

    :param kind: one of :data:`ODDITIES` (any by default).
    """
    chosen = kind if kind is not None else draw(st.sampled_from(sorted(ODDITIES)))
    row = draw(rows())
    if chosen == "date_prec":
        row["date_prec"] = draw(st.sampled_from(["0", "6", "x", "-1"]))
    elif chosen == "where_prec":
        row["where_prec"] = draw(st.sampled_from(["0", "8", "exact"]))
    elif chosen == "where_prec_digits":
        row["where_prec"] = "7" * 5000
    elif chosen == "type_of_violence":
        row["type_of_violence"] = draw(st.sampled_from(["0", "4", "state"]))
    elif chosen == "country":
        row["country"] = draw(st.sampled_from(["Atlantis", "Narnia (Calormen)", "XXX"]))
    else:
        raise ValueError(f"unknown kind of oddity: {chosen!r}")
    return row, chosen, ODDITIES[chosen]
