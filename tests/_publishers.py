"""Real HTTP servers of ours on 127.0.0.1 that answer as ACLED, GDELT and UCDP do.

Written from the publishers' documented protocols (see ``conflictevents.sources``), not
copied from any recording. Each test starts one and stops it; every request is recorded, and
a test can script failures: a 429 with ``Retry-After``, a download cut short, a wrong MD5, an
expired token.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Answer = tuple[int, dict[str, str], bytes]


class Publisher:
    """What the server knows and does; subclasses answer one publisher's requests."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, dict[str, str], dict[str, str]]] = []
        self.fail_next: dict[str, list[Answer]] = {}
        self.lock = threading.Lock()
        self.active = 0
        self.most_active = 0
        self.delay = 0.0
        self.url = ""

    def answer(self, method: str, path: str, query: dict[str, str], headers: dict[str, str],
               body: dict[str, str]) -> Answer:
        raise NotImplementedError

    def scripted(self, path: str) -> Answer | None:
        queue = self.fail_next.get(path)
        if queue:
            return queue.pop(0)
        return None


def _json(data: Any, status: int = 200) -> Answer:
    return status, {"Content-Type": "application/json"}, json.dumps(data).encode()


class _Handler(BaseHTTPRequestHandler):
    publisher: Publisher
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _serve(self, method: str) -> None:
        parsed = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(parsed.query, keep_blank_values=True))
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        body = dict(urllib.parse.parse_qsl(raw.decode(), keep_blank_values=True))
        headers = {k.lower(): v for k, v in self.headers.items()}
        publisher = self.publisher
        with publisher.lock:
            publisher.requests.append((method, parsed.path, query, headers))
            publisher.active += 1
            publisher.most_active = max(publisher.most_active, publisher.active)
        try:
            if publisher.delay:
                time.sleep(publisher.delay)
            scripted = publisher.scripted(parsed.path)
            status, out_headers, content = scripted or publisher.answer(
                method, parsed.path, query, headers, body)
            cut = out_headers.pop("X-Cut-After", None)
            self.send_response(status)
            for key, value in out_headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            if cut is not None:
                self.wfile.write(content[: int(cut)])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(content)
        finally:
            with publisher.lock:
                publisher.active -= 1

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")


@contextmanager
def serving(publisher: Publisher) -> Iterator[Publisher]:
    """Run *publisher* on 127.0.0.1 (a free port) for the block; stopped after it."""
    handler = type("Handler", (_Handler,), {"publisher": publisher})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    publisher.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield publisher
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# -- ACLED ------------------------------------------------------------------------------------


def acled_row(number: int, day: str, timestamp: int, **fields: str) -> dict[str, str]:
    """One row of ACLED's API: every value a string, as the API gives them."""
    row = {
        "event_id_cnty": f"SYR{number}", "event_date": day, "year": day[:4],
        "time_precision": "1", "disorder_type": "Political violence", "event_type": "Battles",
        "sub_event_type": "Armed clash", "actor1": "Hayat Tahrir al-Sham", "assoc_actor_1": "",
        "inter1": "2", "actor2": "Military Forces of Syria (2000-2024)", "assoc_actor_2": "",
        "inter2": "1", "interaction": "12", "civilian_targeting": "", "iso": "760",
        "region": "Middle East", "country": "Syria", "admin1": "Hama", "admin2": "Hama",
        "admin3": "", "location": "Hama", "latitude": "35.1318", "longitude": "36.7578",
        "geo_precision": "1", "source": "SOHR", "source_scale": "National",
        "notes": f"Event {number}.", "fatalities": "3", "tags": "",
        "timestamp": str(timestamp),
    }
    row.update(fields)
    return row


