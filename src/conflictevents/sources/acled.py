"""ACLED's API: OAuth, paging, large requests split, deletions, incremental updates.

The protocol is ACLED's API as its own R client uses it (dtacled/acledR: ``R/acled_auth.R``,
``R/acled_api.R``, ``R/acled_deletions_api.R``, 2025 OAuth version):

* a token from ``POST {base}/oauth/token`` with the OAuth *password* grant (``username``,
  ``password``, ``grant_type=password``, ``client_id=acled``); it lasts 24 hours and comes with
  a refresh token, used (``grant_type=refresh_token``) before the access token expires;
* events from ``GET {base}/api/acled/read?_format=json`` with ``Authorization: Bearer ...``
  and filters (``country=A:OR:B``, ``event_date=START|END`` with
  ``event_date_where=BETWEEN``, ``event_type=...``, ``timestamp`` with
  ``timestamp_where=>=``), paged with ``page`` and ``limit`` until a page comes back short;
* deleted events from ``GET {base}/api/deleted/read?_format=json`` with
  ``deleted_timestamp`` (and ``deleted_timestamp_where=>=``).

A request over too many country-days is split by date before it is sent: acledR's users found
that a call over about 156,000 country-days comes back empty, silently. Every page is saved in
the :class:`~conflictevents.sources.Store` as ACLED served it (the ``acled-api`` format reads
it), with its newest ``timestamp``, so that :meth:`AcledClient.update` fetches only what
changed since, and :func:`current_events` gives each event's latest version, less deletions.

Credentials come from the arguments or the environment (``ACLED_USERNAME`` or
``ACLED_EMAIL``, and ``ACLED_PASSWORD``); they are never written to the store, a message or
the client's ``repr``.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from conflictevents.errors import AuthenticationError, FetchError
from conflictevents.model import Event
from conflictevents.sources._http import Http
from conflictevents.sources.store import ManifestEntry, Store

__all__ = ["ACLED_URL", "AcledClient", "AcledUpdate", "current_events"]

ACLED_URL = "https://acleddata.com"
"""ACLED's server."""
SOURCE = "acled"
_ALL_COUNTRIES = 250  # what a request without a country filter counts as
_REFRESH_MARGIN = 300.0  # seconds before expiry when the token is refreshed


@attrs.frozen
class AcledUpdate:
    """What :meth:`AcledClient.update` fetched.

    :param since: the newest ``timestamp`` the store had before.
    :param pages: the pages of changed events saved.
    :param changed: how many event rows they hold.
    :param deleted: how many deletions were fetched.

    >>> import tempfile
    >>> from conflictevents.sources import Store
    >>> page = Store(tempfile.mkdtemp()).save("acled", "read-1.json", b'{"data": []}',
    ...                                       url="https://acleddata.com/api/acled/read",
    ...                                       facts={"kind": "events", "rows": "0"})
    >>> update = AcledUpdate(since=1733000000, pages=(page,), changed=0, deleted=2)
    >>> [p.path for p in update.pages], update.changed, update.deleted
    (['acled/read-1.json'], 0, 2)
    """

    since: int
    pages: tuple[ManifestEntry, ...]
    changed: int
    deleted: int


