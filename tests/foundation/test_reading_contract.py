"""The reading contract every format shares: dates, day order, warnings, encodings, detection."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import warnings
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictevents as ce
from _support import written_or_refused
from conflictevents import strategies
from conflictevents.formats import _day_order
from conflictevents.formats._policy import ErrorPolicy
from conflictevents.formats.report import MAX_KEPT_WARNINGS

# -- dates ----------------------------------------------------------------------------------

#: Date shapes seen in the publishers' real files (see ../shared/formats.md), and their day.
REAL_SHAPES = [
    ("2024-12-05", dt.date(2024, 12, 5)),
    ("2024-12-05T00:00:00", dt.date(2024, 12, 5)),  # HDX, ogr2ogr GeoJSON
    ("2024-12-05T00:00:00Z", dt.date(2024, 12, 5)),
    ("2024-12-05T23:30:00-05:00", dt.date(2024, 12, 5)),  # the date as written, not UTC
    ("2024-12-05 10:30", dt.date(2024, 12, 5)),
    ("2009-06-09 00:00:00.000", dt.date(2009, 6, 9)),  # UCDP GED 21.1 era
    ("20241205", dt.date(2024, 12, 5)),  # GDELT SQLDATE
    ("20150218230000", dt.date(2015, 2, 18)),  # GDELT 2.0 DATEADDED
    ("2024/12/05", dt.date(2024, 12, 5)),
    ("2024.12.05", dt.date(2024, 12, 5)),
    ("21 March 2020", dt.date(2020, 3, 21)),  # ACLED export tool
    ("16 February 2024", dt.date(2024, 2, 16)),
    ("01-January-2015", dt.date(2015, 1, 1)),  # ACLED 2015 running files
    ("9-May-20", dt.date(2020, 5, 9)),  # Excel re-save
    ("29/12/2015", dt.date(2015, 12, 29)),  # day-first, decided by the text
    ("12/25/2024", dt.date(2024, 12, 25)),  # month-first, decided by the text
    ("5/5/2024", dt.date(2024, 5, 5)),  # the same either way
    ("13.01.97", dt.date(1997, 1, 13)),  # two-digit years: 69-99 are 1900s
    ("13.01.20", dt.date(2020, 1, 13)),
]


@pytest.mark.parametrize(("text", "day"), REAL_SHAPES)
def test_real_date_shapes(text: str, day: dt.date) -> None:
    parsed = ce.parse_date(text)
    assert (parsed.start, parsed.end) == (day, day)
    assert parsed.precision is ce.DatePrecision.DAY


@pytest.mark.parametrize("text", ["12/5/2024", "01/02/2003", "3-4-2020"])
def test_an_ambiguous_numeric_date_is_refused_naming_the_option(text: str) -> None:
    with pytest.raises(ce.AmbiguousDateError, match="dayfirst"):
        ce.parse_date(text)
    first, second = (int(part) for part in text.replace("-", "/").split("/")[:2])
    assert ce.parse_date(text, dayfirst=True).start.day == first
    assert ce.parse_date(text, dayfirst=False).start.day == second


@pytest.mark.parametrize("text", ["25/12/2024", "12/25/2024"])
def test_a_date_that_contradicts_the_given_order_is_an_error(text: str) -> None:
    wrong = text.startswith("12")  # 12/25 is month-first: day-first is wrong
    with pytest.raises(ce.ParseError, match="not a date when read"):
        ce.parse_date(text, dayfirst=wrong)


@pytest.mark.parametrize("text", ["2024-13-05T00:00:00", "20241305", "2024/02/30",
                                  "12/5/2024/1", "1 2 3"])
def test_numeric_shapes_that_are_no_date_are_refused(text: str) -> None:
    with pytest.raises(ce.ParseError):
        ce.parse_date(text)


def test_third_of_month_prefixes_do_not_nest_or_recurse() -> None:
    with pytest.raises(ce.ParseError, match="go with a month"):
        ce.parse_date("early " * 1500 + "December 2024")
    assert str(ce.parse_date("late February 2024")) == "2024-02-21/2024-02-29"


@st.composite
def _day_lists(draw: st.DrawFn) -> list[dt.date]:
    days = draw(st.lists(st.dates(min_value=dt.date(1970, 1, 1),
                                  max_value=dt.date(2068, 12, 31)), min_size=1, max_size=30))
    # at least one date that shows the order: its day is over 12
    decisive = draw(st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2068, 12, 31))
                    .filter(lambda d: d.day > 12))
    position = draw(st.integers(0, len(days)))
    days.insert(position, decisive)
    return days


@given(_day_lists(), st.sampled_from(["/", ".", "-"]))
def test_a_file_of_dates_reads_the_same_whichever_order_it_is_written_in(
    days: list[dt.date], separator: str
) -> None:
    for dayfirst in (True, False):
        texts = [
            separator.join(
                (f"{d.day}", f"{d.month}") if dayfirst else (f"{d.month}", f"{d.day}")
            ) + f"{separator}{d.year}"
            for d in days
        ]
        order = _day_order.DayOrder()
        released = list(_day_order.decide(texts, order, lambda text: [text]))
        assert released == texts  # every row, in order
        assert order.dayfirst is dayfirst
        read = [ce.parse_date(text, dayfirst=order.dayfirst).start for text in released]
        assert read == days


def test_rows_before_an_ambiguous_one_are_not_held_back() -> None:
    order = _day_order.DayOrder()
    seen: list[str] = []
    rows = iter(["x", "2024-12-05", "12/5/2024", "1/2/2024", "25/12/2024", "3/4/2024"])
    released = _day_order.decide(rows, order, lambda text: [text])
    seen.append(next(released))
    seen.append(next(released))
    assert seen == ["x", "2024-12-05"]
    assert list(released) == ["12/5/2024", "1/2/2024", "25/12/2024", "3/4/2024"]
    assert order.dayfirst is True
    assert "25/12/2024" in order.description


def test_held_rows_are_bounded() -> None:
    order = _day_order.DayOrder()
    rows = (f"{1 + i % 12}/{1 + (i + 1) % 12}/2024" for i in range(50))
    released = list(_day_order.decide(rows, order, lambda text: [text], max_held=10))
    assert len(released) == 50
    assert order.dayfirst is None
    assert order.description == "undecided"


def test_an_order_given_by_the_caller_is_kept() -> None:
    order = _day_order.DayOrder(dayfirst=False)
    assert list(_day_order.decide(["12/5/2024"], order, lambda text: [text])) == ["12/5/2024"]
    assert order.description == "month-first (as given)"


# -- warnings --------------------------------------------------------------------------------


def _policy(on_warning: str = "report") -> ErrorPolicy:
    return ErrorPolicy("raise", ce.ConversionReport(), on_warning)


def test_a_warning_carries_its_code_and_location() -> None:
    policy = _policy()
    policy.warn("unknown-code", "not in the CAMEO event code book", source="x.tab", line=7,
                column="CAMEO Code", value="1213")
    (warning,) = policy.report.warnings
    assert isinstance(warning, ce.UnknownCodeWarning)
    assert isinstance(warning, UserWarning)
    assert (warning.code, warning.source, warning.line, warning.column, warning.value) == (
        "unknown-code", "x.tab", 7, "CAMEO Code", "1213")
    assert str(warning) == ("x.tab:7: column CAMEO Code: not in the CAMEO event code book "
                            "(value '1213') [unknown-code]")
    assert policy.report.as_dict()["warnings"][0]["line"] == 7
    assert policy.report.warning_counts == {"unknown-code": 1}


def test_once_warns_once_per_code_column_and_value() -> None:
    policy = _policy()
    for line in range(2, 12):
        policy.warn("unknown-code", "unknown", line=line, column="c", value="1213", once=True)
        policy.warn("unknown-code", "unknown", line=line, column="c", value="1214", once=True)
    assert [w.value for w in policy.report.warnings] == ["1213", "1214"]


def test_a_report_keeps_a_bounded_number_of_warnings_and_counts_them_all() -> None:
    policy = _policy()
    for line in range(MAX_KEPT_WARNINGS + 500):
        policy.warn("inconsistent-range", "high below best", line=line)
    assert len(policy.report.warnings) == MAX_KEPT_WARNINGS
    assert policy.report.warning_counts == {"inconsistent-range": MAX_KEPT_WARNINGS + 500}
    assert isinstance(policy.report.warnings[0], ce.InconsistentValueWarning)


def test_on_warning_error_makes_the_row_an_error() -> None:
    with pytest.raises(ce.ParseError, match=r"\[inconsistent-range\]") as caught:
        _policy("error").warn("inconsistent-range", "high below best", line=3, column="high")
    assert (caught.value.line, caught.value.column) == (3, "high")


def test_on_warning_warn_goes_through_python_warning_filters() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _policy("warn").warn("unknown-code", "unknown", source="f.csv", line=4, value="x")
    assert [type(w.message) for w in caught] == [ce.UnknownCodeWarning]
    assert (caught[0].filename, caught[0].lineno) == ("f.csv", 4)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ce.UnknownCodeWarning)
        with pytest.raises(ce.UnknownCodeWarning):
            _policy("warn").warn("unknown-code", "unknown", value="x")


def test_unknown_policies_are_refused() -> None:
    with pytest.raises(ValueError, match="on_warning"):
        ErrorPolicy("raise", ce.ConversionReport(), "loud")


# -- unknown codes ---------------------------------------------------------------------------


def test_an_unknown_code_is_kept_verbatim_and_marked() -> None:
    with pytest.raises(ce.ValidationError):
        ce.Classification("cameo", "9999")
    item = ce.Classification("cameo", "9999", unknown=True)
    assert (item.code, item.label, item.unknown) == ("9999", "unknown", True)
    with pytest.raises(ce.ValidationError):
        ce.Classification("cameo", "9999", derived=True, via="acled->cameo", unknown=True)


@given(st.text(alphabet="0123456789ABCDEFabc", min_size=1, max_size=6))
def test_unknown_codes_round_trip_through_jsonl(code: str) -> None:
    event = ce.Event(id="E1", date=dt.date(2024, 12, 5),
                     classifications=[ce.Classification("cameo", code, unknown=True)])
    out = io.StringIO()
    ce.write([event], out, "jsonl")
    assert '"unknown":true' in out.getvalue().replace(" ", "")
    assert list(ce.read(io.StringIO(out.getvalue()), "jsonl")) == [event]


# -- encodings -------------------------------------------------------------------------------

_UCDP = (Path(__file__).resolve().parent.parent / "fixtures" / "ucdp")


def _sample_csv() -> str:
    events = [ce.Event(id="A1", date=dt.date(2024, 12, 5), notes="Ḥamāh, café – “quoted”",
                       classifications=[ce.Classification("acled", "Armed clash")])]
    out = io.StringIO(newline="")
    ce.write(events, out, "acled")
    return out.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom"])
def test_byte_order_marks_are_recognised_and_kept_on_write_back(encoding: str) -> None:
    text = _sample_csv()
    if encoding.endswith("-bom"):
        codec = encoding.removesuffix("-bom")
        bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
        data = bom + text.encode(codec)
    else:
        data = text.encode(encoding)
    stream = ce.read(io.BytesIO(data))
    events = list(stream)
    assert events[0].notes == "Ḥamāh, café – “quoted”"
    assert not stream.report.warnings
    out = io.BytesIO()
    ce.write(events, out, "acled")
    again = list(ce.read(io.BytesIO(out.getvalue())))
    assert again == events
    if encoding in ("utf-8-sig", "utf-16"):
        assert out.getvalue() == data


def test_cp1252_falls_back_with_a_warning_and_round_trips(tmp_path: Path) -> None:
    text = _sample_csv().replace("Ḥamāh", "Hama").replace("–", "\u2013")
    data = text.encode("cp1252")
    path = tmp_path / "excel.csv"
    path.write_bytes(data)
    stream = ce.read(path)
    events = list(stream)
    assert events[0].notes == "Hama, café \u2013 “quoted”"
    assert [w.code for w in stream.report.warnings] == ["encoding-fallback"]
    assert stream.report.warnings[0].line == 2
    back = tmp_path / "back.csv"
    ce.write(events, back, "acled")
    assert back.read_bytes() == data
    utf8 = tmp_path / "utf8.csv"
    ce.write(events, utf8, "acled", encoding="utf-8")
    assert utf8.read_bytes() == text.encode("utf-8")


def test_a_named_encoding_is_used_and_an_unknown_one_refused() -> None:
    data = _sample_csv().replace("Ḥamāh", "Hama").encode("latin-1", "replace")
    assert list(ce.read(io.BytesIO(data), "acled", encoding="latin-1"))
    with pytest.raises(ValueError, match="unknown encoding"):
        ce.read(io.BytesIO(data), "acled", encoding="klingon")


def test_a_character_the_output_encoding_lacks_is_a_conversion_error() -> None:
    event = ce.Event(id="A1", date=dt.date(2024, 12, 5), notes="Ḥamāh",
                     classifications=[ce.Classification("acled", "Armed clash")])
    with pytest.raises(ce.ConversionError, match="cp1252"):
        ce.write([event], io.BytesIO(), "acled", encoding="cp1252")


def test_json_formats_never_fall_back_to_cp1252() -> None:
    good = ('{"schema":"conflictevents/1","type":"event","id":"A","date":"2024-12-05",'
            '"notes":"caf\u00e9"}\n').encode()
    bad = b'{"schema":"conflictevents/1","type":"event","id":"B","date":"2024-12-05",' \
          b'"notes":"caf\xe9"}\n'
    stream = ce.read(io.BytesIO(good + bad), on_error="collect")
    assert [e.id for e in stream] == ["A"]
    assert "UTF-8" in stream.report.errors[0].reason
    assert stream.report.errors[0].line == 2


# -- detection -------------------------------------------------------------------------------


@given(st.lists(strategies.events(), min_size=1, max_size=3),
       st.sampled_from(["acled", "gdelt2", "icews", "ucdp-ged", "jsonl", "geojson", "hxl"]))
def test_every_format_detects_its_own_output(events: list[ce.Event], fmt: str) -> None:
    out = io.StringIO(newline="")
    report = written_or_refused(ce.write, events, out, fmt)
    if not report.written:
        return  # nothing this format can carry
    assert ce.detect_format(io.StringIO(out.getvalue(), newline="")) == fmt


def test_detect_format_takes_a_path(tmp_path: Path) -> None:
    path = tmp_path / "a.csv.gz"
    import gzip

    path.write_bytes(gzip.compress(_sample_csv().encode()))
    assert ce.detect_format(path) == "acled"
    assert ce.detect_format(str(path)) == "acled"


def test_an_undetectable_input_says_what_each_format_saw() -> None:
    with pytest.raises(ce.FormatError) as caught:
        ce.detect_format(io.StringIO("a;b;c\n1;2;3\n"))
    message = str(caught.value)
    assert "pass format=" in message
    for name in ("acled", "gdelt2", "jsonl"):
        assert name in message
