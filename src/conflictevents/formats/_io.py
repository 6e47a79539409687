"""Opening inputs and outputs: paths or file objects, gzip and zip, with size limits.

Compression is recognised by its magic bytes, not by the file name, so a ``.csv`` that is
really gzipped still opens. A compressed input may expand to at most ``max_bytes``
(:data:`DEFAULT_MAX_DECOMPRESSED`); past that, reading raises
:class:`~conflictevents.InputTooLargeError`. Text is decoded as UTF-8 (a byte order mark is
dropped); bytes that are not UTF-8 are kept as lone surrogates so that the row reader can
report the row they are in, with its line number, instead of failing the whole file.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import itertools
import os
import re
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from typing import IO, Any, BinaryIO, TextIO, Union

from conflictevents.errors import InputTooLargeError, ParseError

__all__ = [
    "DEFAULT_MAX_DECOMPRESSED",
    "DEFAULT_MAX_FIELD",
    "Input",
    "Source",
    "Target",
    "bad_text",
    "open_input",
    "open_output",
]

Source = Union[str, "os.PathLike[str]", IO[str], IO[bytes]]
"""What a reader accepts: a path, or a text or binary file object."""
Target = Union[str, "os.PathLike[str]", IO[str], IO[bytes]]
"""What a writer accepts: a path (``.gz`` is compressed), or a text or binary file object."""

DEFAULT_MAX_DECOMPRESSED = 16 * 1024**3
"""How many bytes a compressed input may expand to, by default (16 GiB)."""
DEFAULT_MAX_FIELD = 10 * 1024**2
"""How many characters one field (one CSV cell, one JSON line) may have, by default (10 MiB)."""

_BUFFER = 1 << 16

# What zipfile, gzip and zlib raise on corrupt data is not one type: BadZipFile, OSError,
# EOFError and zlib.error, but also ValueError ("negative seek value"), IndexError (a member
# with an empty name), struct.error, NotImplementedError (an unknown compression method),
# RuntimeError (an encrypted member), OverflowError... Inside those libraries, any of them
# means the same thing for a reader: the archive is corrupt.
_CORRUPT_ARCHIVE = (Exception,)
_BAD_TEXT = re.compile("[\x00\udc80-\udcff]")


def bad_text(text: str) -> str | None:
    """Why *text* cannot be data (a NUL character, bytes that are not UTF-8), or ``None``."""
    found = _BAD_TEXT.search(text)
    if found is None:
        return None
    return "NUL byte in the data" if found.group() == "\x00" else "bytes that are not UTF-8"


class _Limited(io.RawIOBase):
    """A raw stream that refuses to yield more than *limit* bytes of *inner*."""

    def __init__(self, inner: IO[bytes], limit: int, name: str) -> None:
        self._inner = inner
        self._left = limit
        self._limit = limit
        self._name = name

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)
        try:
            data = self._inner.read(min(len(view), self._left + 1))
        except _CORRUPT_ARCHIVE as error:
            raise ParseError(f"corrupt compressed data ({error!r})", source=self._name) from None
        if len(data) > self._left:
            raise InputTooLargeError(
                f"decompressed data exceeds the limit of {self._limit} bytes "
                "(raise max_bytes to read it)",
                source=self._name,
            )
        self._left -= len(data)
        view[: len(data)] = data
        return len(data)


class Input:
    """An opened input: its text lines, its name for messages, and a peek at its start."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self.stream = stream
        self.name = name
        self._first: list[str] = []

    def head(self, count: int = 2) -> list[str]:
        """The first *count* lines, without consuming them."""
        while len(self._first) < count:
            line = self.stream.readline()
            if not line:
                break
            self._first.append(line)
        return self._first[:count]

    def lines(self) -> Iterator[str]:
        """Every line, the peeked ones first."""
        peeked, self._first = self._first, []
        # Not a generator with ``yield from self.stream``: closing such a generator (as
        # happens when a reader stops on an error) would close the stream under open_input,
        # whose clean-up then fails with "I/O operation on closed file". A chain is also
        # faster per line.
        return itertools.chain(peeked, self.stream)

    def read(self) -> str:
        """The rest of the text at once (for formats that are one document)."""
        peeked, self._first = self._first, []
        return "".join(peeked) + self.stream.read()


def _name_of(source: object) -> str:
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else "<stream>"


