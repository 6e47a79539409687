"""GeoJSON written by other tools: other formats' columns as properties, the collection's and
features' own members, a legacy ``crs``, altitude, and the hardening findings of issue 16
(C2, D13, W4)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import conflictevents as ce
from _support import FIXTURES
from conflictevents.errors import ParseError
from conflictevents.formats import geojson
from conflictevents.model import (
    Actor,
    Classification,
    DatePrecision,
    Fatalities,
    GeoPrecision,
)

GEOJSON = FIXTURES / "geojson"
FOREIGN = ["ucdp-ogr.geojson", "acled-properties.geojson", "foreign.geojson"]


def _written(records: list[Any], **options: Any) -> tuple[str, Any]:
    buffer = io.StringIO()
    report = geojson.write(records, buffer, **options)
    return buffer.getvalue(), report


def _read(text: str, **options: Any) -> list[Any]:
    return list(geojson.read(io.StringIO(text), **options))  # type: ignore[arg-type]


def _collection(*features: dict[str, Any], **members: Any) -> str:
    return json.dumps({"type": "FeatureCollection", **members, "features": list(features)},
                      indent=1)


def _ucdp_feature(**changes: Any) -> dict[str, Any]:
    properties = {"id": 1, "relid": 0, "type_of_violence": 1, "side_a": "A", "side_b": "B",
                  "where_prec": 1, "where_coordinates": "Town", "country": "Mali",
                  "date_prec": 1, "date_start": "2014-03-01T00:00:00",
                  "date_end": "2014-03-01T00:00:00", "best": 2, "high": 3, "low": 2}
    properties.update(changes.pop("properties", {}))
    item: dict[str, Any] = {"type": "Feature", "properties": properties,
                            "geometry": {"type": "Point", "coordinates": [-3.0, 14.5]}}
    item.update(changes)
    return item


@pytest.mark.parametrize("name", FOREIGN)
def test_foreign_files_write_back_structurally_identical(name: str) -> None:
    path = GEOJSON / name
    records = list(geojson.read(path))
    text, report = _written(records)
    assert report.written == len(records)
    assert report.lossless, report
    assert json.loads(text) == json.loads(path.read_text(encoding="utf-8"))
    # the written file reads back to the same records
    assert _read(text) == records


def test_ucdp_properties_read_with_ucdp_meanings() -> None:
    first, second = geojson.read(GEOJSON / "ucdp-ogr.geojson")
    assert first.id == "900101"
    assert first.date == ce.EventDate(dt.date(2014, 3, 1))  # T00:00:00 is a day
    assert first.classifications == (Classification("ucdp", "3"),)
    assert first.actor1 == Actor("Armed group X")
    assert first.fatalities == Fatalities(5, 5, 7)
    assert first.location is not None
    assert first.location.country == "CAF"
    assert first.location.precision is GeoPrecision.EXACT
    assert (first.location.latitude, first.location.longitude) == (4.366667, 18.583333)
    assert first.extra("geojson", "relid") == "0"
    assert first.extra("geojson", "source_article") == "Agency A  2/3-14"
    assert second.date.precision is DatePrecision.WEEK
    assert second.fatalities == Fatalities(4, 4, 3)  # high below best, kept as written


def test_acled_properties_read_with_acled_meanings() -> None:
    first, second = geojson.read(GEOJSON / "acled-properties.geojson")
    assert first.id == "SYR130001"
    assert first.classifications == (Classification("acled", "Armed clash", parent="Battles"),)
    assert [a.name for a in first.associates1] == ["Ahrar al-Sham", "Jaysh al-Izza"]
    assert [s.name for s in first.sources] == ["SOHR", "Reuters"]
    assert first.fatalities == Fatalities(12)
    assert first.extra("geojson", "timestamp") == "1733500000"
    # upper-case ACLED names, no geometry
    assert second.id == "SYR130002"
    assert second.date.start == dt.date(2024, 12, 6)
    assert second.location is not None
    assert second.location.precision is GeoPrecision.NEAR


def test_the_real_ogr2ogr_layout_reads_with_the_line_of_each_feature() -> None:
    stream = geojson.read(GEOJSON / "ucdp-ogr.geojson")
    list(stream)
    [warning] = stream.report.warnings
    assert (warning.line, warning.code) == (7, "inconsistent-range")


# -- members kept (D13) ----------------------------------------------------------------------


def test_altitude_feature_id_and_foreign_members_are_kept_and_written_back() -> None:
    item = _ucdp_feature(id="feature-7", bbox=[-3, 14.5, -3, 14.5], title="a note")
    item["geometry"]["coordinates"] = [-3.0, 14.5, 250.0]
    text = _collection(item, name="sample", bbox=[-3, 14.5, -3, 14.5])
    [event] = _read(text)
    assert event.id == "1"  # the property wins; the member is kept
    assert event.extra("geojson", "feature:id") == "feature-7"
    assert event.extra("geojson", "feature:title") == "a note"
    assert event.extra("geojson", "feature:bbox") == "[-3,14.5,-3,14.5]"
    assert event.extra("geojson", "geometry:altitude") == "250.0"
    out, report = _written([event])
    assert report.lossless
    assert json.loads(out) == json.loads(text)


def test_converting_reports_what_the_target_cannot_carry() -> None:
    item = _ucdp_feature()
    item["geometry"]["coordinates"] = [-3.0, 14.5, 250.0]
    [event] = _read(_collection(item))
    report = ce.write([event], io.StringIO(), "ucdp-ged")
    assert report.dropped.get("extras.geojson") == 1  # altitude and relid, not silently


def test_a_changed_event_is_written_in_the_librarys_shape_not_the_stale_feature() -> None:
    [event] = _read(_collection(_ucdp_feature()))
    changed = attrs.evolve(event, fatalities=Fatalities(9))
    out, _ = _written([changed])
    [back] = _read(out)
    assert back.fatalities == Fatalities(9)
    assert back.extra("geojson", geojson.FEATURE_KEY) is None
    assert back.extra("geojson", "relid") == "0"


# -- crs -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326",
                                  "urn:ogc:def:crs:EPSG::4326"])
def test_a_wgs84_crs_is_accepted(name: str) -> None:
    crs = {"type": "name", "properties": {"name": name}}
    [event] = _read(_collection(_ucdp_feature(), crs=crs))
    assert event.location is not None
    assert event.location.longitude == -3.0


@pytest.mark.parametrize("one_line", [False, True])
def test_another_crs_is_an_error_never_wgs84(one_line: bool) -> None:
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}
    item = _ucdp_feature()
    item["geometry"]["coordinates"] = [-333958.47, 1632022.58]
    if one_line:
        head = json.dumps({"type": "FeatureCollection", "crs": crs})[:-1] + ',"features":['
        text = head + "\n" + json.dumps(item) + "\n]}\n"
    else:
        text = _collection(item, crs=crs)
    with pytest.raises(ParseError) as caught:
        _read(text)
    assert caught.value.column == "crs"
    assert caught.value.line == 1
    stream = geojson.read(io.StringIO(text), on_error="collect")
    assert list(stream) == []
    assert stream.report.skipped == 1


def test_an_unrecognised_crs_is_a_warning() -> None:
    crs = {"type": "link", "properties": {"href": "http://example.com/crs/42"}}
    stream = geojson.read(io.StringIO(_collection(_ucdp_feature(), crs=crs)))
    assert len(list(stream)) == 1
    assert stream.report.warning_counts == {"unrecognised-crs": 1}


# -- hostile values (C2) and error lines (W4) -------------------------------------------------


@pytest.mark.parametrize("value", ['"\\u00b2"', '"' + "9" * 5000 + '"', "9" * 5000, "-1",
                                   "1.5", '"many"', "1e400", "true"])
@pytest.mark.parametrize("key", ["best", "low", "high"])
def test_a_count_that_is_not_a_whole_number_is_a_located_error(value: str, key: str) -> None:
    original = {"best": 2, "high": 3, "low": 2}[key]
    line = json.dumps(_ucdp_feature()).replace(f'"{key}": {original}', f'"{key}": {value}')
    assert line != json.dumps(_ucdp_feature())
    document = '{"type":"FeatureCollection","features":[\n' + line + "\n]}\n"
    stream = geojson.read(io.StringIO(document), on_error="collect")
    assert list(stream) == []
    [error] = stream.report.errors
    assert error.line == 2


@pytest.mark.parametrize("coordinates", ["[" + "9" * 400 + ", 1]", "[1, " + "9" * 400 + "]",
                                         "[1e400, 1]", '["1", 2]', "[1, 2, 3, 4]"])
def test_coordinates_that_are_not_numbers_in_range_are_located_errors(coordinates: str
                                                                      ) -> None:
    line = ('{"type":"Feature","geometry":{"type":"Point","coordinates":' + coordinates
            + '},"properties":{"id":"A","date":"2024-12-05"}}')
    document = geojson.HEADER + "\n" + line + "\n]}\n"
    stream = geojson.read(io.StringIO(document), on_error="collect")
    assert list(stream) == []
    [error] = stream.report.errors
    assert error.line == 2


def test_document_errors_name_the_line_of_the_feature() -> None:
    bad = _ucdp_feature(properties={"date_start": "the day after"})
    text = _collection(_ucdp_feature(), bad)
    with pytest.raises(ParseError) as caught:
        _read(text)
    error = caught.value
    assert error.column == "features[1].properties.date_start"
    assert error.line is not None
    assert text.splitlines()[error.line - 1].lstrip().startswith("{")
    assert '"the day after"' in "\n".join(text.splitlines()[error.line - 1:])
    syntax = '{\n"type": "FeatureCollection",\n"features": [\n{"type": }\n]}\n'
    with pytest.raises(ParseError) as caught:
        _read(syntax)
    assert caught.value.line == 4


def test_a_header_line_that_is_not_followed_by_one_feature_per_line_is_read_whole() -> None:
    text = (GEOJSON / "acled-properties.geojson").read_text(encoding="utf-8")
    assert text.splitlines()[0].replace(" ", "") == geojson.HEADER
    assert len(_read(text)) == 2


# -- options ---------------------------------------------------------------------------------


def test_read_passes_the_common_options_through() -> None:
    item = {"type": "Feature", "geometry": None,
            "properties": {"event_id_cnty": "X1", "event_date": "05/04/2024"}}
    text = _collection(item)
    with pytest.raises(ce.AmbiguousDateError):
        _read(text)
    [event] = _read(text, dayfirst=True)
    assert event.date.start == dt.date(2024, 4, 5)
    unknown = _collection(_ucdp_feature(properties={"country": "Atlantis"}))
    stream = geojson.read(io.StringIO(unknown), on_error="collect", on_warning="error")
    assert list(stream) == []
    assert "unknown-code" in stream.report.errors[0].reason
    stream = geojson.read(io.StringIO(unknown))
    [event] = stream
    assert event.extra("geojson", "country") == "Atlantis"
    assert stream.report.warning_counts["unknown-code"] == 1


def test_a_documents_numeric_dates_take_its_own_order() -> None:
    features = [{"type": "Feature", "geometry": None,
                 "properties": {"event_id_cnty": f"X{n}", "event_date": day}}
                for n, day in enumerate(["05/04/2024", "25/12/2024"])]
    stream = geojson.read(io.StringIO(_collection(*features)))
    assert [e.date.start for e in stream] == [dt.date(2024, 4, 5), dt.date(2024, 12, 25)]
    assert stream.report.warning_counts == {"ambiguous-date": 1}
    assert "day-first" in stream.report.warnings[0].reason
    records = _read(_collection(*features))
    out, _ = _written(records)
    assert [f["properties"] for f in json.loads(out)["features"]] == [
        f["properties"] for f in features]


def test_a_line_per_feature_files_numeric_dates_take_its_own_order() -> None:
    lines = [json.dumps({"type": "Feature", "geometry": None,
                         "properties": {"event_id_cnty": f"X{n}", "event_date": day}})
             for n, day in enumerate(["05/04/2024", "06/04/2024", "25/12/2024"])]
    text = geojson.HEADER + "\n" + ",\n".join(lines) + "\n]}\n"
    stream = geojson.read(io.StringIO(text))
    assert [e.date.start for e in stream] == [dt.date(2024, 4, 5), dt.date(2024, 4, 6),
                                              dt.date(2024, 12, 25)]
    assert stream.report.warning_counts == {"ambiguous-date": 1}
    assert "line 4" in stream.report.warnings[0].reason
    records = _read(text)
    out, _ = _written(records)
    assert json.loads(out) == json.loads(text)
    assert '"record"' not in out  # the features as they were, not rebuilt


# -- property: any foreign UCDP collection round-trips ------------------------------------------


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.fixed_dictionaries({
        "id": st.integers(1, 10**9),
        "relid": st.sampled_from([0, "GED-1"]),
        "type_of_violence": st.sampled_from([1, 2, 3, "2"]),
        "side_a": _TEXT, "side_b": _TEXT, "where_coordinates": _TEXT,
        "where_prec": st.integers(1, 7), "date_prec": st.integers(1, 5),
        "date_start": st.dates(dt.date(1989, 1, 1), dt.date(2025, 1, 1)).map(
            lambda d: d.isoformat() + "T00:00:00"),
        "best": st.integers(0, 10**6), "low": st.integers(0, 10**6),
        "high": st.integers(0, 10**6), "extra": st.none() | _TEXT | st.floats(-1e6, 1e6),
    }), min_size=1, max_size=4),
    altitude=st.none() | st.floats(-100, 9000),
    members=st.dictionaries(st.sampled_from(["name", "title", "bbox"]), _TEXT, max_size=2),
)
def test_any_ucdp_collection_reads_and_writes_back(rows: list[dict[str, Any]],
                                                   altitude: float | None,
                                                   members: dict[str, Any]) -> None:
    features = []
    for row in rows:
        row = dict(row, date_end=row["date_start"])
        coordinates: list[float] = [12.5, -4.25] + ([] if altitude is None else [altitude])
        features.append({"type": "Feature", "properties": row,
                         "geometry": {"type": "Point", "coordinates": coordinates}})
    text = _collection(*features, **members)
    stream = geojson.read(io.StringIO(text))
    records = list(stream)
    assert len(records) == len(rows)
    out, report = _written(records)
    assert report.lossless
    assert json.loads(out) == json.loads(text)


def test_real_file_paths_are_not_needed_here(tmp_path: Path) -> None:
    # a foreign file read from a path and written to a path keeps its members
    path = tmp_path / "in.geojson"
    path.write_text(_collection(_ucdp_feature(), name="x"), encoding="utf-8")
    records = list(ce.read(path))
    ce.write(records, tmp_path / "out.geojson")
    assert json.loads((tmp_path / "out.geojson").read_text(encoding="utf-8"))["name"] == "x"


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=6)


@settings(max_examples=200, deadline=None)
@given(key=st.sampled_from(["id", "date_start", "date_end", "date_prec", "type_of_violence",
                            "side_a", "where_prec", "country", "best", "low", "high",
                            "where_coordinates", "relid"]),
       value=_JSON, where=st.sampled_from(["properties", "geometry", "member"]))
def test_any_value_anywhere_raises_only_parse_errors(key: str, value: Any, where: str) -> None:
    item = _ucdp_feature()
    if where == "properties":
        item["properties"][key] = value
    elif where == "geometry":
        item["geometry"] = value if key == "id" else {"type": "Point", "coordinates": value}
    else:
        item[key] = value
    text = _collection(item)
    for policy in ("raise", "skip", "collect"):
        try:
            records = list(geojson.read(io.StringIO(text), on_error=policy))  # type: ignore[arg-type]
        except ParseError:
            assert policy == "raise"
            continue
        out, _ = _written(records)
        assert len(_read(out)) == len(records)
