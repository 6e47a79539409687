"""Issue 14, "done when": ``conflictevents convert`` of every real GDELT file (1.0, 2.0 and
reduced) to ACLED, GeoJSON and JSONL finishes with a report and exit status 0."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import conflictevents as ce
from _support import real_file_params
from conflictevents.cli import main

_REAL = real_file_params("gdelt1") + real_file_params("gdelt2") + real_file_params(
    "other", "*gdelt*")


@pytest.mark.parametrize("target", ["acled", "geojson", "jsonl"])
@pytest.mark.parametrize("path", _REAL)
def test_convert_exits_0_with_a_report(path: Path, target: str, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"out.{target}"
    report_path = tmp_path / "report.json"
    status = main(["convert", str(path), str(out), "--to", target,
                   "--report-json", str(report_path)])
    report = json.loads(report_path.read_text("utf-8"))
    if status == 1 and report["written"] == 0:  # nothing ACLED can hold: an error, no file
        assert report["failure"]["code"] == "conversion-error"
        assert sum(report["left_out"].values()) == report["read"] > 0
        assert not out.exists()
        return
    assert status == 0, capsys.readouterr().err
    assert report["skipped"] == 0
    left_out = sum(report["left_out"].values())
    assert report["read"] == report["written"] + left_out > 0
    assert "read" in capsys.readouterr().err  # the report, on standard error
    written = list(ce.read(out, target))
    assert len(written) == report["written"]