class AcledClient:
    """A client of ACLED's API.

    :param username: the ACLED account's e-mail (default: ``ACLED_USERNAME`` or
        ``ACLED_EMAIL``).
    :param password: its password (default: ``ACLED_PASSWORD``).
    :param base_url: the server (default :data:`ACLED_URL`).
    :param page_size: rows per page (``limit``).
    :param max_country_days: the largest request sent in one piece; larger ones are split by
        date.
    :param http: the HTTP client (timeouts, retries); a default one otherwise.
    :param clock: the time, in seconds (the tests pass a fake one).

    >>> import datetime as dt
    >>> client = AcledClient("analyst@example.org", "s3cret", max_country_days=60)
    >>> client
    AcledClient(base_url='https://acleddata.com', user=set)
    >>> [q["event_date"] for q in client.queries(countries=["Syria", "Iraq"],
    ...                                         start=dt.date(2024, 12, 1),
    ...                                         end=dt.date(2024, 12, 31))]
    ['2024-12-01|2024-12-30', '2024-12-31|2024-12-31']
    """

    def __init__(
        self,
        username: str | None = None,
        password: str | None = None,
        *,
        base_url: str = ACLED_URL,
        page_size: int = 5000,
        max_country_days: int = 150_000,
        http: Http | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._username = username or os.environ.get("ACLED_USERNAME") or os.environ.get(
            "ACLED_EMAIL")
        self._password = password or os.environ.get("ACLED_PASSWORD")
        self.base_url = base_url.rstrip("/")
        if page_size < 1 or max_country_days < 1:
            raise ValueError("page_size and max_country_days must be positive")
        self.page_size = page_size
        self.max_country_days = max_country_days
        self.http = http if http is not None else Http()
        self._clock = clock
        self._access: str | None = None
        self._refresh: str | None = None
        self._expires = 0.0

    def __repr__(self) -> str:
        return f"AcledClient(base_url={self.base_url!r}, user={'set' if self._username else None})"

    # -- authentication ---------------------------------------------------------------------

    def token(self) -> str:
        """A valid access token: the one held, refreshed shortly before it expires, or new.

        :raises AuthenticationError: when there are no credentials, or ACLED refuses them.
        """
        now = self._clock()
        if self._access is not None and now < self._expires - _REFRESH_MARGIN:
            return self._access
        if self._refresh is not None:
            try:
                self._grant({"grant_type": "refresh_token", "refresh_token": self._refresh,
                             "client_id": "acled"})
                return self._access or ""
            except (AuthenticationError, FetchError):
                self._refresh = None  # expired too: log in again
        if not self._username or not self._password:
            raise AuthenticationError(
                "ACLED needs an account: pass username= and password=, or set "
                "ACLED_USERNAME and ACLED_PASSWORD"
            )
        self._grant({"grant_type": "password", "username": self._username,
                     "password": self._password, "client_id": "acled"})
        return self._access or ""

    def _grant(self, form: Mapping[str, str]) -> None:
        answer = self.http.request(
            "POST", f"{self.base_url}/oauth/token", data=form,
            what="the ACLED username and password (ACLED_USERNAME, ACLED_PASSWORD) and "
            "that the account has API access",
        ).json()
        if not isinstance(answer, dict) or "access_token" not in answer:
            raise AuthenticationError("ACLED's token endpoint gave no access token")
        self._access = str(answer["access_token"])
        self._refresh = str(answer["refresh_token"]) if answer.get("refresh_token") else None
        self._expires = self._clock() + float(answer.get("expires_in", 86400))

    def _get(self, path: str, params: Mapping[str, str]) -> Any:
        answer = self.http.get(
            f"{self.base_url}{path}", params={"_format": "json", **params},
            headers={"Authorization": f"Bearer {self.token()}"},
            what="that the ACLED account has API access",
        )
        return answer, answer.json()

    # -- events -----------------------------------------------------------------------------

    def queries(
        self,
        *,
        countries: Sequence[str] | None = None,
        start: _dt.date | None = None,
        end: _dt.date | None = None,
        event_types: Sequence[str] | None = None,
        since: int | None = None,
        filters: Mapping[str, str] | None = None,
    ) -> list[dict[str, str]]:
        """The requests a query becomes, split by date so that none is over
        ``max_country_days`` country-days."""
        base: dict[str, str] = dict(filters or {})
        if countries:
            base["country"] = ":OR:".join(countries)
        if event_types:
            base["event_type"] = ":OR:".join(event_types)
        if since is not None:
            base["timestamp"] = str(since)
            base["timestamp_where"] = ">="
        if start is None and end is None:
            return [base]
        first = start or _dt.date(1997, 1, 1)
        last = end or _dt.datetime.now(_dt.timezone.utc).date()
        if last < first:
            raise ValueError("the query ends before it starts")
        width = max(1, self.max_country_days // (len(countries) if countries else _ALL_COUNTRIES))
        out: list[dict[str, str]] = []
        cursor = first
        while cursor <= last:
            stop = min(last, cursor + _dt.timedelta(days=width - 1))
            out.append({**base, "event_date": f"{cursor.isoformat()}|{stop.isoformat()}",
                        "event_date_where": "BETWEEN"})
            cursor = stop + _dt.timedelta(days=1)
        return out

    def pages(self, query: Mapping[str, str]) -> Iterator[tuple[str, bytes, dict[str, Any]]]:
        """Each page of one request: ``(url, bytes as served, parsed JSON)``, until a short
        page."""
        page = 1
        while True:
            params = {**query, "limit": str(self.page_size), "page": str(page)}
            answer, data = self._get("/api/acled/read", params)
            rows = _rows(data, answer.url)
            yield answer.url, answer.content, data
            if len(rows) < self.page_size:
                return
            page += 1

    def fetch(self, store: Store, *, progress: Callable[[int], None] | None = None,
              **query: Any) -> list[ManifestEntry]:
        """Fetch every page of a query into *store* (see :meth:`queries` for the filters).

        :param progress: called with the number of rows of each page saved.
        """
        saved: list[ManifestEntry] = []
        stamp = _run_stamp()
        for number, request in enumerate(self.queries(**query)):
            for page, (url, content, data) in enumerate(self.pages(request), start=1):
                rows = _rows(data, url)
                newest = max((_int(row.get("timestamp")) for row in rows), default=0)
                saved.append(store.save(
                    SOURCE, f"read-{stamp}-{number:04d}-{page:05d}.json", content, url=url,
                    facts={"kind": "events", "rows": str(len(rows)),
                           "newest_timestamp": str(newest),
                           "query": json.dumps(request, sort_keys=True)},
                ))
                if progress is not None:
                    progress(len(rows))
        return saved

    def events(self, store: Store, **query: Any) -> Iterator[Event]:
        """Fetch a query into *store* and read its events (through the ``acled-api`` reader)."""
        from conflictevents.formats._registry import read

        for entry in self.fetch(store, **query):
            for record in read(store.path(entry.path), "acled-api"):
                if isinstance(record, Event):
                    yield record

    # -- deletions and updates --------------------------------------------------------------

    def deleted(self, store: Store, since: int) -> tuple[ManifestEntry, int]:
        """Fetch the events deleted at or after *since* (a Unix time) into *store*."""
        answer, data = self._get("/api/deleted/read", {
            "deleted_timestamp": str(since), "deleted_timestamp_where": ">=",
            "limit": "0"})
        rows = _rows(data, answer.url)
        stamp = _run_stamp()
        entry = store.save(SOURCE, f"deleted-{stamp}-{since}.json", answer.content,
                           url=answer.url, facts={"kind": "deleted", "rows": str(len(rows)),
                                                  "since": str(since)})
        return entry, len(rows)

    def update(self, store: Store, *, progress: Callable[[int], None] | None = None,
               **query: Any) -> AcledUpdate:
        """Fetch what changed since the newest ``timestamp`` in *store*, and the deletions.

        With an empty store this is a first, full fetch of the query.
        """
        since = newest_timestamp(store)
        pages = self.fetch(store, since=since if since else None, progress=progress, **query)
        changed = sum(int(entry.facts.get("rows", "0")) for entry in pages)
        deleted = 0
        if since:
            _entry, deleted = self.deleted(store, since)
        return AcledUpdate(since=since, pages=tuple(pages), changed=changed, deleted=deleted)


def newest_timestamp(store: Store) -> int:
    """The newest ``timestamp`` of the ACLED events in *store* (``0`` when it has none)."""
    return max((int(entry.facts.get("newest_timestamp", "0"))
                for entry in store.entries(SOURCE) if entry.facts.get("kind") == "events"),
               default=0)


def current_events(store: Store) -> Iterator[Event]:
    """Each ACLED event of *store* once, in its latest version, less the deleted ones.

    Events are keyed by ``event_id_cnty``; the version with the newest ``timestamp`` wins,
    and an event deleted at or after its timestamp is left out. (This holds one event per id
    in memory: a store of all of ACLED needs a few GB.)

    >>> import json, tempfile
    >>> from conflictevents.sources import Store
    >>> store = Store(tempfile.mkdtemp())
    >>> row = {"event_id_cnty": "SYR1", "event_date": "2024-12-05", "event_type": "Battles",
    ...        "sub_event_type": "Armed clash", "country": "Syria", "location": "Hama",
    ...        "fatalities": "3", "timestamp": "1733000000"}
    >>> page = {"status": 200, "data": [row, dict(row, event_id_cnty="SYR2")]}
    >>> gone = {"status": 200, "data": [{"event_id_cnty": "SYR2",
    ...                                  "deleted_timestamp": "1733100000"}]}
    >>> _ = store.save("acled", "read-1.json", json.dumps(page).encode(),
    ...                url="https://acleddata.com/api/acled/read", facts={"kind": "events"})
    >>> _ = store.save("acled", "deleted-1.json", json.dumps(gone).encode(),
    ...                url="https://acleddata.com/api/deleted/read", facts={"kind": "deleted"})
    >>> [event.id for event in current_events(store)]
    ['SYR1']
    """
    from conflictevents.formats._registry import read

    deleted: dict[str, int] = {}
    latest: dict[str, tuple[int, Event]] = {}
    for entry in store.entries(SOURCE):
        path = store.path(entry.path)
        if entry.facts.get("kind") == "deleted":
            data = json.loads(path.read_bytes())
            for row in _rows(data, entry.path):
                identifier = str(row.get("event_id_cnty", ""))
                deleted[identifier] = max(deleted.get(identifier, 0),
                                          _int(row.get("deleted_timestamp")))
            continue
        for event in read(path, "acled-api"):
            if not isinstance(event, Event):
                continue
            stamp = _int(event.extra("acled", "timestamp"))
            held = latest.get(event.id)
            if held is None or stamp >= held[0]:
                latest[event.id] = (stamp, event)
    for identifier, (stamp, event) in latest.items():
        if identifier in deleted and deleted[identifier] >= stamp:
            continue
        yield event


def _run_stamp() -> str:
    """A name part that sorts by time and is unique to one fetch."""
    now = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
    return f"{now}-{uuid.uuid4().hex[:8]}"


def _rows(data: Any, where: str) -> list[dict[str, Any]]:
    rows = data.get("data") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise FetchError(f"{where.split('?', 1)[0]}: the answer has no 'data' list")
    return [row for row in rows if isinstance(row, dict)]


def _int(value: Any) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return 0
