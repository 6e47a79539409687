"""Hypothesis strategies for every core type, for your own property-based tests.

Needs the ``hypothesis`` extra (``pip install conflictevents[hypothesis]``). Every value a
strategy generates is valid (it was built by the core types' own constructors); shrinking
gives small, readable values (short ASCII names, early dates, no optional fields).

>>> from hypothesis import given
>>> from conflictevents import strategies
>>> @given(strategies.events())
... def test_every_event_has_an_id(event):
...     assert event.id
>>> test_every_event_has_an_id()
"""

from __future__ import annotations

import datetime as _dt
import functools
from typing import Any

try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError(
        "conflictevents.strategies needs hypothesis: pip install 'conflictevents[hypothesis]'"
    ) from error

import pycountry

from conflictevents import places
from conflictevents.model import (
    Actor,
    ActorKind,
    Channel,
    Claim,
    Classification,
    Completeness,
    ControlChange,
    DatePrecision,
    Event,
    EventDate,
    Fatalities,
    GeoPrecision,
    Grading,
    Location,
    Record,
    Source,
    Stance,
)

__all__ = [
    "actors",
    "claims",
    "classifications",
    "control_changes",
    "country_codes",
    "dates",
    "event_dates",
    "events",
    "extras",
    "fatalities",
    "gradings",
    "identifiers",
    "locations",
    "records",
    "sources",
    "texts",
]

_MIN_DATE = _dt.date(1946, 1, 1)
_MAX_DATE = _dt.date(2099, 12, 31)

# Letters first so that shrinking ends on "a"; then the text conflict data really has.
_ALPHABET = st.characters(
    codec="utf-8",
    categories=("L", "N", "P", "Zs", "S", "M"),
    exclude_characters="\x00\u2028\u2029\x85",
)


