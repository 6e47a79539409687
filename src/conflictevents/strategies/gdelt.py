"""Hypothesis strategies for GDELT 1.0 and 2.0 event rows and the events they can carry.

* :func:`events`: events a GDELT file represents without loss (a numeric id, a day, one
  coded CAMEO event code, actors with CAMEO codes, a location whose country has a FIPS code,
  at most one source with a URL): ``read(write(event))`` gives the same model fields back.
* :func:`raw_rows`: valid rows as GDELT writes them (a list of cells), with the textual
  variety of the real files (``"-10"`` and ``"-10.0"``, ``"35"`` and ``"35.1318"``, empty
  actors, geographies of type 0, source names instead of URLs): every one reads and writes
  back byte for byte.
* :func:`broken_rows`: a valid row with exactly one thing broken in a chosen way
  (:data:`BREAKAGES`), and the column the reader must name in its error.

>>> from hypothesis import given
>>> from conflictevents.strategies import gdelt as gdelt_strategies
>>> @given(gdelt_strategies.raw_rows(version=2))
... def test_rows_have_61_cells(cells):
...     assert len(cells) == 61
>>> test_rows_have_61_cells()
"""

from __future__ import annotations

import functools

import attrs
from hypothesis import strategies as st

from conflictevents import places
from conflictevents.codes import cameo
from conflictevents.formats import _cameo_rows
from conflictevents.formats.gdelt import columns_for
from conflictevents.model import (
    Actor,
    Classification,
    Event,
    EventDate,
    GeoPrecision,
    Location,
    Source,
)
from conflictevents.strategies import dates, texts

__all__ = [
    "BREAKAGES",
    "ODDITIES",
    "BrokenRow",
    "OddRow",
    "actor_codes",
    "broken_rows",
    "event_codes",
    "events",
    "odd_rows",
    "raw_rows",
]

BREAKAGES = (
    "field_count",
    "unknown_event_code",
    "latitude_out_of_range",
    "goldstein_not_numeric",
    "id_not_integer",
    "bad_date",
)
"""The ways :func:`broken_rows` can break a row (each one a located error)."""

ODDITIES = (
    "root_mismatch",
    "unknown_event_code",
    "unknown_fips",
    "unknown_actor_block",
    "month_mismatch",
)
"""The ways :func:`odd_rows` can make a row odd: each one is read as written with a located
warning (:attr:`OddRow.code`), never refused."""


@attrs.frozen
class BrokenRow:
    """A row with one thing broken.

    :ivar cells: the row's cells.
    :ivar column: the column the reader's error must name (``None`` for a wrong number of
        fields, which is a whole-row error).
    :ivar breakage: which of :data:`BREAKAGES` was applied.
    """

    cells: list[str]
    column: str | None
    breakage: str


@attrs.frozen
class OddRow:
    """A valid row with one odd cell: its cells, the column and warning code the reader
    must report, and which oddity was applied."""

    cells: list[str]
    column: str
    code: str
    oddity: str


@functools.cache
def _event_codes() -> list[str]:
    # GDELT's rows hold the codes of GDELT's own table, all of which have a Goldstein score;
    # the CAMEO manual's extra codes (1213...) have none and never occur in GDELT files.
    return [entry.code for entry in cameo.events() if entry.goldstein is not None]


def event_codes() -> st.SearchStrategy[str]:
    """Every CAMEO event code of GDELT's table (strings: ``"010"``)."""
    return st.sampled_from(_event_codes())


@functools.cache
def _cameo_countries() -> list[str]:
    """CAMEO country codes that stand for an ISO country (so that the country round trips)."""
    return [
        entry.code for entry in cameo.actor_countries()
        if _cameo_rows.iso_for_cameo_country(entry.code) is not None
    ]


@functools.cache
def _roles() -> list[str]:
    return [role.code for role in cameo.actor_roles()]


@functools.cache
def _round_trip_countries() -> list[str]:
    """ISO codes whose FIPS code maps back to them."""
    found = []
    for alpha3 in places.country_codes():
        try:
            fips = places.iso_to_fips(alpha3)
        except Exception:  # no FIPS code
            continue
        if places.fips_to_iso(fips) == alpha3:
            found.append(alpha3)
    return found


