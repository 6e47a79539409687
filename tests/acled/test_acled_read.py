"""Reading ACLED exports: what each column becomes in the core types."""

from __future__ import annotations

import csv
import datetime as dt
import io

import attrs
import pytest

import conflictevents as ce
from _support import FIXTURES, ROOT
from conflictevents.formats import acled
from conflictevents.model import ActorKind, DatePrecision, GeoPrecision

ACLED_FIXTURES = FIXTURES / "acled"
EXAMPLE = ROOT / "examples" / "data" / "acled-syria-2024-12.csv"


def _first(path: object) -> ce.Event:
    event = next(iter(acled.read(path)))  # type: ignore[arg-type]
    assert isinstance(event, ce.Event)
    return event


def test_a_current_row_maps_onto_the_core_types() -> None:
    event = _first(ACLED_FIXTURES / "current.csv")
    assert event.id == "SYR900001"
    assert event.date == ce.EventDate(dt.date(2024, 11, 27))
    assert event.classification("acled") == ce.Classification(
        "acled", "Armed clash", parent="Battles")
    assert event.classification("acled_disorder") == ce.Classification(
        "acled_disorder", "Political violence")
    assert event.actor1 == ce.Actor("Hayat Tahrir al Sham", kind=ActorKind.REBEL_GROUP)
    assert event.actor2 == ce.Actor("Military Forces of Syria (2000-2024)",
                                    kind=ActorKind.STATE_FORCES)
    assert event.associates1 == (ce.Actor("Military Operations Command"),)
    assert event.location == ce.Location(
        "Atareb", country="SYR", admin1="Aleppo", admin2="Jebel Saman", admin3="Atareb",
        latitude=36.1383, longitude=36.8306, precision=GeoPrecision.EXACT, admin1_code="SY-HL")
    assert event.fatalities == ce.Fatalities(37)
    assert [s.name for s in event.sources] == ["Syrian Observatory for Human Rights",
                                               "Enab Baladi"]
    assert event.notes is not None
    assert event.notes.startswith("On 27 November 2024")
    # what the model has no field for, verbatim
    assert {k: v for k, v in event.extras["acled"].items() if not k.startswith("@")} == {
        "region": "Middle East", "source_scale": "National", "timestamp": "1733303671"}
    # the first event describes the file (conflictevents info prints it)
    assert event.extra("acled", acled.LAYOUT_NAME_KEY) == "current (since March 2023)"
    assert "2019" in event.extra("acled", acled.TAXONOMY_KEY)


def test_precisions_tags_and_civilian_targeting() -> None:
    events = {e.id: e for e in acled.read(EXAMPLE)}
    assert events["SYR900025"].date == ce.EventDate(dt.date(2024, 12, 1), dt.date(2024, 12, 1),
                                                    DatePrecision.WEEK)
    assert events["SYR900026"].date.precision is DatePrecision.MONTH
    assert events["SYR900016"].tags == ("crowd size=hundreds",)
    assert events["SYR900016"].actor2 is None
    assert events["SYR900002"].extra("acled", "civilian_targeting") == "Civilian targeting"
    assert events["SYR900012"].location is not None
    assert events["SYR900012"].location.precision is GeoPrecision.NEAR
    assert events["SYR900015"].location is not None
    assert events["SYR900015"].location.admin1_code == "SY-HM"


def test_the_example_file_covers_the_offensive() -> None:
    events = list(acled.read(EXAMPLE))
    assert len(events) >= 25
    assert {e.location.admin1 for e in events if e.location} >= {"Aleppo", "Hama", "Homs"}
    assert min(e.date.start for e in events) == dt.date(2024, 11, 27)
    for event in events:
        assert event.id.startswith("SYR9")
        assert event.extras["acled"].get(acled.LAYOUT_KEY) is None  # the current layout


def test_the_legacy_layout_numeric_inters_and_text_dates() -> None:
    events = list(acled.read(ACLED_FIXTURES / "legacy.csv"))
    first, _, protest, _ = events
    assert first.date == ce.EventDate(dt.date(2019, 12, 5))
    assert first.actor1 is not None
    assert first.actor1.kind is ActorKind.EXTERNAL_OTHER
    assert first.classification("acled_disorder") is None  # the legacy layout has none
    assert protest.actor2 is None
    assert protest.date.precision is DatePrecision.WEEK
    kept = first.extras["acled"]
    assert kept["data_id"] == "9100001"
    assert "event_date" not in kept  # the file's date style says how to spell it
    assert kept[acled.DATE_STYLE_KEY] == "%d %B %Y"
    assert "inter1" not in kept  # numeric is how the legacy layout spells actor types
    assert "iso3" not in kept
    assert "event_id_no_cnty" not in kept
    assert acled._layout_columns(kept[acled.LAYOUT_KEY]) == acled.LEGACY_LAYOUT


