"""The JSON Lines raw-line strategies, and what the reader does with them under each policy."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictevents as ce
from conflictevents.strategies import jsonl as jsonl_strategies


@given(st.lists(jsonl_strategies.lines(), max_size=4))
def test_valid_lines_read(lines: list[str]) -> None:
    assert len(list(ce.read(io.StringIO("\n".join(lines) + "\n"), format="jsonl"))) == len(lines)


@pytest.mark.parametrize("kind", sorted(jsonl_strategies.BREAKS))
@given(data=st.data())
def test_each_break_is_located(kind: str, data: st.DataObject) -> None:
    line, _, key = data.draw(jsonl_strategies.broken_lines(kind=kind))
    with pytest.raises(ce.ParseError) as caught:
        list(ce.read(io.StringIO(line + "\n"), format="jsonl"))
    assert caught.value.line == 1
    if key is not None:
        assert caught.value.column is not None
        assert str(caught.value.column).endswith(key.split(".")[-1])


@given(valid=st.lists(jsonl_strategies.lines(), max_size=4),
       broken=st.lists(jsonl_strategies.broken_lines(), max_size=4), data=st.data())
def test_skip_keeps_every_valid_line_and_collect_reports_every_broken_one(
    valid: list[str], broken: list[tuple[str, str, str | None]], data: st.DataObject,
) -> None:
    mixed = [(line, True) for line in valid] + [(line, False) for line, _, _ in broken]
    order = data.draw(st.permutations(mixed))
    text = "".join(line + "\n" for line, _ in order)
    skipped = ce.read(io.StringIO(text), format="jsonl", on_error="skip")
    assert len(list(skipped)) == len(valid)
    collected = ce.read(io.StringIO(text), format="jsonl", on_error="collect")
    assert len(list(collected)) == len(valid)
    bad_lines = [number for number, (_, ok) in enumerate(order, start=1) if not ok]
    assert [error.line for error in collected.report.errors] == bad_lines
