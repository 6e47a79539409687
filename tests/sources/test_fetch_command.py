"""`conflictevents fetch` end to end against servers of ours on 127.0.0.1, into a store that
`convert` reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("httpx", reason="the fetch extra (httpx) is not installed")

from _publishers import (
    Acled,
    Gdelt,
    Ucdp,
    acled_row,
    gdelt_files,
    serving,
    ucdp_api_rows,
)
from _support import FIXTURES
from conflictevents.cli import main
from conflictevents.sources import Store

STAMPS = ("20241205100000", "20241205101500", "20241205104500", "20241205110000")


def _files(*stamps: str) -> dict[str, bytes]:
    return gdelt_files((FIXTURES / "gdelt" / "20241205103000.export.CSV").read_bytes(), *stamps)


def _api_rows() -> list[dict[str, object]]:
    return ucdp_api_rows(FIXTURES / "ucdp" / "ged_sample.csv")


def test_fetch_gdelt_then_convert_a_stored_file(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    with serving(Gdelt(_files(*STAMPS))) as server:
        status = main(["fetch", "gdelt", str(store), "--start", "2024-12-05",
                       "--base-url", server.url])
    assert status == 0
    err = capsys.readouterr().err
    assert "4 file(s)" in err
    assert "15-minute slot(s) have no file" in err
    first = sorted((store / "gdelt").iterdir())[0]
    out = tmp_path / "out.jsonl"
    assert main(["convert", str(first), str(out), "-q"]) == 0
    assert out.read_text().count("\n") > 0


def test_fetch_acled_and_update(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ACLED_USERNAME", "analyst@example.org")
    monkeypatch.setenv("ACLED_PASSWORD", "s3cret")
    store = tmp_path / "store"
    rows = [acled_row(n, "2024-12-05", 1_733_000_000 + n) for n in range(1, 4)]
    with serving(Acled(rows)) as server:
        assert main(["fetch", "acled", str(store), "--country", "Syria", "--start",
                     "2024-12-01", "--end", "2024-12-31", "--base-url", server.url]) == 0
        assert main(["fetch", "acled", str(store), "--country", "Syria", "--update",
                     "--base-url", server.url]) == 0
    err = capsys.readouterr().err
    assert "3 row(s)" in err
    assert "since timestamp 1733000003" in err
    entries = Store(store).entries("acled")
    assert len(entries) == 3  # a page, a page of changes, the deletions
    page = store / entries[0].path
    assert main(["convert", str(page), str(tmp_path / "o.csv"), "--from", "acled-api",
                 "--to", "acled", "-q"]) == 0


def test_fetch_ucdp_release(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UCDP_ACCESS_TOKEN", "ucdp-t0ken")
    store = tmp_path / "store"
    with serving(Ucdp({"25.1": _api_rows()})) as server:
        assert main(["fetch", "ucdp", str(store), "--release", "25.1", "--base-url",
                     f"{server.url}/api", "-q"]) == 0
    manifest = [json.loads(line) for line in (store / "manifest.jsonl").read_text().splitlines()]
    assert {m["version"] for m in manifest} == {"25.1"}


def test_fetch_without_credentials_fails_clearly(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("ACLED_USERNAME", "ACLED_EMAIL", "ACLED_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    assert main(["fetch", "acled", str(tmp_path), "--base-url", "http://127.0.0.1:9"]) == 2
    assert "ACLED_USERNAME" in capsys.readouterr().err
