"""Hypothesis strategies for HXL-tagged CSV: events the format carries without loss.

HXL rows carry names only (no actor kinds or codes), one fatality count, source names, and
the ACLED and CAMEO classifications as coded; names that contain ``;`` cannot be listed in
one cell, so these strategies leave ``;`` out.
"""

from __future__ import annotations

from hypothesis import strategies as st

from conflictevents.model import (
    Actor,
    Classification,
    Event,
    Fatalities,
    GeoPrecision,
    Location,
    Source,
)
from conflictevents.strategies import country_codes, event_dates, identifiers, texts

__all__ = ["events", "names"]


def names() -> st.SearchStrategy[str]:
    """Names without ``;`` (the list separator of HXL cells) nor surrounding spaces."""
    return texts(max_size=30).map(lambda s: s.replace(";", ",")).map(str.strip).filter(bool)


@st.composite
def _locations(draw: st.DrawFn) -> Location:
    point = draw(st.none() | st.tuples(st.floats(-90, 90, allow_nan=False),
                                       st.floats(-180, 180, allow_nan=False)))
    return Location(
        name=draw(names()), country=draw(st.none() | country_codes()),
        admin1=draw(st.none() | names()), admin2=draw(st.none() | names()),
        admin3=draw(st.none() | names()),
        latitude=point[0] if point else None, longitude=point[1] if point else None,
        precision=draw(st.none() | st.sampled_from(list(GeoPrecision))),
    )


def _classifications() -> st.SearchStrategy[tuple[Classification, ...]]:
    from conflictevents.codes import acled as acled_codes
    from conflictevents.codes import cameo as cameo_codes

    sub_event_types = [(s.name, s.event_type) for s in acled_codes.sub_event_types()]
    acled = st.builds(
        lambda pair, with_parent: Classification(
            "acled", pair[0], parent=pair[1] if with_parent else None),
        st.sampled_from(sub_event_types), st.booleans())
    cameo = st.sampled_from([e.code for e in cameo_codes.events()]).map(
        lambda c: Classification("cameo", c))
    return st.tuples(st.none() | acled, st.none() | cameo).map(
        lambda pair: tuple(c for c in pair if c is not None))


def events() -> st.SearchStrategy[Event]:
    """Events that HXL-tagged CSV carries without loss."""
    return st.builds(
        Event,
        id=identifiers(),
        date=event_dates(),
        classifications=_classifications(),
        actor1=st.none() | names().map(Actor),
        actor2=st.none() | names().map(Actor),
        associates1=st.lists(names().map(Actor), max_size=2).map(tuple),
        associates2=st.lists(names().map(Actor), max_size=2).map(tuple),
        location=st.none() | _locations(),
        fatalities=st.none() | st.integers(0, 10_000).map(Fatalities),
        sources=st.lists(names().map(Source), max_size=2).map(tuple),
        notes=st.none() | texts(max_size=200),
        tags=st.lists(names(), max_size=2).map(tuple),
    )
