"""Events of any origin written as GDELT rows: what is derived, dropped and left out."""

from __future__ import annotations

import datetime
import io

from hypothesis import given

import conflictevents as ce
from _support import FIXTURES
from conflictevents import strategies
from conflictevents.formats import gdelt

V2 = FIXTURES / "gdelt" / "20241205103000.export.CSV"


def _acled_event(**changes: object) -> ce.Event:
    fields: dict[str, object] = {
        "id": "SYR12345",
        "date": datetime.date(2024, 12, 5),
        "classifications": (ce.Classification("acled", "Armed clash", parent="Battles"),),
        "actor1": ce.Actor("Hayat Tahrir al-Sham", kind=2, country="SYR"),
        "actor2": ce.Actor("Military Forces of Syria (2000-2024)", kind=1, country="SYR"),
        "associates1": (ce.Actor("National Front for Liberation", kind=2),),
        "location": ce.Location("Hama", country="SYR", admin1="Hama", latitude=35.1318,
                                longitude=36.7578, precision=ce.GeoPrecision.EXACT),
        "fatalities": 12,
        "sources": (ce.Source("Syrian Observatory for Human Rights"),),
        "notes": "On 5 December 2024, HTS fighters clashed with regime forces in Hama.",
        "tags": ("crowd size=no report",),
        "extras": {"acled": {"timestamp": "1733700000"}},
    }
    fields.update(changes)
    return ce.Event(**fields)  # type: ignore[arg-type]


def _cells(text: str) -> dict[str, str]:
    return dict(zip(gdelt.COLUMNS_V2, text.rstrip("\n").split("\t"), strict=False))


def test_acled_event_is_left_out_without_derive() -> None:
    out = io.StringIO()
    report = ce.write([_acled_event()], out, "gdelt2", derive=False)
    assert out.getvalue() == ""
    assert report.written == 0
    assert list(report.left_out) == [
        "no CAMEO event code (derive=True would derive one from the ACLED type)"]


def test_acled_event_is_derived_with_derive() -> None:
    out = io.StringIO()
    ids: dict[str, str] = {}
    report = ce.write([_acled_event()], out, "gdelt2", derive=True, id_map=ids,
                      number_from=900)
    cells = _cells(out.getvalue())
    assert report.written == 1
    assert (cells["EventCode"], cells["EventBaseCode"], cells["EventRootCode"]) == (
        "190", "190", "19")
    assert (cells["QuadClass"], cells["GoldsteinScale"]) == ("4", "-10.0")
    assert cells["GLOBALEVENTID"] == "900"
    assert ids == {"SYR12345": "900"}
    assert (cells["Day"], cells["MonthYear"], cells["Year"]) == ("20241205", "202412", "2024")
    assert (cells["Actor1Code"], cells["Actor1CountryCode"], cells["Actor1Type1Code"]) == (
        "SYRREB", "SYR", "REB")
    assert (cells["Actor2Code"], cells["Actor2Type1Code"]) == ("SYRMIL", "MIL")
    assert cells["Actor1Name"] == "Hayat Tahrir al-Sham"
    assert (cells["ActionGeo_Type"], cells["ActionGeo_CountryCode"]) == ("4", "SY")
    assert (cells["ActionGeo_Lat"], cells["ActionGeo_Long"]) == ("35.1318", "36.7578")
    assert cells["SOURCEURL"] == ""
    assert report.derived == {"EventCode": 1, "Actor1Code": 1, "Actor2Code": 1}
    assert report.dropped == {
        "id": 1, "associates1": 1, "fatalities": 1, "notes": 1, "tags": 1, "sources": 1,
        "extras.acled": 1, "classifications.acled": 1, "location.admin1": 1,
        # The kinds made the role codes, but cannot be read back from them (issue 16, D8).
        "actor1.kind": 1, "actor2.kind": 1,
    }


def test_ukraine_location_gets_fips_up() -> None:
    event = _acled_event(location=ce.Location("Kharkiv", country="UKR", latitude=49.9808,
                                              longitude=36.2527))
    out = io.StringIO()
    ce.write([event], out, "gdelt2", derive=True)
    assert _cells(out.getvalue())["ActionGeo_CountryCode"] == "UP"


def test_cameo_coded_event_needs_no_derive() -> None:
    event = _acled_event(
        classifications=(ce.Classification("cameo", "193"),),
        actor1=ce.Actor("HTS", cameo_code="SYRREB", country="SYR"),
        actor2=None, associates1=(), fatalities=None, notes=None, tags=(), extras={},
        sources=(ce.Source("example.com", url="https://example.com/a"),),
        location=None, id="42",
    )
    out = io.StringIO()
    report = ce.write([event], out, "gdelt2")
    assert report.lossless, report
    cells = _cells(out.getvalue())
    assert (cells["GLOBALEVENTID"], cells["EventCode"], cells["SOURCEURL"]) == (
        "42", "193", "https://example.com/a")
    assert cells["ActionGeo_Type"] == ""


def test_verbal_codes_and_unmapped_types_are_left_out() -> None:
    other = _acled_event(classifications=(ce.Classification("acled", "Other",
                                                             parent="Strategic developments"),))
    nothing = _acled_event(classifications=())
    claim = ce.Claim("c1", "HTS entered Hama", ce.Actor("HTS"))
    report = ce.write([other, nothing, claim], io.StringIO(), "gdelt2", derive=True)
    assert report.written == 0
    assert report.left_out == {"ACLED type has no CAMEO equivalent": 1,
                               "no CAMEO event code": 1, "not an event (Claim)": 1}


def test_non_day_dates_are_counted() -> None:
    event = _acled_event(date=ce.EventDate.week_of(datetime.date(2024, 12, 5)))
    report = ce.write([event], io.StringIO(), "gdelt2", derive=True)
    assert report.dropped["date.precision"] == 1


def test_gdelt_to_icews_and_back_keeps_the_model() -> None:
    events = [e for e in ce.read(V2) if isinstance(e, ce.Event)]
    out = io.StringIO()
    report = ce.write(events, out, "icews")
    assert report.written == 5
    assert report.dropped["actor1.cameo_code"] == 5
    back = list(ce.read(io.StringIO(out.getvalue()), "icews"))
    assert [e.classification("cameo") for e in back] == [
        e.classification("cameo") for e in events]


@given(strategies.events())
def test_any_event_is_written_or_counted(event: ce.Event) -> None:
    for derive in (False, True):
        report = ce.write([event], io.StringIO(), "gdelt2", derive=derive)
        assert report.written + sum(report.left_out.values()) == 1


def test_gdelt_to_acled_end_to_end(tmp_path: object) -> None:
    import csv

    stream = ce.read(V2)
    out = io.StringIO()
    report = ce.write(stream, out, "acled", derive=True, report=stream.report)
    assert report.read == 5
    # 010 (make statement) is verbal: left out and counted, never forced into a wrong type.
    assert report.written == 4
    assert sum(report.left_out.values()) == 1
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [row["event_id_cnty"] for row in rows] == [
        "1217480001", "1217480002", "1217480003", "1217480005"]
    assert {row["sub_event_type"] for row in rows[:3]} == {"Armed clash"}
    assert rows[3]["event_type"] == "Riots"
    assert report.derived["event_type"] == 4
    assert report.dropped["classifications.cameo"] == 4
    assert not any(row["event_id_cnty"] == "1217480004" for row in rows)
    without = ce.write(ce.read(V2), io.StringIO(), "acled", derive=False)
    assert without.written == 0
    assert sum(without.left_out.values()) == 5
