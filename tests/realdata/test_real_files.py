"""Real data is the judge: every row of every publisher's file reads and writes back.

The files live beside the repository in ``../shared/data/real/<folder>/`` (never copied into
it; ``CONFLICTEVENTS_REAL_DATA`` points elsewhere). Every file of every folder is a case,
including folders added later; without the folder the tests skip with a visible reason.

For each file:

* :func:`test_every_row_reads` reads it with format detection and ``on_error="raise"``, so a
  refused row fails the test; the number of records must be the number of rows that
  ``SOURCES.md`` says were kept, so a row dropped silently fails it too.
* :func:`test_writes_back_identically` writes the records back in the format they were read
  in and compares the bytes (GeoJSON: the parsed documents).

The terminal summary lists, per file, the format, rows read, warnings by code and errors.

Every file of every folder must pass; none carries an expected-failure mark.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import conflictevents as ce
from _support import REAL_DATA, REAL_SUMMARY, real_file_params


def _key(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _all_real_files() -> list[object]:
    if not REAL_DATA.is_dir():
        return real_file_params("")
    folders = sorted(p.name for p in REAL_DATA.iterdir() if p.is_dir())
    params: list[object] = []
    for folder in folders:
        params.extend(real_file_params(folder))
    return params or real_file_params("")


_REAL = _all_real_files()


def _number(text: str) -> int | None:
    found = re.findall(r"\d[\d,]*", text)
    return int(found[-1].replace(",", "")) if found else None


def _expected_rows() -> dict[str, int]:
    """File -> how many records it holds, from the 'kept' column of SOURCES.md."""
    sources = REAL_DATA / "SOURCES.md"
    if not sources.is_file():
        return {}
    expected: dict[str, int] = {}
    header: list[str] = []
    for line in sources.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            header = []
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not header:
            header = cells
            continue
        if set("".join(cells)) <= set("-: "):
            continue
        row = dict(zip(header, cells, strict=False))
        name = row.get("file (under this folder)", "")
        kept = row.get("kept", "")
        records = row.get("original size / records", "")
        count = _number(kept) if re.search(r"\d", kept) else _number(records)
        if name and count is not None:
            expected[name] = count
    return expected


_EXPECTED = _expected_rows()


@pytest.mark.parametrize("path", _REAL)
def test_every_row_reads(path: Path) -> None:
    stream = ce.read(path, on_error="raise")
    count = sum(1 for _ in stream)
    report = stream.report
    warnings = ", ".join(f"{code} {n}" for code, n in sorted(report.warning_counts.items()))
    REAL_SUMMARY[_key(path)] = (
        f"{stream.format:10} rows {count:6}  errors {report.skipped}"
        + (f"  warnings: {warnings}" if warnings else "")
    )
    expected = _EXPECTED.get(_key(path))
    if expected is not None:
        assert count == expected, f"{_key(path)}: read {count} records, SOURCES.md says {expected}"
    assert count > 0


@pytest.mark.parametrize("path", _REAL)
def test_writes_back_identically(path: Path, tmp_path: Path) -> None:
    stream = ce.read(path, on_error="raise")
    records = list(stream)
    fmt = stream.format
    target = tmp_path / ("back" + "".join(path.suffixes[-1:]))
    report = ce.write(records, target, fmt)
    assert report.written == len(records), str(report)
    assert not report.dropped, str(report)
    assert not report.left_out, str(report)
    written = target.read_bytes()
    original = path.read_bytes()
    if fmt == "geojson":
        assert json.loads(written) == json.loads(original)
        return
    if written != original:
        got = written.decode("utf-8", "replace").splitlines(keepends=True)
        want = original.decode("utf-8", "replace").splitlines(keepends=True)
        for number, (a, b) in enumerate(zip(want, got, strict=False), start=1):
            if a != b:
                pytest.fail(f"{_key(path)}: line {number} differs:\n  want {a!r}\n  got  {b!r}")
        pytest.fail(f"{_key(path)}: {len(want)} lines in the file, {len(got)} written back")
