"""Issue 16, D9, C3, C4, C6, D13 (duplicate JSON keys) and the model's weakness.

No reader may produce a record a writer cannot write. Text is checked in two places: the JSON
readers refuse a NUL or a lone surrogate decoded from an escape, and a duplicate key, with a
located error naming the key; and the core types refuse NUL characters, lone surrogates and
counts over 64 bits, so that a record built any other way cannot hold them either.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictevents as ce

LINE = {"schema": "conflictevents/1", "type": "event", "id": "X1", "date": "2024-12-05",
        "classifications": [{"scheme": "acled", "code": "Armed clash", "parent": "Battles"}],
        "notes": "fine"}


def _jsonl(**changes: object) -> str:
    return json.dumps({**LINE, **changes}) + "\n"


def _collect(text: str, fmt: str) -> tuple[list[object], list[ce.ParseError]]:
    stream = ce.read(io.BytesIO(text.encode("utf-8")), fmt, on_error="collect")
    records = list(stream)
    return records, stream.report.errors


def _geojson_lines(record_line: str) -> str:
    feature = ('{"type":"Feature","id":"X1","geometry":null,"properties":{"record_type":"event",'
               f'"id":"X1","date":"2024-12-05","record":{record_line.strip()}}}}}')
    return '{"type":"FeatureCollection","features":[\n' + feature + "\n]}\n"


ESCAPES = [("\\u0000", "NUL"), ("\\ud800", "surrogate"), ("\\udfff", "surrogate")]


@pytest.mark.parametrize(("escape", "word"), ESCAPES)
def test_jsonl_refuses_unwritable_escapes(escape: str, word: str) -> None:
    """D9, C6: the reader accepted them; every writer then failed or wrote an unreadable file."""
    text = _jsonl().replace('"fine"', f'"a{escape}b"') + _jsonl(id="X2")
    records, errors = _collect(text, "jsonl")
    assert [r.id for r in records] == ["X2"]  # type: ignore[attr-defined]
    assert len(errors) == 1
    assert errors[0].line == 1
    assert word in str(errors[0])
    assert "notes" in str(errors[0])


@pytest.mark.parametrize(("escape", "word"), ESCAPES)
def test_geojson_refuses_unwritable_escapes(escape: str, word: str) -> None:
    line = _jsonl().replace('"fine"', f'"a{escape}b"')
    _, errors = _collect(_geojson_lines(line), "geojson")
    assert len(errors) == 1
    assert word in str(errors[0])
    document = ('{"type":"Feature","id":"A","geometry":null,"properties":{"date":"2024-12-05",'
                f'"location":"H{escape}"}}}}')
    _, errors = _collect(document, "geojson")
    assert len(errors) == 1
    assert word in str(errors[0])


def test_acled_api_refuses_unwritable_escapes_and_duplicate_keys(tmp_path: Path) -> None:
    fixture = Path(__file__).parents[1] / "fixtures" / "acled" / "api.json"
    text = fixture.read_text(encoding="utf-8")
    count = len(list(ce.read(io.StringIO(text), "acled-api")))
    assert count > 0
    spoilt = text.replace('"data": [', '"data": [], "data": [', 1)
    _, errors = _collect(spoilt, "acled-api")
    assert len(errors) == 1
    assert "duplicate key" in str(errors[0])
    assert "'data'" in str(errors[0])
    nul = text.replace('"Battles"', '"Bat\\u0000tles"', 1)
    _, errors = _collect(nul, "acled-api")
    assert len(errors) == 1
    assert "NUL" in str(errors[0])


@pytest.mark.parametrize("fmt", ["jsonl", "geojson"])
def test_duplicate_keys_are_errors_naming_the_key(fmt: str) -> None:
    """D13: the last value was kept silently."""
    line = _jsonl().replace('"id": "X1"', '"id": "X1", "id": "X9"')
    text = line if fmt == "jsonl" else _geojson_lines(line)
    records, errors = _collect(text, fmt)
    assert records == []
    assert len(errors) == 1
    assert "duplicate key" in str(errors[0])
    assert "'id'" in str(errors[0])
    if fmt == "geojson":
        document = '{"type":"FeatureCollection","features":[],"features":[]}'
        _, errors = _collect(document, "geojson")
        assert "duplicate key" in str(errors[0])


@pytest.mark.parametrize("fmt", ["jsonl", "geojson"])
def test_a_400_digit_latitude_is_a_located_error(fmt: str) -> None:
    """C3: OverflowError escaped from the Location converter."""
    line = _jsonl(location={"name": "H", "latitude": 1, "longitude": 1}).replace(
        '"latitude": 1', '"latitude": ' + "9" * 400)
    text = line if fmt == "jsonl" else _geojson_lines(line)
    _, errors = _collect(text, fmt)
    assert len(errors) == 1
    assert "latitude" in str(errors[0])


@pytest.mark.parametrize("fmt", ["jsonl", "geojson"])
def test_a_non_ascii_digit_in_a_grade_is_a_located_error(fmt: str) -> None:
    """C4: Grading.parse("B²") raised ValueError."""
    claim = {"schema": "conflictevents/1", "type": "claim", "id": "C1", "statement": "s",
             "claimant": {"kind": "source", "name": "SOHR"}, "reliability": "B²"}
    line = json.dumps(claim) + "\n"
    text = line if fmt == "jsonl" else _geojson_lines(line).replace('"record_type":"event"',
                                                                     '"record_type":"claim"')
    _, errors = _collect(text, fmt)
    assert len(errors) == 1
    with pytest.raises(ce.ValidationError):
        ce.Grading.parse("B²")


@pytest.mark.parametrize(
    "build",
    [
        lambda: ce.Fatalities(10**5000),
        lambda: ce.Fatalities(2**63),
        lambda: ce.Event(id="a", date=dt.date(2024, 1, 1), notes="a\x00b"),
        lambda: ce.Event(id="a\ud800", date=dt.date(2024, 1, 1)),
        lambda: ce.Event(id="a", date=dt.date(2024, 1, 1), tags=["\udcff"]),
        lambda: ce.Event(id="a", date=dt.date(2024, 1, 1), extras={"x": {"y": "\x00"}}),
        lambda: ce.Event(id="a", date=dt.date(2024, 1, 1), extras={"x": {"\ud800": "y"}}),
        lambda: ce.Location("H\x00"),
        lambda: ce.Location("H", latitude=10**400, longitude=1),
        lambda: ce.Actor("A", aliases=["\ud800"]),
        lambda: ce.Source("S", url="http://x/\x00"),
    ],
)
def test_the_model_refuses_what_no_writer_can_write(build: object) -> None:
    with pytest.raises(ce.ValidationError):
        build()  # type: ignore[operator]


WRITERS = ["jsonl", "acled", "ucdp-ged", "hxl", "geojson", "gdelt2", "icews"]


@given(text=st.text(min_size=1, max_size=20).filter(lambda t: t.strip() != ""),
       count=st.integers(min_value=0, max_value=2**70))
def test_whatever_the_model_accepts_every_writer_writes_to_a_file(
    text: str, count: int
) -> None:
    unwritable = "\x00" in text or any("\ud800" <= c <= "\udfff" for c in text)
    if unwritable or count >= 2**63:
        with pytest.raises(ce.ValidationError):
            ce.Event(id="E1", date=dt.date(2024, 12, 5), notes=text, fatalities=count,
                     location=ce.Location(text, latitude=1.0, longitude=2.0))
        return
    event = ce.Event(
        id="E1", date=dt.date(2024, 12, 5), notes=text, fatalities=count,
        classifications=[ce.Classification("acled", "Armed clash", parent="Battles"),
                         ce.Classification("cameo", "190")],
        location=ce.Location(text, latitude=1.0, longitude=2.0),
    )
    for fmt in WRITERS:
        buffer = io.BytesIO()
        ce.write([event], buffer, fmt, **({"derive": True} if fmt == "acled" else {}))
        assert buffer.getvalue()
