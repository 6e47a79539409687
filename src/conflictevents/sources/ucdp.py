"""UCDP's API: GED and Candidate events, versions discovered, pages followed, stitched.

The API (``https://ucdpapi.pcr.uu.se/api/gedevents/<version>``, documented at
https://ucdp.uu.se/apidocs/) answers pages of JSON, ``{"TotalCount", "TotalPages",
"PreviousPageUrl", "NextPageUrl", "Result": [...]}``, whose ``Result`` rows carry the GED
columns. Since February 2026 it needs an access token in the ``x-ucdp-access-token`` header
(arguments or ``UCDP_ACCESS_TOKEN``). Versions are not hard-coded: as the R client ucdp.api
(guyschvitz/ucdp.api, ``getLatestUcdpGedVersionIds``) does, the names UCDP uses are tried —
yearly final releases ``YY.1``, quarterly Candidate releases ``YY.01.YY.MM`` and monthly
Candidate releases ``YY.0.M`` — and those the API has are kept. :func:`stitched` joins the
newest final release with the Candidate releases after it, keeping for each event id the row
of the newest release, as ucdp.api's ``getFullUcdpGedData`` does.

Every page is saved in the :class:`~conflictevents.sources.Store` as UCDP served it; its rows
are read through the library's ``ucdp-ged`` reader, so the events are those of a GED file.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import attrs

from conflictevents.errors import AuthenticationError, FetchError
from conflictevents.model import Event
from conflictevents.sources._http import Http
from conflictevents.sources.store import ManifestEntry, Store

__all__ = ["UCDP_URL", "UcdpClient", "UcdpVersion", "stitched"]

UCDP_URL = "https://ucdpapi.pcr.uu.se/api"
"""UCDP's API."""
SOURCE = "ucdp"


@attrs.frozen(order=True)
class UcdpVersion:
    """A GED release: ``"25.1"`` (final, yearly), ``"25.0.3"`` (Candidate, monthly) or
    ``"25.01.25.09"`` (Candidate, quarterly).

    >>> UcdpVersion.parse("25.0.3").covers
    datetime.date(2025, 3, 1)
    >>> UcdpVersion.parse("25.1").final
    True
    """

    covers: _dt.date
    kind: str
    name: str = attrs.field(order=False)

    @property
    def final(self) -> bool:
        """Whether it is a yearly final release."""
        return self.kind == "yearly"

    @classmethod
    def parse(cls, name: str) -> UcdpVersion:
        """The release called *name*.

        :raises ValueError: for a name that is none of UCDP's shapes.
        """
        parts = name.split(".")
        try:
            numbers = [int(p) for p in parts]
        except ValueError:
            raise ValueError(f"not a UCDP version: {name!r}") from None
        if len(parts) == 2 and numbers[1] == 1:
            # a yearly release covers the years before its own
            return cls(_dt.date(2000 + numbers[0] - 1, 12, 31), "yearly", name)
        if len(parts) == 3 and numbers[1] == 0 and 1 <= numbers[2] <= 12:
            return cls(_dt.date(2000 + numbers[0], numbers[2], 1), "monthly", name)
        if len(parts) == 4 and numbers[1] == 1 and 1 <= numbers[3] <= 12:
            return cls(_dt.date(2000 + numbers[2], numbers[3], 1), "quarterly", name)
        raise ValueError(f"not a UCDP version: {name!r}")


def candidate_names(today: _dt.date) -> list[str]:
    """The version names worth trying on *today*: this and last year's releases."""
    this = today.year % 100
    names: list[str] = []
    for year in (this, this - 1):
        names.append(f"{year}.1")
        names.extend(f"{year}.01.{year}.{month:02d}" for month in range(1, 13))
        names.extend(f"{year}.0.{month}" for month in range(1, 13))
    return [n for n in names if UcdpVersion.parse(n).covers < today.replace(day=1)
            or UcdpVersion.parse(n).final]