@contextlib.contextmanager
def open_input(
    source: Source,
    *,
    max_bytes: int = DEFAULT_MAX_DECOMPRESSED,
    member: str | None = None,
) -> Iterator[Input]:
    """Open *source* for reading text, transparently decompressing gzip and zip.

    :param member: for a zip file with several members, which one to read.
    :raises ParseError: for a missing file, a zip with no or several members, corrupt data.
    """
    name = _name_of(source)
    with contextlib.ExitStack() as stack:
        if isinstance(source, (str, os.PathLike)):
            try:
                binary: IO[bytes] = stack.enter_context(open(source, "rb"))
            except OSError as error:
                raise ParseError(f"cannot open: {error.strerror}", source=name) from None
        elif isinstance(source, io.TextIOBase) or (
            hasattr(source, "read") and isinstance(getattr(source, "encoding", None), str)
        ):
            text_source: TextIO = source  # type: ignore[assignment]
            yield Input(text_source, name)
            return
        else:
            binary = source  # type: ignore[assignment]
        peekable: Any = binary if hasattr(binary, "peek") else io.BufferedReader(binary, _BUFFER)
        try:
            magic = peekable.peek(4)[:4]
        except OSError as error:
            raise ParseError(f"cannot read: {error}", source=name) from None
        if magic[:2] == b"\x1f\x8b":
            inner: IO[bytes] = stack.enter_context(
                gzip.GzipFile(fileobj=peekable, mode="rb")  # type: ignore[arg-type]
            )
            peekable = io.BufferedReader(_Limited(inner, max_bytes, name), _BUFFER)
        elif magic == b"PK\x03\x04":
            inner = stack.enter_context(_open_zip_member(peekable, name, member, max_bytes, stack))
            peekable = io.BufferedReader(_Limited(inner, max_bytes, name), _BUFFER)
        text = io.TextIOWrapper(
            peekable, encoding="utf-8-sig", errors="surrogateescape", newline=""
        )
        stack.callback(text.detach)
        yield Input(text, name)


def _open_zip_member(
    binary: IO[bytes],
    name: str,
    member: str | None,
    max_bytes: int,
    stack: contextlib.ExitStack,
) -> IO[bytes]:
    if not binary.seekable():
        spool = stack.enter_context(
            tempfile.SpooledTemporaryFile(max_size=64 * 1024**2)  # noqa: SIM115
        )
        shutil.copyfileobj(binary, spool)
        spool.seek(0)
        binary = spool
    try:
        archive = stack.enter_context(zipfile.ZipFile(binary))
        members = [info for info in archive.infolist() if not info.filename.endswith("/")]
    except _CORRUPT_ARCHIVE as error:
        raise ParseError(f"not a readable zip file ({error!r})", source=name) from None
    if member is not None:
        chosen = [info for info in members if info.filename == member]
        if not chosen:
            raise ParseError("no such member in the zip file", source=name, value=member)
    elif len(members) != 1:
        listed = ", ".join(info.filename for info in members[:5])
        raise ParseError(
            f"the zip file has {len(members)} members; name the one to read (member=...)",
            source=name,
            value=listed or None,
        )
    else:
        chosen = members
    info = chosen[0]
    if info.file_size > max_bytes:
        raise InputTooLargeError(
            f"zip member {info.filename!r} expands to {info.file_size} bytes, over the limit "
            f"of {max_bytes}",
            source=name,
        )
    try:
        return archive.open(info)
    except _CORRUPT_ARCHIVE as error:
        raise ParseError(f"cannot open zip member ({error!r})", source=name) from None


@contextlib.contextmanager
def open_output(target: Target) -> Iterator[TextIO]:
    """Open *target* for writing text; a path ending in ``.gz`` is gzip-compressed.

    ``"-"`` is standard output. Text is UTF-8, and newlines are written as given (the writers
    choose their line terminator).
    """
    if isinstance(target, (str, os.PathLike)):
        path = os.fspath(target)
        if path == "-":
            binary_out: BinaryIO = sys.stdout.buffer
            wrapper = io.TextIOWrapper(binary_out, encoding="utf-8", newline="")
            try:
                yield wrapper
            finally:
                wrapper.flush()
                wrapper.detach()
            return
        if path.endswith(".gz"):
            with gzip.open(path, "wt", encoding="utf-8", newline="") as zipped:
                yield zipped
            return
        with open(path, "w", encoding="utf-8", newline="") as plain:
            yield plain
        return
    if isinstance(target, io.TextIOBase) or isinstance(getattr(target, "encoding", None), str):
        yield target  # type: ignore[misc]
        return
    wrapper = io.TextIOWrapper(target, encoding="utf-8", newline="")  # type: ignore[arg-type]
    try:
        yield wrapper
    finally:
        wrapper.flush()
        wrapper.detach()
