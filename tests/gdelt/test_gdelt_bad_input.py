"""Bad GDELT input: every problem is a located ParseError, under every on_error policy."""

from __future__ import annotations

import contextlib
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictevents as ce
from _support import FIXTURES
from conflictevents.formats import gdelt
from conflictevents.strategies import gdelt as gdelt_strategies

V2 = FIXTURES / "gdelt" / "20241205103000.export.CSV"
V1 = FIXTURES / "gdelt" / "20241205.export.CSV"
POLICIES = ("raise", "skip", "collect")


def _rows(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text("utf-8").splitlines()]


def _text(rows: list[list[str]]) -> str:
    return "".join("\t".join(row) + "\n" for row in rows)


def _with_bad_second_row(path: Path, column: str | None, value: str) -> str:
    rows = _rows(path)
    columns = gdelt.COLUMNS_V2 if len(rows[0]) == 61 else gdelt.COLUMNS_DAILY
    if column is None:
        rows[1] = rows[1][:-1]
    else:
        rows[1][columns.index(column)] = value
    return _text(rows)


def _check_policies(text: str, fmt: str, column: str | int | None, value: object,
                    *, good_rows: int) -> None:
    with pytest.raises(ce.ParseError) as caught:
        list(ce.read(io.StringIO(text), fmt))
    error = caught.value
    assert (error.line, error.column) == (2, column)
    if column is not None:
        assert error.value == value
    skipping = ce.read(io.StringIO(text), fmt, on_error="skip")
    assert len(list(skipping)) == good_rows
    assert skipping.report.skipped == 1
    assert skipping.report.errors == []
    collecting = ce.read(io.StringIO(text), fmt, on_error="collect")
    assert len(list(collecting)) == good_rows
    assert [(e.line, e.column) for e in collecting.report.errors] == [(2, column)]


BAD_CELLS = [
    ("EventCode", "999", "not a CAMEO event code"),
    ("EventCode", "abc", "not a CAMEO event code"),
    ("ActionGeo_Lat", "95.5", "between -90 and 90"),
    ("Actor2Geo_Long", "-181", "between -180 and 180"),
    ("GoldsteinScale", "high", "must be a number"),
    ("GoldsteinScale", "-12.0", "between -10 and 10"),
    ("AvgTone", "nan", "finite"),
    ("GLOBALEVENTID", "SYR123", "whole number"),
    ("SQLDATE", "20241301", "not a real date"),
    ("IsRootEvent", "2", "0 or 1"),
    ("NumMentions", "many", "whole number"),
]


@pytest.mark.parametrize(("column", "value", "reason"), BAD_CELLS,
                         ids=[f"{c}={v}" for c, v, _ in BAD_CELLS])
def test_bad_cell_is_located_under_every_policy(column: str, value: str, reason: str) -> None:
    path = V1
    text = _with_bad_second_row(path, column, value)
    with pytest.raises(ce.ParseError, match=reason):
        list(ce.read(io.StringIO(text), "gdelt1"))
    _check_policies(text, "gdelt1", column, value, good_rows=4)


# What the publisher wrote that the code books lack, or that contradicts another cell, is
# read as written with a located warning (issue 12's contract); strict reading refuses it.
ODD_CELLS = [
    ("EventRootCode", "18", "inconsistent-event-code"),
    ("EventBaseCode", "191", "inconsistent-event-code"),
    ("QuadClass", "1", "inconsistent-event-code"),
    ("EventCode", "1299", "unknown-code"),
    ("ActionGeo_CountryCode", "XX", "unknown-code"),
    ("Actor1Geo_CountryCode", "ZZ", "unknown-code"),
    ("MonthYear", "202411", "inconsistent-date"),
    ("Actor1CountryCode", "XYZ", "unknown-code"),
    ("Actor1Type1Code", "ZZZ", "unknown-code"),
    ("Actor1Code", "SYR-M", "unknown-code"),
    ("Actor1Code", "SYRxyz", "unknown-code"),
]


@pytest.mark.parametrize(("column", "value", "code"), ODD_CELLS,
                         ids=[f"{c}={v}" for c, v, _ in ODD_CELLS])
def test_odd_cell_is_read_with_a_located_warning(column: str, value: str, code: str) -> None:
    text = _with_bad_second_row(V1, column, value)
    stream = ce.read(io.StringIO(text), "gdelt1")
    events = list(stream)
    assert len(events) == 5
    found = [(w.code, w.line, w.column, w.value) for w in stream.report.warnings]
    assert (code, 2, column, value) in found
    back = io.StringIO()
    ce.write(events, back, "gdelt1")
    assert back.getvalue() == text
    with pytest.raises(ce.ParseError, match=code) as caught:
        list(ce.read(io.StringIO(text), "gdelt1", on_warning="error"))
    assert (caught.value.line, caught.value.column) == (2, column)
    skipping = ce.read(io.StringIO(text), "gdelt1", on_warning="error", on_error="skip")
    assert len(list(skipping)) == 4


@pytest.mark.parametrize("count", [60, 59, 56, 62, 1])
def test_wrong_field_count_is_an_error(count: int) -> None:
    rows = _rows(V2)
    rows[1] = (rows[1] + [""] * 5)[:count]
    text = _text(rows)
    _check_policies(text, "gdelt2", None, None, good_rows=4)
    with pytest.raises(ce.ParseError, match=f"{count} tab-separated fields"):
        list(ce.read(io.StringIO(text), "gdelt2"))


def test_a_gdelt1_row_read_as_gdelt2_says_so() -> None:
    with pytest.raises(ce.ParseError, match="format='gdelt1'") as caught:
        list(ce.read(V1, "gdelt2"))
    assert caught.value.line == 1
    with pytest.raises(ce.ParseError, match="format='gdelt2'"):
        list(ce.read(V2, "gdelt1"))