class Acled(Publisher):
    """ACLED's token, read and deleted endpoints."""

    def __init__(self, rows: list[dict[str, str]], *, username: str = "analyst@example.org",
                 password: str = "s3cret", expires_in: int = 86400) -> None:
        super().__init__()
        self.rows = rows
        self.deleted: list[dict[str, str]] = []
        self.username = username
        self.password = password
        self.expires_in = expires_in
        self.grants: list[str] = []
        self.tokens: set[str] = set()
        self.refresh_tokens: set[str] = set()

    def _new_token(self) -> Answer:
        number = len(self.grants) - 1
        access, refresh = f"access-{number}", f"refresh-{number}"
        self.tokens.add(access)
        self.refresh_tokens.add(refresh)
        return _json({"token_type": "Bearer", "expires_in": self.expires_in,
                      "access_token": access, "refresh_token": refresh})

    def answer(self, method: str, path: str, query: dict[str, str], headers: dict[str, str],
               body: dict[str, str]) -> Answer:
        if path == "/oauth/token" and method == "POST":
            grant = body.get("grant_type", "")
            self.grants.append(grant)
            if body.get("client_id") != "acled":
                return _json({"error": "invalid_client"}, 400)
            if grant == "password":
                if (body.get("username"), body.get("password")) != (self.username,
                                                                    self.password):
                    return _json({"error": "invalid_grant"}, 401)
                return self._new_token()
            if grant == "refresh_token" and body.get("refresh_token") in self.refresh_tokens:
                self.refresh_tokens.discard(body["refresh_token"])
                return self._new_token()
            return _json({"error": "invalid_grant"}, 400)
        bearer = headers.get("authorization", "").removeprefix("Bearer ")
        if bearer not in self.tokens:
            return _json({"message": "Access denied"}, 403)
        if path == "/api/acled/read":
            return self._read(query)
        if path == "/api/deleted/read":
            since = int(query.get("deleted_timestamp", "0"))
            data = [d for d in self.deleted if int(d["deleted_timestamp"]) >= since]
            return _json({"status": 200, "success": True, "count": len(data), "data": data})
        return _json({"message": "not found"}, 404)

    def _read(self, query: dict[str, str]) -> Answer:
        rows = self.rows
        if "event_date" in query:
            first, last = query["event_date"].split("|")
            rows = [r for r in rows if first <= r["event_date"] <= last]
        if "timestamp" in query:
            rows = [r for r in rows if int(r["timestamp"]) >= int(query["timestamp"])]
        if "country" in query:
            wanted = query["country"].split(":OR:")
            rows = [r for r in rows if r["country"] in wanted]
        limit, page = int(query.get("limit", "5000")), int(query.get("page", "1"))
        chunk = rows[(page - 1) * limit: page * limit] if limit else rows
        return _json({"status": 200, "success": True, "last_update": 1, "count": len(chunk),
                      "messages": [], "data": chunk, "filename": "acled"})


# -- GDELT ------------------------------------------------------------------------------------


