"""The README's main job: the bundled ACLED example converted on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import conflictevents as ce
from _support import ROOT
from conflictevents import cli

EXAMPLE = ROOT / "examples" / "data" / "acled-syria-2024-12.csv"


def need(*formats: str) -> None:
    if not EXAMPLE.is_file():
        pytest.skip(f"{EXAMPLE} is not there")
    missing = [name for name in formats if name not in ce.format_names()]
    if missing:
        pytest.skip(f"format(s) not available yet: {', '.join(missing)}")


def example_count() -> int:
    return sum(1 for _ in ce.read(EXAMPLE, "acled"))


def test_acled_example_to_gdelt2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    need("acled", "gdelt2")
    out = tmp_path / "out" / "syria.gdelt2.csv"
    out.parent.mkdir()
    count = example_count()
    assert cli.main(["convert", str(EXAMPLE), str(out), "--to", "gdelt2"]) == 0
    err = capsys.readouterr().err
    assert f"{EXAMPLE} (acled) -> {out} (gdelt2)" in err
    assert f"read {count}, written {count}, skipped 0" in err
    assert "derived through a crosswalk:\n  actor1.cameo_code: " in err
    assert f"  classifications.cameo: {count}" in err  # every CAMEO code was derived
    assert "dropped:" in err  # ACLED's notes, fatalities... have no GDELT column
    rows = out.read_text("utf-8").splitlines()
    assert len(rows) == count
    assert all(len(row.split("\t")) == 61 for row in rows)
    events = list(ce.read(out, "gdelt2"))
    assert len(events) == count
    assert all(event.classification("cameo") is not None for event in events)


def test_acled_example_without_derive_leaves_everything_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    need("acled", "gdelt2")
    out = tmp_path / "syria.gdelt2.csv"
    saved = tmp_path / "report.json"
    status = cli.main(["convert", str(EXAMPLE), str(out), "--to", "gdelt2", "--no-derive",
                       "--report-json", str(saved)])
    assert status == 1  # nothing written: an error, never an empty file
    assert not out.exists()
    report = json.loads(saved.read_text("utf-8"))
    assert report["written"] == 0
    assert report["left_out"] == {"not-derived": example_count()}
    assert report["derived"] == {}
    assert report["failure"]["code"] == "conversion-error"
    assert "wrote none of the" in capsys.readouterr().err


def test_acled_example_to_geojson(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    need("acled", "geojson")
    out = tmp_path / "syria.geojson"
    assert cli.main(["convert", str(EXAMPLE), str(out)]) == 0  # format from the suffix
    document = json.loads(out.read_text("utf-8"))
    assert document["type"] == "FeatureCollection"
    assert len(document["features"]) == example_count()
    assert "(acled) -> " in capsys.readouterr().err


def test_acled_example_info_and_validate(capsys: pytest.CaptureFixture[str]) -> None:
    need("acled")
    assert cli.main(["validate", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out == ""
    assert cli.main(["info", str(EXAMPLE), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "acled"
    assert data["records"] == example_count()
    assert data["countries"] == {"SYR": example_count()}
    assert "acled" in data["event_types"]


def test_hama_jsonl_to_geojson(tmp_path: Path) -> None:
    need("geojson")
    out = tmp_path / "hama.geojson"
    status = cli.main(["convert", str(ROOT / "examples" / "hama-2024.jsonl"), str(out), "-q"])
    assert status == 0
    document = json.loads(out.read_text("utf-8"))
    assert document["type"] == "FeatureCollection"
    assert document["features"]


def test_convert_makes_the_output_folder(tmp_path: Path) -> None:
    from conflictevents.cli import main

    target = tmp_path / "new" / "deeper" / "syria.gdelt2.csv"
    assert main(["convert", str(EXAMPLE), str(target), "--to", "gdelt2", "--quiet"]) == 0
    assert len(target.read_text().splitlines()) == 26
