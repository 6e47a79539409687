"""GDELT's event files: the published file lists, verified downloads, a local cache.

GDELT publishes its event files with lists that give each file's size and MD5:

* GDELT 2.0, a file every 15 minutes (UTC): ``{base}/gdeltv2/masterfilelist.txt`` (every file
  since 19 February 2015) and ``{base}/gdeltv2/lastupdate.txt`` (the newest), one
  ``size md5 url`` line per file; the translingual files in ``masterfilelist-translation.txt``
  and ``lastupdate-translation.txt``;
* GDELT 1.0, a file a day since 1 April 2013 (and monthly and yearly back files before):
  ``{base}/events/md5sums`` (``md5  name``) and ``{base}/events/filesizes`` (``size name``).

:meth:`GdeltClient.files` lists the event files of a period from those lists (and which
15-minute slots the list lacks, so a gap is never mistaken for a complete download: gdeltPyR
#79); :meth:`GdeltClient.download` fetches them into a
:class:`~conflictevents.sources.Store` with a bounded number of downloads at once, resuming
broken ones and checking each against the list; :meth:`GdeltClient.events` streams the events
out through the library's readers. All times are UTC, as GDELT's file names are (a local
time zone picks the wrong "latest" file: gdeltPyR #65); a naive datetime is taken as UTC.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor

import attrs

from conflictevents.errors import FetchError
from conflictevents.model import Record
from conflictevents.sources._http import Http, file_md5, iter_lines
from conflictevents.sources.store import ManifestEntry, Store

__all__ = ["GDELT_URL", "GdeltClient", "GdeltFile", "GdeltListing"]

GDELT_URL = "http://data.gdeltproject.org"
"""GDELT's file server."""
SOURCE = "gdelt"
_SLOT = _dt.timedelta(minutes=15)
_V2_NAME = re.compile(r"^(\d{14})\.(translation\.)?export\.CSV\.zip$")
_V1_DAILY = re.compile(r"^(\d{8})\.export\.CSV\.zip$")
_V1_MONTHLY = re.compile(r"^(\d{6})\.zip$")
_V1_YEARLY = re.compile(r"^(\d{4})\.zip$")


@attrs.frozen
class GdeltFile:
    """One event file in GDELT's lists.

    :param url: where it is.
    :param size: its size in bytes, as listed.
    :param md5: its MD5, as listed.
    :param start: the first moment it covers (UTC).
    :param end: the moment after the last it covers (UTC).
    :param version: ``1`` or ``2``.
    :param translingual: whether it is a GDELT 2.0 translingual file.

    >>> import datetime as dt
    >>> start = dt.datetime(2024, 12, 5, 12, 0, tzinfo=dt.timezone.utc)
    >>> file = GdeltFile("http://data.gdeltproject.org/gdeltv2/20241205120000.export.CSV.zip",
    ...                  size=61234, md5="0f3c", start=start,
    ...                  end=start + dt.timedelta(minutes=15), version=2)
    >>> file.name, file.format
    ('20241205120000.export.CSV.zip', 'gdelt2')
    """

    url: str
    size: int
    md5: str
    start: _dt.datetime
    end: _dt.datetime
    version: int
    translingual: bool = False

    @property
    def name(self) -> str:
        """The file name."""
        return self.url.rsplit("/", 1)[-1]

    @property
    def format(self) -> str:
        """The library format of its rows."""
        return "gdelt2" if self.version == 2 else "gdelt1"


@attrs.frozen
class GdeltListing:
    """The event files of a period, and the 15-minute slots GDELT's list has no file for.

    :param files: the files, oldest first.
    :param missing: for GDELT 2.0, the start of each slot in the period without a file.

    >>> import datetime as dt
    >>> slot = dt.datetime(2024, 12, 5, 12, 15, tzinfo=dt.timezone.utc)
    >>> listing = GdeltListing(files=(), missing=(slot,))
    >>> [str(moment) for moment in listing.missing]
    ['2024-12-05 12:15:00+00:00']
    """

    files: tuple[GdeltFile, ...]
    missing: tuple[_dt.datetime, ...] = ()


