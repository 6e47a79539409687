"""Helpers shared by the tests (importable as ``_support``: tests/ is on ``pythonpath``)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from conflictevents import ConversionReport

ROOT = Path(__file__).resolve().parent.parent
#: The publishers' real files, beside the repository (never copied into it).
REAL_DATA = Path(
    os.environ.get("CONFLICTEVENTS_REAL_DATA", ROOT.parent / "shared" / "data" / "real")
)
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: file -> what the real-data test read from it, printed at the end of the run.
REAL_SUMMARY: dict[str, str] = {}


def real_files(subdirectory: str, *patterns: str) -> list[Path]:
    """The real files under ``REAL_DATA/subdirectory`` matching *patterns* (all files if none)."""
    folder = REAL_DATA / subdirectory
    if not folder.is_dir():
        return []
    found: set[Path] = set()
    for pattern in patterns or ("*",):
        found.update(p for p in folder.rglob(pattern) if p.is_file() and p.name != "SOURCES.md")
    return sorted(found)


def real_file_params(subdirectory: str, *patterns: str) -> list[object]:
    """Parameters for a test over every real file; one visible skip when there are none."""
    files = real_files(subdirectory, *patterns)
    if files:
        return [pytest.param(path, id=path.name) for path in files]
    reason = f"no real data: {REAL_DATA / subdirectory} is absent or empty"
    return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id="no-real-data")]


def written_or_refused(write: Callable[..., ConversionReport], *args: Any,
                       **kwargs: Any) -> ConversionReport:
    """``write(*args, **kwargs)``'s report, or, when it wrote none of the records it was
    given (a :class:`~conflictevents.ConversionError`), the report the error carries."""
    from conflictevents import ConversionError

    try:
        return write(*args, **kwargs)
    except ConversionError as error:
        if error.report is None or error.report.written or "wrote none" not in str(error):
            raise
        return error.report
