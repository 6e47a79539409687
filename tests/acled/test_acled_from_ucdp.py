"""UCDP events written as ACLED rows: the type of violence through the code book's crosswalk."""

from __future__ import annotations

import io

import pytest

import conflictevents as ce
from _support import FIXTURES
from conflictevents.codes import ucdp as ucdp_codes


def test_ucdp_events_become_acled_rows_through_the_crosswalk_and_say_so() -> None:
    events = list(ce.read(FIXTURES / "ucdp" / "ged_sample.csv"))
    assert events
    out = io.StringIO(newline="")
    report = ce.write(events, out, "acled", derive=True)
    assert report.written > 0
    assert report.derived["classifications.acled"] == report.written
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
    with pytest.raises(ce.ConversionError, match="wrote none") as refused:
        ce.write(events, io.StringIO(newline=""), "acled", derive=False)
    strict = refused.value.report
    assert strict is not None
    assert strict.written == 0
    assert ce.Reason.NOT_DERIVED in strict.left_out
    assert ce.Reason.NO_ACLED_TYPE not in strict.left_out  # it could have been derived
    assert sum(strict.left_out.values()) == len(events)
