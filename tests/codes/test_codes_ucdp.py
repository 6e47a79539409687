"""The UCDP GED code book: event clarity (the other tables are tested with the UCDP format)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from _support import real_file_params
from conflictevents.codes import ucdp
from conflictevents.errors import UnknownCodeError


def test_event_clarity() -> None:
    assert [(c.code, c.name) for c in ucdp.event_clarities()] == [(1, "High"), (2, "Lower")]
    assert ucdp.event_clarity("1") == ucdp.event_clarity(1) == ucdp.event_clarity(" 1 ")
    assert ucdp.event_clarity(2).meaning


@pytest.mark.parametrize("bad", [0, 3, "", "high", "1.5", True, None])
def test_event_clarity_rejects(bad: object) -> None:
    with pytest.raises(UnknownCodeError):
        ucdp.event_clarity(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("path", real_file_params("ucdp", "*.csv"))
def test_every_event_clarity_in_real_files_is_known(path: Path) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        values = {row["event_clarity"] for row in csv.DictReader(handle)}
    assert values
    for value in values:
        assert ucdp.event_clarity(value).code == int(value)
