"""Issue 16, item 6: the crash classes (long digit strings, non-ASCII digits, deeply nested
dates, lone surrogates) put into every token of a valid file of every format.

The same generator drives the atheris target ``fuzz/fuzz_crash_classes.py`` for long runs."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictevents as ce
from conflictevents._fuzzing import CRASH_CLASSES, check, crash_class_input, hostile_value
from conflictevents.formats import get_format

EVENT = ce.Event(
    id="1", date=dt.date(2024, 12, 5),
    classifications=[ce.Classification("cameo", "190"),
                     ce.Classification("acled", "Armed clash", parent="Battles")],
    location=ce.Location("Hama", country="SYR", latitude=35.1, longitude=36.7),
    fatalities=3, notes="n",
)


def _template(fmt: str) -> bytes:
    if fmt == "acled-api":
        out = io.StringIO()
        ce.write([EVENT], out, "acled", derive=True)
        rows = out.getvalue().splitlines()
        import csv
        import json

        header, row = list(csv.reader(rows[:2]))
        return json.dumps({"data": [dict(zip(header, row, strict=True))]}).encode()
    out_bytes = io.BytesIO()
    options = {"derive": True} if "derive" in get_format(fmt).write_options else {}
    ce.write([EVENT], out_bytes, fmt, **options)
    return out_bytes.getvalue()


FORMATS = ce.format_names()
TEMPLATES = {fmt: _template(fmt) for fmt in FORMATS}
CASES = [(fmt, kind) for fmt in FORMATS for kind in CRASH_CLASSES]


@pytest.mark.parametrize(("fmt", "kind"), CASES)
@given(index=st.integers(0, 1 << 12), size=st.integers(0, 1 << 14), pick=st.integers(0, 99))
def test_no_crash_class_escapes_a_reader(fmt: str, kind: str, index: int, size: int,
                                          pick: int) -> None:
    check(crash_class_input(fmt, TEMPLATES[fmt], kind, index, size, pick), fmt)


def test_the_generator_makes_each_class() -> None:
    assert len(hostile_value("long_digits", 5000, 1, False)) == 5300
    assert not hostile_value("non_ascii_digits", 0, 0, False).isascii()
    assert hostile_value("deep_dates", 10, 0, False).startswith(b"early early ")
    assert b"\\ud800" in hostile_value("lone_surrogates", 0, 1, True)
    assert b"\xed\xa0\x80" in hostile_value("lone_surrogates", 0, 1, False)