def _utc(moment: _dt.date | _dt.datetime) -> _dt.datetime:
    if not isinstance(moment, _dt.datetime):
        return _dt.datetime(moment.year, moment.month, moment.day, tzinfo=_dt.timezone.utc)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=_dt.timezone.utc)
    return moment.astimezone(_dt.timezone.utc)


def _v2_file(url: str, size: int, md5: str) -> GdeltFile | None:
    found = _V2_NAME.match(url.rsplit("/", 1)[-1])
    if found is None:
        return None
    start = _dt.datetime.strptime(found.group(1), "%Y%m%d%H%M%S").replace(
        tzinfo=_dt.timezone.utc)
    return GdeltFile(url, size, md5, start, start + _SLOT, 2, bool(found.group(2)))


def _v1_file(url: str, size: int, md5: str) -> GdeltFile | None:
    name = url.rsplit("/", 1)[-1]
    utc = _dt.timezone.utc
    if found := _V1_DAILY.match(name):
        start = _dt.datetime.strptime(found.group(1), "%Y%m%d").replace(tzinfo=utc)
        return GdeltFile(url, size, md5, start, start + _dt.timedelta(days=1), 1)
    if found := _V1_MONTHLY.match(name):
        start = _dt.datetime.strptime(found.group(1), "%Y%m").replace(tzinfo=utc)
        end = (start + _dt.timedelta(days=32)).replace(day=1)
        return GdeltFile(url, size, md5, start, end, 1)
    if found := _V1_YEARLY.match(name):
        year = int(found.group(1))
        return GdeltFile(url, size, md5, _dt.datetime(year, 1, 1, tzinfo=utc),
                         _dt.datetime(year + 1, 1, 1, tzinfo=utc), 1)
    return None


