"""Opening inputs and outputs: paths or file objects, gzip and zip, with size limits.

Compression is recognised by its magic bytes, not by the file name, so a ``.csv`` that is
really gzipped still opens. A compressed input may expand to at most ``max_bytes``
(:data:`DEFAULT_MAX_DECOMPRESSED`) and, past its first :data:`RATIO_FLOOR` bytes, to at most
``max_ratio`` times the compressed bytes read so far (:data:`DEFAULT_MAX_RATIO`); past either,
reading raises :class:`~conflictevents.InputTooLargeError`. An endless stream (``/dev/zero``,
a pipe) stops at ``max_bytes`` too.

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

Memory is bounded by construction: :meth:`Input.lines` and :meth:`Input.head` never hold
more than :attr:`Input.max_line` characters of one line (the rest of a longer line is read
and counted, not kept), and :meth:`Input.read` takes a limit.

Outputs to a path are written atomically (:func:`open_output`): to a temporary file beside
the target, renamed over it at the end.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import gzip
import io
import itertools
import os
import re
import secrets
import shutil
import stat
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from typing import IO, Any, BinaryIO, TextIO, Union

from conflictevents.errors import (
    InputNotFoundError,
    InputTooLargeError,
    OutputError,
    ParseError,
)

__all__ = [
    "DEFAULT_MAX_DECOMPRESSED",
    "DEFAULT_MAX_FIELD",
    "DEFAULT_MAX_RATIO",
    "ENCODING_SNIFF_BYTES",
    "RATIO_FLOOR",
    "FileSource",
    "Input",
    "LongLine",
    "Target",
    "atomic_output",
    "bad_text",
    "name_of",
    "open_file",
    "open_input",
    "open_output",
]

FileSource = Union[str, "os.PathLike[str]", IO[str], IO[bytes]]
"""What a reader accepts: a path, or a text or binary file object (named as polars names its
own; not :class:`conflictevents.Source`, a news source)."""
Target = Union[str, "os.PathLike[str]", IO[str], IO[bytes]]
"""What a writer accepts: a path (``.gz`` is compressed), or a text or binary file object."""

DEFAULT_MAX_DECOMPRESSED = 16 * 1024**3
"""How many bytes a compressed input may expand to, by default (16 GiB)."""
DEFAULT_MAX_FIELD = 10 * 1024**2
"""How many characters one field (one CSV cell, one JSON line) may have, by default (10 MiB)."""
DEFAULT_MAX_RATIO = 100
"""How many times its compressed size a compressed input may expand to, by default."""
RATIO_FLOOR = 16 * 1024**2
"""The decompressed bytes a compressed input may always have, whatever its ratio (16 MiB)."""

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
    if text.isascii() and "\x00" not in text:  # most rows: two C scans, no regular expression
        return None
    found = _BAD_TEXT.search(text)
    if found is None:
        return None
    return "NUL byte in the data" if found.group() == "\x00" else "bytes that are not UTF-8"


class _Counted:
    """A binary reader that counts the bytes read through it (the compressed bytes)."""

    def __init__(self, inner: IO[bytes]) -> None:
        self._inner = inner
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self._inner.read(size)
        self.count += len(data)
        return data


class _Limited(io.RawIOBase):
    """A raw stream that refuses to yield more than *limit* bytes of *inner*.

    With *consumed* (how many compressed bytes have been read so far), it also refuses to
    yield more than *max_ratio* times that, once past :data:`RATIO_FLOOR` bytes.
    """

    def __init__(
        self,
        inner: IO[bytes],
        limit: int,
        name: str,
        consumed: Callable[[], int] | None = None,
        max_ratio: float | None = None,
        what: str = "decompressed data",
    ) -> None:
        self._what = what
        self._inner = inner
        self._left = limit
        self._limit = limit
        self._name = name
        self._consumed = consumed
        self._max_ratio = max_ratio
        self._produced = 0

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
                f"{self._what} exceeds the limit of {self._limit} bytes "
                "(raise max_bytes to read it)",
                source=self._name,
            )
        self._left -= len(data)
        self._produced += len(data)
        if (
            self._consumed is not None
            and self._max_ratio is not None
            and self._produced > RATIO_FLOOR
            and self._produced > self._max_ratio * max(self._consumed(), 1)
        ):
            raise InputTooLargeError(
                f"compressed data expands more than {self._max_ratio:g} times its size "
                f"({self._consumed()} bytes read so far became {self._produced}); a "
                "decompression bomb? (raise max_ratio to read it)",
                source=self._name,
            )
        view[: len(data)] = data
        return len(data)


class LongLine(str):
    """A line longer than the limit it was read with: only its start is kept.

    ``len()`` of it is the length of the whole line (so that a reader's "longer than the
    limit" check and message see the real size), while its text is the first 256 characters
    (with a ``…`` after them if they are blank and the rest of the line is not, so that no
    reader takes it for a blank line). :attr:`quotes` counts the double quotes of the whole
    line (a CSV reader needs it to know whether the line ended inside a quoted field).
    """

    length: int
    quotes: int

    def __new__(cls, start: str, length: int, quotes: int) -> LongLine:
        line = super().__new__(cls, start)
        line.length = length
        line.quotes = quotes
        return line

    def __len__(self) -> int:
        return self.length


_SKIP_CHUNK = 1 << 20
_LINE_ENDS = ("\n", "\r")
_KEPT = 256  # how much of a line longer than the limit is kept, for messages
_VISIBLE = re.compile(r"\S")


class Input:
    """An opened input: its text lines, its name for messages, and a peek at its start.

    :ivar encoding: the encoding the bytes were decoded with (``"utf-8"``, ``"utf-8-sig"``
        for UTF-8 with a byte order mark, ``"utf-16"``, ``"cp1252"``, or what the caller
        named), or ``None`` for a text stream the caller decoded.
    :ivar fallback: where the input stopped being UTF-8 (``(line, byte)``) when it was read
        as cp1252 for that reason, else ``None``.
    :ivar max_line: the longest line, in characters, that :meth:`lines` and :meth:`head`
        yield whole; a longer one is yielded as a :class:`LongLine` holding only its start.
        The registry sets it from a reader's ``max_field`` option.
    """

    def __init__(
        self,
        stream: TextIO,
        name: str,
        encoding: str | None = None,
        fallback: tuple[int, bytes] | None = None,
        max_line: int = DEFAULT_MAX_FIELD,
    ) -> None:
        self.stream = stream
        self.name = name
        self.encoding = encoding
        self.fallback = fallback
        self.max_line = max_line
        self._first: list[str] = []
        self._partial = False  # whether the last peeked line was cut at the limit

    def _line(self, start: str = "") -> str:
        """The next line (after *start*, already read of it), bounded by :attr:`max_line`."""
        limit = self.max_line
        readline = self.stream.readline
        line = start
        if len(line) <= limit:
            line += readline(limit + 1 - len(line))
            if len(line) <= limit or line.endswith(_LINE_ENDS):
                return line
        # Longer than the limit: keep its start, read on to the end of the line, counting.
        length = len(line)
        quotes = line.count('"')
        kept = line[:_KEPT]
        visible = _VISIBLE.search(kept) is not None or _VISIBLE.search(line) is not None
        del line
        while True:
            chunk = readline(_SKIP_CHUNK)
            if not chunk:
                break
            length += len(chunk)
            quotes += chunk.count('"')
            if not visible and _VISIBLE.search(chunk) is not None:
                visible = True
            if chunk.endswith(_LINE_ENDS):
                break
        if visible and not kept.strip():
            kept += "\u2026"  # the line is not blank, though its start is
        return LongLine(kept, length, quotes)

    def head(self, count: int = 2) -> list[str]:
        """The first *count* lines, without consuming them.

        The peek holds at most :attr:`max_line` + 1 characters in all: a line that reaches
        that ends the peek there, cut at the limit (reading it later, with :meth:`lines` or
        :meth:`read`, still gets all of it), and fewer than *count* lines are returned.
        """
        held = sum(len(line) for line in self._first)
        while len(self._first) < count and not self._partial:
            limit = self.max_line - held
            if limit < 0:
                break
            line = self.stream.readline(limit + 1)
            if not line:
                break
            self._first.append(line)
            held += len(line)
            self._partial = len(line) > limit and not line.endswith(_LINE_ENDS)
        return self._first[:count]

    def lines(self) -> Iterator[str]:
        """Every line, the peeked ones first; none holds more than :attr:`max_line` + 1
        characters in memory (see :class:`LongLine`)."""
        peeked, self._first = self._first, []
        partial, self._partial = self._partial, False
        # Not ``yield from self.stream``: closing such a generator (as happens when a reader
        # stops on an error) would close the stream under open_input, whose clean-up then
        # fails with "I/O operation on closed file".
        if partial:
            last = peeked.pop()
            return itertools.chain(peeked, self._continued(last))
        return itertools.chain(peeked, self._rest())

    def _continued(self, start: str) -> Iterator[str]:
        yield self._line(start)
        yield from self._rest()

    def _rest(self) -> Iterator[str]:
        readline = self.stream.readline
        limit = self.max_line
        while True:
            # self._line(), inline for the lines that fit (all but the rarest)
            text = readline(limit + 1)
            if len(text) > limit and not text.endswith(_LINE_ENDS):
                text = self._line(text)
            if not text:
                return
            yield text

    def read(self, limit: int | None = None) -> str:
        """The rest of the text at once (for formats that are one document).

        :param limit: the most characters to read; past it, :class:`InputTooLargeError`
            is raised before more than ``limit + 1`` characters are in memory.
        """
        peeked, self._first = self._first, []
        self._partial = False
        start = "".join(peeked)
        if limit is None:
            return start + self.stream.read()
        if len(start) > limit:
            raise self._too_large(limit)
        text = start + self.stream.read(limit + 1 - len(start))
        if len(text) > limit:
            raise self._too_large(limit)
        return text

    def _too_large(self, limit: int) -> InputTooLargeError:
        return InputTooLargeError(
            f"the document is longer than the limit of {limit} characters "
            "(raise max_document to read it)",
            source=self.name,
        )


def name_of(source: object) -> str:
    """The name errors give *source*: its path, its file object's name, or ``<stream>``."""
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else "<stream>"


def open_file(path: str | os.PathLike[str], stack: contextlib.ExitStack) -> IO[bytes]:
    """The file at *path* opened for reading bytes, closed with *stack*.

    :raises ParseError: when it cannot be opened (a folder, not allowed); for a missing file
        an :class:`~conflictevents.errors.InputNotFoundError` (also a FileNotFoundError).
    """
    try:
        return stack.enter_context(open(path, "rb"))
    except FileNotFoundError as error:
        raise InputNotFoundError(f"cannot open: {error.strerror}",
                                 source=os.fspath(path)) from None
    except OSError as error:
        raise ParseError(f"cannot open: {error.strerror}", source=os.fspath(path)) from None


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
        if chunk.isascii() and not decoder.getstate()[0]:  # ASCII is UTF-8: no decoding
            line += chunk.count(b"\n")
            continue
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
    source: FileSource,
    *,
    max_bytes: int = DEFAULT_MAX_DECOMPRESSED,
    member: str | None = None,
    encoding: str | None = None,
    fallback: bool = True,
    max_ratio: float = DEFAULT_MAX_RATIO,
) -> Iterator[Input]:
    """Open *source* for reading text, transparently decompressing gzip and zip.

    :param max_bytes: how many bytes an input may have, after decompression (an endless
        stream such as ``/dev/zero`` stops there too).
    :param member: for a zip file with several members, which one to read.
    :param encoding: the text encoding; ``None`` (the default) decides between UTF-8 (with
        or without a byte order mark), UTF-16 (with one) and cp1252 (when the bytes are not
        UTF-8). Ignored for a text stream, which is already decoded.
    :param fallback: whether bytes that are not UTF-8 make the input cp1252 (with
        ``False``, as for JSON, which is UTF-8 by definition, they stay errors of their rows).
    :param max_ratio: how many times its compressed size a compressed input may expand to
        (past its first :data:`RATIO_FLOOR` bytes).
    :raises ParseError: for a missing file, a zip with no or several members, corrupt data.
    :raises ValueError: for an encoding Python does not know.
    """
    if encoding is not None:
        encoding = check_encoding(encoding)
    name = name_of(source)
    with contextlib.ExitStack() as stack:
        if isinstance(source, (str, os.PathLike)):
            binary: IO[bytes] = open_file(source, stack)
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
            counted = _Counted(peekable)
            inner: IO[bytes] = stack.enter_context(
                gzip.GzipFile(fileobj=counted, mode="rb")  # type: ignore[call-overload]
            )
            peekable = io.BufferedReader(
                _Limited(inner, max_bytes, name, lambda: counted.count, max_ratio), _BUFFER
            )
        elif magic == b"PK\x03\x04":
            inner = stack.enter_context(
                _open_zip_member(peekable, name, member, max_bytes, stack, max_ratio)
            )
            peekable = io.BufferedReader(_Limited(inner, max_bytes, name), _BUFFER)
            compressed = True
        elif not _finite(peekable, binary):  # /dev/zero, a pipe: bounded by max_bytes too
            peekable = io.BufferedReader(
                _Limited(peekable, max_bytes, name, what="the input"), _BUFFER
            )
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