class Gdelt(Publisher):
    """GDELT's file lists and files, with range requests."""

    def __init__(self, files: dict[str, bytes]) -> None:
        super().__init__()
        self.files = files
        self.wrong_md5: set[str] = set()
        self.cut_once: set[str] = set()
        self.v1_files: dict[str, bytes] = {}

    def _list(self, names: list[str], prefix: str) -> bytes:
        lines = []
        for name in names:
            content = self.files[name]
            digest = hashlib.md5(content).hexdigest()
            if name in self.wrong_md5:
                digest = "0" * 32
            lines.append(f"{len(content)} {digest} {self.url}/{prefix}/{name}")
        return ("\n".join(lines) + "\n").encode()

    def answer(self, method: str, path: str, query: dict[str, str], headers: dict[str, str],
               body: dict[str, str]) -> Answer:
        names = sorted(self.files)
        if path == "/gdeltv2/masterfilelist.txt":
            plain = [n for n in names if ".translation." not in n]
            return 200, {}, self._list(plain, "gdeltv2") + b"\nnot a line\n"
        if path == "/gdeltv2/masterfilelist-translation.txt":
            return 200, {}, self._list([n for n in names if ".translation." in n], "gdeltv2")
        if path == "/gdeltv2/lastupdate.txt":
            plain = [n for n in names if ".translation." not in n]
            return 200, {}, self._list(plain[-1:], "gdeltv2")
        if path == "/events/md5sums":
            text = "".join(f"{hashlib.md5(c).hexdigest()}  {n}\n"
                           for n, c in sorted(self.v1_files.items()))
            return 200, {}, text.encode()
        if path == "/events/filesizes":
            text = "".join(f"{len(c)} {n}\n" for n, c in sorted(self.v1_files.items()))
            return 200, {}, text.encode()
        name = path.rsplit("/", 1)[-1]
        content = self.files.get(name) if path.startswith("/gdeltv2/") else self.v1_files.get(
            name)
        if content is None:
            return 404, {}, b"not found"
        start = 0
        status = 200
        if "range" in headers:
            start = int(headers["range"].removeprefix("bytes=").split("-")[0])
            if start >= len(content):
                return 416, {}, b""
            status = 206
        out_headers: dict[str, str] = {"Content-Type": "application/zip"}
        if name in self.cut_once:
            self.cut_once.discard(name)
            out_headers["X-Cut-After"] = str(len(content[start:]) // 2)
        return status, out_headers, content[start:]


# -- UCDP -------------------------------------------------------------------------------------


class Ucdp(Publisher):
    """UCDP's GED API: releases, pages with NextPageUrl, the access token."""

    def __init__(self, releases: dict[str, list[dict[str, Any]]], token: str = "ucdp-t0ken",
                 page_size_cap: int = 1000) -> None:
        super().__init__()
        self.releases = releases
        self.token = token
        self.cap = page_size_cap

    def answer(self, method: str, path: str, query: dict[str, str], headers: dict[str, str],
               body: dict[str, str]) -> Answer:
        if headers.get("x-ucdp-access-token") != self.token:
            return _json({"message": "API token required. Add header: x-ucdp-access-token"},
                         401)
        if not path.startswith("/api/gedevents/"):
            return _json({"message": "not found"}, 404)
        version = path.rsplit("/", 1)[-1]
        rows = self.releases.get(version)
        if rows is None:
            return _json({"message": f"no version {version}"}, 400)
        size = min(int(query.get("pagesize", "100")), self.cap)
        page = int(query.get("page", "0"))
        pages = max(1, -(-len(rows) // size))
        following = ""
        if page + 1 < pages:
            following = f"{self.url}{path}?pagesize={size}&page={page + 1}"
        return _json({"TotalCount": len(rows), "TotalPages": pages,
                      "PreviousPageUrl": "", "NextPageUrl": following,
                      "Result": rows[page * size:(page + 1) * size]})


def recorder() -> tuple[list[float], Callable[[float], None]]:
    """A sleep function that records its waits instead of waiting."""
    waits: list[float] = []
    return waits, waits.append


# -- sample content ---------------------------------------------------------------------------


def zipped(name: str, content: bytes, method: int | None = None) -> bytes:
    """*content* as the one member of a zip file, as GDELT ships its files."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED if method is None else method) as z:
        z.writestr(name.removesuffix(".zip"), content)
    return out.getvalue()


def gdelt_files(rows: bytes, *stamps: str) -> dict[str, bytes]:
    """GDELT 2.0 event files of the given 15-minute stamps, each holding *rows*."""
    return {f"{s}.export.CSV.zip": zipped(f"{s}.export.CSV.zip", rows) for s in stamps}


def ucdp_api_rows(csv_path: Any) -> list[dict[str, Any]]:
    """The GED rows of a CSV file as UCDP's API gives them (numbers as JSON numbers)."""
    import csv

    with open(csv_path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [{key: int(value) if value.isdigit() and key != "relid" else value
             for key, value in row.items()} for row in rows]
