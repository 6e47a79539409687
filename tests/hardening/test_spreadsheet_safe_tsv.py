"""Issue 16, K9: the spreadsheet-safe writer's gaps (TSV outputs, NUL-leading cells, ``;=``)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictevents as ce
from conflictevents.cli import main
from conflictevents.formats._csv import neutralise_formula

EVENT = ce.Event(
    id="1", date=dt.date(2024, 12, 5),
    classifications=[ce.Classification("cameo", "190"),
                     ce.Classification("acled", "Armed clash", parent="Battles")],
    actor1=ce.Actor('=HYPERLINK("http://evil.example")', country="SYR"),
    location=ce.Location("@SUM(A1)", country="SYR", latitude=35.1, longitude=-36.7),
)


@pytest.mark.parametrize("fmt", ["gdelt1", "gdelt2", "icews"])
def test_tsv_outputs_offer_spreadsheet_safe(fmt: str) -> None:
    plain, safe = io.StringIO(), io.StringIO()
    ce.write([EVENT], plain, fmt, derive=True)
    ce.write([EVENT], safe, fmt, derive=True, spreadsheet_safe=True)
    assert "\t=HYPERLINK" in plain.getvalue() or "\n=HYPERLINK" in plain.getvalue()
    assert "'=HYPERLINK" not in plain.getvalue()
    assert "'=HYPERLINK" in safe.getvalue()
    assert "'@SUM(A1)" in safe.getvalue()
    assert "-36.7" in safe.getvalue()
    assert "'-36.7" not in safe.getvalue()


def test_cli_spreadsheet_safe_for_tsv(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    ce.write([EVENT], source)
    out = tmp_path / "out.tab"
    assert main(["convert", str(source), str(out), "--to", "icews", "--spreadsheet-safe",
                 "-q"]) == 0
    assert "'=HYPERLINK" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("\x00=1+1", "'\x00=1+1"),  # ASVS 5.0 1.2.10 lists NUL
        ("Reuters;=HYPERLINK(1)", "Reuters;'=HYPERLINK(1)"),
        ("a;+cmd;b", "a;'+cmd;b"),
        ("a;-35.5", "a;-35.5"),  # a number after ';' stays a number
        ("Reuters;AFP", "Reuters;AFP"),
        ("=x;=y", "'=x;'=y"),
    ],
)
def test_neutralise_formula_gaps(cell: str, expected: str) -> None:
    assert neutralise_formula(cell) == expected


@given(st.text(max_size=30))
def test_no_part_a_spreadsheet_splits_off_starts_a_formula(cell: str) -> None:
    safe = neutralise_formula(cell)
    for part in [safe, *safe.split(";")[1:]]:
        assert not part.startswith(("=", "+", "-", "@", "\t", "\r", "\x00")) or (
            part.lstrip("+-").replace(".", "", 1).replace("e", "", 1).replace("E", "", 1)
            .lstrip("+-").isdigit()
        ), (cell, safe)
