"""Example-based tests of the core types: conversions, refusals and their messages."""

from __future__ import annotations

import datetime as dt

import pytest

import conflictevents as ce


def test_country_accepts_names_and_codes_and_stores_alpha3() -> None:
    for given in ("Syria", "SY", "SYR", "syr", "760", "Syrian Arab Republic"):
        assert ce.Location("Hama", country=given).country == "SYR"


def test_kosovo_is_handled_explicitly() -> None:
    assert ce.Location("Pristina", country="XKX").country == "XKX"
    assert ce.Location("Pristina", country="Kosovo").country == "XKX"
    assert ce.Location("Pristina", country="XK").country == "XKX"


def test_unknown_country_message_names_type_field_and_value() -> None:
    with pytest.raises(ce.ValidationError) as caught:
        ce.Location("Somewhere", country="Atlantis")
    message = str(caught.value)
    assert "Location.country" in message
    assert "'Atlantis'" in message
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, ce.ConflictEventsError)


def test_latitude_300_is_refused_with_a_clear_message() -> None:
    with pytest.raises(ce.ValidationError, match=r"Location\.latitude: must be between -90 and 90"):
        ce.Location("Hama", latitude=300, longitude=36.7)


def test_coordinates_go_together() -> None:
    with pytest.raises(ce.ValidationError, match="together"):
        ce.Location("Hama", latitude=35.1)


def test_booleans_are_not_counts_or_coordinates() -> None:
    with pytest.raises(ce.ValidationError):
        ce.Fatalities(True)  # type: ignore[arg-type]
    with pytest.raises(ce.ValidationError):
        ce.Location("x", latitude=True, longitude=1.0)  # type: ignore[arg-type]


def test_admin1_code_must_be_iso_3166_2() -> None:
    assert ce.Location("Hama", admin1_code="SY-HM").admin1_code == "SY-HM"
    with pytest.raises(ce.ValidationError, match="3166-2"):
        ce.Location("Hama", admin1_code="SY-XX")


def test_actor_kind_accepts_inter_codes_and_names() -> None:
    assert ce.Actor("a", kind=2).kind is ce.ActorKind.REBEL_GROUP
    assert ce.Actor("a", kind="Political militias").kind is ce.ActorKind.POLITICAL_MILITIA
    assert ce.ActorKind.POLITICAL_MILITIA.label == "Political militias"
    with pytest.raises(ce.ValidationError, match="ActorKind"):
        ce.Actor("a", kind=9)


def test_actor_cameo_code_keeps_its_case_in_blocks_of_three() -> None:
    # Lower-case blocks are CAMEO ethnic codes: "kurGOV" is not "KURGOV" (issue 14).
    assert ce.Actor("a", cameo_code=" SYRMIL ").cameo_code == "SYRMIL"
    assert ce.Actor("a", cameo_code="kurGOV").cameo_code == "kurGOV"
    with pytest.raises(ce.ValidationError, match="CAMEO"):
        ce.Actor("a", cameo_code="SYRMI")


def test_aliases_become_a_tuple_and_a_string_is_one_alias() -> None:
    assert ce.Actor("Hayat Tahrir al-Sham", aliases=["HTS"]).aliases == ("HTS",)
    assert ce.Actor("Hayat Tahrir al-Sham", aliases="HTS").aliases == ("HTS",)
    assert ce.Actor("Hayat Tahrir al-Sham", aliases="HTS").is_called("hts")


def test_event_date_shapes() -> None:
    day = dt.date(2024, 12, 5)
    assert str(ce.EventDate(day)) == "2024-12-05"
    assert str(ce.EventDate.month_of(2024, 2)) == "2024-02"
    assert ce.EventDate.month_of(2024, 2).end == dt.date(2024, 2, 29)
    assert str(ce.EventDate.year_of(2024)) == "2024"
    week = ce.EventDate.week_of(day)
    assert (week.earliest, week.latest) == (dt.date(2024, 12, 2), dt.date(2024, 12, 8))
    month_point = ce.EventDate(day, day, ce.DatePrecision.MONTH)  # ACLED time_precision 3
    assert (month_point.earliest, month_point.latest) == (dt.date(2024, 12, 1),
                                                          dt.date(2024, 12, 31))
    with pytest.raises(ce.ValidationError, match="SPAN"):
        ce.EventDate(day, day + dt.timedelta(days=1), ce.DatePrecision.DAY)
    with pytest.raises(ce.ValidationError, match=r"datetime\.date"):
        ce.EventDate("yesterday")  # type: ignore[arg-type]


