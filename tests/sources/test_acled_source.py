"""The ACLED client against a real server of ours on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

pytest.importorskip("httpx", reason="the fetch extra (httpx) is not installed")

import conflictevents as ce
from _publishers import Acled, acled_row, recorder, serving
from conflictevents.errors import AuthenticationError
from conflictevents.sources import AcledClient, Http, Store, current_events

T0 = 1_733_000_000


def _rows(count: int) -> list[dict[str, str]]:
    return [acled_row(n, f"2024-12-{1 + n % 28:02d}", T0 + n) for n in range(1, count + 1)]


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def _client(server: Acled, **kwargs: object) -> tuple[AcledClient, list[float]]:
    waits, sleep = recorder()
    options: dict[str, object] = {"page_size": 5, "http": Http(sleep=sleep, timeout=10)}
    options.update(kwargs)
    client = AcledClient("analyst@example.org", "s3cret", base_url=server.url,
                         **options)  # type: ignore[arg-type]
    return client, waits


def test_pages_until_a_short_page_and_reads_every_event(tmp_path: Path) -> None:
    with serving(Acled(_rows(12))) as server:
        client, _ = _client(server)
        events = list(client.events(Store(tmp_path), start=dt.date(2024, 12, 1),
                                    end=dt.date(2024, 12, 31), countries=["Syria"]))
    assert sorted(e.id for e in events) == sorted(f"SYR{n}" for n in range(1, 13))
    reads = [q for m, p, q, h in server.requests if p == "/api/acled/read"]
    assert [q["page"] for q in reads] == ["1", "2", "3"]
    assert {q["limit"] for q in reads} == {"5"}
    assert reads[0]["event_date"] == "2024-12-01|2024-12-31"
    assert reads[0]["event_date_where"] == "BETWEEN"
    assert reads[0]["country"] == "Syria"
    assert server.grants == ["password"]
    assert all(h["authorization"] == "Bearer access-0" for m, p, q, h in server.requests
               if p == "/api/acled/read")


def test_a_full_last_page_asks_for_one_more(tmp_path: Path) -> None:
    with serving(Acled(_rows(10))) as server:
        client, _ = _client(server)
        entries = client.fetch(Store(tmp_path))
    assert [e.facts["rows"] for e in entries] == ["5", "5", "0"]


def test_the_token_is_refreshed_before_it_expires_and_renewed_when_refresh_fails(
    tmp_path: Path,
) -> None:
    clock = Clock()
    with serving(Acled(_rows(3))) as server:
        client, _ = _client(server, clock=clock)
        client.fetch(Store(tmp_path))
        clock.now += 86400 - 200  # within the refresh margin of the 24 hours
        client.fetch(Store(tmp_path))
        assert server.grants == ["password", "refresh_token"]
        server.refresh_tokens.clear()  # the refresh token has expired too
        clock.now += 86400
        client.fetch(Store(tmp_path))
        assert server.grants == ["password", "refresh_token", "refresh_token", "password"]


def test_wrong_credentials_say_what_to_check_and_never_show_the_password() -> None:
    with serving(Acled(_rows(1))) as server:
        client = AcledClient("analyst@example.org", "wrong", base_url=server.url,
                             http=Http(sleep=lambda s: None))
        with pytest.raises(AuthenticationError) as caught:
            client.token()
    assert "ACLED_USERNAME" in str(caught.value)
    assert "wrong" not in str(caught.value)
    assert "wrong" not in repr(client)


def test_no_credentials_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ACLED_USERNAME", "ACLED_EMAIL", "ACLED_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(AuthenticationError, match="ACLED_PASSWORD"):
        AcledClient(base_url="http://127.0.0.1:9").token()


def test_credentials_come_from_the_environment(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    monkeypatch.setenv("ACLED_EMAIL", "analyst@example.org")
    monkeypatch.setenv("ACLED_PASSWORD", "s3cret")
    with serving(Acled(_rows(2))) as server:
        client = AcledClient(base_url=server.url, http=Http(sleep=lambda s: None))
        assert len(client.fetch(Store(tmp_path))) == 1


def test_429_is_retried_after_the_time_the_server_asks(tmp_path: Path) -> None:
    with serving(Acled(_rows(3))) as server:
        server.fail_next["/api/acled/read"] = [
            (429, {"Retry-After": "7"}, b"slow down"), (503, {}, b"maintenance")]
        client, waits = _client(server)
        entries = client.fetch(Store(tmp_path))
    assert [e.facts["rows"] for e in entries] == ["3"]
    assert waits == [7.0, 2.0]  # Retry-After, then the backoff's second step


def test_a_request_over_too_many_country_days_is_split_by_date(tmp_path: Path) -> None:
    client = AcledClient("u", "p", max_country_days=20)
    parts = client.queries(countries=["Syria", "Iraq"], start=dt.date(2024, 12, 1),
                           end=dt.date(2024, 12, 31))
    windows = [part["event_date"] for part in parts]
    assert windows[0] == "2024-12-01|2024-12-10"
    assert windows[-1] == "2024-12-31|2024-12-31"
    days = set()
    for window in windows:
        first, last = (dt.date.fromisoformat(d) for d in window.split("|"))
        span = {first + dt.timedelta(days=i) for i in range((last - first).days + 1)}
        assert not days & span  # no day twice
        days |= span
        assert 2 * len(span) <= 20
    assert len(days) == 31
    with serving(Acled(_rows(20))) as server:
        split, _ = _client(server, max_country_days=20 * 250 // 7)
        events = list(split.events(Store(tmp_path), start=dt.date(2024, 12, 1),
                                   end=dt.date(2024, 12, 31)))
    assert len(events) == 20
    assert len({q["event_date"] for m, p, q, h in server.requests if p == "/api/acled/read"}) > 1


def test_an_incremental_update_fetches_what_changed_and_applies_deletions(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path)
    rows = _rows(6)
    with serving(Acled(rows)) as server:
        client, _ = _client(server)
        first = client.update(store)
        assert (first.since, first.changed, first.deleted) == (0, 6, 0)
        newest = T0 + 6
        # ACLED revises SYR2 and deletes SYR3 after the first fetch
        rows[1] = acled_row(2, rows[1]["event_date"], newest + 50, fatalities="9")
        server.deleted.append({"event_id_cnty": "SYR3", "deleted_timestamp": str(newest + 60)})
        second = client.update(store)
    assert second.since == newest
    assert (second.changed, second.deleted) == (2, 1)  # SYR6 (>= since) and the revised SYR2
    reads = [q for m, p, q, h in server.requests if p == "/api/acled/read"]
    assert reads[-1]["timestamp"] == str(newest)
    assert reads[-1]["timestamp_where"] == ">="
    current = {e.id: e for e in current_events(store)}
    assert sorted(current) == ["SYR1", "SYR2", "SYR4", "SYR5", "SYR6"]
    assert current["SYR2"].fatalities == ce.Fatalities(9)


def test_the_store_keeps_pages_as_served_and_no_credentials(tmp_path: Path) -> None:
    store = Store(tmp_path)
    with serving(Acled(_rows(2))) as server:
        client, _ = _client(server)
        (entry,) = client.fetch(store)
    assert list(ce.read(store.path(entry.path), "acled-api"))
    manifest = store.manifest.read_text()
    assert "s3cret" not in manifest
    assert "access-0" not in manifest
    assert entry.url.startswith(server.url)
    assert "?" not in entry.url


def test_progress_is_told_every_page(tmp_path: Path) -> None:
    seen: list[int] = []
    with serving(Acled(_rows(12))) as server:
        client, _ = _client(server)
        client.fetch(Store(tmp_path), progress=seen.append)
    assert seen == [5, 5, 2]
