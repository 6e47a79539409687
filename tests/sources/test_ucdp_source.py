"""The UCDP client against a real server of ours on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("httpx", reason="the fetch extra (httpx) is not installed")

from _publishers import Ucdp, serving, ucdp_api_rows
from _support import FIXTURES
from conflictevents.errors import AuthenticationError
from conflictevents.sources import Http, Store, UcdpClient, UcdpVersion, stitched


def _api_rows() -> list[dict[str, Any]]:
    return ucdp_api_rows(FIXTURES / "ucdp" / "ged_sample.csv")


def _client(server: Ucdp, token: str = "ucdp-t0ken", page_size: int = 2) -> UcdpClient:
    return UcdpClient(token, base_url=f"{server.url}/api", page_size=page_size,
                      http=Http(sleep=lambda s: None, timeout=10))


def test_pages_are_followed_and_read_as_ged_events(tmp_path: Path) -> None:
    rows = _api_rows()
    with serving(Ucdp({"25.1": rows})) as server:
        events = list(_client(server).events("25.1", Store(tmp_path)))
    assert [e.id for e in events] == [str(r["id"]) for r in rows]
    pages = [q for m, p, q, h in server.requests if p == "/api/gedevents/25.1"]
    assert len(pages) == -(-len(rows) // 2)


def test_the_access_token_is_required_and_sent(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("UCDP_ACCESS_TOKEN", raising=False)
    monkeypatch.delenv("UCDP_TOKEN", raising=False)
    with serving(Ucdp({"25.1": _api_rows()})) as server:
        with pytest.raises(AuthenticationError, match="UCDP_ACCESS_TOKEN"):
            UcdpClient(base_url=f"{server.url}/api").fetch("25.1", Store(tmp_path))
        with pytest.raises(AuthenticationError, match="token"):
            _client(server, token="wrong").fetch("25.1", Store(tmp_path))
        monkeypatch.setenv("UCDP_ACCESS_TOKEN", "ucdp-t0ken")
        assert UcdpClient(base_url=f"{server.url}/api").fetch("25.1", Store(tmp_path))
    assert {h["x-ucdp-access-token"] for m, p, q, h in server.requests} >= {"ucdp-t0ken"}


def test_versions_are_discovered_not_hard_coded() -> None:
    rows = _api_rows()[:1]
    releases = {"24.1": rows, "25.1": rows, "25.0.1": rows, "25.0.2": rows, "25.0.3": rows,
                "24.0.11": rows}
    with serving(Ucdp(releases)) as server:
        client = _client(server)
        found = client.versions(today=dt.date(2025, 5, 10))
        latest = client.latest(today=dt.date(2025, 5, 10))
    assert [v.name for v in found] == ["24.1", "24.0.11", "25.1", "25.0.1", "25.0.2", "25.0.3"]
    assert [v.name for v in latest] == ["25.1", "25.0.1", "25.0.2", "25.0.3"]


def test_final_and_candidate_releases_are_stitched_by_version(tmp_path: Path) -> None:
    rows = _api_rows()
    revised = dict(rows[0], best=rows[0]["best"] + 5 if isinstance(rows[0]["best"], int)
                   else 5, high="", low="")
    store = Store(tmp_path)
    with serving(Ucdp({"25.1": rows, "25.0.2": [revised]})) as server:
        client = _client(server)
        client.fetch("25.1", store)
        client.fetch("25.0.2", store)
    events = {e.id: e for e in stitched(store)}
    assert sorted(events) == sorted(str(r["id"]) for r in rows)
    first = events[str(rows[0]["id"])]
    assert first.fatalities is not None
    assert first.fatalities.best == revised["best"]


def test_release_names() -> None:
    assert UcdpVersion.parse("25.01.25.09").kind == "quarterly"
    assert UcdpVersion.parse("25.1") < UcdpVersion.parse("25.0.1")
    with pytest.raises(ValueError, match="not a UCDP version"):
        UcdpVersion.parse("25.7")