def test_a_datetime_is_taken_as_its_day() -> None:
    assert ce.EventDate(dt.datetime(2024, 12, 5, 13, 0)).start == dt.date(2024, 12, 5)  # type: ignore[arg-type]


def test_event_takes_a_plain_date_and_an_int_fatality_count() -> None:
    event = ce.Event("e1", dt.date(2024, 12, 5), fatalities=3)
    assert event.date == ce.EventDate.day(dt.date(2024, 12, 5))
    assert event.fatalities == ce.Fatalities(3)


def test_one_coded_and_one_derived_classification_per_scheme() -> None:
    coded = ce.Classification("cameo", "193")
    derived = ce.Classification("cameo", "190", derived=True, via="acled->cameo")
    event = ce.Event("e1", dt.date(2024, 12, 5), classifications=[coded, derived])
    assert event.classification("cameo") == coded
    assert event.classification("cameo", derived=True) == derived
    with pytest.raises(ce.ValidationError, match="at most one coded"):
        ce.Event("e1", dt.date(2024, 12, 5), classifications=[coded, coded])


def test_via_needs_derived() -> None:
    with pytest.raises(ce.ValidationError, match="derived"):
        ce.Classification("cameo", "193", via="acled->cameo")


def test_extras_are_strings_and_hashable() -> None:
    event = ce.Event("e1", dt.date(2024, 12, 5), extras={"gdelt2": {"AvgTone": "-4.2"}})
    assert event.extra("gdelt2", "AvgTone") == "-4.2"
    assert event.extra("gdelt2", "Missing") is None
    assert hash(event)
    with pytest.raises(ce.ValidationError, match="extras"):
        ce.Event("e1", dt.date(2024, 12, 5), extras={"gdelt2": {"AvgTone": -4.2}})  # type: ignore[dict-item]


def test_grading_parse_and_order() -> None:
    assert str(ce.Grading.parse(" b2 ")) == "B2"
    assert ce.Grading.parse("A1").rank < ce.Grading.parse("B2").rank < ce.Grading.parse("F6").rank
    for bad in ("G1", "A7", "A", "A10", "", "1A"):
        with pytest.raises(ce.ValidationError):
            ce.Grading.parse(bad)


def test_claim_accepts_grading_text_and_channel_names() -> None:
    claim = ce.Claim("c1", "Hama has fallen.", claimant=ce.Actor("Rebels"),
                     reliability="C3", channel="telegram", stance="denies")
    assert claim.reliability == ce.Grading("C", 3)
    assert claim.channel is ce.Channel.TELEGRAM
    assert claim.stance is ce.Stance.DENIES
    assert claim.speaker == "Rebels"
    with pytest.raises(ce.ValidationError, match="claimant"):
        ce.Claim("c1", "x", claimant="Rebels")  # type: ignore[arg-type]


def test_control_change_needs_a_holder_or_contested() -> None:
    hama = ce.Location("Hama", country="SYR")
    army = ce.Actor("Syrian army")
    with pytest.raises(ce.ValidationError, match="contested"):
        ce.ControlChange("cc", hama, ce.EventDate(dt.date(2024, 12, 5)))
    with pytest.raises(ce.ValidationError, match="same as the previous"):
        ce.ControlChange("cc", hama, ce.EventDate(dt.date(2024, 12, 5)), previous=army, new=army)
    contested = ce.ControlChange("cc", hama, ce.EventDate(dt.date(2024, 12, 5)), contested=True)
    assert contested.new is None


def test_validation_error_pickles_with_its_fields() -> None:
    import pickle

    error = ce.ValidationError("Location", "latitude", 300.0, "out of range")
    again = pickle.loads(pickle.dumps(error))
    assert (again.type_name, again.field, again.value) == ("Location", "latitude", 300.0)