@functools.cache
def _fips() -> list[str]:
    return [code for code, _, _ in places.fips_codes()]


_NAME = texts(max_size=30)
_UPPER = st.from_regex(r"[A-Z][A-Z ]{0,20}[A-Z]", fullmatch=True)


@st.composite
def _actors(draw: st.DrawFn) -> Actor:
    name = draw(_NAME)
    if draw(st.booleans()):
        country_code = draw(st.none() | st.sampled_from(_cameo_countries()))
        roles = draw(st.lists(st.sampled_from(_roles()), min_size=0 if country_code else 1,
                              max_size=2))
        code = cameo.build_actor_code(country=country_code, roles=roles)
        code += draw(st.sampled_from(["", "", "kur", "nep"]))  # lower case: ethnic codes
        parsed = _cameo_rows.parse_actor_code(code)
        if parsed is None or parsed.country != country_code:
            return Actor(name=name, cameo_code=None)
        country = _cameo_rows.iso_for_cameo_country(country_code) if country_code else None
        return Actor(name=name, country=country, cameo_code=code)
    country = draw(st.none() | st.sampled_from(_cameo_countries()))
    return Actor(name=name, country=_cameo_rows.iso_for_cameo_country(country)
                 if country else None)


@st.composite
def _locations(draw: st.DrawFn) -> Location:
    coordinates = draw(st.none() | st.tuples(
        st.floats(-90, 90, allow_nan=False), st.floats(-180, 180, allow_nan=False)))
    return Location(
        name=draw(_NAME),
        country=draw(st.none() | st.sampled_from(_round_trip_countries())),
        latitude=coordinates[0] if coordinates else None,
        longitude=coordinates[1] if coordinates else None,
        precision=draw(st.sampled_from(
            [GeoPrecision.COUNTRY, GeoPrecision.ADMIN1, GeoPrecision.EXACT])),
    )


def _sources() -> st.SearchStrategy[tuple[Source, ...]]:
    hosts = st.from_regex(r"[a-z]{1,10}\.(org|com|net)", fullmatch=True)

    def build(host: str, path: str) -> tuple[Source, ...]:
        return (Source(name=host, url=f"https://{host}/{path}"),)

    return st.just(()) | st.builds(
        build, hosts, st.from_regex(r"[a-z0-9/]{0,20}", fullmatch=True))


def events(version: int = 2, *, historical: bool = False) -> st.SearchStrategy[Event]:
    """Events GDELT *version* (1 or 2) carries without loss; ``historical=True`` for the
    57-column layout, which has no source URL."""
    return _cameo_events(max_id=10**12, actors=_actors(), locations=_locations(),
                         sources=st.just(()) if historical else _sources())


def _cameo_events(*, max_id: int, actors: st.SearchStrategy[Actor],
                  locations: st.SearchStrategy[Location],
                  sources: st.SearchStrategy[tuple[Source, ...]]) -> st.SearchStrategy[Event]:
    """Events with a numeric id up to *max_id*, a day, one CAMEO event code, and the
    format's own actors, locations and sources (GDELT's and ICEWS's :func:`events`)."""
    return st.builds(
        Event,
        id=st.integers(min_value=1, max_value=max_id).map(str),
        date=dates().map(EventDate.day),
        classifications=event_codes().map(lambda c: (Classification("cameo", c),)),
        actor1=st.none() | actors,
        actor2=st.none() | actors,
        location=st.none() | locations,
        sources=sources,
    )


# -- raw rows ---------------------------------------------------------------------------------


def _float_text(low: float, high: float) -> st.SearchStrategy[str]:
    numbers = st.floats(low, high, allow_nan=False)
    formats = st.sampled_from(["{:.4f}", "{!r}", "{:g}", "{:.0f}", "{:.1f}"])
    return st.builds(lambda x, f: f.format(x), numbers, formats).filter(
        lambda text: low <= float(text) <= high)


_DIGITS = st.integers(min_value=0, max_value=10**6).map(str)


