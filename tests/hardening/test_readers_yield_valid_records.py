"""Every record a reader yields passes every check of its type when rebuilt.

Readers may build events without re-running the checks of parts they checked themselves (a
speed-up); this test, and the fuzz target, hold them to it on every fixture and example file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import conflictevents as ce
from _support import FIXTURES, ROOT
from conflictevents._fuzzing import assert_valid

FILES = sorted(
    path for path in [*FIXTURES.rglob("*"), *(ROOT / "examples").rglob("*")]
    if path.is_file() and path.suffix not in {".py", ".md"}
)


def test_there_are_files_to_check() -> None:
    assert len(FILES) >= 15


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_every_record_rebuilds(path: Path) -> None:
    try:
        stream = ce.read(path, on_error="skip")
    except (ce.FormatError, ce.ParseError):
        pytest.skip("not a file the readers detect (a deliberately broken fixture)")
    for record in stream:
        assert_valid(record)
