"""Hypothesis strategies for HXL-tagged CSV: events the format carries without loss, and
whole files laid out as the Humanitarian Data Exchange (HDX) and its users write them.

HXL rows carry names only (no actor kinds or codes), one fatality count, source names, and
the ACLED and CAMEO classifications as coded; names that contain ``;`` cannot be listed in
one cell, so :func:`events` leaves ``;`` out.

:func:`hdx_files` generates the text of HXL files in the shapes found in the wild: title
rows before the header, untagged columns, an unnamed pandas index column, hashtags in any
case and attribute order, disaggregated counts (``#affected+killed+f``), numbers re-saved as
``15960.0``, ISO dates with or without a time, day-first dates, CRLF line ends, no line
end after the last row. Every file
it generates is readable, and reads back byte for byte after writing.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io

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

__all__ = ["events", "hdx_files", "names"]


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


# (hashtag as a publisher may write it, kind of cell) for hdx_files
_TAGGED: tuple[tuple[str, str], ...] = (
    ("#event+code", "id"), ("#date+year", "year"), ("#event+type", "text"),
    ("#group+name+first", "text"), ("#Group +First +Name +Assoc", "list"),
    ("#group+name+second", "text"), ("#region+name", "text"), ("#country+name", "country"),
    ("#country+code", "iso3"), ("#adm1+name", "text"), ("#adm2+name", "text"),
    ("#loc+name", "text"),
    ("#meta+source", "list"), ("#description", "text"), ("#affected+killed", "count"),
    ("#affected+killed+f", "count"), ("#AFFECTED +M +KILLED", "count"),
    ("#x_custom+note", "text"), ("", "text"),
)
_COUNTRIES = ("Syria", "SYR", "Bangladesh", "Myanmar (Burma)", "Mali", "")


def _cell(draw: st.DrawFn, kind: str, year: int, pandas: bool) -> str:
    if kind == "id":
        return draw(st.sampled_from(["SYR", "1416RTA", ""])) + str(draw(st.integers(0, 9999)))
    if kind == "year":
        return f"{year}.0" if pandas else str(year)
    if kind == "count":
        count = draw(st.none() | st.integers(0, 10**6))
        return "" if count is None else (f"{count}.0" if pandas else str(count))
    if kind in ("latitude", "longitude"):
        limit = 90 if kind == "latitude" else 180
        value = draw(st.floats(-limit, limit, allow_nan=False))
        return draw(st.sampled_from([repr(value), f"{value:.5f}", f"{value:.1f}",
                                     str(int(value))]))
    if kind in ("country", "iso3"):
        return draw(st.sampled_from(_COUNTRIES))
    if kind == "list":
        return "; ".join(draw(st.lists(names(), max_size=2)))
    return draw(texts(max_size=20))


@st.composite
def hdx_files(draw: st.DrawFn) -> str:
    """The text of a HXL file as HDX publishes it or a user re-saves it (see the module)."""
    columns = draw(st.lists(st.sampled_from(_TAGGED), max_size=6))
    date_tag = draw(st.sampled_from(["#date+occurred", "#Date +Occurred", "#date+start"]))
    style = draw(st.sampled_from(["iso", "time", "dayfirst"]))
    pandas = draw(st.booleans())
    position = draw(st.integers(0, len(columns)))
    columns.insert(position, (date_tag, "date"))
    if draw(st.booleans()):  # latitude and longitude go together
        columns[position:position] = [("#geo+lat", "latitude"), ("#geo+lon", "longitude")]
    headers = [f"col{n}" for n in range(len(columns))]
    tags = [tag for tag, _ in columns]
    if pandas:
        headers.insert(0, "")
        tags.insert(0, "")
    rows = []
    days = draw(st.lists(st.dates(texts_min_date(), texts_max_date()), min_size=1, max_size=4))
    if style == "dayfirst":
        days[0] = days[0].replace(day=25)  # a day above 12 decides the file's order
    for number, day in enumerate(days):
        cells = []
        for _, kind in columns:
            if kind == "date":
                cells.append(day.isoformat() if style == "iso" else
                             f"{day.isoformat()} 00:00:00.000" if style == "time" else
                             day.strftime("%d/%m/%Y"))
            else:
                cells.append(_cell(draw, kind, day.year, pandas))
        rows.append(([str(number)] if pandas else []) + cells)
    buffer = io.StringIO()
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    out = csv.writer(buffer, lineterminator=eol)
    for _ in range(draw(st.integers(0, 2))):
        out.writerow(["Data from somewhere"] + [""] * (len(headers) - 1))
    out.writerows([headers, tags, *rows])
    text = buffer.getvalue()
    return text.removesuffix(eol) if draw(st.booleans()) else text  # no final line end


def texts_min_date() -> _dt.date:
    return _dt.date(1989, 1, 1)


def texts_max_date() -> _dt.date:
    return _dt.date(2030, 12, 31)
