"""ACLED as it has been published since 1997: every layout, date style, quoting, line end,
delimiter and taxonomy reads, and writes back byte for byte (issue 13)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import conflictevents as ce
from _support import FIXTURES
from conflictevents import cli
from conflictevents.formats import acled
from conflictevents.strategies import acled as acled_strategies

LAYOUTS = FIXTURES / "acled" / "layouts"

# file -> (format, records, layout name begins, date style, old taxonomy, warning codes)
CASES: dict[str, tuple[str, int, str, str, bool, set[str]]] = {
    "upper-2015.csv": ("acled", 3, "before 2017", "%d-%B-%Y", True, set()),
    "version5-1997.csv": ("acled", 2, "Version 5", "%d/%m/%Y", True, {"ambiguous-date"}),
    "version5-undecided.csv": ("acled", 1, "Version 5", "%d/%m/%Y", True, {"ambiguous-date"}),
    "realtime-2016.csv": ("acled", 2, "before 2017", "%d/%m/%Y", True, {"encoding-fallback"}),
    "api-2018.csv": ("acled", 3, "2018 API", "%Y-%m-%d", True, set()),
    "export-2020.csv": ("acled", 2, "2019-2022 export", "%d %B %Y", False, set()),
    "excel-2020.csv": ("acled", 2, "2019-2022 export", "%-d-%b-%y", False, {"missing-id"}),
    "export-2024.csv": ("acled", 2, "current", "%d %B %Y", False, set()),
    "text-inters-2025.csv": ("acled", 2, "current", "%Y-%m-%d", False, set()),
    "r-na.csv": ("acled", 2, "current", "%Y-%m-%d", False, set()),
    "semicolon.csv": ("acled", 1, "current", "%Y-%m-%d", False, set()),
    "blank-line-first.csv": ("acled", 1, "current", "%Y-%m-%d", False, set()),
    "api-array.json": ("acled-api", 2, "current", "%Y-%m-%d", False, set()),
    "api-envelope.json": ("acled-api", 2, "current", "%Y-%m-%d", False, set()),
}


def test_every_layout_fixture_is_listed() -> None:
    assert {p.name for p in LAYOUTS.iterdir() if p.suffix in (".csv", ".json")} == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_layout_reads_whole_and_writes_back_byte_for_byte(name: str) -> None:
    fmt, count, layout, date_style, legacy, warned = CASES[name]
    stream = ce.read(LAYOUTS / name, on_error="raise")  # detected
    events = list(stream)
    assert stream.format == fmt
    assert len(events) == count
    assert set(stream.report.warning_counts) == warned
    first = events[0]
    assert first.extra("acled", acled.LAYOUT_NAME_KEY).startswith(layout)
    assert first.extra("acled", acled.DATE_STYLE_KEY) == date_style
    assert ("before 2019" in first.extra("acled", acled.TAXONOMY_KEY)) is legacy
    assert all((e.classification(acled.LEGACY_SCHEME) is not None) is legacy for e in events)
    out = io.BytesIO()
    report = ce.write(events, out, fmt)
    assert (report.written, report.dropped, report.left_out) == (count, {}, {})
    assert out.getvalue() == (LAYOUTS / name).read_bytes()


@pytest.mark.parametrize("name", sorted(CASES))
def test_info_prints_the_layout_the_date_style_and_the_taxonomy(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["info", str(LAYOUTS / name)]) == 0
    out = capsys.readouterr().out
    for fact in ("layout_name:", "date_style:", "taxonomy:"):
        assert fact in out


def test_the_25_upper_case_columns_map_onto_the_model() -> None:
    first, _, battle = acled.read(LAYOUTS / "upper-2015.csv")
    assert first.date.start == dt.date(2015, 1, 3)
    assert first.associates1 == (ce.Actor("BNP: Bangladesh Nationalist Party"),)  # ALLY_ACTOR_1
    assert first.actor1 is not None
    assert first.actor1.kind is ce.ActorKind.PROTESTERS
    assert first.location is not None
    assert first.location.country == "BGD"
    assert first.notes == ("Party supporters marched to the press club.\n"
                           "Police dispersed them with batons.")  # a bare LF in a CRLF file
    assert first.extra("acled", "GWNO") == "771"  # kept verbatim, under its own name
    assert first.extra("acled", acled.EOL_KEY) == "\r\n"
    assert battle.date.precision is ce.DatePrecision.WEEK
    assert battle.location is not None
    assert battle.location.precision is ce.GeoPrecision.ADMIN1
    assert battle.classification(acled.LEGACY_SCHEME) == ce.Classification(
        acled.LEGACY_SCHEME, "Battle-No change of territory")


def test_geo_precis_is_geo_precision_and_trailing_nameless_columns_are_not_duplicates() -> None:
    (v5, _) = acled.read(LAYOUTS / "version5-1997.csv")
    assert v5.location is not None
    assert v5.location.precision is ce.GeoPrecision.EXACT
    assert v5.extra("acled", "geo_precision") is None
    events = list(ce.read(LAYOUTS / "realtime-2016.csv"))
    assert [e.id for e in events] == ["1416RTA", "1417RTA"]
    assert events[0].notes is not None
    assert "\u2019" in events[0].notes
    assert events[0].extra("acled", "@encoding") == "cp1252"


def test_a_cell_under_a_nameless_column_travels_in_the_extras() -> None:
    header = "event_id_cnty,event_date,event_type,sub_event_type,,\n"
    text = header + "E1,2024-12-05,Battles,Armed clash,,left here\n"
    (event,) = acled.read(io.StringIO(text, newline=""))
    assert event.extra("acled", "(6)") == "left here"
    assert _written([event]) == text
    other = io.StringIO(newline="")
    report = acled.write([event], other, layout="current")
    assert report.dropped == {"extras.acled.(6)": 1}


def test_day_first_is_decided_by_the_file_and_said() -> None:
    stream = ce.read(LAYOUTS / "version5-1997.csv")
    first, second = stream
    assert (first.date.start, second.date.start) == (dt.date(1997, 1, 2), dt.date(1997, 1, 18))
    (warning,) = stream.report.warnings
    assert warning.code == "ambiguous-date"
    assert "'18/01/1997'" in warning.reason
    assert warning.line == 2
    # with no date to decide it, ACLED's own order in its pre-2017 layouts, said as such
    stream = ce.read(LAYOUTS / "version5-undecided.csv")
    (event,) = stream
    assert event.date.start == dt.date(1998, 4, 3)
    (warning,) = stream.report.warnings
    assert "before 2017" in warning.reason
    # the caller's order wins
    (event,) = ce.read(LAYOUTS / "version5-undecided.csv", dayfirst=False)
    assert event.date.start == dt.date(1998, 3, 4)


def test_a_month_first_file_is_read_month_first_and_written_back_so() -> None:
    text = ("event_id_cnty,event_date,event_type,sub_event_type\n"
            "E1,12/5/2024,Battles,Armed clash\nE2,12/25/2024,Battles,Armed clash\n")
    events = list(acled.read(io.StringIO(text, newline="")))
    assert [e.date.start for e in events] == [dt.date(2024, 12, 5), dt.date(2024, 12, 25)]
    assert events[0].extra("acled", acled.DATE_STYLE_KEY) == "%-m/%-d/%Y"
    assert _written(events) == text


def test_ambiguous_dates_in_a_current_layout_are_refused_unless_the_caller_decides() -> None:
    text = "event_id_cnty,event_date,event_type,sub_event_type\nE1,12/5/2024,Battles,Armed clash\n"
    with pytest.raises(ce.ParseError, match="dayfirst") as caught:
        list(acled.read(io.StringIO(text, newline="")))
    assert (caught.value.line, caught.value.column) == (2, "event_date")
    (event,) = acled.read(io.StringIO(text, newline=""), dayfirst=True)
    assert event.date.start == dt.date(2024, 5, 12)


@pytest.mark.parametrize(("text", "day", "style"), [
    ("2018-01-13", dt.date(2018, 1, 13), "%Y-%m-%d"),
    ("21 March 2020", dt.date(2020, 3, 21), "%d %B %Y"),
    ("01 March 2020", dt.date(2020, 3, 1), "%d %B %Y"),
    ("16 February 2024", dt.date(2024, 2, 16), "%d %B %Y"),
    ("01-January-2015", dt.date(2015, 1, 1), "%d-%B-%Y"),
    ("29/12/2015", dt.date(2015, 12, 29), "%d/%m/%Y"),
    ("9-May-20", dt.date(2020, 5, 9), "%-d-%b-%y"),
    ("5-Dec-97", dt.date(1997, 12, 5), "%-d-%b-%y"),
])
def test_each_date_style_reads_and_is_written_in_its_own_style(text: str, day: dt.date,
                                                               style: str) -> None:
    assert acled._date(text, True) == day
    assert acled._date_style([text]) == style
    assert acled._render_date(day, style) == text


def test_the_old_taxonomy_is_a_scheme_of_its_own() -> None:
    events = list(acled.read(LAYOUTS / "api-2018.csv"))
    assert [e.classification(acled.LEGACY_SCHEME).code for e in events] == [
        "Battle-No change of territory", "Riots/Protests", "Remote violence"]
    assert all(e.classification("acled", derived=False) is None for e in events)
    # in a file without sub_event_type, a name outside the nine is kept and said
    text = "event_id_cnty,event_date,event_type\nE1,2018-01-13,Battles\n"
    stream = acled.read(io.StringIO(text, newline=""))
    (event,) = stream
    assert event.classification(acled.LEGACY_SCHEME) == ce.Classification(
        acled.LEGACY_SCHEME, "Battles", unknown=True)
    assert [w.code for w in stream.report.warnings] == ["unknown-code"]
    assert _written([event]) == text


def test_the_old_taxonomy_derives_the_current_one_and_cameo_through_the_crosswalks() -> None:
    battle, protest, remote = acled.read(LAYOUTS / "api-2018.csv")
    assert battle.classification("acled") == ce.Classification(
        "acled", "Armed clash", parent="Battles", derived=True, via="acled_legacy->acled")
    assert battle.classification("cameo") == ce.Classification(
        "cameo", "190", derived=True, via="acled_legacy->cameo")
    assert protest.classification("acled") is None  # Protests or Riots: not determined
    assert protest.classification("cameo") is not None
    assert remote.classification("acled") is None
    assert remote.classification("cameo") is None
    # into the current layout only with derive=True, and the report says so
    out = io.StringIO(newline="")
    report = acled.write([battle, protest], out, layout="current", derive=False)
    assert report.written == 0
    assert sum(report.left_out.values()) == 2
    report = acled.write([battle, protest], out, layout="current", derive=True)
    assert report.written == 1
    assert report.derived["event_type"] == 1
    assert report.dropped["classifications.acled_legacy"] == 1
    assert "no single sub-event type" in " ".join(report.left_out)


def test_a_current_event_goes_into_an_old_layout_through_the_crosswalk_read_backwards() -> None:
    event = ce.Event("E1", dt.date(2024, 12, 5), classifications=[
        ce.Classification("acled", "Air/drone strike", parent="Explosions/Remote violence")])
    assert acled.write([event], io.StringIO(), columns=acled.API_2018_LAYOUT,
                       derive=False).written == 0
    out = io.StringIO(newline="")
    report = acled.write([event], out, columns=acled.API_2018_LAYOUT, derive=True)
    assert report.written == 1
    assert report.derived["event_type"] == 1
    (back,) = acled.read(io.StringIO(out.getvalue(), newline=""))
    assert back.classification(acled.LEGACY_SCHEME) == ce.Classification(
        acled.LEGACY_SCHEME, "Remote violence")


@pytest.mark.parametrize(("fmt", "options", "derived"), [
    ("gdelt2", {"derive": True}, "EventCode"),
    ("gdelt1", {"derive": True}, "EventCode"),
    ("hxl", {}, "cameo_code"),
    ("geojson", {}, None),
    ("ucdp-ged", {}, None),
])
def test_an_old_taxonomy_event_converts_to_other_formats(fmt: str, options: dict[str, bool],
                                                         derived: str | None) -> None:
    (battle, _, _) = acled.read(LAYOUTS / "api-2018.csv")
    out = io.BytesIO()
    report = ce.write([battle], out, fmt, **options)
    assert report.written == 1, str(report)
    if derived is not None:
        assert report.derived[derived] == 1, str(report)
    (back,) = ce.read(io.BytesIO(out.getvalue()), fmt)
    assert back.date == battle.date


def test_quoting_line_ends_and_final_newline_are_the_files() -> None:
    events = list(acled.read(LAYOUTS / "api-2018.csv"))
    assert events[0].extra("acled", acled.QUOTING_KEY) == "spaces"
    assert events[-1].extra("acled", acled.FINAL_NEWLINE_KEY) == "no"
    assert events[0].extra("acled", acled.FINAL_NEWLINE_KEY) is None
    # another file's events, or a chosen layout, are written with a final newline
    assert _written(events[:2]).endswith('"Youths clashed with police over price rises.",0,'
                                         "1516243491\n")


def test_r_na_is_missing_and_written_back_as_na() -> None:
    first, second = acled.read(LAYOUTS / "r-na.csv")
    assert first.associates1 == ()
    assert first.tags == ()
    assert second.actor1 is None
    assert second.fatalities is None
    assert second.sources == ()
    assert second.location is not None
    assert second.location.latitude is None
    assert first.extra("acled", acled.MISSING_KEY) == "NA"
    assert second.extra("acled", "fatalities") == "NA"
    # in another layout, missing is empty
    rows = list(acled.rows([second], columns=["event_id_cnty", "event_date", "event_type",
                                             "sub_event_type", "fatalities"]))
    assert rows[1][-1] == ""


def test_api_shapes_escapes_and_strings() -> None:
    array = list(ce.read(LAYOUTS / "api-array.json"))
    assert array[0].extra("acled", acled.JSON_KEY) == "array; spaced; ascii; no final newline"
    out = io.StringIO()
    acled.write_api(array, out)
    assert out.getvalue().startswith('[{"event_id_cnty": "SOM50001"')
    envelope = list(ce.read(LAYOUTS / "api-envelope.json"))
    assert envelope[1].notes is not None
    assert "2/3" in envelope[1].notes
    out = io.StringIO()
    acled.write_api(envelope[1:], out)
    written = json.loads(out.getvalue())
    assert list(written) == ["status", "success", "last_update", "count", "messages", "data",
                             "filename"]
    assert written["count"] == 1  # the count of what was written
    assert all(isinstance(v, str) for item in written["data"] for v in item.values())
    assert "\\/" in out.getvalue()
    # events from a CSV file go into an envelope, as the API sends them
    out = io.StringIO()
    acled.write_api(list(acled.read(LAYOUTS / "text-inters-2025.csv")), out)
    assert json.loads(out.getvalue())["status"] == 200


def test_the_bare_api_array_is_detected() -> None:
    head = (LAYOUTS / "api-array.json").read_text("utf-8")[:2000]
    assert acled._sniff_api([head])
    assert not acled._sniff_api(['[{"id": 1}]'])
    assert ce.detect_format(LAYOUTS / "api-array.json") == "acled-api"


# -- issue 16: hardening findings -----------------------------------------------------------

HEADER = "event_id_cnty,event_date,event_type,sub_event_type,fatalities,notes"


def _written(events: list[ce.Event], **options: object) -> str:
    out = io.StringIO(newline="")
    acled.write(events, out, **options)  # type: ignore[arg-type]
    return out.getvalue()


def test_d10_a_layout_the_reader_would_refuse_is_refused() -> None:
    event = ce.Event("E1", dt.date(2024, 12, 5), notes="n", classifications=[
        ce.Classification("acled", "Armed clash", parent="Battles")])
    with pytest.raises(ce.ConversionError, match="event_id_cnty, event_date, event_type"):
        _written([event], columns=["notes"])
    with pytest.raises(ce.ConversionError, match="event_type"):
        _written([event], columns=["event_id_cnty", "event_date", "sub_event_type"])
    with pytest.raises(ce.ConversionError, match="'@'"):
        _written([event], columns=["event_id_cnty", "event_date", "event_type", "@eol"])


def test_d10_a_bogus_reserved_layout_is_not_honoured_and_is_said() -> None:
    event = ce.Event("E1", dt.date(2024, 12, 5), notes="n", extras={"acled": {
        "@layout": "foo,bar"}}, classifications=[
        ce.Classification("acled", "Armed clash", parent="Battles")])
    out = io.StringIO(newline="")
    report = acled.write([event], out)
    assert out.getvalue().startswith(",".join(acled.CURRENT_LAYOUT) + "\n")
    assert any(key.startswith("layout") for key in report.dropped)
    (back,) = acled.read(io.StringIO(out.getvalue(), newline=""))
    assert back.id == "E1"


def test_d11_the_types_text_is_written_back_as_the_file_had_it() -> None:
    text = ("event_id_cnty,event_date,event_type,sub_event_type\n"
            "E1,2024-12-05, Battles ,armed clash\n")
    (event,) = acled.read(io.StringIO(text, newline=""))
    assert event.classification("acled") == ce.Classification("acled", "Armed clash",
                                                              parent="Battles")
    assert _written([event]) == text


def test_d12_per_source_scales_merged_into_one_cell_are_reported() -> None:
    event = ce.Event("E1", dt.date(2024, 12, 5), classifications=[
        ce.Classification("acled", "Armed clash", parent="Battles")],
        sources=[ce.Source("SOHR", scale="National"), ce.Source("Reuters", scale="International")])
    out = io.StringIO(newline="")
    report = acled.write([event], out)
    assert report.dropped == {"sources.scale": 1}
    assert "National-International" in out.getvalue()


@pytest.mark.parametrize("column", ["fatalities", "notes"])
def test_w2_a_5000_digit_number_is_an_error_naming_the_column_and_the_value(column: str) -> None:
    huge = "9" * 5000
    cells = {"fatalities": "1", "notes": "n"}
    cells[column] = huge
    text = f"{HEADER}\nE1,2024-12-05,Battles,Armed clash,{cells['fatalities']},{cells['notes']}\n"
    if column == "notes":  # a long number in a text column is text
        (event,) = acled.read(io.StringIO(text, newline=""))
        assert event.notes == huge
        return
    with pytest.raises(ce.ParseError) as caught:
        list(acled.read(io.StringIO(text, newline="")))
    assert (caught.value.line, caught.value.column, caught.value.value) == (2, column, huge)


def test_w2_a_5000_digit_iso_code_is_a_located_error_too() -> None:
    text = ("event_id_cnty,event_date,event_type,sub_event_type,iso,country\n"
            f"E1,2024-12-05,Battles,Armed clash,{'7' * 5000},Syria\n")
    stream = acled.read(io.StringIO(text, newline=""), on_error="collect")
    assert list(stream)  # an iso code that names no country is not used
    assert stream.report.errors == []


@pytest.mark.parametrize("name", ["@layout", "@eol", "@anything"])
def test_w5_a_reserved_column_name_is_said_to_be_reserved(name: str) -> None:
    text = f"event_id_cnty,event_date,event_type,sub_event_type,{name}\n"
    with pytest.raises(ce.ParseError, match="reserved") as caught:
        list(acled.read(io.StringIO(text + "E1,2024-12-05,Battles,Armed clash,x\n")))
    assert caught.value.column == name
    assert "duplicate" not in str(caught.value)


@pytest.mark.parametrize("first_line", ["", "sep=;\n"])
def test_k2_semicolons_are_read_and_kept(first_line: str) -> None:
    text = (first_line + "event_id_cnty;event_date;event_type;sub_event_type;notes\n"
            'E1;2024-12-05;Battles;Armed clash;"a; b, c"\n')
    stream = ce.read(io.StringIO(text, newline=""), format="acled")
    (event,) = stream
    assert event.notes == "a; b, c"
    assert event.extra("acled", acled.DELIMITER_KEY) == ";"
    assert _written([event]) == text
    path_text = ce.detect_format(io.StringIO(text))
    assert path_text == "acled"


def test_k3_trailing_empty_header_cells_are_not_duplicates() -> None:
    text = HEADER + ",,\nE1,2024-12-05,Battles,Armed clash,1,n,,\n"
    (event,) = acled.read(io.StringIO(text, newline=""))
    assert event.fatalities == ce.Fatalities(1)
    assert _written([event]) == text


def test_w1_a_blank_line_before_the_header_is_kept_and_lines_are_counted() -> None:
    text = "\n" + HEADER + "\nE1,2024-12-05,Battles,Armed clash,1,n\nE2,2024-12-05,Battles,x,z,n\n"
    assert ce.detect_format(io.StringIO(text)) == "acled"
    stream = acled.read(io.StringIO(text, newline=""), on_error="collect")
    (event,) = stream
    (error,) = stream.report.errors
    assert (error.line, error.column) == (4, "fatalities")
    assert _written([event]) == text.rsplit("E2", 1)[0]
    with pytest.raises(ce.ParseError, match="no header"):
        list(acled.read(io.StringIO("\n\n\n")))


def test_the_rows_of_a_written_layout_match_its_header() -> None:
    for name in ("upper-2015.csv", "api-2018.csv", "export-2020.csv"):
        header = next(csv.reader([_first_line(LAYOUTS / name)]))
        rows = list(acled.rows(acled.read(LAYOUTS / name)))
        assert rows[0] == header
        assert all(len(row) == len(header) for row in rows)


def _first_line(path: Path) -> str:
    return path.read_text("utf-8").splitlines()[0]


# -- the property: any event survives a write in every layout and a read back ---------------

STYLES = ["%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y", "%-m/%-d/%Y", "%-d-%b-%y"]
# what a field of the model is called in the report when a layout cannot carry it
_REPORTED_AS = {
    "date": ("date",), "actor1": ("actor1", "actor."), "actor2": ("actor2", "actor."),
    "associates1": ("associates",), "associates2": ("associates",),
    "location": ("location",), "fatalities": ("fatalities",), "sources": ("sources",),
    "notes": ("notes",), "tags": ("tags",),
}


@settings(max_examples=200, deadline=None)
@given(
    event=st.one_of(
        acled_strategies.acled_events(),
        acled_strategies.acled_events(
            classifications=acled_strategies.acled_legacy_classifications()),
    ),
    layout=st.sampled_from(sorted(acled.LAYOUTS)),
    style=st.sampled_from(STYLES),
)
def test_any_event_survives_a_write_in_every_layout_and_a_read_back(
    event: ce.Event, layout: str, style: str
) -> None:
    out = io.StringIO(newline="")
    report = acled.write([event], out, layout=layout, date_style=style, derive=True)
    if not report.written:  # e.g. an old type with no single current sub-event type
        assert sum(report.left_out.values()) == 1
        return
    dayfirst = acled._style_dayfirst(style)
    (back,) = acled.read(io.StringIO(out.getvalue(), newline=""), dayfirst=dayfirst)
    # written again, the file is the same, byte for byte
    again = io.StringIO(newline="")
    assert acled.write([back], again, derive=True).written == 1
    assert again.getvalue() == out.getvalue()
    # and whatever did not come back is in the report
    assert back.id == event.id
    lost = list(report.dropped) + list(report.derived)
    for field, names in _REPORTED_AS.items():
        if getattr(back, field) != getattr(event, field):
            assert any(key.startswith(names) for key in lost), (field, dict(report.dropped))
    if back.classifications != event.classifications:
        assert any(key.startswith(("classification", "event_type", "disorder_type"))
                   for key in lost), (back.classifications, event.classifications)


def test_old_event_types_are_read_in_any_case_and_spacing() -> None:
    names = acled._legacy_names()
    assert len(names) == 9
    for name in names:
        assert acled._legacy_name(name.upper().replace("-", " - ")) == name
