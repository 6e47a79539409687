"""The HTTP layer the publishers' clients share: timeouts, retries, downloads that verify.

Built on `httpx <https://www.python-httpx.org>`_ (the ``fetch`` extra), imported on first use,
for its timeouts and streaming. Every request has a timeout. A ``429`` or ``5xx`` answer, and a
connection that fails, are retried with exponential backoff (the ``Retry-After`` header is
honoured, up to :attr:`Http.max_wait` seconds); ``401`` and ``403`` raise
:class:`~conflictevents.errors.AuthenticationError` at once, naming what to check. A download
goes to a ``.part`` file beside its target, resumes from where a broken one stopped (an HTTP
range request), is checked against the size and MD5 the publisher lists, and only then is
renamed to its name: no partial file ever looks complete.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictevents.errors import AuthenticationError, FetchError

if TYPE_CHECKING:
    import httpx

__all__ = ["Http", "Response"]

_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_CHUNK = 1 << 16


def _httpx() -> Any:
    try:
        import httpx
    except ModuleNotFoundError:  # pragma: no cover - depends on the installation
        raise ModuleNotFoundError(
            "fetching from the publishers needs httpx: pip install 'conflictevents[fetch]'"
        ) from None
    return httpx


class Response:
    """The parts of an HTTP answer the clients use (and the tests can build)."""

    __slots__ = ("content", "headers", "status", "url")

    def __init__(self, status: int, content: bytes, headers: Mapping[str, str], url: str):
        self.status = status
        self.content = content
        self.headers = headers
        self.url = url

    def json(self) -> Any:
        import json

        try:
            return json.loads(self.content)
        except ValueError as error:
            raise FetchError(f"{self.url}: the answer is not JSON ({error})") from None

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")


class Http:
    """A small, careful HTTP client.

    :param timeout: seconds for connecting and for each read.
    :param retries: how many times a request that failed with 429, 5xx or a network error is
        tried again.
    :param backoff: the first wait, in seconds; it doubles with each retry.
    :param max_wait: the longest wait, whatever ``Retry-After`` asks for.
    :param sleep: how to wait (the tests pass a function that records instead).
    :param user_agent: sent with every request.

    >>> waits = []
    >>> http = Http(timeout=10, retries=2, backoff=0.5, sleep=waits.append)
    >>> http.timeout, http.retries, http.max_wait
    (10, 2, 120.0)
    """

    def __init__(
        self,
        *,
        timeout: float = 60.0,
        retries: int = 4,
        backoff: float = 1.0,
        max_wait: float = 120.0,
        sleep: Callable[[float], None] = time.sleep,
        user_agent: str = "conflictevents",
    ) -> None:
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.sleep = sleep
        self.user_agent = user_agent
        self._client: httpx.Client | None = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            httpx = _httpx()
            self._client = httpx.Client(
                timeout=httpx.Timeout(self.timeout), follow_redirects=True,
                headers={"User-Agent": self.user_agent},
            )
        return self._client

    def close(self) -> None:
        """Close the connections."""
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Http:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- requests ---------------------------------------------------------------------------

    def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        data: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        what: str = "",
    ) -> Response:
        """One request, retried as the class says; a non-2xx final answer is an error.

        :param what: what to check when the server refuses the credentials (for the message).
        :raises AuthenticationError: on 401 or 403.
        :raises FetchError: on any other failure, after the retries.
        """
        httpx = _httpx()
        for attempt in range(self.retries + 1):
            try:
                answer = self.client.request(method, url, params=params, data=data,
                                             headers=headers)
            except httpx.HTTPError as error:
                if attempt == self.retries:
                    raise FetchError(f"{url}: {type(error).__name__}: {error}") from None
                self.sleep(self._wait(attempt, None))
                continue
            status = answer.status_code
            if status in (401, 403):
                raise AuthenticationError(
                    f"{_safe(url)}: the server refused the credentials (HTTP {status})"
                    + (f"; check {what}" if what else "")
                )
            if status in _RETRY_STATUS and attempt < self.retries:
                self.sleep(self._wait(attempt, answer.headers.get("Retry-After")))
                continue
            if not 200 <= status < 300:
                raise FetchError(f"{_safe(url)}: HTTP {status}: {answer.text[:200]}")
            return Response(status, answer.content, answer.headers, str(answer.url))
        raise FetchError(f"{_safe(url)}: no answer after {self.retries + 1} tries")

    def get(self, url: str, **kwargs: Any) -> Response:
        """A GET request (see :meth:`request`)."""
        return self.request("GET", url, **kwargs)

    def _wait(self, attempt: int, retry_after: str | None) -> float:
        wait = self.backoff * 2**attempt
        if retry_after:
            with contextlib.suppress(ValueError):
                wait = max(float(retry_after), 0.0)
        return float(min(wait, self.max_wait))

    # -- downloads --------------------------------------------------------------------------

    def download(
        self,
        url: str,
        target: Path,
        *,
        size: int | None = None,
        md5: str | None = None,
        headers: Mapping[str, str] | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> str:
        """Download *url* to *target*, resuming a ``.part`` file, and check it.

        :param size: the size the publisher lists, checked when given.
        :param md5: the MD5 the publisher lists (hex), checked when given.
        :returns: the MD5 of the file.
        :raises FetchError: when the file cannot be had, or it is not what the list says
            (then nothing is left at *target*, and the broken ``.part`` is removed).
        """
        httpx = _httpx()
        partial = target.with_name(target.name + ".part")
        target.parent.mkdir(parents=True, exist_ok=True)
        for attempt in range(self.retries + 1):
            have = partial.stat().st_size if partial.exists() else 0
            asked = dict(headers or {})
            if have:
                asked["Range"] = f"bytes={have}-"
            try:
                with self.client.stream("GET", url, headers=asked) as answer:
                    status = answer.status_code
                    if status in (401, 403):
                        raise AuthenticationError(f"{_safe(url)}: HTTP {status}")
                    if status == 416:  # the part is already whole (or longer)
                        pass
                    elif status in _RETRY_STATUS:
                        raise _RetryError(answer.headers.get("Retry-After"))
                    elif status not in (200, 206):
                        raise FetchError(f"{_safe(url)}: HTTP {status}")
                    else:
                        mode = "ab" if status == 206 and have else "wb"
                        with open(partial, mode) as out:
                            for chunk in answer.iter_bytes(_CHUNK):
                                out.write(chunk)
                                if progress is not None:
                                    progress(len(chunk))
            except _RetryError as retry:
                if attempt == self.retries:
                    raise FetchError(f"{_safe(url)}: the server kept failing") from None
                self.sleep(self._wait(attempt, retry.after))
                continue
            except httpx.HTTPError as error:
                if attempt == self.retries:
                    raise FetchError(f"{_safe(url)}: {type(error).__name__}: {error}") from None
                self.sleep(self._wait(attempt, None))
                continue
            got_size = partial.stat().st_size
            if size is not None and got_size < size and attempt < self.retries:
                continue  # cut short: resume
            digest = file_md5(partial)
            problem = None
            if size is not None and got_size != size:
                problem = f"{got_size} bytes, the list says {size}"
            elif md5 is not None and digest != md5.lower():
                problem = f"MD5 {digest}, the list says {md5.lower()}"
            if problem is not None:
                partial.unlink(missing_ok=True)
                if attempt < self.retries:
                    continue
                raise FetchError(f"{_safe(url)}: the download is not the published file "
                                 f"({problem})")
            os.replace(partial, target)
            return digest
        raise FetchError(f"{_safe(url)}: could not be downloaded")  # pragma: no cover


class _RetryError(Exception):
    def __init__(self, after: str | None) -> None:
        self.after = after


def file_md5(path: Path) -> str:
    """The MD5 of the file at *path* (hex)."""
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _safe(url: str) -> str:
    """*url* without its query string (which may hold credentials or tokens)."""
    return url.split("?", 1)[0]


def iter_lines(response: Response) -> Iterator[str]:
    """The non-blank lines of a text answer."""
    for line in response.text.splitlines():
        if line.strip():
            yield line
