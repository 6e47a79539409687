"""Every row of every real GDELT file reads and writes back byte for byte.

The real files live beside the repository (``../shared/data/real/gdelt1``, ``gdelt2`` and
``gdelt``); these tests skip visibly when they are absent.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

import conflictevents as ce
from _support import real_file_params
from conflictevents.formats._io import open_input


def _check_file(path: Path, fmt: str | None, tmp_path: Path) -> None:
    stream = ce.read(path, fmt)
    target = tmp_path / "written.CSV"
    report = ce.write(stream, target, stream.format)
    assert stream.report.skipped == 0
    assert report.left_out == {}
    assert report.dropped == {}
    with open_input(path) as original, open(target, encoding="utf-8", newline="") as written:
        rows = (line for line in original.lines() if line.rstrip("\r\n"))
        for number, (want, got) in enumerate(itertools.zip_longest(rows, written), start=1):
            assert got == want, f"{path.name}: data row {number} differs"


@pytest.mark.parametrize("path", real_file_params("gdelt1"))
def test_real_gdelt1_file_round_trips(path: Path, tmp_path: Path) -> None:
    _check_file(path, "gdelt1", tmp_path)


@pytest.mark.parametrize("path", real_file_params("gdelt2"))
def test_real_gdelt2_file_round_trips(path: Path, tmp_path: Path) -> None:
    _check_file(path, "gdelt2", tmp_path)


@pytest.mark.parametrize("path", real_file_params("gdelt"))
def test_real_gdelt_file_round_trips(path: Path, tmp_path: Path) -> None:
    _check_file(path, None, tmp_path)  # the version is detected from the column count
