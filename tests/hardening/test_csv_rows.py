"""Issue 16, D4, D13 (quoting), H2, K8: the shared CSV row reader.

Malformed quoting is a located error and reading goes on after it; a row longer than
max_field is refused while it is read (a quote left open cannot gather the file); importing
the library leaves the csv module's process-wide field limit alone.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictevents as ce
from _support import real_file_params
from conflictevents.formats._csv import read_rows

HEADER = "event_id_cnty,event_date,event_type,sub_event_type,notes\n"
GOOD = "".join(f"E{i},2024-12-05,Battles,Armed clash,n{i}\n" for i in range(1000))


def _read(text: str, **options: object) -> tuple[list[ce.Event], list[ce.ParseError]]:
    stream = ce.read(io.StringIO(text), "acled", on_error="collect", **options)  # type: ignore[arg-type]
    events = list(stream)
    return events, stream.report.errors  # type: ignore[return-value]


def test_a_stray_cr_in_a_text_stream_does_not_end_the_read() -> None:
    """D4: the 1000 good rows after the bad one were lost, the report said 1 skipped."""
    events, errors = _read(HEADER + "E0x,2024-12-05,Battles,Armed clash,a\rb\n" + GOOD)
    assert len(events) == 1000
    assert [(e.line, "carriage return" in e.reason) for e in errors] == [(2, True)]


@pytest.mark.parametrize("cell", ['"1"2', '"Syria"x'])
def test_malformed_quoting_is_a_located_error(cell: str) -> None:
    """D13: csv ran with strict=False, so "1"2 read as 12 and "Syria"x as Syriax."""
    text = HEADER.replace("notes", "fatalities") + f"E1,2024-12-05,Battles,Armed clash,{cell}\n"
    events, errors = _read(text + GOOD.replace(",n", ",").replace("n0", "0"))
    assert len(errors) == 1
    assert errors[0].line == 2
    assert "quote" in errors[0].reason
    assert len(events) == 1000


def test_a_literal_quote_inside_an_unquoted_cell_still_reads() -> None:
    events, errors = _read(HEADER + 'E1,2024-12-05,Battles,Armed clash,he said "no" twice\n')
    assert errors == []
    assert events[0].notes == 'he said "no" twice'


def test_a_quote_left_open_cannot_read_past_the_field_limit() -> None:
    """H2: the csv module gathered the rest of the file into one field."""
    text = HEADER + 'E0,2024-12-05,Battles,Armed clash,"open\n' + GOOD
    events, errors = _read(text, max_field=5000)
    assert events == []
    assert len(errors) == 1
    assert isinstance(errors[0], ce.InputTooLargeError)
    assert errors[0].line == 2
    assert "lines 2-" in errors[0].reason


def test_reading_goes_on_after_a_multi_line_row_over_the_limit() -> None:
    long_cell = '"' + "x\n" * 3000 + '"'
    text = HEADER + f"E0,2024-12-05,Battles,Armed clash,{long_cell}\n" + GOOD
    events, errors = _read(text, max_field=5000)
    assert len(events) == 1000
    assert [(type(e).__name__, e.line) for e in errors] == [("InputTooLargeError", 2)]
    assert events[0].id == "E0"  # line numbers after the skipped row are right:
    first_good = ce.read(io.StringIO(text), "acled", on_error="collect", max_field=5000)
    assert sum(1 for _ in first_good) == 1000


def test_a_quote_left_open_at_the_end_is_an_error() -> None:
    events, errors = _read(HEADER + GOOD + 'E9,2024-12-05,Battles,Armed clash,"open\n')
    assert len(events) == 1000
    assert len(errors) == 1
    assert errors[0].line == 1002


def test_import_leaves_the_csv_field_limit_alone() -> None:
    """K8: import conflictevents set csv.field_size_limit(2**62) for the whole process."""
    code = ("import csv; before = csv.field_size_limit(); import conflictevents as ce, io; "
            "list(ce.read(io.StringIO('event_id_cnty,event_date,event_type,sub_event_type\\n"
            "E1,2024-12-05,Battles,Armed clash\\n'), 'acled')); "
            "print(before == csv.field_size_limit())")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.stdout.strip() == "True"


def test_a_field_over_the_csv_modules_limit_reads_without_changing_it() -> None:
    before = csv.field_size_limit()
    big = "y" * (before + 10)
    events, errors = _read(HEADER + f'E1,2024-12-05,Battles,Armed clash,"{big}\n{big}"\n'
                           + GOOD)
    assert errors == []
    assert events[0].notes == f"{big}\n{big}"
    assert len(events) == 1001
    assert csv.field_size_limit() == before


@given(st.lists(st.lists(st.text(st.characters(blacklist_categories=["Cs"],
                                               blacklist_characters="\x00"), max_size=8),
                         min_size=1, max_size=4), min_size=1, max_size=6))
def test_rows_written_by_the_csv_module_read_back(rows: list[list[str]]) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    buffer.seek(0)
    got = list(read_rows(buffer, source="<t>"))
    assert all(isinstance(item, ce.formats._csv.Row) for item in got), got
    cells = [item.cells for item in got if isinstance(item, ce.formats._csv.Row)]
    assert cells == rows


@pytest.mark.parametrize("path", real_file_params("ucdp") + real_file_params("acled")
                         + real_file_params("hxl"))
def test_strict_quoting_reads_every_real_row(path: object) -> None:
    """Strict quoting must not refuse the publishers' quotes (UCDP source_article)."""
    with open(path, encoding="utf-8", errors="surrogateescape", newline="") as text:  # type: ignore[call-overload]
        expected = list(csv.reader(text, strict=False))
    with open(path, encoding="utf-8", errors="surrogateescape", newline="") as text:  # type: ignore[call-overload]
        got = list(read_rows(text, source=str(path)))
    assert [type(item).__name__ for item in got if not hasattr(item, "cells")] == []
    assert [item.cells for item in got] == expected  # type: ignore[union-attr]


def test_hxl_reads_on_after_a_stray_cr_too() -> None:
    """D4: the same row reader serves the hxl and ucdp-ged readers."""
    head = "When,Where\n#date+occurred,#loc+name\n"
    rows = "".join(f"2024-12-05,Town {i}\n" for i in range(50))
    stream = ce.read(io.StringIO(head + "2024-12-05,Ha\rma\n" + rows), "hxl",
                     on_error="collect")
    assert sum(1 for _ in stream) == 50
    assert [e.line for e in stream.report.errors] == [3]
