"""A local store of the files fetched from the publishers, kept as published.

A store is a folder. Each file fetched is saved under ``<source>/`` exactly as the publisher
served it (so the library's lossless readers apply to it), and one line is appended to
``manifest.jsonl`` for it: the source, the URL (without its query string, which may hold
credentials), the path in the store, the size, the MD5, when it was fetched, the dataset
version, and facts particular to the source (an ACLED page's newest ``timestamp``, a GDELT
file's slot). A file is written to a temporary name and renamed, and its manifest line is
written after that, so neither a file nor the manifest ever holds half of something.

>>> import tempfile
>>> store = Store(tempfile.mkdtemp())
>>> entry = store.save("ucdp", "gedevents-25.1-page-0.json", b"{}", url="https://x/y?token=s")
>>> entry.url, entry.size
('https://x/y', 2)
>>> [e.path for e in store.entries("ucdp")]
['ucdp/gedevents-25.1-page-0.json']
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

__all__ = ["ManifestEntry", "Store"]

MANIFEST = "manifest.jsonl"


def _text_map(value: Mapping[str, str] | None) -> dict[str, str]:
    return {str(k): str(v) for k, v in (value or {}).items()}


@attrs.frozen
class ManifestEntry:
    """One file in a :class:`Store`.

    :param source: ``"acled"``, ``"gdelt"`` or ``"ucdp"``.
    :param path: the file's path in the store, relative to it (``"gdelt/2024...zip"``).
    :param url: where it came from, without the query string.
    :param size: its size in bytes.
    :param md5: its MD5 (hex).
    :param fetched_at: when it was fetched (UTC, ISO 8601).
    :param version: the publisher's dataset version, where there is one.
    :param facts: what else the source records (text values).

    >>> import tempfile
    >>> entry = Store(tempfile.mkdtemp()).save("ucdp", "gedevents-25.1-page-0.json", b"{}",
    ...                                        url="https://ucdpapi.pcr.uu.se/api/gedevents/25.1",
    ...                                        version="25.1", facts={"rows": "0"})
    >>> entry.source, entry.path, entry.size, entry.version, dict(entry.facts)
    ('ucdp', 'ucdp/gedevents-25.1-page-0.json', 2, '25.1', {'rows': '0'})
    """

    source: str
    path: str
    url: str
    size: int
    md5: str
    fetched_at: str
    version: str | None = None
    facts: Mapping[str, str] = attrs.field(factory=dict, converter=_text_map)

    def as_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


class Store:
    """A folder of fetched files and their manifest.

    :param root: the folder (made if missing).
    """

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    @property
    def manifest(self) -> Path:
        """The manifest file."""
        return self.root / MANIFEST

    def path(self, relative: str) -> Path:
        """The absolute path of a file of the store."""
        return self.root / relative

    def entries(self, source: str | None = None) -> list[ManifestEntry]:
        """The manifest's entries (of *source*), latest per path, in the order first fetched."""
        latest: dict[str, ManifestEntry] = {}
        if self.manifest.exists():
            with open(self.manifest, encoding="utf-8") as handle:
                for line in handle:
                    if not line.strip():
                        continue
                    data = json.loads(line)
                    entry = ManifestEntry(**data)
                    if source is None or entry.source == source:
                        latest[entry.path] = entry
        return list(latest.values())

    def entry(self, relative: str) -> ManifestEntry | None:
        """The manifest entry of one path, if the store has it."""
        for entry in self.entries():
            if entry.path == relative:
                return entry
        return None

    def has(self, relative: str, *, size: int | None = None, md5: str | None = None) -> bool:
        """Whether the store holds *relative* complete (and, when given, of that size and MD5)."""
        entry = self.entry(relative)
        if entry is None or not self.path(relative).exists():
            return False
        if size is not None and entry.size != size:
            return False
        return md5 is None or entry.md5 == md5.lower()

    def save(
        self,
        source: str,
        name: str,
        content: bytes,
        *,
        url: str,
        version: str | None = None,
        facts: Mapping[str, str] | None = None,
    ) -> ManifestEntry:
        """Save *content* as ``<source>/<name>`` and record it."""
        relative = f"{source}/{name}"
        target = self.path(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{name}.",
                                             suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(content)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        digest = hashlib.md5(content, usedforsecurity=False).hexdigest()
        return self.record(source, relative, url=url, size=len(content), md5=digest,
                           version=version, facts=facts)

    def record(
        self,
        source: str,
        relative: str,
        *,
        url: str,
        size: int,
        md5: str,
        version: str | None = None,
        facts: Mapping[str, str] | None = None,
    ) -> ManifestEntry:
        """Add the manifest line of a file already in place at *relative*."""
        entry = ManifestEntry(
            source=source, path=relative, url=url.split("?", 1)[0], size=size, md5=md5,
            fetched_at=_dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            version=version, facts=dict(facts or {}),
        )
        line = json.dumps(entry.as_dict(), ensure_ascii=False, sort_keys=True) + "\n"
        with open(self.manifest, "a", encoding="utf-8") as out:
            out.write(line)
            out.flush()
            os.fsync(out.fileno())
        return entry

    def files(self, source: str) -> Iterator[Path]:
        """The paths of *source*'s files, in the order they were first fetched."""
        for entry in self.entries(source):
            path = self.path(entry.path)
            if path.exists():
                yield path
