"""The data READMEs' tables name every data file with its true number of rows."""

from __future__ import annotations

import csv
import io
import re
from importlib import resources

import pytest

_ROW = re.compile(r"^\| `(?P<file>[a-z0-9_]+\.csv)` \| [^|]* \| (?P<rows>[0-9,]+)")
_HEADING = re.compile(r"^## (?P<file>[a-z0-9_]+\.csv)\s*$")
_ROWS_LINE = re.compile(r"(?P<rows>[0-9][0-9,]*) rows")


def _rows(text: str) -> int:
    lines = (line for line in io.StringIO(text) if not line.startswith("#"))
    return sum(1 for _ in csv.DictReader(lines))


def _codes_counts() -> dict[str, int]:
    readme = resources.files("conflictevents.codes").joinpath("data", "README.md")
    out = {}
    for line in readme.read_text(encoding="utf-8").splitlines():
        m = _ROW.match(line)
        if m:
            out[m["file"]] = int(m["rows"].replace(",", ""))
    return out


def _place_counts() -> dict[str, int]:
    """The first "N rows" after each ``## file.csv`` heading of the package data README."""
    readme = resources.files("conflictevents").joinpath("data", "README.md")
    out: dict[str, int] = {}
    current = None
    for line in readme.read_text(encoding="utf-8").splitlines():
        h = _HEADING.match(line)
        if h:
            current = h["file"]
            continue
        m = _ROWS_LINE.search(line)
        if current and m and current not in out:
            out[current] = int(m["rows"].replace(",", ""))
    return out


def test_every_code_book_file_is_in_the_readme_table() -> None:
    data = resources.files("conflictevents.codes").joinpath("data")
    files = {p.name for p in data.iterdir() if p.name.endswith(".csv")}
    assert set(_codes_counts()) == files


@pytest.mark.parametrize("name", sorted(_codes_counts()))
def test_code_book_row_counts_match_the_readme(name: str) -> None:
    text = resources.files("conflictevents.codes").joinpath("data", name).read_text("utf-8")
    assert _rows(text) == _codes_counts()[name]


def test_every_place_file_has_a_readme_section() -> None:
    data = resources.files("conflictevents").joinpath("data")
    files = {p.name for p in data.iterdir() if p.name.endswith(".csv")}
    documented = set(_place_counts())
    # the alias tables are documented in their own header comments
    assert files - documented == {"country_aliases.csv", "subdivision_aliases.csv"}


@pytest.mark.parametrize("name", sorted(_place_counts()))
def test_place_row_counts_match_the_readme(name: str) -> None:
    text = resources.files("conflictevents").joinpath("data", name).read_text("utf-8")
    assert _rows(text) == _place_counts()[name]
