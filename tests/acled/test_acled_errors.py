"""Bad ACLED input: every problem is a located ParseError, under every on_error policy."""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictevents as ce
from _support import FIXTURES
from conflictevents.formats import acled
from conflictevents.strategies import acled as acled_strategies

HEADER = ",".join(acled.CURRENT_LAYOUT)
GOOD_1, GOOD_2 = (FIXTURES / "acled" / "current.csv").read_text("utf-8").splitlines()[1:3]
COLUMNS = list(acled.CURRENT_LAYOUT)


def _with(line: str, column: str, value: str) -> str:
    cells = next(csv.reader([line]))
    cells[COLUMNS.index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(cells)
    return buffer.getvalue()


def _file(*lines: str) -> io.StringIO:
    return io.StringIO("".join(line + "\n" for line in lines), newline="")


# (name, the bad line, the column the error names, the value it names)
BAD_ROWS = [
    ("empty sub-event type", _with(GOOD_1, "sub_event_type", ""), "sub_event_type", ""),
    ("a date that does not parse", _with(GOOD_1, "event_date", "2024-13-45"), "event_date",
     "2024-13-45"),
    ("a date in words that does not parse", _with(GOOD_1, "event_date", "yesterday"),
     "event_date", "yesterday"),
    ("latitude 300", _with(GOOD_1, "latitude", "300"), "latitude", "300"),
    ("latitude not a number", _with(GOOD_1, "latitude", "north"), "latitude", "north"),
    ("fatalities -1", _with(GOOD_1, "fatalities", "-1"), "fatalities", "-1"),
    ("fatalities many", _with(GOOD_1, "fatalities", "many"), "fatalities", "many"),
    ("time precision 4", _with(GOOD_1, "time_precision", "4"), "time_precision", "4"),
    ("geo precision 9", _with(GOOD_1, "geo_precision", "9"), "geo_precision", "9"),
    ("an actor type without an actor", _with(_with(GOOD_1, "actor1", ""), "inter1", "Soldiers"),
     "inter1", "Soldiers"),
    ("empty event id", _with(GOOD_1, "event_id_cnty", ""), "event_id_cnty", ""),
    ("iso and country disagree", _with(GOOD_1, "iso", "792"), "country", "Syria"),
    ("too few cells", ",".join(next(csv.reader([GOOD_1]))[:5]), "event_type", None),
    ("too many cells", GOOD_1 + ",surplus", 32, "surplus"),
]


@pytest.mark.parametrize(("name", "line", "column", "value"), BAD_ROWS,
                         ids=[row[0] for row in BAD_ROWS])
def test_a_bad_row_is_located_under_raise(name: str, line: str, column: object,
                                          value: object) -> None:
    stream = acled.read(_file(HEADER, GOOD_1, line, GOOD_2))
    assert next(stream).id == "SYR900001"
    with pytest.raises(ce.ParseError) as caught:
        next(stream)
    error = caught.value
    assert error.line == 3
    assert error.column == column
    if value is not None:
        assert error.value == value
    else:
        assert error.value  # the row, for context


@pytest.mark.parametrize(("name", "line", "column", "value"), BAD_ROWS,
                         ids=[row[0] for row in BAD_ROWS])
@pytest.mark.parametrize("policy", ["skip", "collect"])
def test_a_bad_row_is_skipped_and_counted(policy: str, name: str, line: str, column: object,
                                          value: object) -> None:
    stream = acled.read(_file(HEADER, GOOD_1, line, GOOD_2), on_error=policy)  # type: ignore[arg-type]
    assert [e.id for e in stream] == ["SYR900001", "SYR900004"]
    assert stream.report.skipped == 1
    assert stream.report.read == 2
    if policy == "collect":
        (error,) = stream.report.errors
        assert (error.line, error.column) == (3, column)
    else:
        assert stream.report.errors == []


# (name, the odd line, the column the warning names, its code): read, kept, and said
WARNED_ROWS = [
    ("unknown event type", _with(GOOD_1, "event_type", "Fighting"), "event_type",
     "inconsistent-type"),
    ("unknown sub-event type", _with(GOOD_1, "sub_event_type", "Skirmish"), "sub_event_type",
     "unknown-code"),
    ("sub-event type of another type", _with(GOOD_1, "sub_event_type", "Peaceful protest"),
     "event_type", "inconsistent-type"),
    ("unknown disorder type", _with(GOOD_1, "disorder_type", "Riots"), "disorder_type",
     "unknown-code"),
    ("unknown actor type", _with(GOOD_1, "inter1", "Soldiers"), "inter1", "unknown-code"),
]


@pytest.mark.parametrize(("name", "line", "column", "code"), WARNED_ROWS,
                         ids=[row[0] for row in WARNED_ROWS])
def test_an_odd_type_is_read_kept_and_warned(name: str, line: str, column: str,
                                             code: str) -> None:
    stream = acled.read(_file(HEADER, GOOD_1, line, GOOD_2))
    events = list(stream)
    assert [e.id for e in events] == ["SYR900001", "SYR900001", "SYR900004"]
    (warning,) = stream.report.warnings
    assert (warning.code, warning.line, warning.column) == (code, 3, column)
    out = io.StringIO(newline="")
    acled.write(events, out)
    assert out.getvalue().splitlines()[2] == line  # written back as the file had it
    with pytest.raises(ce.ParseError, match=code):
        list(acled.read(_file(HEADER, GOOD_1, line), on_warning="error"))


def test_a_missing_required_column_is_one_error_naming_it() -> None:
    header = HEADER.replace(",event_type", "")
    with pytest.raises(ce.ParseError) as caught:
        list(acled.read(_file(header, GOOD_1)))
    assert (caught.value.line, caught.value.column) == (1, "event_type")
    assert caught.value.value == header
    for policy in ("skip", "collect"):
        stream = acled.read(_file(header, GOOD_1), on_error=policy)  # type: ignore[arg-type]
        assert list(stream) == []
        assert stream.report.skipped == 1
        assert len(stream.report.errors) == (policy == "collect")


def test_a_duplicate_column_is_refused() -> None:
    with pytest.raises(ce.ParseError, match="duplicate") as caught:
        list(acled.read(_file(HEADER + ",NOTES", GOOD_1 + ",x")))
    assert caught.value.column == "NOTES"


def test_an_empty_file_has_no_header() -> None:
    with pytest.raises(ce.ParseError, match="no header") as caught:
        list(acled.read(io.StringIO("")))
    assert caught.value.line == 1
    stream = acled.read(io.StringIO(""), on_error="collect")
    assert list(stream) == []
    assert stream.report.skipped == 1
    assert "no header" in str(stream.report.errors[0])
    # and no format can be detected in it
    with pytest.raises(ce.FormatError):
        list(ce.read(io.StringIO("")))


@pytest.mark.parametrize("ending", ["", "\n", "\r\n"])
def test_a_file_with_only_a_header_has_no_events(ending: str) -> None:
    stream = acled.read(io.StringIO(HEADER + ending, newline=""))
    assert list(stream) == []
    assert stream.report.skipped == 0
    detected = ce.read(io.StringIO(HEADER + ending, newline=""))
    assert list(detected) == []
    assert detected.format == "acled"


def test_a_truncated_last_line_is_located() -> None:
    text = f"{HEADER}\n{GOOD_1}\n{GOOD_2[:60]}"
    with pytest.raises(ce.ParseError, match="cells") as caught:
        list(acled.read(io.StringIO(text, newline="")))
    assert caught.value.line == 3
    stream = acled.read(io.StringIO(text, newline=""), on_error="skip")
    assert [e.id for e in stream] == ["SYR900001"]
    assert stream.report.skipped == 1


def test_a_line_truncated_inside_quotes_is_located() -> None:
    cut = GOOD_2[: GOOD_2.index('"On ') + 20]
    stream = acled.read(io.StringIO(f"{HEADER}\n{GOOD_1}\n{cut}", newline=""), on_error="collect")
    assert [e.id for e in stream] == ["SYR900001"]
    (error,) = stream.report.errors
    assert error.line == 3


def test_a_nul_byte_is_located_with_its_column_name() -> None:
    line = _with(GOOD_1, "notes", "bad\x00note")
    with pytest.raises(ce.ParseError, match="NUL") as caught:
        list(acled.read(_file(HEADER, GOOD_2, line)))
    assert (caught.value.line, caught.value.column) == (3, "notes")
    assert caught.value.value == b"bad\x00note"
    stream = acled.read(_file(HEADER, line, GOOD_2), on_error="skip")
    assert [e.id for e in stream] == ["SYR900004"]


def test_bytes_that_are_not_utf8_are_located() -> None:
    data = f"{HEADER}\n{GOOD_1}\n".encode() + _with(GOOD_2, "notes", "X").encode().replace(
        b",X,", b",\xff\xfe,") + b"\n"
    with pytest.raises(ce.ParseError, match="UTF-8") as caught:
        list(ce.read(io.BytesIO(data), "acled", encoding="utf-8"))
    assert (caught.value.line, caught.value.column) == (3, "notes")


def test_a_file_that_is_not_utf8_is_read_as_cp1252_with_a_located_warning() -> None:
    data = f"{HEADER}\n{GOOD_1}\n".encode() + _with(GOOD_2, "notes", "X").encode().replace(
        b",X,", b",caf\xe9 \x92,") + b"\n"
    stream = ce.read(io.BytesIO(data), "acled")
    events = list(stream)
    assert events[1].notes == "café \u2019"
    (warning,) = stream.report.warnings
    assert (warning.code, warning.line) == ("encoding-fallback", 3)
    assert isinstance(warning, ce.EncodingFallbackWarning)
    out = io.BytesIO()
    ce.write(events, out, "acled")
    assert out.getvalue() == data


def test_a_100_mb_field_is_refused_without_stopping_the_read() -> None:
    huge = _with(GOOD_1, "notes", "x" * (100 * 1024 * 1024))
    with pytest.raises(ce.InputTooLargeError) as caught:
        list(acled.read(_file(HEADER, GOOD_2, huge)))
    assert caught.value.line == 3
    stream = acled.read(_file(HEADER, huge, GOOD_2), on_error="collect")
    assert [e.id for e in stream] == ["SYR900004"]
    assert isinstance(stream.report.errors[0], ce.InputTooLargeError)
    del huge


def test_a_raised_max_field_reads_a_long_field() -> None:
    long_note = _with(GOOD_1, "notes", "y" * 5000)
    with pytest.raises(ce.InputTooLargeError):
        list(acled.read(_file(HEADER, long_note), max_field=1000))
    (event,) = acled.read(_file(HEADER, long_note), max_field=10_000)
    assert event.notes == "y" * 5000


@given(st.binary(max_size=300))
def test_no_other_exception_escapes_whatever_the_bytes(data: bytes) -> None:
    for prefix in (b"", HEADER.encode() + b"\n"):
        for policy in ("raise", "collect"):
            # an input that cannot be opened (a corrupt zip) raises under every policy
            with contextlib.suppress(ce.ConflictEventsError):
                list(acled.read(io.BytesIO(prefix + data), on_error=policy))  # type: ignore[arg-type]


@given(st.lists(st.text(max_size=40), min_size=31, max_size=31))
def test_no_other_exception_escapes_whatever_the_cells(cells: list[str]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([list(acled.CURRENT_LAYOUT), cells])
    stream = acled.read(io.StringIO(buffer.getvalue()), on_error="collect")
    list(stream)
    assert stream.report.read + stream.report.skipped == 1


def test_bad_api_json_is_located() -> None:
    with pytest.raises(ce.ParseError, match="not valid JSON"):
        list(acled.read_api(io.StringIO('{"data": [')))
    with pytest.raises(ce.ParseError, match="no 'data'"):
        list(acled.read_api({"status": 200}))
    good = dict(zip(acled.CURRENT_LAYOUT, next(csv.reader([GOOD_1])), strict=True))
    bad = dict(good, latitude="300")
    stream = acled.read_api({"data": [good, bad, "oops", dict(good, fatalities=["x"])]},
                            on_error="collect")
    assert len(list(stream)) == 1
    assert [(e.line, e.column) for e in stream.report.errors] == [
        (2, "latitude"), (3, None), (4, "fatalities")]
    with pytest.raises(ce.ParseError) as caught:
        list(acled.read_api([good, bad]))
    assert (caught.value.line, caught.value.column, caught.value.value) == (2, "latitude", "300")


# -- properties -------------------------------------------------------------------------------

_ROW = st.one_of(
    acled_strategies.acled_rows().map(lambda cells: ("ok", cells, None)),
    acled_strategies.broken_acled_rows().map(lambda b: ("bad", b[0], b[1])),
)


@given(st.lists(_ROW, max_size=8))
def test_skip_keeps_every_valid_row_and_collect_reports_every_invalid_one(
    rows: list[tuple[str, list[str], object]],
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(acled.CURRENT_LAYOUT)
    line = 2
    expected_ids, expected_errors = [], []
    for status, cells, column in rows:
        start = buffer.tell()
        writer.writerow(cells)
        if status == "ok":
            expected_ids.append(cells[0])
        else:
            expected_errors.append((line, column))
        line += buffer.getvalue()[start:].count("\n")
    text = buffer.getvalue()

    skipped = acled.read(io.StringIO(text, newline=""), on_error="skip")
    assert [e.id for e in skipped] == expected_ids
    assert skipped.report.skipped == len(expected_errors)

    collected = acled.read(io.StringIO(text, newline=""), on_error="collect")
    assert [e.id for e in collected] == expected_ids
    assert [(e.line, e.column) for e in collected.report.errors] == expected_errors


class _Lazy(io.TextIOBase):
    """A text stream whose lines come from a generator, counting how many were taken."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self.taken = 0

    def readable(self) -> bool:
        return True

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        line = next(self._lines, "")
        self.taken += bool(line)
        return line


def test_the_reader_streams() -> None:
    def lines() -> Iterator[str]:
        yield HEADER + "\n"
        for number in range(1_000_000):
            yield _with(GOOD_1, "event_id_cnty", f"SYR{number}") + "\n"

    source = _Lazy(lines())
    stream = acled.read(source)
    first = next(stream)
    assert first.id == "SYR0"
    assert source.taken < 100  # the first event came long before the source was exhausted
    for _ in range(999):
        next(stream)
    assert source.taken < 1200
    stream.close()
