"""UCDP events written as ACLED rows: the type of violence through the code book's crosswalk."""

from __future__ import annotations

import io

import conflictevents as ce
from _support import FIXTURES
from conflictevents.codes import ucdp as ucdp_codes


def test_ucdp_events_become_acled_rows_through_the_crosswalk_and_say_so() -> None:
    events = list(ce.read(FIXTURES / "ucdp" / "ged_sample.csv"))
    assert events
    out = io.StringIO(newline="")
    report = ce.write(events, out, "acled", derive=True)
    assert report.written > 0
    assert report.derived["event_type"] == report.written
    back = {e.id: e for e in ce.read(io.StringIO(out.getvalue(), newline=""), "acled")}
    assert len(back) == report.written
    for event in events:
        if event.id not in back:
            continue
        row = back[event.id]
        violence = event.classification("ucdp")
        acled = row.classification("acled")
        assert violence is not None
        assert acled is not None
        found = ucdp_codes.to_acled(violence.code)
        assert found is not None
        assert acled.code == found.targets[1]
    strict = ce.write(events, io.StringIO(newline=""), "acled", derive=False)
    assert strict.written == 0
    assert sum(strict.left_out.values()) == len(events)