class UcdpClient:
    """A client of UCDP's API.

    :param token: the API access token (default: ``UCDP_ACCESS_TOKEN``).
    :param base_url: the API (default :data:`UCDP_URL`).
    :param page_size: rows per page (UCDP allows at most 1,000).
    :param http: the HTTP client (timeouts, retries); a default one otherwise.

    >>> UcdpClient("t0ken", page_size=500)
    UcdpClient(base_url='https://ucdpapi.pcr.uu.se/api', token=set)
    >>> UcdpClient(page_size=5000)
    Traceback (most recent call last):
        ...
    ValueError: UCDP pages hold 1 to 1,000 rows
    """

    def __init__(self, token: str | None = None, *, base_url: str = UCDP_URL,
                 page_size: int = 1000, http: Http | None = None) -> None:
        self._token = token or os.environ.get("UCDP_ACCESS_TOKEN") or os.environ.get(
            "UCDP_TOKEN")
        if not 1 <= page_size <= 1000:
            raise ValueError("UCDP pages hold 1 to 1,000 rows")
        self.base_url = base_url.rstrip("/")
        self.page_size = page_size
        self.http = http if http is not None else Http()

    def __repr__(self) -> str:
        return f"UcdpClient(base_url={self.base_url!r}, token={'set' if self._token else None})"

    def _headers(self) -> dict[str, str]:
        if not self._token:
            raise AuthenticationError(
                "UCDP's API needs an access token (since February 2026): pass token= or set "
                "UCDP_ACCESS_TOKEN; request one at https://ucdp.uu.se/apidocs/"
            )
        return {"x-ucdp-access-token": self._token}

    def available(self, version: str) -> bool:
        """Whether the API has release *version*."""
        try:
            self.http.get(f"{self.base_url}/gedevents/{version}", params={"pagesize": "1"},
                          headers=self._headers(), what="the UCDP access token")
        except AuthenticationError:
            raise
        except FetchError:
            return False
        return True

    def versions(self, today: _dt.date | None = None) -> list[UcdpVersion]:
        """The GED releases the API has, oldest first (see the module's note)."""
        day = today or _dt.datetime.now(_dt.timezone.utc).date()
        return sorted(UcdpVersion.parse(name) for name in candidate_names(day)
                      if self.available(name))

    def latest(self, today: _dt.date | None = None) -> list[UcdpVersion]:
        """The newest final release and the Candidate releases after it, oldest first."""
        found = self.versions(today)
        finals = [v for v in found if v.final]
        if not finals:
            raise FetchError("the UCDP API has no final GED release this year or last")
        final = finals[-1]
        candidates = [v for v in found if not v.final and v.covers > final.covers]
        quarterly = [v for v in candidates if v.kind == "quarterly"]
        if quarterly:
            newest = quarterly[-1]
            candidates = [newest] + [v for v in candidates
                                     if v.kind == "monthly" and v.covers > newest.covers]
        return [final, *candidates]

    def fetch(self, version: str, store: Store, *,
              progress: Callable[[int], None] | None = None) -> list[ManifestEntry]:
        """Fetch every page of release *version* into *store*, following ``NextPageUrl``.

        :param progress: called with the number of rows of each page saved.
        """
        url: str | None = f"{self.base_url}/gedevents/{version}"
        params: dict[str, str] | None = {"pagesize": str(self.page_size), "page": "0"}
        saved: list[ManifestEntry] = []
        seen: set[str] = set()
        while url:
            answer = self.http.get(url, params=params, headers=self._headers(),
                                   what="the UCDP access token")
            data = answer.json()
            if not isinstance(data, dict) or not isinstance(data.get("Result"), list):
                raise FetchError(f"{url}: the answer has no 'Result' list")
            saved.append(store.save(
                SOURCE, f"gedevents-{version}-page-{len(saved):05d}.json", answer.content,
                url=answer.url, version=version,
                facts={"rows": str(len(data["Result"])),
                       "total": str(data.get("TotalCount", ""))},
            ))
            if progress is not None:
                progress(len(data["Result"]))
            following = data.get("NextPageUrl") or None
            if following in seen:
                raise FetchError(f"{url}: the API sends the same next page again")
            if following is not None:
                seen.add(following)
            url, params = following, None
        return saved

    def events(self, version: str, store: Store) -> Iterator[Event]:
        """Fetch release *version* into *store* and read its events."""
        entries = self.fetch(version, store)
        yield from _events(store, entries)


def _events(store: Store, entries: Sequence[ManifestEntry]) -> Iterator[Event]:
    from conflictevents.formats._registry import read

    for entry in entries:
        data = json.loads(store.path(entry.path).read_bytes())
        rows = [row for row in data.get("Result", []) if isinstance(row, dict)]
        if not rows:
            continue
        for record in read(io.StringIO(_csv(rows), newline=""), "ucdp-ged"):
            if isinstance(record, Event):
                yield record


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    return str(value)


def _csv(rows: list[dict[str, Any]]) -> str:
    """The rows of an API page as a GED CSV (the columns in the API's order)."""
    columns = list(rows[0])
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return out.getvalue()


def stitched(store: Store) -> Iterator[Event]:
    """The GED events of *store*, each id once, from the newest release that has it.

    >>> import json, tempfile
    >>> from conflictevents.sources import Store
    >>> store = Store(tempfile.mkdtemp())
    >>> for version, deaths in (("24.1", 3), ("25.1", 4)):
    ...     row = {"id": 5301, "date_start": "2024-12-05", "date_end": "2024-12-05",
    ...            "type_of_violence": 1, "country": "Syria", "best": deaths}
    ...     _ = store.save("ucdp", f"gedevents-{version}-page-0.json",
    ...                    json.dumps({"Result": [row]}).encode(), version=version,
    ...                    url=f"https://ucdpapi.pcr.uu.se/api/gedevents/{version}")
    >>> [(event.id, str(event.fatalities)) for event in stitched(store)]
    [('5301', '4')]
    """
    by_version: dict[str, list[ManifestEntry]] = {}
    for entry in store.entries(SOURCE):
        if entry.version is not None:
            by_version.setdefault(entry.version, []).append(entry)
    newest: dict[str, Event] = {}
    for version in sorted(by_version, key=UcdpVersion.parse):
        for event in _events(store, by_version[version]):
            newest[event.id] = event
    yield from newest.values()
