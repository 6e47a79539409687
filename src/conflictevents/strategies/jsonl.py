"""Hypothesis strategies for raw lines of the native JSON Lines format.

:func:`lines` gives valid lines (the JSON of generated records); :func:`broken_lines` gives
a valid line with one thing broken in a chosen way, with the key the reader's
:class:`~conflictevents.ParseError` names (``None`` where the line is not JSON at all).

>>> from hypothesis import given
>>> from conflictevents.strategies import jsonl
>>> @given(jsonl.broken_lines(kind="latitude"))
... def test_broken(case):
...     line, kind, column = case
...     assert kind == "latitude"
>>> test_broken()
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from conflictevents import strategies
from conflictevents.formats import jsonl as _jsonl

__all__ = ["BREAKS", "broken_lines", "lines"]


def lines() -> st.SearchStrategy[str]:
    """A valid line: the JSON of an event, a claim or a change of control."""
    return strategies.records().map(_jsonl.dumps)


def _event_data() -> st.SearchStrategy[dict[str, Any]]:
    return strategies.events(location=strategies.locations()).map(
        lambda event: json.loads(_jsonl.dumps(event)))


#: The ways :func:`broken_lines` breaks a line -> the key the error names (``None``: no key).
BREAKS: dict[str, str | None] = {
    "not_json": None,
    "truncated": None,
    "nan": None,
    "unknown_key": "colour",
    "missing_id": "id",
    "bad_date": "date",
    "latitude": "location.latitude",
    "negative_fatalities": "fatalities.best",
    "wrong_schema": "schema",
    "wrong_type": "type",
}


def _break(data: dict[str, Any], kind: str) -> str:
    if kind == "not_json":
        return "this is not JSON"
    if kind == "truncated":
        return json.dumps(data)[:-1]
    if kind == "nan":
        data["location"]["latitude"] = "NaN-PLACEHOLDER"
        return json.dumps(data).replace('"NaN-PLACEHOLDER"', "NaN")
    if kind == "unknown_key":
        data["colour"] = "red"
    elif kind == "missing_id":
        del data["id"]
    elif kind == "bad_date":
        data["date"] = "2024-13-45"
    elif kind == "latitude":
        data["location"]["latitude"] = 300.0
        data["location"].setdefault("longitude", 0.0)
    elif kind == "negative_fatalities":
        data["fatalities"] = -1
    elif kind == "wrong_schema":
        data["schema"] = "conflictevents/0"
    elif kind == "wrong_type":
        data["type"] = "rumour"
    return json.dumps(data)


@st.composite
def broken_lines(draw: st.DrawFn, kind: str | None = None) -> tuple[str, str, str | None]:
    """A line with one thing broken: ``(line, kind, key)``; *kind* is one of :data:`BREAKS`
    (any when not given)."""
    chosen = kind if kind is not None else draw(st.sampled_from(sorted(BREAKS)))
    if chosen not in BREAKS:
        raise ValueError(f"kind must be one of {', '.join(sorted(BREAKS))}")
    return _break(draw(_event_data()), chosen), chosen, BREAKS[chosen]