def _finite(stream: Any, binary: Any) -> bool:
    """Whether *stream* is known to end: seekable, and not a device or a FIFO."""
    if not _seekable(stream):
        return False
    try:
        return stat.S_ISREG(os.fstat(binary.fileno()).st_mode)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return True  # an in-memory stream


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
    max_ratio: float = DEFAULT_MAX_RATIO,
) -> IO[bytes]:
    if not binary.seekable():
        spool = stack.enter_context(
            tempfile.SpooledTemporaryFile(max_size=8 * 1024**2)  # noqa: SIM115
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
    # A member cannot yield more than the size it declares (zipfile stops there), so the
    # ratio is checked once, here.
    if info.file_size > RATIO_FLOOR and info.file_size > max_ratio * max(info.compress_size, 1):
        raise InputTooLargeError(
            f"zip member {info.filename!r} expands more than {max_ratio:g} times its size "
            f"({info.compress_size} bytes to {info.file_size}); a decompression bomb? "
            "(raise max_ratio to read it)",
            source=name,
        )
    try:
        return archive.open(info)
    except _CORRUPT_ARCHIVE as error:
        raise ParseError(f"cannot open zip member ({error!r})", source=name) from None


@contextlib.contextmanager
def open_output(target: Target, encoding: str = "utf-8") -> Iterator[TextIO]:
    """Open *target* for writing text; a path ending in ``.gz`` (any case) is gzip-compressed.

    ``"-"`` is standard output. Text is in *encoding* (UTF-8 by default), and newlines are
    written as given (the writers choose their line terminator).

    A path is written atomically (see :func:`atomic_output`): writing over the file being
    read is safe, and a failed write leaves the target as it was.

    :raises OutputError: if the output cannot be written (a missing folder, a directory, no
        permission, a full disk).
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
        with atomic_output(path) as binary, _output_errors(path):
            raw: IO[bytes] = binary
            zipped: gzip.GzipFile | None = None
            if path.lower().endswith(".gz"):
                base = os.path.basename(path)
                zipped = gzip.GzipFile(filename=base[:-3], mode="wb", fileobj=binary)
                raw = zipped  # type: ignore[assignment]
            text = io.TextIOWrapper(raw, encoding=encoding, newline="")
            done = False
            try:
                yield text
                text.flush()
                done = True
            finally:
                if done:
                    text.detach()
                    if zipped is not None:
                        zipped.close()
                else:  # the temporary file is thrown away: just let go of it
                    with contextlib.suppress(Exception):
                        text.detach()
                    with contextlib.suppress(Exception):
                        if zipped is not None:
                            zipped.close()
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


# What only a write can fail with: always the output's fault, wherever it surfaces.
_WRITE_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EPERM}
)


@contextlib.contextmanager
def _output_errors(path: str) -> Iterator[None]:
    """Turn the operating system's write errors into :class:`OutputError` naming *path*."""
    try:
        yield
    except OutputError:
        raise
    except OSError as error:
        if error.errno not in _WRITE_ERRNOS:
            raise
        raise OutputError(error.strerror or str(error), path=path, errno=error.errno) from None


def _output_error(error: OSError, path: str) -> OutputError:
    return OutputError(error.strerror or str(error), path=path, errno=error.errno)


@contextlib.contextmanager
def atomic_output(path: str) -> Iterator[BinaryIO]:
    """A binary file to write *path* through, atomically where the target allows it.

    * A regular file (or a new one) is written to a temporary file beside it
      (``.NAME.XXXXXXXX.part``) that replaces it when the block ends without an error; on an
      error the temporary file is removed and the target is left as it was. The new file
      keeps the permissions (and, where allowed, the owner) of the one it replaces; a new
      file gets the usual ``0o666`` less the umask.
    * A symbolic link is followed: the file it points to is replaced, the link stays.
    * A file with several hard links is written in place at the end (from the temporary
      file), so that every name still shows the same file.
    * A FIFO, a character or block device or a socket is written through, never replaced.

    :raises OutputError: if *path* is a directory, its folder does not exist, or it cannot
        be written.
    """
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise _output_error(error, path) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError("is a directory", path=path, errno=errno.EISDIR)
    if info is not None and not stat.S_ISREG(info.st_mode):
        try:
            through = open(path, "wb")  # noqa: SIM115
        except OSError as error:
            raise _output_error(error, path) from None
        with _output_errors(path), through:
            yield through
        return
    real = os.path.realpath(path)
    folder = os.path.dirname(real)
    if not os.path.isdir(folder):
        raise OutputError("the folder does not exist", path=path, errno=errno.ENOENT)
    if info is not None and not os.access(real, os.W_OK):
        raise OutputError("permission denied", path=path, errno=errno.EACCES)
    handle, temporary = _temporary_beside(real, path)
    try:
        with _output_errors(path), os.fdopen(handle, "wb") as out:
            yield out
        with _output_errors(path):
            if info is None:
                pass  # created with 0o666 less the umask, as open() would
            else:
                os.chmod(temporary, stat.S_IMODE(info.st_mode))
                with contextlib.suppress(OSError):
                    os.chown(temporary, info.st_uid, info.st_gid)
            if info is not None and info.st_nlink > 1:
                with open(temporary, "rb") as done, open(real, "wb") as linked:
                    shutil.copyfileobj(done, linked, _BUFFER)
                os.unlink(temporary)
            else:
                os.replace(temporary, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _temporary_beside(real: str, path: str) -> tuple[int, str]:
    """A new file ``.NAME.XXXXXXXX.part`` in the folder of *real*, opened for writing."""
    folder, base = os.path.split(real)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temporary = os.path.join(folder, f".{base}.{secrets.token_hex(4)}.part")
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue
        except OSError as error:
            raise _output_error(error, path) from None
    raise OutputError("cannot make a temporary file beside it", path=path)
