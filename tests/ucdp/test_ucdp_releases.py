"""UCDP GED as published: every release, Candidate files without a header, the facts of a file
(@-keys), codes the code books lack, Gleditsch-Ward numbers, and the located errors of W2."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import conflictevents as ce
from _support import FIXTURES, real_file_params, real_files
from conflictevents import cli, places
from conflictevents.codes import ucdp as ucdp_codes
from conflictevents.errors import ParseError, UnknownCodeError
from conflictevents.formats import ucdp
from conflictevents.model import Actor, Classification, DatePrecision, Event, GeoPrecision
from conflictevents.strategies import ucdp as ucdp_strategies

GED251 = FIXTURES / "ucdp" / "ged251_sample.csv"
CANDIDATE = FIXTURES / "ucdp" / "candidate_24_0_1_noheader.csv"
OLDER = FIXTURES / "ucdp" / "ged_sample.csv"
FIXTURE_FILES = [GED251, CANDIDATE, OLDER]

#: A Gleditsch-Ward table for the tests of the plumbing (the real one is the code book's).
_GW = {"2": "USA", "200": "GBR", "365": "RUS", "369": "UKR", "520": "SOM", "625": "SDN",
       "652": "SYR", "70": "MEX", "700": "AFG", "775": "MMR", "771": "BGD", "750": "IND",
       "265": None, "490": "COD", "678": "YEM", "645": "IRQ"}


def _fake_gw(number: int | str) -> str | None:
    key = str(number).strip()
    if key not in _GW:
        raise UnknownCodeError("Gleditsch-Ward state number", number)
    return _GW[key]


@pytest.fixture
def gw_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """Look Gleditsch-Ward numbers up in :data:`_GW` (whether or not the code book has its
    table yet)."""
    monkeypatch.setattr(places, "country_from_gwno", _fake_gw, raising=False)


@pytest.fixture
def no_gw_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(places, "country_from_gwno", raising=False)


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _written(events: list[Event], **options: object) -> tuple[str, ce.ConversionReport]:
    out = io.StringIO(newline="")
    report = ce.write(events, out, "ucdp-ged", **options)
    return out.getvalue(), report


def _csv(rows: list[dict[str, str]], *, header: bool = True, eol: str = "\n",
         quote_all: bool = False) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator=eol,
                        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    if header:
        writer.writerow(list(rows[0]))
    for row in rows:
        writer.writerow(list(row.values()))
    return out.getvalue()


def _crlf(text: str) -> str:
    """*text* with every row ending in CRLF (line breaks inside quoted cells stay LF)."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    assert out.getvalue().replace("\r\n", "\n") == text  # the fixtures quote minimally
    return out.getvalue()


# -- the fixtures --------------------------------------------------------------------------


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("lookup", ["gw_table", "no_gw_table"])
def test_fixtures_are_detected_read_and_written_back_byte_for_byte(
    path: Path, lookup: str, request: pytest.FixtureRequest
) -> None:
    request.getfixturevalue(lookup)
    stream = ce.read(path, on_error="raise")
    events = list(stream)
    assert stream.format == "ucdp-ged"
    rows = _text(path).count("\n") - (0 if path == CANDIDATE else 1)
    assert len(events) == sum(1 for _ in csv.reader(io.StringIO(_text(path), newline=""))) - (
        0 if path == CANDIDATE else 1)
    assert len(events) <= rows
    text, report = _written(events)
    assert text == _text(path)
    assert report.lossless, report


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_crlf_files_come_back_crlf(path: Path, tmp_path: Path) -> None:
    crlf = tmp_path / path.name
    crlf.write_bytes(_crlf(_text(path)).encode())
    events = list(ce.read(crlf))
    assert {e.extra("ucdp-ged", ucdp.EOL_KEY) for e in events} == {"\r\n"}
    out = tmp_path / "out.csv"
    ce.write(events, out, "ucdp-ged")
    assert out.read_bytes() == crlf.read_bytes()
    # the caller's choice wins over the file's
    assert "\r\n" not in _written(events, line_terminator="\n")[0]


