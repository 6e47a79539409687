"""Hypothesis strategies for ACLED data: events ACLED can represent, and raw rows, valid or
broken in a chosen way.

>>> from hypothesis import given
>>> from conflictevents.strategies import acled as acled_strategies
>>> @given(acled_strategies.acled_events())
... def test_has_an_acled_type(event):
...     assert event.classification("acled") is not None
>>> test_has_an_acled_type()
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from conflictevents import places
from conflictevents.codes import acled as acled_codes
from conflictevents.errors import UnknownCodeError
from conflictevents.formats import acled
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
    Source,
)
from conflictevents.strategies import country_codes, dates, identifiers, texts

__all__ = [
    "BREAKAGES",
    "acled_actors",
    "acled_classifications",
    "acled_dates",
    "acled_events",
    "acled_legacy_classifications",
    "acled_locations",
    "acled_rows",
    "broken_acled_rows",
    "list_items",
]


def list_items(*, max_size: int = 30) -> st.SearchStrategy[str]:
    """Text that can be an item of one of ACLED's ``;``-separated lists (no ``;``)."""
    return texts(max_size=max_size).filter(lambda text: ";" not in text)


def acled_dates() -> st.SearchStrategy[EventDate]:
    """A day with ACLED's time precision: ``DAY``, ``WEEK`` or ``MONTH`` (start = end)."""
    return st.builds(
        lambda day, precision: EventDate(day, day, precision),
        dates(),
        st.sampled_from([DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH]),
    )


def acled_classifications(
    *, disorder: bool = True
) -> st.SearchStrategy[tuple[Classification, ...]]:
    """An ACLED sub-event type with its event type and, with *disorder*, its disorder type
    (rows in the current layout always have one)."""
    subs = list(acled_codes.sub_event_types())
    return st.builds(
        lambda sub: (
            (Classification("acled", sub.name, parent=sub.event_type),)
            + ((Classification("acled_disorder", sub.disorder_type),) if disorder else ())
        ),
        st.sampled_from(subs),
    )


def acled_legacy_classifications() -> st.SearchStrategy[tuple[Classification, ...]]:
    """One of ACLED's nine event types before 2019 (scheme ``acled_legacy``), with what the
    crosswalks derive from it, as the reader gives them for a file without
    ``sub_event_type``."""
    return st.sampled_from(acled._legacy_names()).map(acled._legacy_classifications)


def acled_actors(*, with_kind: bool = True) -> st.SearchStrategy[Actor]:
    """An actor as ACLED has them: a name and (with *with_kind*) maybe an actor type."""
    kinds = st.none() | st.sampled_from(list(ActorKind)) if with_kind else st.none()
    return st.builds(Actor, name=list_items(), kind=kinds)


def _admin1_code(admin1: str | None, country: str | None) -> str | None:
    if admin1 is None or country is None:
        return None
    try:
        return places.subdivision_code(admin1, country)
    except UnknownCodeError:
        return None


@st.composite
def acled_locations(draw: st.DrawFn) -> Location:
    """A place as an ACLED row describes it (ISO 3166-2 code as the reader finds it)."""
    country = draw(st.none() | country_codes())
    admin1 = draw(st.none() | texts(max_size=20) | st.sampled_from(["Aleppo", "Hama", "Homs"]))
    coordinates = draw(st.none() | st.tuples(
        st.floats(min_value=-90, max_value=90, allow_nan=False),
        st.floats(min_value=-180, max_value=180, allow_nan=False),
    ))
    return Location(
        name=draw(texts(max_size=30)),
        country=country,
        admin1=admin1,
        admin2=draw(st.none() | texts(max_size=20)),
        admin3=draw(st.none() | texts(max_size=20)),
        latitude=None if coordinates is None else coordinates[0],
        longitude=None if coordinates is None else coordinates[1],
        precision=draw(st.none() | st.sampled_from(
            [GeoPrecision.EXACT, GeoPrecision.NEAR, GeoPrecision.ADMIN1])),
        admin1_code=_admin1_code(admin1, country),
    )


def _notes() -> st.SearchStrategy[str]:
    return texts(max_size=120) | st.builds(lambda a, b: f"{a}\n{b}", texts(), texts())


def _extras() -> st.SearchStrategy[dict[str, dict[str, str]]]:
    columns = st.fixed_dictionaries({}, optional={
        "region": st.sampled_from(["Middle East", "Europe", "Eastern Africa"]),
        "timestamp": st.integers(min_value=1_000_000_000, max_value=2_000_000_000).map(str),
        "civilian_targeting": st.just("Civilian targeting"),
        "source_scale": st.sampled_from(["National", "National-International", "New media"]),
    })
    return columns.map(lambda found: {"acled": found} if found else {})