@st.composite
def _actor_block(draw: st.DrawFn) -> list[str]:
    if draw(st.integers(0, 4)) == 0:
        return [""] * 10
    country = draw(st.sampled_from([""] + [c.code for c in cameo.actor_countries()]))
    role = draw(st.sampled_from(["", *_roles()]))
    # Lower-case blocks are CAMEO ethnic codes ("kur", "nepGOV"), which also stand alone.
    ethnic_block = draw(st.sampled_from(["", "", "kur", "sco", "fan"]))
    code = (ethnic_block + role) if ethnic_block and not country else country + role
    name = draw(_UPPER) if code == "" or draw(st.integers(0, 5)) else ""
    if code == "" and not name:
        name = "UNKNOWN"
    group = draw(st.sampled_from(["", *[g.code for g in cameo.known_groups()][:20]]))
    ethnic = ethnic_block or draw(st.sampled_from(
        ["", *[e.code for e in cameo.ethnic_codes()][:20]]))
    religion = draw(st.sampled_from([""] + [r.code for r in cameo.religion_codes()]))
    return [code, name, country, group, ethnic, religion, "", role, "", ""]


@st.composite
def _geo_block(draw: st.DrawFn, adm2: bool) -> list[str]:
    empty = ["0", "", "", ""] + ([""] if adm2 else []) + ["", "", ""]
    if draw(st.integers(0, 3)) == 0:
        return empty
    kind = draw(st.sampled_from(["1", "2", "3", "4", "5"]))
    fips = draw(st.sampled_from(_fips()))
    adm1 = fips if kind == "1" else fips + draw(st.from_regex(r"[0-9A-Z]{2}", fullmatch=True))
    cells = [kind, draw(_NAME), fips, adm1]
    if adm2:
        cells.append(draw(st.sampled_from(["", "12345", "SY05017"])))
    cells += [draw(_float_text(-90, 90)), draw(_float_text(-180, 180)),
              draw(st.sampled_from(["", "-2987349", fips, "1041943"]))]
    return cells


@st.composite
def raw_rows(draw: st.DrawFn, version: int = 2, *, historical: bool = False) -> list[str]:
    """A valid GDELT row (its cells) of *version*; ``historical=True`` for the 57-column
    GDELT 1.0 layout."""
    v2 = version == 2
    day = draw(dates())
    text = f"{day.year:04d}{day.month:02d}{day.day:02d}"
    entry = cameo.event(draw(event_codes()))
    goldstein = draw(st.sampled_from([repr(entry.goldstein), f"{entry.goldstein:g}"]))
    cells = [str(draw(st.integers(1, 10**12))), text, text[:6], text[:4],
             f"{day.year + day.timetuple().tm_yday / 365:.4f}"]
    cells += draw(_actor_block()) + draw(_actor_block())
    cells += [draw(st.sampled_from(["0", "1"])), entry.code, entry.base or entry.code,
              entry.root, str(entry.quad_class), goldstein, draw(_DIGITS), draw(_DIGITS),
              draw(_DIGITS), draw(_float_text(-100, 100))]
    for _ in range(3):
        cells += draw(_geo_block(v2))
    cells.append(text + (draw(st.from_regex(r"[0-9]{6}", fullmatch=True)) if v2 else ""))
    if v2 or not historical:
        cells.append(draw(st.sampled_from(
            ["", "https://www.example.com/news/1", "http://example.org/a?b=c",
             "BBC Monitoring"])))
    return cells


def _row_to_change(draw: st.DrawFn, version: int, how: str | None, choices: tuple[str, ...],
                   what: str) -> tuple[str, list[str], tuple[str, ...], dict[str, int]]:
    """What to change (*how*, else one of *choices*), a good row of *version*, its columns
    and their positions."""
    if how is None:
        how = draw(st.sampled_from(choices))
    elif how not in choices:
        raise ValueError(f"unknown {what} {how!r}; choose from {choices}")
    columns = columns_for("gdelt2" if version == 2 else "gdelt1")
    return how, draw(raw_rows(version)), columns, {name: i for i, name in enumerate(columns)}