def test_ged251_maps_onto_the_core_types(gw_table: None) -> None:
    stream = ucdp.read(GED251)
    events = {e.id: e for e in stream}
    omdurman = events["612001"]
    assert omdurman.date == ce.EventDate(dt.date(2024, 3, 1))
    assert omdurman.actor1 == Actor("Government of Sudan", country="SDN")
    assert omdurman.actor2 == Actor("RSF")
    assert omdurman.extra("ucdp-ged", "date_start") == "2024-03-01 00:00:00.000"
    assert "\n" in (omdurman.extra("ucdp-ged", "source_original") or "")
    assert omdurman.extra("ucdp-ged", "where_description") == "old market, Omdurman"
    somalia = events["612002"]
    assert somalia.date.precision is DatePrecision.SPAN
    assert somalia.extra("ucdp-ged", "number_of_sources") == "-1"
    assert somalia.location is not None
    assert (somalia.location.latitude, somalia.location.longitude) == (2.0, 45.0)
    assert somalia.extra("ucdp-ged", "latitude") == "2"  # written as UCDP wrote it
    assert somalia.location.precision is GeoPrecision.ADMIN1
    ukraine = events["612003"]
    assert ukraine.actor1 == Actor("Government of Russia (Soviet Union)", country="RUS")
    assert ukraine.actor2 == Actor("Government of Ukraine", country="UKR")
    coalition = events["612005"]
    assert coalition.actor1 is not None
    assert coalition.actor1.country is None  # "652, 365": a side of two states
    assert coalition.extra("ucdp-ged", "gwnoa") == "652, 365"
    assert [(w.code, w.line, w.column) for w in stream.report.warnings] == [
        ("inconsistent-range", 5, "high"), ("inconsistent-range", 6, "low")]
    mexico = events["612004"]
    assert mexico.fatalities is not None
    assert (mexico.fatalities.low, mexico.fatalities.best, mexico.fatalities.high) == (7, 5, 8)
    assert not mexico.fatalities.consistent


def test_without_the_table_actors_have_no_country_and_the_numbers_are_kept(
    no_gw_table: None,
) -> None:
    events = list(ucdp.read(GED251))
    assert all(e.actor1 is None or e.actor1.country is None for e in events)
    assert events[0].extra("ucdp-ged", "gwnoa") == "625"


def test_a_candidate_file_without_a_header_is_read_with_the_release_columns() -> None:
    stream = ce.read(CANDIDATE)
    events = list(stream)
    assert stream.format == "ucdp-ged"
    assert [e.id for e in events] == ["700101", "700102", "700103"]
    assert {e.extra("ucdp-ged", ucdp.HEADER_KEY) for e in events} == {"none"}
    assert events[0].extra("ucdp-ged", ucdp.LAYOUT_KEY) is None  # the 49 columns
    assert events[1].extra("ucdp-ged", "code_status") == "Check dyad"
    assert events[1].fatalities is not None
    assert events[1].fatalities.low == 3
    assert events[0].extra("ucdp-ged", "relid") == "SOM-2024-3-234-101"
    # written back without a header; with one when asked
    assert _written(events)[0] == _text(CANDIDATE)
    with_header = _written(events, header=True)[0]
    assert with_header == ",".join(ucdp.COLUMNS) + "\n" + _text(CANDIDATE)
    assert [e.id for e in ce.read(io.StringIO(with_header))] == [e.id for e in events]


def test_a_file_quoting_every_cell_is_written_back_so() -> None:
    rows = list(csv.reader(io.StringIO(_text(CANDIDATE), newline="")))
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)
    quoted = out.getvalue()
    events = list(ce.read(io.StringIO(quoted, newline="")))
    assert events[0].extra("ucdp-ged", ucdp.QUOTING_KEY) == "all"
    assert _written(events)[0] == quoted