def texts(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """Non-empty one-line text that is not only white space, trimmed (names, notes).

    >>> from hypothesis import find
    >>> text = find(texts(max_size=5), lambda text: " " in text)
    >>> text == text.strip(), "  " in text, len(text) <= 5
    (True, False, True)
    """
    return (
        st.text(_ALPHABET, min_size=1, max_size=max_size)
        .map(lambda s: " ".join(s.split()))
        .filter(bool)
    )


def identifiers() -> st.SearchStrategy[str]:
    """Record identifiers such as ``SYR12345``.

    >>> import re
    >>> from hypothesis import find
    >>> identifier = find(identifiers(), lambda identifier: len(identifier) >= 6)
    >>> re.fullmatch("[A-Z]{3}[0-9]{3,7}", identifier) is not None
    True
    """
    return st.from_regex(r"[A-Z]{3}[0-9]{1,7}", fullmatch=True)


@functools.cache
def _country_list() -> list[str]:
    return list(places.country_codes())


def country_codes() -> st.SearchStrategy[str]:
    """ISO 3166-1 alpha-3 codes (and ``XKX``).

    >>> from hypothesis import find
    >>> code = find(country_codes(), lambda code: code.startswith("S"))
    >>> places.is_country_code(code)
    True
    """
    return st.sampled_from(_country_list())


def dates() -> st.SearchStrategy[_dt.date]:
    """Days from 1946 (the start of UCDP's data) to 2099.

    >>> from hypothesis import find
    >>> day = find(dates(), lambda day: day.year >= 2024)
    >>> type(day).__name__, 2024 <= day.year <= 2099
    ('date', True)
    """
    return st.dates(min_value=_MIN_DATE, max_value=_MAX_DATE)


@st.composite
def event_dates(draw: st.DrawFn, precision: DatePrecision | None = None) -> EventDate:
    """An :class:`EventDate` of any (or the given) precision.

    >>> from hypothesis import find
    >>> date = find(event_dates(DatePrecision.MONTH), lambda date: date.earliest.year >= 2024)
    >>> date.precision, date.earliest.day
    (<DatePrecision.MONTH: 'month'>, 1)
    """
    chosen = precision if precision is not None else draw(st.sampled_from(list(DatePrecision)))
    start = draw(dates())
    if chosen is DatePrecision.DAY:
        return EventDate.day(start)
    if chosen is DatePrecision.MONTH:
        return EventDate.month_of(start.year, start.month)
    if chosen is DatePrecision.YEAR:
        return EventDate.year_of(start.year)
    length = draw(st.integers(min_value=0, max_value=6 if chosen is DatePrecision.WEEK else 30))
    end = min(start + _dt.timedelta(days=length), _MAX_DATE)
    return EventDate(start, end, chosen)


@st.composite
def fatalities(draw: st.DrawFn) -> Fatalities:
    """A :class:`Fatalities`, with a range half of the time."""
    best = draw(st.integers(min_value=0, max_value=5000))
    if not draw(st.booleans()):
        return Fatalities(best)
    low = draw(st.none() | st.integers(min_value=0, max_value=best))
    high = draw(st.none() | st.integers(min_value=best, max_value=best + 5000))
    return Fatalities(best, low, high)


def _urls() -> st.SearchStrategy[str]:
    return st.from_regex(r"https://[a-z]{1,10}\.(org|com|net)/[a-z0-9/]{0,20}", fullmatch=True)


def sources() -> st.SearchStrategy[Source]:
    """A :class:`Source`."""
    return st.builds(
        Source,
        name=texts(),
        url=st.none() | _urls(),
        published=st.none() | dates(),
        scale=st.none() | st.sampled_from(["National", "Subnational", "International",
                                           "Regional", "New media", "Other"]),
    )


def gradings() -> st.SearchStrategy[Grading]:
    """An Admiralty :class:`Grading`, ``A1`` to ``F6``.

    >>> from hypothesis import find
    >>> grading = find(gradings(), lambda grading: grading.reliability.name > "B")
    >>> type(grading).__name__, str(grading)[0] in "CDEF"
    ('Grading', True)
    """
    return st.builds(Grading, st.sampled_from("ABCDEF"), st.integers(min_value=1, max_value=6))


def _cameo_actor_codes() -> st.SearchStrategy[str]:
    roles = st.sampled_from(["GOV", "MIL", "REB", "INS", "OPP", "CVL", "COP", "MED", "NGO"])
    return st.builds(lambda c, r: c + "".join(r), country_codes(),
                     st.lists(roles, max_size=2))


def actors() -> st.SearchStrategy[Actor]:
    """An :class:`Actor`.

    >>> from hypothesis import find
    >>> actor = find(actors(), lambda actor: actor.country is not None)
    >>> type(actor).__name__, places.is_country_code(actor.country)
    ('Actor', True)
    """
    return st.builds(
        Actor,
        name=texts(),
        kind=st.none() | st.sampled_from(list(ActorKind)),
        country=st.none() | country_codes(),
        cameo_code=st.none() | _cameo_actor_codes(),
        aliases=st.lists(texts(max_size=15), max_size=2, unique=True).map(tuple),
    )


def _coordinates() -> st.SearchStrategy[tuple[float, float] | None]:
    return st.none() | st.tuples(
        st.floats(min_value=-90, max_value=90, allow_nan=False, allow_infinity=False),
        st.floats(min_value=-180, max_value=180, allow_nan=False, allow_infinity=False),
    )


@functools.cache
def _subdivisions() -> list[tuple[str, str]]:
    alpha2 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    return sorted(
        (alpha2[s.country_code], s.code)
        for s in pycountry.subdivisions
        if not getattr(s, "parent_code", None) and s.country_code in alpha2
    )


@st.composite
def locations(draw: st.DrawFn) -> Location:
    """A :class:`Location`; where it has an ISO 3166-2 code, its country matches.

    >>> from hypothesis import find
    >>> place = find(locations(), lambda place: place.admin1_code is not None)
    >>> place.admin1_code.split("-")[0] == places.country(place.country).alpha2
    True
    """
    coordinates = draw(_coordinates())
    subdivision = draw(st.none() | st.sampled_from(_subdivisions()))
    country = subdivision[0] if subdivision else draw(st.none() | country_codes())
    return Location(
        name=draw(texts()),
        country=country,
        admin1=draw(st.none() | texts()),
        admin2=draw(st.none() | texts()),
        admin3=draw(st.none() | texts()),
        latitude=coordinates[0] if coordinates else None,
        longitude=coordinates[1] if coordinates else None,
        precision=draw(st.none() | st.sampled_from(list(GeoPrecision))),
        admin1_code=subdivision[1] if subdivision else None,
    )


@functools.cache
def _coded_schemes() -> dict[str, list[tuple[str, str | None]]]:
    """Every (code, parent) of the schemes with code books, in code-book order."""
    from conflictevents.codes import acled, cameo, plover

    return {
        "acled": [(sub.name, sub.event_type) for sub in acled.sub_event_types()],
        "acled_disorder": [(name, None) for name in acled.DISORDER_TYPES],
        "cameo": [(event.code, None) for event in cameo.events()],
        "plover": [(kind.name, None) for kind in plover.event_types()],
        "ucdp": [("1", None), ("2", None), ("3", None)],
    }


def classifications(
    *, scheme: str | None = None, derived: bool | None = None
) -> st.SearchStrategy[Classification]:
    """A :class:`Classification` with a real code of a scheme the library has a code book for
    (``acled``, ``acled_disorder``, ``cameo``, ``plover``, ``ucdp``), or of *scheme*."""
    flags = st.booleans() if derived is None else st.just(derived)
    schemes = [scheme] if scheme is not None else sorted(_coded_schemes())

    @st.composite
    def build(draw: st.DrawFn) -> Classification:
        chosen = draw(st.sampled_from(schemes))
        code, parent = draw(st.sampled_from(_coded_schemes()[chosen]))
        is_derived = draw(flags)
        via = f"{chosen} crosswalk" if is_derived else None
        return Classification(chosen, code, parent=parent, derived=is_derived, via=via)

    return build()


def extras() -> st.SearchStrategy[dict[str, dict[str, str]]]:
    """Format-specific extras: format name -> column -> text (possibly empty)."""
    column = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,12}", fullmatch=True)
    cell = st.text(_ALPHABET, max_size=20)
    return st.dictionaries(
        st.sampled_from(["acled", "gdelt2", "ucdp-ged"]),
        st.dictionaries(column, cell, max_size=3),
        max_size=2,
    )