@pytest.mark.parametrize(("text", "day"), [
    ("2024-12-05", dt.date(2024, 12, 5)),
    ("05 December 2024", dt.date(2024, 12, 5)),
    ("5 December 2024", dt.date(2024, 12, 5)),
    ("05-December-2024", dt.date(2024, 12, 5)),
    ("05-Dec-2024", dt.date(2024, 12, 5)),
    ("18/04/2001", dt.date(2001, 4, 18)),
])
def test_the_date_spellings_acled_has_used(text: str, day: dt.date) -> None:
    line = (ACLED_FIXTURES / "current.csv").read_text("utf-8").splitlines()[1]
    cells = next(csv.reader([line]))
    cells[1] = text
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([acled.CURRENT_LAYOUT, cells])
    (event,) = acled.read(io.StringIO(buffer.getvalue()))
    assert event.date.start == day
    assert event.extra("acled", "event_date") is None  # the file's style spells it
    assert event.extra("acled", acled.DATE_STYLE_KEY) == acled._date_style([text])
    again = io.StringIO()
    acled.write([event], again)
    assert again.getvalue() == buffer.getvalue()


def test_numeric_actor_types_in_the_current_layout_are_kept_as_written() -> None:
    text = (ACLED_FIXTURES / "current.csv").read_text("utf-8")
    lines = text.splitlines(keepends=True)
    cells = next(csv.reader([lines[1]]))
    cells[9], cells[12], cells[13] = "2", "1", "12"  # the 2023 exports' numeric codes
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([acled.CURRENT_LAYOUT, cells])
    (event,) = acled.read(io.StringIO(buffer.getvalue()))
    assert event.actor1 is not None
    assert event.actor1.kind is ActorKind.REBEL_GROUP
    assert event.extra("acled", "inter1") is None
    assert event.extra("acled", acled.ACTOR_TYPES_KEY) == "codes"
    assert event.extra("acled", "interaction") is None
    again = io.StringIO()
    acled.write([event], again)
    assert again.getvalue() == buffer.getvalue()


def test_header_names_are_matched_without_regard_to_case_and_kept_as_written() -> None:
    text = (ACLED_FIXTURES / "legacy.csv").read_text("utf-8")
    header, rest = text.split("\n", 1)
    upper = header.upper() + "\n" + rest
    events = list(acled.read(io.StringIO(upper)))
    assert [e.id for e in events] == ["SYR900101", "SYR900102", "SYR900103", "SYR900104"]
    buffer = io.StringIO()
    acled.write(events, buffer)
    assert buffer.getvalue() == upper


def test_unknown_columns_are_kept_verbatim() -> None:
    text = (ACLED_FIXTURES / "current.csv").read_text("utf-8").splitlines()
    header = text[0] + ",My Note"
    rows = [line + f",note {number}" for number, line in enumerate(text[1:])]
    source = "\n".join([header, *rows]) + "\n"
    events = list(acled.read(io.StringIO(source)))
    assert events[1].extra("acled", "My Note") == "note 1"
    buffer = io.StringIO()
    acled.write(events, buffer)
    assert buffer.getvalue() == source


def test_a_row_without_a_location_name_gets_one_and_keeps_the_empty_cell() -> None:
    lines = (ACLED_FIXTURES / "current.csv").read_text("utf-8").splitlines(keepends=True)
    cells = next(csv.reader([lines[1]]))
    cells[21] = ""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([acled.CURRENT_LAYOUT, cells])
    (event,) = acled.read(io.StringIO(buffer.getvalue()))
    assert event.location is not None
    assert event.location.name == "Atareb"  # admin3
    out = io.StringIO()
    acled.write([event], out)
    assert out.getvalue() == buffer.getvalue()


def test_blank_lines_are_not_rows() -> None:
    lines = (ACLED_FIXTURES / "current.csv").read_text("utf-8").splitlines()
    assert len(list(acled.read(io.StringIO("\n".join([lines[0], "", lines[1], ""]))))) == 1


def test_the_format_is_detected_from_the_header() -> None:
    stream = ce.read(ACLED_FIXTURES / "legacy.csv")
    assert len(list(stream)) == 4
    assert stream.format == "acled"
    api = ce.read(ACLED_FIXTURES / "api.json")
    assert len(list(api)) == 3
    assert api.format == "acled-api"
    # an HXL-tagged export (hashtag row under the header) is not taken for plain ACLED
    assert not acled._sniff([",".join(acled.CURRENT_LAYOUT) + "\n", "#event+code,#date\n"])


def test_api_json_from_a_parsed_object_or_its_data_list() -> None:
    import json

    response = json.loads((ACLED_FIXTURES / "api.json").read_text("utf-8"))
    from_path = list(acled.read_api(ACLED_FIXTURES / "api.json"))
    # a parsed object has no text: only how the document was written differs
    assert [_plain(e) for e in acled.read_api(response)] == [_plain(e) for e in from_path]
    assert [_plain(e) for e in acled.read_api(response["data"])] == [
        _plain(e) for e in from_path]
    stream = ce.read(ACLED_FIXTURES / "api.json", format="acled-api")
    assert list(stream) == from_path
    assert stream.report.read == 3


def _plain(event: ce.Event) -> ce.Event:
    """*event* without the ``@`` facts of the document it was read from."""
    extras = {fmt: {k: v for k, v in columns.items() if not k.startswith("@")}
              for fmt, columns in event.extras.items()}
    return attrs.evolve(event, extras={fmt: c for fmt, c in extras.items() if c})
