"""A mixed stream of events, claims and changes of control round-trips through JSONL."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import conflictevents as ce
from conflictevents import claims as cl
from conflictevents import strategies
from conflictevents.control import ControlTimeline, changes_from_events


def test_the_seed_story_round_trips(hama_records: list[object], tmp_path: Path) -> None:
    events = [r for r in hama_records if isinstance(r, ce.Event)]
    records = [*hama_records, *changes_from_events(events)]
    target = tmp_path / "story.jsonl"
    report = ce.write(records, target, format="jsonl")  # type: ignore[arg-type]
    assert report.written == len(records)
    back = list(ce.read(target, format="jsonl"))
    assert back == records
    kinds = {type(r).__name__ for r in back}
    assert kinds == {"Event", "Claim", "ControlChange"}
    # the analyses give the same answers on what was read back
    timeline = ControlTimeline(r for r in back if isinstance(r, ce.ControlChange))
    holder = timeline.holder("Hama", on="2024-12-04").holder
    assert holder is not None
    assert holder.is_called("Syrian army")
    assert cl.find_disagreements(r for r in back if isinstance(r, ce.Claim)) == \
        cl.find_disagreements(r for r in records if isinstance(r, ce.Claim))


@settings(max_examples=25)
@given(st.lists(st.one_of(strategies.claims(), strategies.control_changes()), max_size=5))
def test_generated_claims_and_changes_round_trip(records: list[ce.Record]) -> None:
    buffer = io.StringIO()
    ce.write(records, buffer, format="jsonl")
    buffer.seek(0)
    assert list(ce.read(buffer, format="jsonl")) == records