def _unique_schemes(items: list[Classification]) -> tuple[Classification, ...]:
    seen: set[tuple[str, bool]] = set()
    kept = []
    for item in items:
        key = (item.scheme, item.derived)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return tuple(kept)


def events(**overrides: Any) -> st.SearchStrategy[Event]:
    """An :class:`Event`. Keyword arguments replace a field's strategy, e.g.
    ``events(location=st.none())``."""
    fields: dict[str, st.SearchStrategy[Any]] = {
        "id": identifiers(),
        "date": event_dates(),
        "classifications": st.lists(classifications(), max_size=3).map(_unique_schemes),
        "actor1": st.none() | actors(),
        "actor2": st.none() | actors(),
        "associates1": st.lists(actors(), max_size=2).map(tuple),
        "associates2": st.lists(actors(), max_size=2).map(tuple),
        "location": st.none() | locations(),
        "fatalities": st.none() | fatalities(),
        "sources": st.lists(sources(), max_size=3).map(tuple),
        "notes": st.none() | texts(max_size=200),
        "tags": st.lists(texts(max_size=20), max_size=3).map(tuple),
        "extras": extras(),
    }
    fields.update(overrides)
    return st.builds(Event, **fields)


def claims(**overrides: Any) -> st.SearchStrategy[Claim]:
    """A :class:`Claim`. Keyword arguments replace a field's strategy."""
    fields: dict[str, st.SearchStrategy[Any]] = {
        "id": identifiers(),
        "statement": texts(max_size=200),
        "claimant": actors() | sources(),
        "quoted": st.booleans(),
        "made_on": st.none() | event_dates(),
        "channel": st.none() | st.sampled_from(list(Channel)),
        "reported_by": st.lists(sources(), max_size=2).map(tuple),
        "stance": st.sampled_from(list(Stance)),
        "about": st.none() | identifiers(),
        "reliability": st.none() | gradings(),
        "date": st.none() | event_dates(),
        "place": st.none() | locations(),
        "holder": st.none() | actors(),
        "fatalities": st.none() | fatalities(),
    }
    fields.update(overrides)
    return st.builds(Claim, **fields)


@st.composite
def control_changes(draw: st.DrawFn) -> ControlChange:
    """A :class:`ControlChange` (a valid one: someone gains or loses, or it is contested).

    >>> from hypothesis import find
    >>> change = find(control_changes(), lambda change: change.previous is not None)
    >>> type(change).__name__, change.previous != change.new
    ('ControlChange', True)
    """
    previous = draw(st.none() | actors())
    contested = draw(st.booleans())
    new = draw(st.none() | actors().filter(lambda a: a != previous))
    if new is None and previous is None and not contested:
        contested = True
    return ControlChange(
        id=draw(identifiers()),
        location=draw(locations()),
        date=draw(event_dates()),
        previous=previous,
        new=new,
        contested=contested,
        completeness=draw(st.sampled_from(list(Completeness))),
        claims=tuple(draw(st.lists(identifiers(), max_size=2))),
        events=tuple(draw(st.lists(identifiers(), max_size=2))),
        derived=draw(st.booleans()),
        notes=draw(st.none() | texts(max_size=100)),
    )


def records() -> st.SearchStrategy[Record]:
    """Any record: an :class:`Event`, a :class:`Claim` or a :class:`ControlChange`."""
    return st.one_of(events(), claims(), control_changes())