def acled_events(**overrides: Any) -> st.SearchStrategy[Event]:
    """An :class:`~conflictevents.Event` that an ACLED row represents exactly: writing it
    with :func:`conflictevents.formats.acled.write` and reading it back gives it again.

    Keyword arguments replace a field's strategy, as for
    :func:`conflictevents.strategies.events`.
    """
    fields: dict[str, st.SearchStrategy[Any]] = {
        "id": identifiers(),
        "date": acled_dates(),
        "classifications": acled_classifications(),
        "actor1": st.none() | acled_actors(),
        "actor2": st.none() | acled_actors(),
        "associates1": st.lists(acled_actors(with_kind=False), max_size=2).map(tuple),
        "associates2": st.lists(acled_actors(with_kind=False), max_size=2).map(tuple),
        "location": st.none() | acled_locations(),
        "fatalities": st.none() | st.integers(min_value=0, max_value=10_000).map(Fatalities),
        "sources": st.lists(list_items().map(Source), max_size=3).map(tuple),
        "notes": st.none() | _notes(),
        "tags": st.lists(list_items(max_size=20), max_size=3).map(tuple),
        "extras": _extras(),
    }
    fields.update(overrides)
    return st.builds(Event, **fields)


def acled_rows(layout: str = "current") -> st.SearchStrategy[list[str]]:
    """The cells of one valid row in *layout* (``"current"`` or ``"legacy"``)."""
    return acled_events().map(lambda event: list(acled.rows([event], layout=layout))[1])


BREAKAGES: tuple[str, ...] = (
    "sub_event_type", "event_date", "time_precision", "latitude", "longitude",
    "fatalities", "inter1", "geo_precision", "event_id_cnty", "too_few_cells",
    "too_many_cells",
)
"""The ways :func:`broken_acled_rows` can break a row."""

_BROKEN_VALUES: dict[str, st.SearchStrategy[str]] = {
    # an event or sub-event type the code book lacks is read (with a warning), not refused;
    # a row of the 2019 taxonomy without its sub-event type is refused
    "sub_event_type": st.sampled_from(["", " "]),
    "event_date": st.sampled_from(["2024-13-05", "32 December 2024", "yesterday", "2024/12/5",
                                   "05.12.2024"]),
    "time_precision": st.sampled_from(["0", "4", "day", "1.5"]),
    "latitude": st.sampled_from(["300", "-90.5", "north", "nan", "inf"]),
    "longitude": st.sampled_from(["181", "-200", "east"]),
    "fatalities": st.sampled_from(["-1", "many", "3.5", "1e3", "ten"]),
    "inter1": st.sampled_from(["9", "Soldiers", "-1"]),
    "geo_precision": st.sampled_from(["0", "4", "exact"]),
    "event_id_cnty": st.sampled_from(["", "   "]),
}


@st.composite
def broken_acled_rows(
    draw: st.DrawFn, kind: str | None = None
) -> tuple[list[str], str | int, str]:
    """One row of :data:`~conflictevents.formats.acled.CURRENT_LAYOUT` broken in one way.

    :param kind: one of :data:`BREAKAGES` (any of them by default).
    :returns: ``(cells, column, kind)``: the cells, the column the reader's error names (a
        column name, or the 1-based position of the first extra cell), and the kind.
    """
    chosen = kind if kind is not None else draw(st.sampled_from(BREAKAGES))
    cells = draw(acled_rows())
    layout = acled.CURRENT_LAYOUT
    if chosen == "too_few_cells":
        keep = draw(st.integers(min_value=1, max_value=len(cells) - 1))
        return cells[:keep], layout[keep], chosen
    if chosen == "too_many_cells":
        return [*cells, draw(texts(max_size=10))], len(layout) + 1, chosen
    position = layout.index(chosen)
    if chosen in ("latitude", "longitude"):
        partner = "longitude" if chosen == "latitude" else "latitude"
        cells[layout.index(partner)] = "10"
    if chosen == "sub_event_type":
        # "Violence against civilians" alone is also an event type of the old taxonomy
        cells[layout.index("event_type")] = "Battles"
    if chosen == "inter1":
        # a type the code book lacks is kept for an actor; without an actor it is an error
        cells[layout.index("actor1")] = ""
    cells[position] = draw(_BROKEN_VALUES[chosen])
    return cells, chosen, chosen
