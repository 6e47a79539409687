"""Opening inputs and outputs: paths or file objects, gzip and zip, with size limits.

Compression is recognised by its magic bytes, not by the file name, so a ``.csv`` that is
really gzipped still opens. A compressed input may expand to at most ``max_bytes``
(:data:`DEFAULT_MAX_DECOMPRESSED`); past that, reading raises
:class:`~conflictevents.InputTooLargeError`.

Encodings: with ``encoding=None`` (the default) text is UTF-8, with or without a byte order
mark; UTF-16 with a byte order mark (Excel's "Unicode Text"); and, when the bytes are not
valid UTF-8, cp1252 (Excel's "CSV" on Windows, ACLED's own 2016 files), which the reader
reports as an ``encoding-fallback`` warning. The decision is made once per input: a plain
file is checked whole, a compressed or unseekable one by its first
:data:`ENCODING_SNIFF_BYTES`. :attr:`Input.encoding` says what was used, and a record read in
another encoding than plain UTF-8 carries it (``extras[format]["@encoding"]``) so that
writing it back in the same format uses it again. Bytes the chosen encoding cannot decode are
kept as lone surrogates so that the row reader can report the row they are in, with its line
number, instead of failing the whole file.
"""

from __future__ import annotations

import codecs
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
    "ENCODING_SNIFF_BYTES",
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
ENCODING_SNIFF_BYTES = 1 << 20
"""How much of a compressed or unseekable input is checked for UTF-8 before reading it."""
_SCAN_CHUNK = 1 << 20

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
    """An opened input: its text lines, its name for messages, and a peek at its start.

    :ivar encoding: the encoding the bytes were decoded with (``"utf-8"``, ``"utf-8-sig"``
        for UTF-8 with a byte order mark, ``"utf-16"``, ``"cp1252"``, or what the caller
        named), or ``None`` for a text stream the caller decoded.
    :ivar fallback: where the input stopped being UTF-8 (``(line, byte)``) when it was read
        as cp1252 for that reason, else ``None``.
    """

    def __init__(
        self,
        stream: TextIO,
        name: str,
        encoding: str | None = None,
        fallback: tuple[int, bytes] | None = None,
    ) -> None:
        self.stream = stream
        self.name = name
        self.encoding = encoding
        self.fallback = fallback
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


class _Prefixed(io.RawIOBase):
    """A raw stream that yields *prefix* and then the rest of *inner*."""

    def __init__(self, prefix: bytes, inner: IO[bytes]) -> None:
        self._prefix = memoryview(prefix)
        self._inner = inner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)
        if self._prefix:
            count = min(len(view), len(self._prefix))
            view[:count] = self._prefix[:count]
            self._prefix = self._prefix[count:]
            return count
        data = self._inner.read(len(view))
        view[: len(data)] = data
        return len(data)


def check_encoding(name: str) -> str:
    """The canonical name of encoding *name*.

    :raises ValueError: for an encoding Python does not know.
    """
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise ValueError(f"unknown encoding {name!r}") from None


def _first_bad_utf8(
    chunks: Iterator[bytes],
) -> tuple[int, bytes] | None:
    """``(line, bytes)`` where *chunks* stop being UTF-8, or ``None`` if they are UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    for chunk in chunks:
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as error:
            seen = decoder.getstate()[0]  # bytes held back from the previous chunk
            at = max(error.start - len(seen), 0)
            line += chunk.count(b"\n", 0, at)
            return line, chunk[at:at + 4]
        line += chunk.count(b"\n")
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return line, decoder.getstate()[0][:4]
    return None


def _choose_encoding(
    peekable: Any, seekable_plain: bool, name: str, fallback: bool
) -> tuple[str, Any, tuple[int, bytes] | None]:
    """The encoding of *peekable*'s bytes, the stream to decode, and where UTF-8 failed."""
    try:
        magic = bytes(peekable.peek(4)[:4])
    except OSError as error:
        raise ParseError(f"cannot read: {error}", source=name) from None
    if magic.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", peekable, None
    if magic.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", peekable, None
    if not fallback:
        return "utf-8", peekable, None
    if seekable_plain:
        start = peekable.tell()

        def chunks() -> Iterator[bytes]:
            while block := peekable.read(_SCAN_CHUNK):
                yield block

        bad = _first_bad_utf8(chunks())
        peekable.seek(start)
        return ("cp1252" if bad else "utf-8"), peekable, bad
    try:
        prefix = peekable.read(ENCODING_SNIFF_BYTES)
    except ParseError:
        raise
    except OSError as error:
        raise ParseError(f"cannot read: {error}", source=name) from None
    bad = _first_bad_utf8(iter([prefix]))
    if bad is not None and len(prefix) == ENCODING_SNIFF_BYTES and bad[1] == prefix[-len(bad[1]):]:
        bad = None  # only a character cut at the end of the prefix
    stream = io.BufferedReader(_Prefixed(prefix, peekable), _BUFFER)
    return ("cp1252" if bad else "utf-8"), stream, bad