@st.composite
def broken_rows(draw: st.DrawFn, version: int = 2, breakage: str | None = None) -> BrokenRow:
    """A row of *version* with one thing broken (a random one of :data:`BREAKAGES`, or
    *breakage*)."""
    how, cells, columns, index = _row_to_change(draw, version, breakage, BREAKAGES, "breakage")
    column: str | None = None

    def put(name: str, value: str) -> None:
        cells[index[name]] = value

    if how == "field_count":
        if draw(st.booleans()):
            cells.pop()
            if version == 1:
                cells.pop()  # 56: neither GDELT 1.0 layout
        else:
            cells.append("")
            if version == 1:
                cells.append("")  # 60
    elif how == "unknown_event_code":
        column = "EventCode"
        put(column, draw(st.sampled_from(["999", "21", "00", "abc", "", "1O"])))
    elif how == "latitude_out_of_range":
        column = "ActionGeo_Lat"
        put("ActionGeo_Long", "36.7578")
        put(column, draw(st.sampled_from(["90.5", "-91", "135.1318", "1e3"])))
    elif how == "goldstein_not_numeric":
        column = "GoldsteinScale"
        put(column, draw(st.sampled_from(["high", " ", "-10,0", "nan", "inf"])))
    elif how == "id_not_integer":
        column = "GLOBALEVENTID"
        put(column, draw(st.sampled_from(["SYR123", "", "12.5", "-4"])))
    else:  # bad_date
        column = columns[1]
        put(column, draw(st.sampled_from(["20241301", "20240230", "2024125", "2024-12-05"])))
    return BrokenRow(cells, column, how)


@st.composite
def odd_rows(draw: st.DrawFn, version: int = 2, oddity: str | None = None) -> OddRow:
    """A row of *version* with one odd cell (a random one of :data:`ODDITIES`, or
    *oddity*): a code the code books lack or a cell that contradicts another."""
    how, cells, columns, index = _row_to_change(draw, version, oddity, ODDITIES, "oddity")
    code = "unknown-code"
    if how == "root_mismatch":
        event_code = cells[index["EventCode"]]
        column, code = "EventRootCode", "inconsistent-event-code"
        cells[index[column]] = next(r for r in ("19", "01") if not event_code.startswith(r))
    elif how == "unknown_event_code":
        column = "EventCode"
        unknown = draw(st.sampled_from(["1299", "0999", "2099", "0299", "1999"]).filter(
            lambda c: not cameo.is_event_code(c)))
        base, root, quad = _cameo_rows.event_code_parts(unknown)
        for name, value in (("EventCode", unknown), ("EventBaseCode", base),
                            ("EventRootCode", root), ("QuadClass", quad)):
            cells[index[name]] = value
    elif how == "unknown_fips":
        column = "ActionGeo_CountryCode"
        cells[index[column]] = draw(st.from_regex(r"[A-Z]{2}", fullmatch=True).filter(
            lambda c: not places.is_fips_code(c)))
    elif how == "unknown_actor_block":
        column = "Actor1Code"
        block = draw(st.sampled_from(["zzq", "QQX", "Xyz"]))
        cells[index[column]] = draw(st.sampled_from(["", "SYR"])) + block
        if not cells[index["Actor1Name"]]:
            cells[index["Actor1Name"]] = "SOMEONE"
    else:
        column, code = "MonthYear", "inconsistent-date"
        month = cells[index[columns[1]]][:6]
        cells[index[column]] = "190001" if month != "190001" else "190002"
    return OddRow(cells, column, code, how)


# -- actor codes ------------------------------------------------------------------------------


@functools.cache
def _blocks() -> dict[str, list[str]]:
    return {
        "country": [c.code for c in cameo.actor_countries()],
        "role": _roles(),
        "known_group": [g.code for g in cameo.known_groups()],
        "religion": [r.code for r in cameo.religion_codes()],
        "ethnic": [e.code for e in cameo.ethnic_codes()],
    }


def actor_codes(*, unknown: bool = True) -> st.SearchStrategy[str]:
    """CAMEO actor codes as GDELT and ICEWS write them: one to five 3-character blocks
    (country, role, known group, religion, lower-case ethnic codes, in any order), and, with
    *unknown*, blocks no code book has (``"zzq"``, ``"QQX"``) or of mixed case (``"Xyz"``)."""
    known = st.sampled_from(sorted(_blocks())).flatmap(
        lambda part: st.sampled_from(_blocks()[part]))
    block = known
    if unknown:
        block = known | st.from_regex(r"[A-Z]{3}|[a-z]{3}|[A-Z][a-z]{2}", fullmatch=True)
    return st.lists(block, min_size=1, max_size=5).map("".join)
