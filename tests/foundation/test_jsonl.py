"""The native JSON Lines format: lossless, validated, located errors."""

from __future__ import annotations

import io
import json

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictevents as ce
from conflictevents import strategies
from conflictevents.formats import jsonl


@given(st.lists(strategies.records(), max_size=5))
def test_round_trip_is_the_identity(records: list[ce.Record]) -> None:
    buffer = io.StringIO()
    report = ce.write(records, buffer, format="jsonl")
    assert report.written == len(records)
    buffer.seek(0)
    assert list(ce.read(buffer, format="jsonl")) == records


@given(strategies.records())
def test_a_second_round_changes_nothing(record: ce.Record) -> None:
    once = jsonl.dumps(record)
    assert jsonl.dumps(jsonl.loads(once)) == once


@given(strategies.records())
def test_every_line_validates_against_the_published_schema(record: ce.Record) -> None:
    jsonschema.validate(json.loads(jsonl.dumps(record)), jsonl.json_schema())


def test_the_seed_story_round_trips(hama_records: list[ce.Record], tmp_path: object) -> None:
    from pathlib import Path

    target = Path(str(tmp_path)) / "hama.jsonl.gz"
    ce.write(hama_records, target)  # format from the suffix, gzip from .gz
    stream = ce.read(target)  # format detected from the content
    assert list(stream) == hama_records
    assert stream.format == "jsonl"
    assert stream.report.read == len(hama_records)


GOOD = '{"schema":"conflictevents/1","type":"event","id":"e1","date":"2024-12-05"}'


@pytest.mark.parametrize(
    ("line", "column", "reason"),
    [
        ('{"schema":"conflictevents/1","type":"event","id":"e1"}', "date", "missing"),
        ('{"schema":"conflictevents/2","type":"event","id":"e1","date":"2024-12-05"}',
         "schema", "must be"),
        ('{"schema":"conflictevents/1","type":"thing","id":"e1","date":"2024-12-05"}',
         "type", "must be one of"),
        (GOOD[:-1] + ',"colour":"red"}', "colour", "unknown key"),
        (GOOD[:-1] + ',"location":{"name":"Hama","latitude":300,"longitude":1}}',
         "latitude", "between -90 and 90"),
        (GOOD[:-1] + ',"location":{"name":"Hama","latitude":NaN,"longitude":1}}', None,
         "not valid JSON"),
        (GOOD[:-1] + ',"fatalities":-1}', "best", "negative"),
        (GOOD[:-1] + ',"fatalities":"many"}', "fatalities", "must be an object"),
        (GOOD[:-1] + ',"actor1":{"name":"x","kind":"wizards"}}', "actor1.kind", "must be one of"),
        (GOOD[:-1] + ',"classifications":[{"scheme":"cameo","code":"10x"}]}', "code",
         "CAMEO"),
        ('[1,2]', None, "JSON object"),
        ('{"schema":', None, "not valid JSON"),
        ("[" * 100000 + "]" * 100000, None, "not valid JSON"),
    ],
)
def test_bad_lines_are_located(line: str, column: str | None, reason: str) -> None:
    text = GOOD + "\n" + line + "\n" + GOOD.replace("e1", "e3") + "\n"
    with pytest.raises(ce.ParseError, match=reason) as caught:
        list(ce.read(io.StringIO(text), format="jsonl"))
    assert caught.value.line == 2
    if column is not None:
        assert caught.value.column is not None
        assert str(caught.value.column).endswith(column)
    skipped = ce.read(io.StringIO(text), format="jsonl", on_error="skip")
    assert [r.id for r in skipped] == ["e1", "e3"]
    assert skipped.report.skipped == 1
    assert skipped.report.errors == []
    collected = ce.read(io.StringIO(text), format="jsonl", on_error="collect")
    assert [r.id for r in collected] == ["e1", "e3"]
    assert [e.line for e in collected.report.errors] == [2]


def test_field_size_limit() -> None:
    line = GOOD[:-1] + ',"notes":"' + "x" * 2000 + '"}'
    with pytest.raises(ce.InputTooLargeError, match="limit of 1000"):
        list(jsonl.read(io.StringIO(line + "\n"), max_field=1000))
    assert len(list(jsonl.read(io.StringIO(line + "\n")))) == 1


def test_blank_lines_are_ignored_and_bytes_that_are_not_utf8_are_located() -> None:
    data = (GOOD + "\n\n").encode() + b'{"schema":"conflictevents/1","x":"\xff"}\n'
    stream = ce.read(io.BytesIO(data), format="jsonl", on_error="collect")
    assert len(list(stream)) == 1
    (error,) = stream.report.errors
    assert error.line == 3
    assert "not UTF-8" in error.reason


def test_schema_is_published() -> None:
    schema = jsonl.json_schema()
    assert schema["$schema"].startswith("https://json-schema.org/draft/2020-12")
    jsonschema.Draft202012Validator.check_schema(schema)