@settings(max_examples=40)
@given(st.sampled_from(sorted(ucdp.RELEASES)), st.data(), st.booleans(),
       st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_every_release_with_or_without_a_header_reads_and_writes_back(
    release: str, data: st.DataObject, header: bool, eol: str, quote_all: bool
) -> None:
    rows = data.draw(st.lists(ucdp_strategies.rows(release), min_size=1, max_size=4))
    text = _csv(rows, header=header, eol=eol, quote_all=quote_all)
    stream = ce.read(io.BytesIO(text.encode()), on_error="raise")
    events = list(stream)
    assert stream.format == "ucdp-ged"
    assert [e.id for e in events] == [row["id"] for row in rows]
    first = events[0]
    assert first.extra("ucdp-ged", ucdp.HEADER_KEY) == (None if header else "none")
    assert first.extra("ucdp-ged", ucdp.LAYOUT_KEY) == (None if release == "20.1" else release)
    out = io.BytesIO()
    ce.write(events, out, "ucdp-ged")
    assert out.getvalue().decode() == text


def test_the_19_1_layout_is_written_from_its_release_name() -> None:
    row = dict.fromkeys(ucdp.COLUMNS_19_1, "")
    row.update(id="5", year="2015", date_start="2015-05-11", date_end="2015-05-11", low="0",
               best="1", high="30", type_of_violence="1")
    [event] = ce.read(io.StringIO(_csv([row])))
    assert event.extra("ucdp-ged", ucdp.LAYOUT_KEY) == "19.1"
    assert _written([event])[0].splitlines()[0] == ",".join(ucdp.COLUMNS_19_1)


@settings(max_examples=60)
@given(st.binary(max_size=400), st.sampled_from(["raise", "skip", "collect"]))
def test_arbitrary_bytes_after_a_headerless_row_raise_only_parse_errors(data: bytes,
                                                                       policy: str) -> None:
    first = _text(CANDIDATE).splitlines(keepends=True)[0].encode()
    for text in (first + data, data, b"\n\n" + first + data):
        with contextlib.suppress(ParseError):
            list(ucdp.read(io.BytesIO(text), on_error=policy))  # type: ignore[arg-type]


def test_blank_lines_before_the_first_row_are_skipped() -> None:
    events = list(ucdp.read(io.StringIO("\n\n" + _text(CANDIDATE))))
    assert [e.id for e in events] == ["700101", "700102", "700103"]


# -- the @-keys ---------------------------------------------------------------------------


def test_reserved_keys_are_never_columns_nor_reported() -> None:
    event = Event(id="1", date=dt.date(2020, 1, 1),
                  extras={"ucdp-ged": {"@encoding": "cp1252", "@whatever": "x", "relid": "R"}})
    text, report = _written([event])
    assert "@" not in text.splitlines()[0]
    assert "x" not in text.splitlines()[1].split(",")
    assert report.lossless, report


def test_the_old_columns_key_of_a_jsonl_record_is_still_a_layout() -> None:
    event = Event(id="1", date=dt.date(2020, 1, 1),
                  extras={"ucdp-ged": {"#columns": "id,date_start,relid", "relid": "R"}})
    text, report = _written([event])
    assert text == "id,date_start,relid\n1,2020-01-01,R\n"
    assert not [key for key in report.dropped if "#" in key or "@" in key]


def test_file_facts_survive_a_trip_through_jsonl() -> None:
    events = list(ce.read(CANDIDATE))
    jsonl = io.StringIO()
    ce.write(events, jsonl, "jsonl")
    back = list(ce.read(io.StringIO(jsonl.getvalue()), "jsonl"))
    assert _written(back)[0] == _text(CANDIDATE)


@pytest.mark.parametrize("name", ["@eol", "@anything", "#columns"])
def test_a_header_column_named_like_a_reserved_key_is_refused(name: str) -> None:
    with pytest.raises(ParseError) as caught:
        list(ucdp.read(io.StringIO(f"id,date_start,{name}\n1,2020-01-01,x\n")))
    assert (caught.value.line, caught.value.column) == (1, name)


def test_a_first_row_that_is_neither_header_nor_row_says_what_would_do() -> None:
    with pytest.raises(ParseError, match=r"49 or 42 fields"):
        list(ucdp.read(io.StringIO("1,2,3\n")))


def test_a_bad_line_terminator_is_refused_before_writing() -> None:
    with pytest.raises(ValueError, match="line_terminator"):
        _written(list(ucdp.read(OLDER)), line_terminator="\r")


# -- codes the code books lack, and publisher ranges --------------------------------------


@pytest.mark.parametrize("kind", sorted(ucdp_strategies.ODDITIES))
@settings(max_examples=10)
@given(data=st.data())
def test_a_code_the_code_book_lacks_is_kept_with_a_warning(kind: str,
                                                           data: st.DataObject) -> None:
    good = data.draw(ucdp_strategies.rows())
    odd, _, column = data.draw(ucdp_strategies.odd_rows(kind))
    text = _csv([good, odd, odd])
    stream = ucdp.read(io.StringIO(text, newline=""), on_error="raise")
    events = list(stream)
    assert len(events) == 3
    unknown = [w for w in stream.report.warnings if w.code == "unknown-code"]
    assert [(w.line, w.column, w.value) for w in unknown] == [(3, column, odd[column])]
    assert _written(events)[0] == text
    if kind == "type_of_violence":
        assert events[1].classifications == (
            Classification("ucdp", odd[column].strip(), unknown=True),)
    # strict reading refuses every odd row, naming the column and the value
    strict = ucdp.read(io.StringIO(text, newline=""), on_error="collect", on_warning="error")
    read = list(strict)
    assert [e.id for e in read] == [good["id"]]
    assert [e.line for e in strict.report.errors] == [3, 4]
    assert next((e.line, e.column, e.value) for e in strict.report.errors) == (
        3, column, odd[column])


def test_an_unknown_event_clarity_is_a_warning_when_the_code_book_has_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def clarity(code: int | str) -> object:
        if str(code).strip() not in ("1", "2"):
            raise UnknownCodeError("UCDP event_clarity", code)
        return object()

    row = dict.fromkeys(ucdp.COLUMNS, "")
    row.update(id="5", date_start="2020-01-01", date_end="2020-01-01", event_clarity="3")
    text = _csv([row])
    monkeypatch.delattr(ucdp_codes, "event_clarity", raising=False)
    stream = ucdp.read(io.StringIO(text))
    assert len(list(stream)) == 1
    assert stream.report.warnings == []  # no code book: kept as written, nothing to check
    monkeypatch.setattr(ucdp_codes, "event_clarity", clarity, raising=False)
    stream = ucdp.read(io.StringIO(text))
    [event] = stream
    assert [(w.code, w.column, w.value) for w in stream.report.warnings] == [
        ("unknown-code", "event_clarity", "3")]
    assert _written([event])[0] == text


@pytest.mark.parametrize("number", ["999", "x", "9" * 5000])
def test_an_unknown_state_number_is_a_warning(gw_table: None, number: str) -> None:
    row = dict.fromkeys(ucdp.COLUMNS, "")
    row.update(id="5", date_start="2020-01-01", date_end="2020-01-01", side_a="X",
               gwnoa=number)
    text = _csv([row, dict(row, id="6")])
    stream = ucdp.read(io.StringIO(text))
    events = list(stream)
    assert [(w.code, w.line, w.column, w.value) for w in stream.report.warnings] == [
        ("unknown-code", 2, "gwnoa", number)]
    assert events[0].actor1 == Actor("X")
    assert _written(events)[0] == text


def test_an_unknown_country_name_falls_back_on_country_id(gw_table: None) -> None:
    row = dict.fromkeys(ucdp.COLUMNS, "")
    row.update(id="5", date_start="2020-01-01", date_end="2020-01-01", country="Atlantis",
               country_id="652")
    text = _csv([row])
    stream = ucdp.read(io.StringIO(text))
    [event] = stream
    assert event.location is not None
    assert event.location.country == "SYR"
    assert stream.report.warnings[0].column == "country"
    assert _written([event])[0] == text


def test_an_actor_country_the_state_number_does_not_give_is_reported(gw_table: None) -> None:
    [event] = [e for e in ucdp.read(GED251) if e.id == "612001"]
    assert event.actor1 is not None
    moved = Event(id=event.id, date=event.date, actor1=Actor("Government of Sudan",
                                                             country="EGY"),
                  extras=event.extras)
    assert _written([moved])[1].dropped == {"actor1.country": 1}
    assert _written([event])[1].lossless


@given(ucdp_strategies.rows(), st.integers(1, 50))
def test_low_above_best_reads_as_written_with_a_warning(row: dict[str, str], gap: int) -> None:
    row["low"] = str(int(row["best"]) + gap)
    text = _csv([row])
    stream = ucdp.read(io.StringIO(text, newline=""))
    [event] = stream
    assert event.fatalities is not None
    assert event.fatalities.low == int(row["low"])
    assert [(w.code, w.column) for w in stream.report.warnings] == [("inconsistent-range", "low")]
    assert _written([event])[0] == text


# -- W2: the errors name the column and the value -----------------------------------------


@pytest.mark.parametrize(("column", "value"), [
    ("best", "1" * 5000), ("low", "9" * 4301), ("high", "2" * 19),
    ("latitude", "91"), ("latitude", "-90.0001"), ("longitude", "180.5"),
    ("longitude", "9" * 5000), ("latitude", "1e999"),
])
def test_numbers_that_cannot_be_read_are_located_with_their_value(column: str,
                                                                  value: str) -> None:
    row = dict.fromkeys(ucdp.COLUMNS, "")
    row.update(id="5", date_start="2020-01-01", date_end="2020-01-01", best="1",
               latitude="1", longitude="1")
    row[column] = value
    with pytest.raises(ParseError) as caught:
        list(ucdp.read(io.StringIO(_csv([row]))))
    assert (caught.value.line, caught.value.column, caught.value.value) == (2, column, value)


@pytest.mark.parametrize("column", ["where_prec", "date_prec", "type_of_violence", "year"])
def test_5000_digit_codes_are_kept_and_located(column: str) -> None:
    row = dict.fromkeys(ucdp.COLUMNS, "")
    row.update(id="5", date_start="2020-01-01", date_end="2020-01-01")
    row[column] = "7" * 5000
    text = _csv([row])
    stream = ucdp.read(io.StringIO(text, newline=""))
    events = list(stream)
    assert len(events) == 1
    if column != "year":  # the year is not a code: it is kept as written
        [warning] = stream.report.warnings
        assert (warning.column, warning.value) == (column, "7" * 5000)
    assert _written(events)[0] == text


# -- the module's read() passes the common options on ---------------------------------------


def test_read_passes_encoding_dayfirst_and_on_warning_on() -> None:
    row = dict.fromkeys(ucdp.COLUMNS, "")
    row.update(id="5", date_start="2020-01-01", date_end="2020-01-01", side_a="Gendarmerie é",
               best="3", high="1")
    data = _csv([row]).encode("cp1252")
    [event] = ucdp.read(io.BytesIO(data), encoding="cp1252", dayfirst=True)
    assert event.actor1 == Actor("Gendarmerie é")
    assert event.extra("ucdp-ged", "@encoding") == "cp1252"
    out = io.BytesIO()
    ucdp.write([event], out)
    assert out.getvalue() == data
    strict = ucdp.read(io.BytesIO(data), encoding="cp1252", on_warning="error",
                       on_error="collect")
    assert list(strict) == []
    assert strict.report.errors[0].column == "high"


# -- the real file and the command line ------------------------------------------------------


@pytest.mark.parametrize("path", real_file_params("ucdp"))
def test_real_files_in_crlf_come_back_crlf(path: Path, tmp_path: Path) -> None:
    crlf = tmp_path / path.name
    crlf.write_bytes(_crlf(_text(path)).encode())
    events = list(ce.read(crlf, on_error="raise"))
    assert len(events) == sum(1 for _ in csv.reader(io.StringIO(_text(path), newline=""))) - 1
    out = tmp_path / "out.csv"
    ce.write(events, out, "ucdp-ged")
    assert out.read_bytes() == crlf.read_bytes()


@pytest.mark.parametrize("path", real_file_params("ucdp"))
def test_real_files_without_their_header_are_read_and_written_back(path: Path,
                                                                   tmp_path: Path) -> None:
    text = _text(path)
    bare = tmp_path / path.name
    bare.write_bytes(text[text.index("\n") + 1:].encode())
    stream = ce.read(bare, on_error="raise")
    events = list(stream)
    assert stream.format == "ucdp-ged"
    assert len(events) == sum(1 for _ in csv.reader(io.StringIO(text, newline=""))) - 1
    assert events[0].extra("ucdp-ged", ucdp.HEADER_KEY) == "none"
    out = tmp_path / "out.csv"
    ce.write(events, out, "ucdp-ged")
    assert out.read_bytes() == bare.read_bytes()


@pytest.mark.parametrize("path", real_file_params("ucdp"))
def test_real_files_give_actors_a_country_through_gw_numbers(path: Path, gw_table: None) -> None:
    events = list(ce.read(path, on_error="raise"))
    with_number = [e for e in events if e.extra("ucdp-ged", "gwnoa")]
    assert with_number
    for event in with_number:
        assert event.actor1 is not None
        assert event.actor1.country == _GW[event.extra("ucdp-ged", "gwnoa") or ""]


@pytest.mark.parametrize("path", [*real_files("ucdp"), *FIXTURE_FILES], ids=lambda p: p.name)
@pytest.mark.parametrize("to", ["acled", "gdelt2"])
def test_convert_to_acled_and_gdelt2_finishes_with_a_report(
    path: Path, to: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / ("out.csv" if to == "acled" else "out.tsv")
    status = cli.main(["convert", str(path), str(out), "--to", to,
                       "--report-json", str(tmp_path / "report.json")])
    assert status == 0, capsys.readouterr().err
    err = capsys.readouterr().err
    assert "(ucdp-ged) ->" in err
    assert "read " in err
    assert (tmp_path / "report.json").is_file()
    assert out.is_file()