class GdeltClient:
    """A client of GDELT's event file server.

    :param base_url: the server (default :data:`GDELT_URL`).
    :param http: the HTTP client (timeouts, retries); a default one otherwise.
    :param concurrency: how many files are downloaded at once, at most.

    >>> client = GdeltClient(concurrency=2)
    >>> client.base_url, client.concurrency
    ('http://data.gdeltproject.org', 2)
    >>> GdeltClient(concurrency=0)
    Traceback (most recent call last):
        ...
    ValueError: concurrency must be at least 1
    """

    def __init__(self, *, base_url: str = GDELT_URL, http: Http | None = None,
                 concurrency: int = 4) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self.base_url = base_url.rstrip("/")
        self.http = http if http is not None else Http()
        self.concurrency = concurrency

    # -- lists ------------------------------------------------------------------------------

    def file_list(self, *, version: int = 2, translingual: bool = False,
                  latest: bool = False) -> list[GdeltFile]:
        """Every event file in GDELT's list (or only the newest, with *latest*).

        Lines that are not ``size md5 url`` of an event file (mentions, GKG, a malformed
        line) are passed over.
        """
        if version == 2:
            name = "lastupdate" if latest else "masterfilelist"
            suffix = "-translation" if translingual else ""
            answer = self.http.get(f"{self.base_url}/gdeltv2/{name}{suffix}.txt")
            files: list[GdeltFile] = []
            for line in iter_lines(answer):
                parts = line.split()
                if len(parts) != 3 or not parts[0].isdigit():
                    continue
                found = _v2_file(parts[2], int(parts[0]), parts[1].lower())
                if found is not None and found.translingual == translingual:
                    files.append(found)
            return sorted(files, key=lambda f: f.start)
        if version != 1:
            raise ValueError("GDELT versions are 1 and 2")
        if translingual:
            raise ValueError("translingual files exist only in GDELT 2.0")
        sums = self.http.get(f"{self.base_url}/events/md5sums")
        sizes = self.http.get(f"{self.base_url}/events/filesizes")
        size_of: dict[str, int] = {}
        for line in iter_lines(sizes):
            parts = line.split()
            if len(parts) == 2 and parts[0].isdigit():
                size_of[parts[1]] = int(parts[0])
        files = []
        for line in iter_lines(sums):
            parts = line.split()
            if len(parts) != 2 or parts[1] not in size_of:
                continue
            found = _v1_file(f"{self.base_url}/events/{parts[1]}", size_of[parts[1]],
                             parts[0].lower())
            if found is not None:
                files.append(found)
        files.sort(key=lambda f: f.start)
        return files[-1:] if latest else files

    def files(
        self,
        start: _dt.date | _dt.datetime,
        end: _dt.date | _dt.datetime,
        *,
        version: int = 2,
        translingual: bool = False,
    ) -> GdeltListing:
        """The event files that cover any moment from *start* up to *end* (a date: the
        whole day), and the 15-minute slots without a file (GDELT 2.0)."""
        first = _utc(start)
        last = _utc(end)
        if not isinstance(end, _dt.datetime):
            last += _dt.timedelta(days=1)
        elif last == first:
            last += _SLOT
        if last <= first:
            raise ValueError("the period ends before it starts")
        chosen = tuple(f for f in self.file_list(version=version, translingual=translingual)
                       if f.start < last and f.end > first)
        missing: list[_dt.datetime] = []
        if version == 2:
            have = {f.start for f in chosen}
            slot = first.replace(minute=first.minute - first.minute % 15, second=0,
                                 microsecond=0)
            while slot < last:
                if slot not in have:
                    missing.append(slot)
                slot += _SLOT
        return GdeltListing(chosen, tuple(missing))

    # -- downloads --------------------------------------------------------------------------

    def download(
        self,
        files: Sequence[GdeltFile],
        store: Store,
        *,
        progress: Callable[[int], None] | None = None,
    ) -> list[ManifestEntry]:
        """Download *files* into *store* (those it holds already, checked, are not fetched
        again), at most :attr:`concurrency` at once; each is checked against the list.

        :raises FetchError: naming every file that could not be had, after the others are
            done.
        """

        def one(item: GdeltFile) -> ManifestEntry:
            relative = f"{SOURCE}/{item.name}"
            path = store.path(relative)
            held = store.entry(relative)
            if (held is not None and path.exists() and held.md5 == item.md5
                    and path.stat().st_size == item.size):
                return held
            digest = self.http.download(item.url, path, size=item.size, md5=item.md5,
                                        progress=progress)
            return store.record(SOURCE, relative, url=item.url, size=item.size, md5=digest,
                                version=str(item.version),
                                facts={"start": item.start.isoformat(),
                                       "end": item.end.isoformat(),
                                       "format": item.format,
                                       "translingual": str(item.translingual).lower()})

        entries: list[ManifestEntry] = []
        failures: list[str] = []
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            futures = [pool.submit(one, item) for item in files]
            for item, future in zip(files, futures, strict=True):
                try:
                    entries.append(future.result())
                except FetchError as error:
                    failures.append(f"{item.name}: {error}")
        if failures:
            raise FetchError(f"{len(failures)} of {len(files)} GDELT files could not be "
                             "downloaded: " + "; ".join(failures[:5]))
        return entries

    def events(
        self,
        start: _dt.date | _dt.datetime,
        end: _dt.date | _dt.datetime,
        store: Store,
        *,
        version: int = 2,
        translingual: bool = False,
    ) -> Iterator[Record]:
        """Download the period's files into *store* and stream their events, oldest file
        first."""
        from conflictevents.formats._registry import read

        listing = self.files(start, end, version=version, translingual=translingual)
        for entry in self.download(listing.files, store):
            yield from read(store.path(entry.path), entry.facts.get("format"))


def verify(store: Store) -> list[str]:
    """The GDELT files of *store* whose bytes no longer match their manifest MD5."""
    bad: list[str] = []
    for entry in store.entries(SOURCE):
        path = store.path(entry.path)
        if not path.exists() or file_md5(path) != entry.md5:
            bad.append(entry.path)
    return bad
