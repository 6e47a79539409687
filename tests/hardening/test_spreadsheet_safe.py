"""The opt-in spreadsheet-safe CSV output of the ACLED, UCDP and HXL writers."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

import conflictevents as ce
from conflictevents.cli import main

EVENT = ce.Event(
    id="SYR1",
    date=dt.date(2024, 12, 5),
    classifications=[ce.Classification("acled", "Armed clash", parent="Battles"),
                     ce.Classification("ucdp", "1")],
    actor1=ce.Actor('=HYPERLINK("http://evil.example","click")', kind=2),
    actor2=ce.Actor("@SUM(A1)", kind=1),
    location=ce.Location("Hama", country="SYR", latitude=35.13, longitude=-36.75),
    fatalities=3,
    notes="+1 reported",
)


@pytest.mark.parametrize("format_name", ["acled", "ucdp-ged", "hxl"])
def test_formula_cells_are_neutralised_only_on_request(format_name: str) -> None:
    plain, safe = io.StringIO(), io.StringIO()
    ce.write([EVENT], plain, format_name)
    ce.write([EVENT], safe, format_name, spreadsheet_safe=True)
    assert '=HYPERLINK(""http' in plain.getvalue()
    assert "'=HYPERLINK" not in plain.getvalue()
    assert "'=HYPERLINK" in safe.getvalue()
    assert "'@SUM(A1)" in safe.getvalue()
    assert "-36.75" in safe.getvalue()  # a plain number stays a number
    assert "'-36.75" not in safe.getvalue()
    plain.seek(0)
    back = next(ce.read(plain, format_name))
    assert back.actor1 is not None
    assert back.actor1.name == EVENT.actor1.name  # type: ignore[union-attr]


def test_command_line_flag(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    ce.write([EVENT], source)
    target = tmp_path / "out.csv"
    assert main(["convert", str(source), str(target), "--to", "acled", "--spreadsheet-safe",
                 "--quiet"]) == 0
    assert "'=HYPERLINK" in target.read_text()
    assert main(["convert", str(source), str(tmp_path / "o.jsonl"), "--spreadsheet-safe",
                 "--quiet"]) == 2
