"""The GDELT client against a real server of ours on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("httpx", reason="the fetch extra (httpx) is not installed")

import conflictevents as ce
from _publishers import Gdelt, gdelt_files, recorder, serving, zipped
from _support import FIXTURES
from conflictevents.errors import FetchError
from conflictevents.sources import GdeltClient, Http, Store

UTC = dt.timezone.utc
V2_ROWS = (FIXTURES / "gdelt" / "20241205103000.export.CSV").read_bytes()


def _zip(name: str, content: bytes, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    return zipped(name, content, method)


def _files(*stamps: str) -> dict[str, bytes]:
    return gdelt_files(V2_ROWS, *stamps)


STAMPS = ("20241205100000", "20241205101500", "20241205104500", "20241205110000")


def _client(server: Gdelt, concurrency: int = 4) -> GdeltClient:
    _waits, sleep = recorder()
    return GdeltClient(base_url=server.url, http=Http(sleep=sleep, timeout=10),
                       concurrency=concurrency)


def test_the_master_list_gives_the_files_of_a_period_and_the_missing_slots() -> None:
    with serving(Gdelt(_files(*STAMPS))) as server:
        listing = _client(server).files(dt.datetime(2024, 12, 5, 10, 0),
                                        dt.datetime(2024, 12, 5, 10, 59))
    assert [f.name for f in listing.files] == [f"{s}.export.CSV.zip" for s in STAMPS[:3]]
    assert listing.missing == (dt.datetime(2024, 12, 5, 10, 30, tzinfo=UTC),)
    assert all(f.version == 2 and f.format == "gdelt2" for f in listing.files)


def test_times_are_utc_whatever_zone_the_caller_uses() -> None:
    beirut = dt.timezone(dt.timedelta(hours=2))
    with serving(Gdelt(_files(*STAMPS))) as server:
        listing = _client(server).files(dt.datetime(2024, 12, 5, 12, 0, tzinfo=beirut),
                                        dt.datetime(2024, 12, 5, 12, 14, tzinfo=beirut))
    assert [f.name for f in listing.files] == ["20241205100000.export.CSV.zip"]


def test_downloads_are_verified_cached_and_streamed(tmp_path: Path) -> None:
    store = Store(tmp_path)
    with serving(Gdelt(_files(*STAMPS))) as server:
        client = _client(server)
        events = list(client.events(dt.date(2024, 12, 5), dt.date(2024, 12, 5), store))
        downloads = [p for m, p, q, h in server.requests if p.endswith(".zip")]
        again = list(client.events(dt.date(2024, 12, 5), dt.date(2024, 12, 5), store))
        downloads_after = [p for m, p, q, h in server.requests if p.endswith(".zip")]
    per_file = len(list(ce.read(io.BytesIO(V2_ROWS), "gdelt2")))
    assert len(events) == len(again) == 4 * per_file
    assert len(downloads) == 4
    assert downloads_after == downloads
    entries = store.entries("gdelt")
    assert {e.facts["format"] for e in entries} == {"gdelt2"}
    assert all(len(e.md5) == 32 for e in entries)


def test_a_download_cut_short_resumes_where_it_stopped(tmp_path: Path) -> None:
    name = f"{STAMPS[0]}.export.CSV.zip"
    # large enough (and stored, not deflated) that the first half arrives in several chunks
    publisher = Gdelt({name: _zip(name, V2_ROWS * 400, zipfile.ZIP_STORED)})
    publisher.cut_once.add(f"{STAMPS[0]}.export.CSV.zip")
    with serving(publisher) as server:
        client = _client(server)
        listing = client.files(dt.date(2024, 12, 5), dt.date(2024, 12, 5))
        (entry,) = client.download(listing.files, Store(tmp_path))
    ranges = [h.get("range") for m, p, q, h in server.requests if p.endswith(".zip")]
    assert ranges[0] is None
    assert ranges[1] is not None
    assert ranges[1].startswith("bytes=")
    assert (tmp_path / entry.path).read_bytes() == publisher.files[listing.files[0].name]


def test_a_file_that_is_not_what_the_list_says_is_refused_and_not_kept(tmp_path: Path) -> None:
    publisher = Gdelt(_files(*STAMPS[:2]))
    publisher.wrong_md5.add(f"{STAMPS[1]}.export.CSV.zip")
    with serving(publisher) as server:
        client = _client(server)
        listing = client.files(dt.date(2024, 12, 5), dt.date(2024, 12, 5))
        with pytest.raises(FetchError, match="MD5") as caught:
            client.download(listing.files, Store(tmp_path))
    assert "1 of 2" in str(caught.value)
    gdelt = tmp_path / "gdelt"
    assert sorted(p.name for p in gdelt.iterdir()) == [f"{STAMPS[0]}.export.CSV.zip"]


def test_at_most_the_concurrency_bound_downloads_run_at_once(tmp_path: Path) -> None:
    stamps = [f"20241205{h:02d}{m:02d}00" for h in range(10, 12) for m in (0, 15, 30, 45)]
    publisher = Gdelt(_files(*stamps))
    publisher.delay = 0.05
    with serving(publisher) as server:
        client = _client(server, concurrency=2)
        listing = client.files(dt.date(2024, 12, 5), dt.date(2024, 12, 5))
        client.download(listing.files, Store(tmp_path))
    assert publisher.most_active == 2


def test_the_translingual_list_and_the_latest_file() -> None:
    files = _files(*STAMPS)
    files["20241205100000.translation.export.CSV.zip"] = files[f"{STAMPS[0]}.export.CSV.zip"]
    with serving(Gdelt(files)) as server:
        client = _client(server)
        translingual = client.file_list(translingual=True)
        latest = client.file_list(latest=True)
    assert [f.translingual for f in translingual] == [True]
    assert [f.name for f in latest] == [f"{STAMPS[-1]}.export.CSV.zip"]


def test_gdelt_1_daily_and_back_files_from_md5sums_and_filesizes(tmp_path: Path) -> None:
    v1 = (FIXTURES / "gdelt" / "20241205.export.CSV").read_bytes()
    publisher = Gdelt({})
    publisher.v1_files = {"20241205.export.CSV.zip": _zip("20241205.export.CSV.zip", v1),
                          "2012.zip": _zip("2012.zip", v1), "200601.zip": _zip("x", v1)}
    with serving(publisher) as server:
        client = _client(server)
        listing = client.files(dt.date(2012, 6, 1), dt.date(2012, 6, 2), version=1)
        assert [f.name for f in listing.files] == ["2012.zip"]
        daily = client.files(dt.date(2024, 12, 5), dt.date(2024, 12, 5), version=1)
        events = list(client.events(dt.date(2024, 12, 5), dt.date(2024, 12, 5),
                                    Store(tmp_path), version=1))
    assert [f.name for f in daily.files] == ["20241205.export.CSV.zip"]
    assert events
    assert all(isinstance(e, ce.Event) for e in events)
