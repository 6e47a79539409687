"""``conflictevents validate``, ``info`` and ``formats``."""

from __future__ import annotations

import io
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

import conflictevents as ce
from _support import FIXTURES, ROOT
from conflictevents import cli

HAMA = ROOT / "examples" / "hama-2024.jsonl"
TWO_BAD = FIXTURES / "cli" / "two-bad-lines.jsonl"


def hama_facts() -> tuple[int, Counter[str]]:
    """How many records the example has, and how many of each type."""
    records = list(ce.read(HAMA, "jsonl"))
    kinds = Counter(
        {ce.Event: "event", ce.Claim: "claim", ce.ControlChange: "control_change"}[type(r)]
        for r in records
    )
    return len(records), kinds


# -- validate ---------------------------------------------------------------------------------


def test_validate_a_clean_file_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    count, _ = hama_facts()
    assert cli.main(["validate", str(HAMA)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"conflictevents: {HAMA} (jsonl): {count} record(s) read, no problems\n"
    )


def test_validate_prints_every_problem_located_and_exits_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["validate", str(TWO_BAD)]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f"{TWO_BAD}:4: not valid JSON (Expecting property name enclosed in double quotes: "
        "line 1 column 2 (char 1)) (value '{not json\\n')",
        f"{TWO_BAD}:8: a record must be a JSON object (value [1, 2])",
    ]
    assert "9 record(s) read, 2 problem(s)" in captured.err


def test_validate_quiet_prints_only_the_problems(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", str(TWO_BAD), "--quiet"]) == 1
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 2
    assert captured.err == ""


def test_validate_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = io.BytesIO(TWO_BAD.read_bytes())
    data.name = "<stdin>"  # type: ignore[attr-defined]  # as sys.stdin.buffer has
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(data))
    assert cli.main(["validate", "-", "--from", "jsonl"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("<stdin>:4: not valid JSON")


def test_validate_missing_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["validate", str(tmp_path / "nope.csv")]) == 2
    assert "cannot open: No such file or directory" in capsys.readouterr().err


def test_validate_unknown_format_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", str(HAMA), "--from", "acled-v9"]) == 2
    assert "unknown format 'acled-v9'" in capsys.readouterr().err


# -- info -------------------------------------------------------------------------------------


def test_info_text(capsys: pytest.CaptureFixture[str]) -> None:
    count, kinds = hama_facts()
    assert cli.main(["info", str(HAMA)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"file:        {HAMA}"
    assert lines[1] == "format:      jsonl (conflictevents JSON Lines)"
    by_type = ", ".join(f"{kind} {n}" for kind, n in kinds.most_common())
    assert lines[2] == f"records:     {count} ({by_type})"
    assert lines[3] == "dates:       2024-12-01 to 2024-12-05"
    assert lines[4] == f"countries:   SYR {count}"
    assert lines[5] == "event types:"
    assert lines[6].startswith("  acled: ")
    assert "Battles / Armed clash 1" in lines[6]
    assert lines[7].startswith("  cameo: ")
    assert "193 1" in lines[7]


def test_info_json(capsys: pytest.CaptureFixture[str]) -> None:
    count, kinds = hama_facts()
    assert cli.main(["info", str(HAMA), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "jsonl"
    assert data["records"] == count
    assert data["skipped"] == 0
    assert data["first_date"] == "2024-12-01"
    assert data["last_date"] == "2024-12-05"
    assert data["records_by_type"] == dict(kinds)
    assert data["countries"] == {"SYR": count}
    assert data["event_types"]["cameo"] == {"192": 1, "193": 1, "0874": 1, "0841": 1}
    assert sum(data["event_types"]["acled"].values()) == kinds["event"]


def test_info_counts_unreadable_rows(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["info", str(TWO_BAD)]) == 0
    out = capsys.readouterr().out
    assert "records:     9 " in out
    expected = f"skipped:     2 row(s) could not be read (see: conflictevents validate {TWO_BAD})"
    assert expected in out


# -- formats ----------------------------------------------------------------------------------


def test_formats_lists_names_titles_and_suffixes(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["formats"]) == 0
    lines = capsys.readouterr().out.splitlines()
    jsonl = [line for line in lines if line.startswith("jsonl ")]
    assert len(jsonl) == 1
    assert "conflictevents JSON Lines" in jsonl[0]
    assert "[.jsonl .ndjson]" in jsonl[0]
