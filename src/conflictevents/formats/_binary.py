"""Opening inputs and outputs of binary formats (Parquet): bytes, not text.

The text formats go through :mod:`conflictevents.formats._io`; a format whose
:class:`~conflictevents.formats.FormatSpec` says ``binary=True`` gets a :class:`BinaryInput`
to read and a binary stream to write, and is recognised by its ``magic`` bytes.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from typing import IO, Any

from conflictevents.errors import FormatError, ParseError
from conflictevents.formats._io import atomic_output, name_of, open_file

__all__ = ["BinaryInput", "open_binary_input", "open_binary_output", "peek_magic"]


class BinaryInput:
    """An opened binary input: a seekable byte stream and its name for messages."""

    def __init__(self, stream: IO[bytes], name: str) -> None:
        self.stream = stream
        self.name = name


def _is_text(stream: object) -> bool:
    return isinstance(stream, io.TextIOBase) or isinstance(getattr(stream, "encoding", None), str)


def peek_magic(source: object, size: int = 8) -> bytes:
    """The first *size* bytes of a path or a seekable binary stream (``b""`` otherwise),
    without consuming them."""
    try:
        if isinstance(source, (str, os.PathLike)):
            if os.fspath(source) == "-":
                return b""
            with open(source, "rb") as opened:
                return opened.read(size)
        if _is_text(source) or not getattr(source, "seekable", lambda: False)():
            return b""
        stream: Any = source
        where = stream.tell()
        try:
            head: bytes = stream.read(size)
        finally:
            stream.seek(where)
        return head
    except (OSError, ValueError):
        return b""


@contextlib.contextmanager
def open_binary_input(source: object) -> Iterator[BinaryInput]:
    """Open *source* (a path or a binary file object) as a seekable byte stream; a stream that
    cannot seek (standard input) is copied to a temporary file first.

    :raises ParseError: for a missing file or a text stream.
    """
    name = name_of(source)
    with contextlib.ExitStack() as stack:
        if isinstance(source, (str, os.PathLike)):
            stream: IO[bytes] = open_file(source, stack)
        elif _is_text(source):
            raise ParseError("a binary format cannot be read from a text stream; open the "
                             "file in binary mode ('rb')", source=name)
        else:
            stream = source  # type: ignore[assignment]
        if not getattr(stream, "seekable", lambda: False)():
            spool = stack.enter_context(
                tempfile.SpooledTemporaryFile(max_size=64 * 1024**2)
            )
            shutil.copyfileobj(stream, spool)
            spool.seek(0)
            stream = spool
        yield BinaryInput(stream, name)


@contextlib.contextmanager
def open_binary_output(target: object) -> Iterator[IO[bytes]]:
    """Open *target* (a path, ``"-"`` for standard output, or a binary file object) for
    writing bytes.

    :raises FormatError: for a text stream.
    """
    if isinstance(target, (str, os.PathLike)):
        path = os.fspath(target)
        if path == "-":
            out = sys.stdout.buffer
            yield out
            out.flush()
            return
        with atomic_output(path) as opened:  # a temporary file, renamed when complete
            yield opened
        return
    if _is_text(target):
        raise FormatError("a binary format cannot be written to a text stream; open the file "
                          "in binary mode ('wb')")
    yield target  # type: ignore[misc]
