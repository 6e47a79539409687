"""For any mix of valid and broken rows: ``skip`` keeps every valid row, and ``collect``
reports every broken one, on its line (GDELT 2.0, ICEWS, UCDP GED; ACLED and JSON Lines have
the same property in their own suites)."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conflictevents as ce
from conflictevents.formats import icews as icews_format
from conflictevents.formats import ucdp as ucdp_format
from conflictevents.strategies import gdelt as gdelt_strategies
from conflictevents.strategies import icews as icews_strategies
from conflictevents.strategies import ucdp as ucdp_strategies

SETTINGS = settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow,
                                                            HealthCheck.data_too_large])


def _check(text: str, format_name: str, valid: int, bad_lines: list[int]) -> None:
    skipped = ce.read(io.StringIO(text), format=format_name, on_error="skip")
    assert len(list(skipped)) == valid
    assert skipped.report.skipped == len(bad_lines)
    collected = ce.read(io.StringIO(text), format=format_name, on_error="collect")
    assert len(list(collected)) == valid
    assert [error.line for error in collected.report.errors] == bad_lines


def _order(data: st.DataObject, good: list[str], bad: list[str]) -> list[tuple[str, bool]]:
    mixed = [(line, True) for line in good] + [(line, False) for line in bad]
    return data.draw(st.permutations(mixed))


@SETTINGS
@given(good=st.lists(gdelt_strategies.raw_rows(2), max_size=4),
       bad=st.lists(gdelt_strategies.broken_rows(2), max_size=4), data=st.data())
def test_gdelt2(good: list[list[str]], bad: list[gdelt_strategies.BrokenRow],
                data: st.DataObject) -> None:
    order = _order(data, ["\t".join(c) for c in good], ["\t".join(b.cells) for b in bad])
    text = "".join(line + "\n" for line, _ in order)
    _check(text, "gdelt2", len(good), [n for n, (_, ok) in enumerate(order, 1) if not ok])


@SETTINGS
@given(good=st.lists(icews_strategies.raw_rows(), max_size=4),
       bad=st.lists(icews_strategies.broken_rows(), max_size=4), data=st.data())
def test_icews(good: list[list[str]], bad: list[icews_strategies.BrokenRow],
               data: st.DataObject) -> None:
    order = _order(data, ["\t".join(c) for c in good], ["\t".join(b.cells) for b in bad])
    text = "\t".join(icews_format.COLUMNS) + "\n" + "".join(line + "\n" for line, _ in order)
    _check(text, "icews", len(good), [n for n, (_, ok) in enumerate(order, 2) if not ok])


def _ucdp_line(row: dict[str, str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(
        [row.get(column, "") for column in ucdp_format.COLUMNS])
    return buffer.getvalue()


@SETTINGS
@given(good=st.lists(ucdp_strategies.rows(), max_size=4),
       bad=st.lists(ucdp_strategies.broken_rows(), max_size=4), data=st.data())
def test_ucdp(good: list[dict[str, str]], bad: list[tuple[dict[str, str], str, str]],
              data: st.DataObject) -> None:
    order = _order(data, [_ucdp_line(r) for r in good], [_ucdp_line(r) for r, _, _ in bad])
    header = ",".join(ucdp_format.COLUMNS) + "\n"
    lines, bad_lines, number = [], [], 2
    for line, ok in order:
        lines.append(line)
        if not ok:
            bad_lines.append(number)
        number += line.count("\n")  # a quoted cell may hold a line break
    _check(header + "".join(lines), "ucdp-ged", len(good), bad_lines)
