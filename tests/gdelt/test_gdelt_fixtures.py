"""GDELT 1.0 and 2.0: the hand-made fixtures read into the right model values and write
back byte for byte."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

import conflictevents as ce
from _support import FIXTURES
from conflictevents.formats import gdelt

HERE = FIXTURES / "gdelt"
V2 = HERE / "20241205103000.export.CSV"
V1_DAILY = HERE / "20241205.export.CSV"
V1_HISTORICAL = HERE / "2012.historical.csv"
V2_ZIP = HERE / "20241205103000.export.CSV.zip"


def _round_trip(path: Path, fmt: str | None = None) -> tuple[str, ce.RecordStream]:
    stream = ce.read(path, fmt)
    events = list(stream)
    out = io.StringIO()
    report = ce.write(events, out, stream.format)
    assert report.written == len(events)
    assert report.lossless, report
    return out.getvalue(), stream


@pytest.mark.parametrize(
    ("path", "fmt", "columns"),
    [(V2, "gdelt2", 61), (V1_DAILY, "gdelt1", 58), (V1_HISTORICAL, "gdelt1", 57)],
    ids=["v2", "v1-daily", "v1-historical"],
)
def test_fixture_is_detected_and_round_trips(path: Path, fmt: str, columns: int) -> None:
    text, stream = _round_trip(path)
    assert stream.format == fmt
    original = path.read_text("utf-8")
    assert text == original
    assert {len(line.split("\t")) for line in text.splitlines()} == {columns}


def test_zipped_file_as_gdelt_ships_it() -> None:
    with zipfile.ZipFile(V2_ZIP) as archive:
        assert archive.namelist() == ["20241205103000.export.CSV"]
        original = archive.read(archive.namelist()[0]).decode("utf-8")
    text, stream = _round_trip(V2_ZIP)
    assert stream.format == "gdelt2"
    assert text == original


def test_module_functions_round_trip(tmp_path: Path) -> None:
    events = list(gdelt.read(V1_DAILY, version=1))
    target = tmp_path / "out.CSV"
    report = gdelt.write(events, target, version=1)
    assert report.written == 5
    assert target.read_text("utf-8") == V1_DAILY.read_text("utf-8")


def test_hama_row_maps_onto_the_model() -> None:
    first = next(iter(ce.read(V2)))
    assert isinstance(first, ce.Event)
    assert first.id == "1217480001"
    assert str(first.date) == "2024-12-05"
    assert first.classification("cameo") == ce.Classification("cameo", "193")
    assert first.actor1 == ce.Actor("REBEL", cameo_code="REB")
    assert first.actor2 == ce.Actor("SYRIA", country="SYR", cameo_code="SYRMIL")
    location = first.location
    assert location is not None
    assert (location.name, location.country) == ("Hama, Hamah, Syria", "SYR")
    assert location.coordinates == (35.1318, 36.7578)
    assert location.precision is ce.GeoPrecision.EXACT
    assert first.sources == (
        ce.Source("example.com", url="https://www.example.com/news/2024/12/05/hama-clashes"),
    )
    kept = first.extras["gdelt2"]
    assert kept["ActionGeo_CountryCode"] == "SY"  # the original FIPS code is kept
    assert kept["EventRootCode"] == "19"
    assert kept["GoldsteinScale"] == "-10.0"
    assert kept["AvgTone"] == "-6.41025641025641"
    assert kept["Actor1Geo_ADM2Code"] == ""


def test_fips_codes_become_iso_codes_and_codes_stay_strings() -> None:
    events = {e.id: e for e in ce.read(V1_DAILY) if isinstance(e, ce.Event)}
    ukraine = events["1217480003"].location
    assert ukraine is not None
    assert ukraine.country == "UKR"  # FIPS UP
    assert events["1217480003"].extras["gdelt1"]["ActionGeo_CountryCode"] == "UP"
    statement = events["1217480004"]
    assert statement.classification("cameo") == ce.Classification("cameo", "010")
    assert statement.location is not None
    assert statement.location.precision is ce.GeoPrecision.COUNTRY
    assert statement.extras["gdelt1"]["ActionGeo_Lat"] == "35"
    protest = events["1217480005"]
    assert protest.actor2 is None
    assert protest.location is not None
    assert protest.location.precision is ce.GeoPrecision.ADMIN1  # type 5, a world state


def test_regional_cameo_country_is_not_a_country() -> None:
    row = V2.read_text("utf-8").splitlines()[0].split("\t")
    row[5:8] = ["AFRMIL", "AFRICAN", "AFR"]
    event = next(iter(ce.read(io.StringIO("\t".join(row) + "\n"), "gdelt2")))
    assert isinstance(event, ce.Event)
    assert event.actor1 == ce.Actor("AFRICAN", cameo_code="AFRMIL")


def test_historical_layout_is_kept_when_writing() -> None:
    events = list(ce.read(V1_HISTORICAL, "gdelt1"))
    out = io.StringIO()
    ce.write(events, out, "gdelt1")
    assert all(len(line.split("\t")) == 57 for line in out.getvalue().splitlines())
    daily = io.StringIO()
    report = ce.write(events, daily, "gdelt1", layout="daily")
    assert all(len(line.split("\t")) == 58 for line in daily.getvalue().splitlines())
    assert report.written == 5


def test_edited_event_gets_fresh_columns() -> None:
    import attrs

    first = next(iter(ce.read(V2)))
    assert isinstance(first, ce.Event)
    edited = attrs.evolve(first, classifications=(ce.Classification("cameo", "0874"),))
    out = io.StringIO()
    ce.write([edited], out, "gdelt2")
    cells = dict(zip(gdelt.COLUMNS_V2, out.getvalue().rstrip("\n").split("\t"), strict=False))
    assert (cells["EventCode"], cells["EventBaseCode"], cells["EventRootCode"]) == (
        "0874", "087", "08")
    assert (cells["QuadClass"], cells["GoldsteinScale"]) == ("2", "10.0")
    assert cells["AvgTone"] == "-6.41025641025641"  # unrelated kept columns stay
