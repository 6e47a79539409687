"""Regression: a bad row under on_error="raise" surfaces as its ParseError, whatever follows.

Input.lines() used to be a generator doing ``yield from stream``; closing it (as happens
when a reader stops on an error) closed the stream under open_input, whose clean-up then
raised ``ValueError: I/O operation on closed file`` in place of the ParseError.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

import conflictevents as ce
from _support import FIXTURES

TWO_BAD = FIXTURES / "cli" / "two-bad-lines.jsonl"


@pytest.mark.parametrize("compressed", [False, True], ids=["plain", "gzip"])
def test_raise_gives_the_located_parse_error(tmp_path: Path, compressed: bool) -> None:
    path = TWO_BAD
    if compressed:
        path = tmp_path / "two-bad-lines.jsonl.gz"
        path.write_bytes(gzip.compress(TWO_BAD.read_bytes()))
    with pytest.raises(ce.ParseError) as caught:
        for _ in ce.read(path, "jsonl"):
            pass
    assert caught.value.line == 4
    assert caught.value.source == str(path)


def test_closing_a_stream_early_then_reading_again_works() -> None:
    stream = ce.read(TWO_BAD, "jsonl")
    next(stream)
    stream.close()
    assert len(list(ce.read(TWO_BAD, "jsonl", on_error="skip"))) == 9
