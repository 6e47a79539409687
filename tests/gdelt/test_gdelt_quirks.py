"""GDELT as published (issue 14): every quirk of ../shared/formats.md is read, and written back
byte for byte. Rows are made from the hand-made fixtures, with the quirk put in; the real
files themselves are read by tests/realdata."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

import conflictevents as ce
from _support import FIXTURES
from conflictevents import places
from conflictevents.formats import gdelt

V2 = FIXTURES / "gdelt" / "20241205103000.export.CSV"
V1 = FIXTURES / "gdelt" / "20241205.export.CSV"
HISTORICAL = FIXTURES / "gdelt" / "2012.historical.csv"


def _row(path: Path, index: int = 0) -> dict[str, str]:
    line = path.read_text("utf-8").splitlines()[index]
    cells = line.split("\t")
    columns = {57: gdelt.COLUMNS_HISTORICAL, 58: gdelt.COLUMNS_DAILY,
               61: gdelt.COLUMNS_V2}[len(cells)]
    return dict(zip(columns, cells, strict=True))


def _line(row: dict[str, str]) -> str:
    return "\t".join(row.values())


def _round_trip(text: str, fmt: str) -> tuple[list[ce.Event], ce.RecordStream]:
    stream = ce.read(io.StringIO(text), fmt)
    events = [e for e in stream if isinstance(e, ce.Event)]
    out = io.StringIO()
    report = ce.write(events, out, fmt)
    assert out.getvalue() == text
    assert report.lossless, report
    return events, stream


def _with_actor1(row: dict[str, str], code: str, **parts: str) -> dict[str, str]:
    for part in gdelt._ACTOR_PARTS:
        row[f"Actor1{part}"] = ""
    row["Actor1Code"] = code
    for part, value in parts.items():
        row[f"Actor1{part}"] = value
    return row


# -- actor codes -----------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "parts", "country"), [
    ("kur", {"Name": "KURD", "EthnicCode": "kur"}, None),
    ("nepGOV", {"Name": "NEPALI", "EthnicCode": "nep", "Type1Code": "GOV"}, None),
    ("catSEP", {"Name": "CATALAN", "EthnicCode": "cat", "Type1Code": "SEP"}, None),
    ("idgCOP", {"Name": "INDIGENOUS", "EthnicCode": "idg", "Type1Code": "COP"}, None),
    ("menGOV", {"Name": "MENDE", "EthnicCode": "men", "Type1Code": "GOV"}, None),
    ("SYRkurREB", {"Name": "KURDISH REBEL", "CountryCode": "SYR", "EthnicCode": "kur",
                   "Type1Code": "REB"}, "SYR"),
])
def test_lower_case_ethnic_blocks_are_read_in_their_case(
        code: str, parts: dict[str, str], country: str | None) -> None:
    row = _with_actor1(_row(V2), code, **parts)
    text = _line(row) + "\n"
    events, stream = _round_trip(text, "gdelt2")
    actor = events[0].actor1
    assert actor is not None
    assert (actor.cameo_code, actor.name, actor.country) == (code, parts["Name"], country)
    assert stream.report.warned == 0


def test_leading_space_in_an_actor_code_is_kept() -> None:
    # 2013-04-01 daily rows: " UIS", " CVL", and a lone " " for no actor at all.
    row = _with_actor1(_row(V1), " UIS", Name="THE INTERNATIONAL COMMUNITY", Type1Code="UIS")
    other = _with_actor1(_row(V1, 1), " ")
    text = _line(row) + "\n" + _line(other) + "\n"
    events, stream = _round_trip(text, "gdelt1")
    assert events[0].actor1 is not None
    assert events[0].actor1.cameo_code == "UIS"
    assert events[1].actor1 is None
    assert stream.report.warned == 0


def test_a_block_no_code_book_has_is_kept_with_one_warning_per_code() -> None:
    # (real examples, for the code book of their day: PTY, SCG, HCR, REL)
    rows = [_with_actor1(_row(V2, i), "SRBQQX", Name="SERBIA", CountryCode="SRB")
            for i in range(3)]
    text = "".join(_line(r) + "\n" for r in rows)
    events, stream = _round_trip(text, "gdelt2")
    assert [e.actor1.cameo_code for e in events if e.actor1] == ["SRBQQX"] * 3
    warnings = stream.report.warnings
    assert [(w.code, w.line, w.column, w.value) for w in warnings] == [
        ("unknown-code", 1, "Actor1Code", "SRBQQX")]
    assert "'QQX'" in warnings[0].reason


def test_an_edited_actor_code_fills_the_breakout_columns_from_its_blocks() -> None:
    event = next(iter(ce.read(V2)))
    assert isinstance(event, ce.Event)
    edited = ce.Event(id="7", date=event.date, classifications=event.classifications,
                      actor1=ce.Actor("KURDISH GOVERNMENT", cameo_code="IRQkurGOVSUN"))
    out = io.StringIO()
    ce.write([edited], out, "gdelt2")
    cells = dict(zip(gdelt.COLUMNS_V2, out.getvalue().rstrip("\n").split("\t"), strict=True))
    assert (cells["Actor1Code"], cells["Actor1CountryCode"], cells["Actor1EthnicCode"],
            cells["Actor1Type1Code"], cells["Actor1Religion1Code"]) == (
        "IRQkurGOVSUN", "IRQ", "kur", "GOV", "SUN")
    back = next(iter(ce.read(io.StringIO(out.getvalue()), "gdelt2")))
    assert isinstance(back, ce.Event)
    assert back.actor1 == ce.Actor("KURDISH GOVERNMENT", country="IRQ", cameo_code="IRQkurGOVSUN")


# -- geography -------------------------------------------------------------------------------


def test_feature_ids_negative_or_letters_are_kept() -> None:
    rows = []
    for i, feature in enumerate(["-1299321", "FL", "US", "UK", "AG"]):
        row = _row(V1, i)
        row["ActionGeo_FeatureID"] = feature
        row["Actor1Geo_FeatureID"] = feature
        rows.append(row)
    _round_trip("".join(_line(r) + "\n" for r in rows), "gdelt1")


def test_zero_coordinates_of_back_file_rows_mean_none_and_are_written_back() -> None:
    row = _row(HISTORICAL)
    for prefix in gdelt._GEOS:
        row[f"{prefix}_Lat"] = row[f"{prefix}_Long"] = row[f"{prefix}_FeatureID"] = "0"
    text = _line(row) + "\n"
    events, _ = _round_trip(text, "gdelt1")
    location = events[0].location
    assert location is not None
    assert location.coordinates is None
    # an event edited elsewhere, then written without its kept cells, has empty cells
    fresh = ce.Event(id="1", date=events[0].date, classifications=events[0].classifications,
                     location=location)
    out = io.StringIO()
    ce.write([fresh], out, "gdelt1", layout="historical")
    assert "\t0\t0\t" not in out.getvalue()


def test_goldstein_integer_or_decimal_is_written_back_as_it_came() -> None:
    rows = [_row(V1, 0), _row(V1, 1)]
    rows[0]["GoldsteinScale"] = "-10"
    rows[1]["GoldsteinScale"] = "-10.0"
    _round_trip("".join(_line(r) + "\n" for r in rows), "gdelt1")


def test_sourceurl_that_is_a_name_is_a_source_name() -> None:
    row = _row(V1)
    row["SOURCEURL"] = "BBC Monitoring"
    events, _ = _round_trip(_line(row) + "\n", "gdelt1")
    assert events[0].sources == (ce.Source("BBC Monitoring"),)


def test_event_dates_years_before_dateadded_are_read() -> None:
    row = _row(V1)
    row.update(SQLDATE="20030404", MonthYear="200304", Year="2003", FractionDate="2003.2575",
               DATEADDED="20130401")
    events, stream = _round_trip(_line(row) + "\n", "gdelt1")
    assert events[0].date.start == dt.date(2003, 4, 4)
    assert stream.report.warned == 0


def test_57_and_58_column_rows_mixed_in_one_file_are_written_back_row_by_row() -> None:
    historical = HISTORICAL.read_text("utf-8").splitlines(keepends=True)
    daily = V1.read_text("utf-8").splitlines(keepends=True)
    text = historical[0] + daily[0] + historical[1] + daily[1]
    events, _ = _round_trip(text, "gdelt1")
    assert [len(e.extras["gdelt1"]) for e in events] == [56, 57, 56, 57]


def test_a_fips_code_the_table_lacks_is_kept_with_a_warning() -> None:
    row = _row(V2)
    row["Actor1Geo_CountryCode"] = "QQ"
    row["ActionGeo_CountryCode"] = "QQ"
    events, stream = _round_trip(_line(row) + "\n", "gdelt2")
    assert events[0].location is not None
    assert events[0].location.country is None
    assert {(w.code, w.column) for w in stream.report.warnings} == {
        ("unknown-code", "Actor1Geo_CountryCode"), ("unknown-code", "ActionGeo_CountryCode")}


def test_serbia_rb_reads_whatever_the_fips_table() -> None:
    # GDELT writes RB (RB00) for Serbia; a FIPS table without it warns, one with it maps it.
    row = _row(V2)
    row.update(ActionGeo_CountryCode="RB", ActionGeo_ADM1Code="RB00")
    events, stream = _round_trip(_line(row) + "\n", "gdelt2")
    location = events[0].location
    assert location is not None
    if places.is_fips_code("RB"):
        assert location.country == "SRB"
        assert stream.report.warned == 0
    else:
        assert location.country is None
        assert [w.column for w in stream.report.warnings] == ["ActionGeo_CountryCode"]


def test_fips_adm1_becomes_iso_3166_2_where_the_crosswalk_maps_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    table = {"SY13": "SY-DI", "SY10": "SY-HM"}
    monkeypatch.setattr(places, "fips_adm1_to_iso3166_2", table.get)
    monkeypatch.setattr(gdelt, "_LOCATION_CACHE", {})
    row = _row(V2)
    row["ActionGeo_ADM1Code"] = "SY13"
    other = _row(V2, 1)
    other["ActionGeo_ADM1Code"] = "SY99"  # not in the crosswalk: no ISO code, FIPS kept
    events, _ = _round_trip(_line(row) + "\n" + _line(other) + "\n", "gdelt2")
    assert events[0].location is not None
    assert events[0].location.admin1_code == "SY-DI"
    assert events[0].extras["gdelt2"]["ActionGeo_ADM1Code"] == "SY13"
    assert events[1].location is not None
    assert events[1].location.admin1_code is None


def test_unknown_event_code_is_kept_and_its_parts_come_from_its_digits() -> None:
    row = _row(V2)
    row.update(EventCode="1299", EventBaseCode="129", EventRootCode="12", QuadClass="3",
               GoldsteinScale="")
    events, stream = _round_trip(_line(row) + "\n", "gdelt2")
    cameo = events[0].classification("cameo")
    assert cameo is not None
    assert (cameo.code, cameo.unknown) == ("1299", True)
    assert [w.code for w in stream.report.warnings] == ["unknown-code"]


# -- line ends (issue 16, K10) ---------------------------------------------------------------


@pytest.mark.parametrize("path", [V1, V2, HISTORICAL], ids=["v1", "v2", "historical"])
def test_crlf_file_is_written_back_with_crlf(path: Path) -> None:
    text = path.read_text("utf-8").replace("\n", "\r\n")
    fmt = "gdelt2" if path == V2 else "gdelt1"
    stream = ce.read(io.BytesIO(text.encode()), fmt)
    events = list(stream)
    out = io.BytesIO()
    ce.write(events, out, fmt)
    assert out.getvalue() == text.encode()


# -- the writers report what they drop (issue 16, D7 and D8) --------------------------------


def _cameo_event(**extras: dict[str, str]) -> ce.Event:
    return ce.Event(id="1", date=dt.date(2024, 12, 5),
                    classifications=[ce.Classification("cameo", "190")], extras=extras)


@pytest.mark.parametrize("fmt", ["gdelt1", "gdelt2"])
def test_unknown_columns_of_the_own_extras_are_reported(fmt: str) -> None:
    out = io.StringIO()
    report = ce.write([_cameo_event(**{fmt: {"Foo": "bar", "@eol": "\n"}})], out, fmt)
    assert report.dropped == {f"extras.{fmt}.Foo": 1}


def test_gdelt1_reports_the_other_versions_columns_under_their_full_name() -> None:
    row = _row(V2)
    row.update(ActionGeo_ADM2Code="SY05017", Actor1Geo_ADM2Code="")
    event = next(iter(ce.read(io.StringIO(_line(row) + "\n"), "gdelt2")))
    assert isinstance(event, ce.Event)
    out = io.StringIO()
    report = ce.write([event], out, "gdelt1")
    # only the cells that hold something are lost
    assert report.dropped == {"extras.gdelt2.ActionGeo_ADM2Code": 1}


@pytest.mark.parametrize("derive", [False, True])
def test_the_actor_kind_is_reported_even_when_it_made_the_code(derive: bool) -> None:
    event = ce.Event(id="1", date=dt.date(2024, 12, 5),
                     classifications=[ce.Classification("cameo", "190")],
                     actor1=ce.Actor("Protesters (Syria)", kind="Protesters", country="SYR"))
    out = io.StringIO()
    report = ce.write([event], out, "gdelt2", derive=derive)
    assert report.dropped["actor1.kind"] == 1
    assert report.derived.get("actor1.cameo_code", 0) == (1 if derive else 0)


def test_module_read_passes_the_common_options_on() -> None:
    row = _row(V2)
    row["EventCode"], row["EventBaseCode"] = "1299", "129"
    row["Actor1Name"] = "SYRIË"
    data = (_line(row) + "\n").encode("cp1252")
    with pytest.raises(ce.ParseError):
        list(gdelt.read(io.BytesIO(data), 2, encoding="utf-8"))
    with pytest.raises(ce.ParseError, match="unknown-code"):
        list(gdelt.read(io.BytesIO(data), 2, encoding="cp1252", on_warning="error",
                        dayfirst=True))
    events = list(gdelt.read(io.BytesIO(data), 2, encoding="cp1252"))
    assert events[0].actor1 is not None
    assert events[0].actor1.name == "SYRIË"