def test_sixty_columns_are_not_detected_as_gdelt() -> None:
    row = _rows(V2)[0][:60]
    with pytest.raises(ce.FormatError):
        ce.read(io.StringIO("\t".join(row) + "\n"))


def test_not_utf8_is_located(tmp_path: Path) -> None:
    rows = V2.read_bytes().split(b"\n")
    rows[2] = rows[2].replace(b"RUSSIA", b"RUSS\xffIA")
    path = tmp_path / "bad.CSV"
    path.write_bytes(b"\n".join(rows))
    for policy in POLICIES:
        stream = ce.read(path, "gdelt2", on_error=policy, encoding="utf-8")
        if policy == "raise":
            with pytest.raises(ce.ParseError) as caught:
                list(stream)
            assert (caught.value.line, caught.value.column) == (3, "Actor1Name")
        else:
            assert len(list(stream)) == 4


def test_zip_with_several_members(tmp_path: Path) -> None:
    path = tmp_path / "two.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(V2, "a.export.CSV")
        archive.write(V2, "b.export.CSV")
    for policy in POLICIES:
        with pytest.raises(ce.ParseError, match="2 members"):
            list(ce.read(path, "gdelt2", on_error=policy))  # type: ignore[arg-type]
    chosen = list(ce.read(path, "gdelt2", member="b.export.CSV"))
    assert len(chosen) == 5


def test_huge_zip_member_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.export.CSV", V2.read_text("utf-8") * 50)
    for policy in POLICIES:
        with pytest.raises(ce.InputTooLargeError):
            list(ce.read(path, "gdelt2", max_bytes=4096,
                         on_error=policy))  # type: ignore[arg-type]


def test_overlong_line_is_located() -> None:
    rows = _rows(V2)
    rows[1][6] = "X" * 5000
    text = _text(rows)
    with pytest.raises(ce.InputTooLargeError) as caught:
        list(ce.read(io.StringIO(text), "gdelt2", max_field=2000))
    assert caught.value.line == 2
    assert len(list(ce.read(io.StringIO(text), "gdelt2", max_field=2000,
                            on_error="skip"))) == 4


@given(gdelt_strategies.broken_rows(version=2))
def test_generated_broken_v2_rows_are_located(broken: gdelt_strategies.BrokenRow) -> None:
    good = _rows(V2)[0]
    text = _text([good, broken.cells])
    with pytest.raises(ce.ParseError) as caught:
        list(ce.read(io.StringIO(text), "gdelt2"))
    assert (caught.value.line, caught.value.column) == (2, broken.column)
    collecting = ce.read(io.StringIO(text), "gdelt2", on_error="collect")
    assert len(list(collecting)) == 1
    assert collecting.report.skipped == 1


@given(gdelt_strategies.broken_rows(version=1))
def test_generated_broken_v1_rows_are_located(broken: gdelt_strategies.BrokenRow) -> None:
    text = _text([broken.cells])
    skipping = ce.read(io.StringIO(text), "gdelt1", on_error="skip")
    assert list(skipping) == []
    assert skipping.report.skipped == 1
    with pytest.raises(ce.ParseError) as caught:
        list(ce.read(io.StringIO(text), "gdelt1"))
    assert (caught.value.line, caught.value.column) == (1, broken.column)


@given(st.sampled_from([1, 2]).flatmap(
    lambda version: st.tuples(st.just(version), gdelt_strategies.odd_rows(version))))
def test_generated_odd_rows_are_read_with_a_warning(
        case: tuple[int, gdelt_strategies.OddRow]) -> None:
    version, odd = case
    fmt = f"gdelt{version}"
    text = _text([odd.cells])
    stream = ce.read(io.StringIO(text), fmt)
    events = list(stream)
    assert len(events) == 1
    assert (odd.code, 1, odd.column) in {(w.code, w.line, w.column)
                                         for w in stream.report.warnings}
    back = io.StringIO()
    ce.write(events, back, fmt)
    assert back.getvalue() == text
    with pytest.raises(ce.ParseError):
        list(ce.read(io.StringIO(text), fmt, on_warning="error"))


@given(st.binary(max_size=400), st.sampled_from(["gdelt1", "gdelt2"]))
def test_arbitrary_bytes_raise_only_library_errors(data: bytes, fmt: str) -> None:
    for policy in POLICIES:
        with contextlib.suppress(ce.ConflictEventsError):
            list(ce.read(io.BytesIO(data), fmt, on_error=policy))  # type: ignore[arg-type]


@given(gdelt_strategies.raw_rows(version=2), st.integers(0, 60), st.text(max_size=8))
def test_any_cell_replaced_raises_only_library_errors(cells: list[str], index: int,
                                                      junk: str) -> None:
    cells[index] = junk.replace("\t", "").replace("\n", "").replace("\r", "")
    text = "\t".join(cells) + "\n"
    for policy in POLICIES:
        with contextlib.suppress(ce.ConflictEventsError):
            list(ce.read(io.StringIO(text), "gdelt2", on_error=policy))  # type: ignore[arg-type]


def test_not_utf8_without_an_encoding_is_read_as_cp1252_with_a_warning(tmp_path: Path) -> None:
    rows = V2.read_bytes().split(b"\n")
    rows[2] = rows[2].replace(b"RUSSIA", b"RUSS\xffIA")
    path = tmp_path / "bad.CSV"
    path.write_bytes(b"\n".join(rows))
    stream = ce.read(path, "gdelt2")
    events = list(stream)
    assert any("RUSSÿIA" in repr(event) for event in events)
    assert [(w.code, w.line) for w in stream.report.warnings] == [("encoding-fallback", 3)]
