"""HXL as HDX publishes it: where the hashtag row is, UCDP's and ACLED's layouts, pandas
re-saves, byte-identical write-back, and the hardening findings of issue 16 (D2, D6, D13, C1,
W3, K4, K10)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import conflictevents as ce
from _support import FIXTURES, real_file_params
from conflictevents.cli import main
from conflictevents.errors import AmbiguousDateError, ParseError
from conflictevents.formats import hxl
from conflictevents.model import (
    Classification,
    DatePrecision,
    Event,
    Fatalities,
    GeoPrecision,
)
from conflictevents.strategies import hxl as hxl_strategies

HXL = FIXTURES / "hxl"
LAYOUTS = ["acled_hdx_sample.csv", "reordered_tags.csv", "hdx_ucdp_sample.csv",
           "pandas_resaved.csv"]


def _text(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def _written(events: list[Any], **options: Any) -> tuple[str, Any]:
    buffer = io.StringIO()
    report = hxl.write(events, buffer, **options)
    return buffer.getvalue(), report


def _read(text: str, **options: Any) -> list[Event]:
    return list(hxl.read(io.StringIO(text), **options))  # type: ignore[arg-type]


# -- layouts and fidelity -------------------------------------------------------------------


@pytest.mark.parametrize("name", LAYOUTS)
def test_every_layout_writes_back_byte_for_byte(name: str) -> None:
    events = list(hxl.read(HXL / name))
    text, report = _written(events)
    assert report.written == len(events)
    assert not report.dropped, report
    assert text == _text(HXL / name)
    # and again: what was written reads back equal
    assert _read(text) == events


@pytest.mark.parametrize("name", LAYOUTS)
def test_every_layout_is_detected_as_hxl(name: str) -> None:
    # K4: a preamble row before the header no longer hides the hashtag row
    assert ce.detect_format(HXL / name) == "hxl"
    assert ce.read(HXL / name).format == "hxl"


def test_hdx_ucdp_columns_read_with_ucdp_meanings() -> None:
    first, second = hxl.read(HXL / "hdx_ucdp_sample.csv")
    # `id`, `type_of_violence`, `where_prec`, `date_prec`, `low`, `high` carry no hashtag
    assert first.id == "900001"
    assert first.classifications == (Classification("ucdp", "3"),)
    assert first.actor1 is not None
    assert first.actor1.name == "Armed group X"
    assert first.fatalities == Fatalities(4, 4, 6)
    assert first.location is not None
    assert first.location.name == "Village Y"
    assert first.location.country == "MMR"
    assert first.location.precision is GeoPrecision.NEAR  # where_prec 2
    assert second.date.precision is DatePrecision.WEEK  # date_prec 3
    assert (second.date.start, second.date.end) == (dt.date(2019, 4, 1), dt.date(2019, 4, 7))
    # source_article and source_headline keep their UCDP meaning: kept as written
    assert first.sources == ()
    assert first.notes is None
    assert first.extra("hxl", "#meta+source") == '"Agency A,2019-03-02,Villagers killed"'
    assert first.extra("hxl", "deaths_civilians") == "4"


def test_a_publishers_contradictory_range_is_kept_with_a_warning() -> None:
    stream = hxl.read(HXL / "hdx_ucdp_sample.csv")
    events = list(stream)
    assert events[1].fatalities == Fatalities(3, 3, 2)
    assert stream.report.warning_counts == {"inconsistent-range": 1}
    [warning] = stream.report.warnings
    assert (warning.line, warning.column) == (4, "#affected+killed")


def test_pandas_resave_reads_numbers_and_keeps_the_index_column() -> None:
    first, second = hxl.read(HXL / "pandas_resaved.csv")
    assert (first.id, second.id) == ("900001", "900002")
    assert first.fatalities == Fatalities(4, 4, 6)
    assert first.classifications == (Classification("ucdp", "3"),)
    assert first.extra("hxl", "column 1") == "0"  # the unnamed index column
    assert second.extra("hxl", "column 1") == "1"
    assert first.extra("hxl", "#date+year") == "2019.0"  # the cell as written


def test_preamble_header_and_untagged_columns_are_kept() -> None:
    # D13: the title row and an untagged column used to vanish silently
    text = ("Data from somewhere,,\nWhen,Untagged,Killed\n#date+occurred,,#affected+killed\n"
            "2024-12-05,keep me,3\n")
    [event] = _read(text)
    assert event.extra("hxl", "Untagged") == "keep me"
    assert event.fatalities == Fatalities(3)
    assert _written([event])[0] == text


def test_crlf_files_keep_crlf() -> None:
    # K10
    text = "When,Killed\r\n#date+occurred,#affected+killed\r\n2024-12-05,3\r\n2024-12-06,4\r\n"
    events = _read(text)
    assert events[0].extra("hxl", hxl.EOL_KEY) == "\r\n"
    assert _written(events)[0] == text
    # the library's own layout with CRLF too
    lf, _ = _written([Event(id="A", date=dt.date(2024, 1, 1))])
    crlf = lf.replace("\n", "\r\n")
    assert _written(_read(crlf))[0] == crlf


def test_a_file_without_a_final_line_end_writes_back_without_one() -> None:
    text = "When,Killed\n#date+occurred,#affected+killed\n2024-12-05,3\n2024-12-06,4"
    events = _read(text)
    assert events[-1].extra("hxl", hxl.FINAL_KEY) == "none"
    assert events[0].extra("hxl", hxl.FINAL_KEY) is None
    assert _written(events)[0] == text
    assert _written([*events, events[0]])[0].endswith("\n")  # not last any more


def test_the_hashtag_row_is_found_anywhere_in_the_first_25_rows() -> None:
    filler = "".join(f"note {n},\n" for n in range(22))
    text = filler + "When,Killed\n#date+occurred,#affected+killed\n2024-12-05,3\n"
    [event] = _read(text)
    assert event.fatalities == Fatalities(3)
    assert _written([event])[0] == text
    too_far = "".join(f"note {n},\n" for n in range(25)) + "#date+occurred,x\n2024-12-05,1\n"
    with pytest.raises(ParseError, match="no HXL hashtag row"):
        _read(too_far)


@pytest.mark.parametrize("tag", ["#Affected+Killed", "#affected +killed", "#AFFECTED+KILLED"])
def test_case_and_white_space_in_hashtags_are_insignificant(tag: str) -> None:
    text = f"When,Killed\n#Date +Occurred,{tag}\n2024-12-05,3\n"
    [event] = _read(text)
    assert event.fatalities == Fatalities(3)


def test_attribute_order_is_insignificant() -> None:
    text = ("When,A1,Assoc\n#date+occurred,#group+first+name,#group+assoc+first+name\n"
            "2024-12-05,HTS,Ahrar al-Sham\n")
    [event] = _read(text)
    assert event.actor1 is not None
    assert event.actor1.name == "HTS"
    assert [a.name for a in event.associates1] == ["Ahrar al-Sham"]


# -- D2: a disaggregated count is never the total -----------------------------------------


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_female_deaths_are_never_the_total(order: tuple[int, int, int]) -> None:
    columns = [("F", "#affected+killed+f", "3"), ("M", "#affected+killed+m", "5"),
               ("Total", "#affected+killed", "8")]
    chosen = [columns[i] for i in order]
    text = ("When," + ",".join(c[0] for c in chosen) + "\n#date+occurred,"
            + ",".join(c[1] for c in chosen) + "\n2024-12-05," + ",".join(c[2] for c in chosen)
            + "\n")
    [event] = _read(text)
    assert event.fatalities == Fatalities(8)
    assert event.extra("hxl", "#affected+killed+f") == "3"
    assert _written([event])[0] == text


def test_a_disaggregated_count_alone_stays_in_the_extras_with_its_attribute() -> None:
    text = "When,F\n#date+occurred,#affected+killed+f\n2024-12-05,3\n"
    [event] = _read(text)
    assert event.fatalities is None
    # written in the library's layout (the event forgets its file), +f is not stripped
    bare = attrs.evolve(event, extras={"hxl": {"#affected+killed+f": "3"}})
    out, report = _written([bare])
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[1][-1] == "#affected+killed+f"
    assert rows[1].count("#affected+killed") == 1
    assert rows[2][rows[1].index("#affected+killed")] == ""
    assert not report.dropped


# -- D6: extras keys that are not hashtags ---------------------------------------------------


@pytest.mark.parametrize("key", ["Foo", "#foo bar", "#1x", "#", "#foo,bar", "foo#bar"])
def test_an_extras_key_that_is_not_a_hashtag_is_dropped_and_counted(key: str) -> None:
    event = Event(id="E1", date=dt.date(2024, 12, 5),
                  extras={"hxl": {key: "x", "#x_ok+note": "kept"}})
    out, report = _written([event])
    assert report.dropped == {f"extras.hxl.{key}": 1}
    [back] = _read(out)  # the file stays readable
    assert back.id == "E1"
    assert back.extra("hxl", "#x_ok+note") == "kept"


# -- C1, W3: hostile cells -------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["²", "٣", "9" * 5000, "1e3", "-2", "1.5", "3 "[:1] + "x"])
@pytest.mark.parametrize("policy", ["raise", "collect"])
def test_a_count_that_is_not_a_whole_number_is_a_located_error(cell: str, policy: str) -> None:
    text = f"When,Killed\n#date+occurred,#affected+killed\n2024-12-05,{cell}\n2024-12-06,2\n"
    if policy == "raise":
        with pytest.raises(ParseError) as caught:
            _read(text)
        error = caught.value
    else:
        stream = hxl.read(io.StringIO(text), on_error="collect")
        assert [e.fatalities for e in stream] == [Fatalities(2)]
        [error] = stream.report.errors
    assert (error.line, error.column) == (3, "#affected+killed")


def test_a_nul_byte_names_the_hashtag_not_a_position() -> None:
    text = "When,Notes\n#date+occurred,#description\n2024-12-05,a\x00b\n"
    with pytest.raises(ParseError) as caught:
        _read(text)
    assert caught.value.column == "#description"
    untagged = "When,Notes\n#date+occurred,\n2024-12-05,a\x00b\n"
    with pytest.raises(ParseError) as caught:
        _read(untagged)
    assert caught.value.column == "Notes"


def test_deeply_nested_date_text_is_a_located_error() -> None:
    text = "When\n#date+occurred\n" + "early " * 1500 + "December 2024\n"
    stream = hxl.read(io.StringIO(text), on_error="collect")
    assert list(stream) == []
    assert stream.report.errors[0].column == "#date+occurred"


# -- dates: one day order per file --------------------------------------------------------------


def test_numeric_dates_take_the_files_own_order() -> None:
    text = "When\n#date+occurred\n05/04/2001\n18/04/2001\n"
    stream = hxl.read(io.StringIO(text))
    assert [e.date.start for e in stream] == [dt.date(2001, 4, 5), dt.date(2001, 4, 18)]
    assert stream.report.warning_counts == {"ambiguous-date": 1}
    events = _read(text)
    assert _written(events)[0] == text


def test_an_undecided_order_is_refused_unless_given() -> None:
    text = "When\n#date+occurred\n05/04/2001\n"
    with pytest.raises(AmbiguousDateError):
        _read(text)
    [event] = _read(text, dayfirst=False)
    assert event.date.start == dt.date(2001, 5, 4)
    assert _written([event])[0] == text


def test_read_passes_the_common_options_through() -> None:
    data = "When,Where\n#date+occurred,#loc+name\n2024-12-05,Bogot\xe1\n".encode("cp1252")
    [event] = hxl.read(io.BytesIO(data), encoding="cp1252")
    assert event.location is not None
    assert event.location.name == "Bogot\xe1"
    text = "When,Where\n#date+occurred,#country+code\n2024-12-05,QQQ\n"
    stream = hxl.read(io.StringIO(text), on_error="collect", on_warning="error")
    assert list(stream) == []
    assert "unknown-code" in stream.report.errors[0].reason


def test_an_unknown_country_is_kept_with_a_warning() -> None:
    text = "When,Where\n#date+occurred,#country+code\n2024-12-05,QQQ\n"
    stream = hxl.read(io.StringIO(text))
    [event] = stream
    assert event.location is None or event.location.country is None
    assert stream.report.warning_counts == {"unknown-code": 1}
    assert _written([event])[0] == text


# -- properties ------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(best=st.integers(0, 10**6),
       # text a writer can write: the model refuses NUL and lone surrogates (issue 16)
       notes=st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
                     max_size=20).map(str.strip),
       day=st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)))
def test_a_changed_value_is_written_not_the_kept_text(best: int, notes: str,
                                                      day: dt.date) -> None:
    # the kept text of a cell is written back only while it still says what the event holds
    events = list(hxl.read(HXL / "pandas_resaved.csv"))
    changed = attrs.evolve(events[0], fatalities=Fatalities(best),
                           date=ce.EventDate(day), notes=notes or None)
    out, _ = _written([changed, events[1]])
    first, second = _read(out)
    assert first.fatalities == Fatalities(best)
    assert first.date == ce.EventDate(day)
    assert second == events[1]


@pytest.mark.parametrize("name", LAYOUTS)
def test_writing_in_another_layout_keeps_the_model_and_counts_the_rest(name: str) -> None:
    for event in hxl.read(HXL / name):
        out, _ = _written([Event(id="X", date=dt.date(2024, 1, 1)), event])
        back = _read(out)[1]
        assert (back.id, back.date, back.actor1, back.fatalities is None) == (
            event.id, event.date, event.actor1,
            event.fatalities is None)


def test_writing_hdx_ucdp_events_in_the_librarys_layout_counts_the_losses() -> None:
    events = list(hxl.read(HXL / "hdx_ucdp_sample.csv"))
    _, report = _written([Event(id="X", date=dt.date(2024, 1, 1)), *events])
    assert report.dropped["classifications.ucdp"] == 2
    assert report.dropped["fatalities.low"] == report.dropped["fatalities.high"] == 2
    assert report.dropped["extras.hxl.deaths_civilians"] == 2
    assert report.dropped["extras.hxl.#meta+source"] == 2
    assert "extras.hxl.#date+start" not in report.dropped  # a cell the model carries
    assert all(not key.startswith("extras.hxl.@") for key in report.dropped)


# -- conversions of the real files (issue 15: each finishes with a report and exit 0) ----------


@pytest.mark.parametrize("path", real_file_params("hxl") + real_file_params("geojson"))
@pytest.mark.parametrize("target", ["acled", "gdelt2"])
def test_converting_real_files_finishes_with_a_report(path: Path, target: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    out = tmp_path / "out.csv"
    code = main(["convert", str(path), str(out), "--to", target])
    captured = capsys.readouterr()
    if code == 1 and "wrote none of the" in captured.err:  # nothing to derive a type from
        assert not out.exists()
        return
    assert code == 0, captured.err
    assert "read " in captured.err + captured.out
    assert out.exists()


@settings(max_examples=150, deadline=None)
@given(hxl_strategies.hdx_files())
def test_any_hdx_style_file_reads_and_writes_back_byte_for_byte(text: str) -> None:
    events = _read(text)
    out, report = _written(events)
    assert out == text
    assert not report.dropped
    assert _read(out) == events


def test_a_publishers_contradictory_country_is_kept_with_a_warning() -> None:
    text = "When,Country,Code\n#date+occurred,#country+name,#country+code\n2024-12-05,Syria,BGD\n"
    stream = hxl.read(io.StringIO(text))
    [event] = stream
    assert event.location is not None
    assert event.location.country == "BGD"
    assert stream.report.warning_counts == {"inconsistent-country": 1}
    assert _written([event])[0] == text
    moved = attrs.evolve(event, location=attrs.evolve(event.location, country="MLI"))
    [back] = _read(_written([moved])[0])
    assert back.location is not None
    assert back.location.country == "MLI"


_HEADS = [_text(HXL / name).split("\n", 2)[0] + "\n" + _text(HXL / name).split("\n", 2)[1]
          + "\n" for name in ("hdx_ucdp_sample.csv", "pandas_resaved.csv")]


@settings(max_examples=100, deadline=None)
@given(head=st.sampled_from(_HEADS), data=st.text(max_size=400))
def test_any_rows_under_an_hdx_head_raise_only_parse_errors(head: str, data: str) -> None:
    for policy in ("raise", "skip", "collect"):
        try:
            list(hxl.read(io.StringIO(head + data), on_error=policy))  # type: ignore[arg-type]
        except ParseError:
            assert policy == "raise"