@contextlib.contextmanager
def open_input(
    source: Source,
    *,
    max_bytes: int = DEFAULT_MAX_DECOMPRESSED,
    member: str | None = None,
    encoding: str | None = None,
    fallback: bool = True,
) -> Iterator[Input]:
    """Open *source* for reading text, transparently decompressing gzip and zip.

    :param member: for a zip file with several members, which one to read.
    :param encoding: the text encoding; ``None`` (the default) decides between UTF-8 (with
        or without a byte order mark), UTF-16 (with one) and cp1252 (when the bytes are not
        UTF-8). Ignored for a text stream, which is already decoded.
    :param fallback: whether bytes that are not UTF-8 make the input cp1252 (with
        ``False``, as for JSON, which is UTF-8 by definition, they stay errors of their rows).
    :raises ParseError: for a missing file, a zip with no or several members, corrupt data.
    :raises ValueError: for an encoding Python does not know.
    """
    if encoding is not None:
        encoding = check_encoding(encoding)
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
        peekable: Any = binary
        if not hasattr(binary, "peek"):
            peekable = io.BufferedReader(binary, _BUFFER)
            # Detached at the end, so that the caller's file object is not closed with it.
            stack.callback(_detach_quietly, peekable)
        try:
            magic = peekable.peek(4)[:4]
        except OSError as error:
            raise ParseError(f"cannot read: {error}", source=name) from None
        compressed = False
        if magic[:2] == b"\x1f\x8b":
            compressed = True
            inner: IO[bytes] = stack.enter_context(
                gzip.GzipFile(fileobj=peekable, mode="rb")  # type: ignore[arg-type]
            )
            peekable = io.BufferedReader(_Limited(inner, max_bytes, name), _BUFFER)
        elif magic == b"PK\x03\x04":
            compressed = True
            inner = stack.enter_context(_open_zip_member(peekable, name, member, max_bytes, stack))
            peekable = io.BufferedReader(_Limited(inner, max_bytes, name), _BUFFER)
        fell_back: tuple[int, bytes] | None = None
        if encoding is None:
            plain = not compressed and _seekable(peekable)
            encoding, peekable, fell_back = _choose_encoding(peekable, plain, name, fallback)
            decode_as = encoding
        else:
            # A named UTF-8 still drops a byte order mark; the name is kept for writing.
            decode_as = "utf-8-sig" if encoding == "utf-8" else encoding
        text = io.TextIOWrapper(
            peekable, encoding=decode_as, errors="surrogateescape", newline=""
        )
        stack.callback(text.detach)
        yield Input(text, name, encoding, fell_back)


def _detach_quietly(stream: Any) -> None:
    with contextlib.suppress(ValueError, OSError):
        stream.detach()


def _seekable(stream: Any) -> bool:
    try:
        return bool(stream.seekable()) and stream.tell() >= 0
    except (OSError, ValueError, AttributeError):
        return False


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
def open_output(target: Target, encoding: str = "utf-8") -> Iterator[TextIO]:
    """Open *target* for writing text; a path ending in ``.gz`` is gzip-compressed.

    ``"-"`` is standard output. Text is in *encoding* (UTF-8 by default), and newlines are
    written as given (the writers choose their line terminator).
    """
    if isinstance(target, (str, os.PathLike)):
        path = os.fspath(target)
        if path == "-":
            binary_out: BinaryIO = sys.stdout.buffer
            wrapper = io.TextIOWrapper(binary_out, encoding=encoding, newline="")
            try:
                yield wrapper
            finally:
                wrapper.flush()
                wrapper.detach()
            return
        if path.endswith(".gz"):
            with gzip.open(path, "wt", encoding=encoding, newline="") as zipped:
                yield zipped
            return
        with open(path, "w", encoding=encoding, newline="") as plain:
            yield plain
        return
    if isinstance(target, io.TextIOBase) or isinstance(getattr(target, "encoding", None), str):
        yield target  # type: ignore[misc]
        return
    wrapper = io.TextIOWrapper(target, encoding=encoding, newline="")  # type: ignore[arg-type]
    try:
        yield wrapper
    finally:
        wrapper.flush()
        wrapper.detach()
