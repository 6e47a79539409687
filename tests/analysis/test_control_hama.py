"""The seed story as a worked test: who held Hama and Aleppo when."""

from __future__ import annotations

import datetime as dt

import pytest

import conflictevents as ce
from conflictevents.control import AnswerStatus, ControlTimeline, changes_from_events


def _timeline(records: list[object]) -> ControlTimeline:
    return ControlTimeline(r for r in records if isinstance(r, ce.ControlChange))


def test_hama_on_4_december_is_the_government(hama_records: list[object]) -> None:
    answer = _timeline(hama_records).holder("Hama", on=dt.date(2024, 12, 4))
    assert answer.status is AnswerStatus.HELD
    assert answer.certain
    assert answer.holder is not None
    assert answer.holder.name == "Military Forces of Syria (2000-2024)"
    assert [c.id for c in answer.changes] == ["hama2024-control-hama"]
    assert answer.outcomes[0].before


@pytest.mark.parametrize("day", [5, 6])
def test_hama_from_5_december_is_the_rebel_coalition(hama_records: list[object], day: int) -> None:
    answer = _timeline(hama_records).holder("hama", on=dt.date(2024, 12, day))
    assert answer.certain
    assert answer.holder is not None
    assert answer.holder.is_called("rebel coalition")
    assert answer.claims == ("hama2024-claim-army", "hama2024-claim-rebels")
    assert answer.events == ("hama2024-army-redeploys", "hama2024-hama-fighting",
                             "hama2024-prison-taken")


def test_aleppo_on_3_december_is_the_rebels(hama_records: list[object]) -> None:
    hama = next(r for r in hama_records if isinstance(r, ce.Event) and r.id ==
                "hama2024-aleppo-falls")
    assert hama.location is not None
    answer = _timeline(hama_records).holder(hama.location, on="2024-12-03")
    assert answer.holder is not None
    assert answer.holder.name == "Military Operations Command"
    assert str(answer) == ("Aleppo (SYR) on 2024-12-03: held by Military Operations Command "
                           "(certain; rests on hama2024-control-aleppo)")


def test_unknown_place_is_unknown(hama_records: list[object]) -> None:
    answer = _timeline(hama_records).holder("Homs", on="2024-12-03")
    assert answer.status is AnswerStatus.UNKNOWN
    assert answer.holder is None
    assert answer.changes == ()


def test_changes_derived_from_the_events_agree_with_the_recorded_ones(
    hama_records: list[object],
) -> None:
    events = [r for r in hama_records if isinstance(r, ce.Event)]
    derived = changes_from_events(events)
    assert [(c.id, c.location.name, c.events, c.derived) for c in derived] == [
        ("hama2024-aleppo-falls/control", "Aleppo", ("hama2024-aleppo-falls",), True),
        ("hama2024-army-redeploys/control", "Hama", ("hama2024-army-redeploys",), True),
    ]
    assert all(c.new is not None and c.new.is_called("rebel coalition") for c in derived)
    assert all(c.previous is not None and c.previous.is_called("Syrian army") for c in derived)
    timeline = ControlTimeline([*derived, *(r for r in hama_records
                                           if isinstance(r, ce.ControlChange))])
    assert timeline.conflicts() == []
    answer = timeline.holder("Hama", on="2024-12-05")
    assert answer.certain
    assert [c.id for c in answer.changes] == ["hama2024-army-redeploys/control",
                                              "hama2024-control-hama"]


def test_history_and_changes_between(hama_records: list[object]) -> None:
    timeline = _timeline(hama_records)
    assert [c.id for c in timeline.history("Hama")] == ["hama2024-control-hama"]
    assert [c.id for c in timeline.changes()] == ["hama2024-control-aleppo",
                                                  "hama2024-control-hama"]
    assert [c.id for c in timeline.changes(between=("2024-12-02", "2024-12-31"))] == [
        "hama2024-control-hama"]
    assert timeline.changes(between=(dt.date(2024, 11, 1), dt.date(2024, 11, 30))) == []
    assert len(timeline) == 2
    assert timeline.places() == [("SYR", "alepo"), ("SYR", "hama")]


def _with_claims(records: list[object]) -> ControlTimeline:
    from conflictevents import claims as cl
    changes = [r for r in records if isinstance(r, ce.ControlChange)]
    claims = cl.grade([r for r in records if isinstance(r, ce.Claim)],
                      {"Syrian army": "C"}, changes=changes)
    return ControlTimeline(changes, claims=claims)


def test_claims_are_evidence_for_the_answer(hama_records: list[object]) -> None:
    timeline = _with_claims(hama_records)
    before = timeline.holder("Hama", on="2024-12-04")
    assert before.evidence == ()
    answer = timeline.holder("Hama", on="2024-12-06")
    assert [c.id for c in answer.supported_by] == ["hama2024-claim-army",
                                                   "hama2024-claim-rebels"]
    assert [c.id for c in answer.contradicted_by] == ["hama2024-claim-army-denial"]
    assert answer.rests_on[0] == "hama2024-control-hama"
    assert "hama2024-claim-army-denial" in answer.rests_on


@pytest.mark.parametrize("name", ["Hamah", "Ḥamāh", "HAMA", " hama "])
def test_spellings_find_the_place(hama_records: list[object], name: str) -> None:
    answer = _timeline(hama_records).holder(name, on="2024-12-06")
    assert answer.holder is not None
    assert answer.holder.is_called("rebel coalition")


def test_a_location_without_a_country_is_found_by_name(hama_records: list[object]) -> None:
    answer = _timeline(hama_records).holder(ce.Location("Hamah"), on="2024-12-04")
    assert answer.holder is not None
    assert answer.holder.is_called("Syrian army")


def test_an_unknown_name_suggests_near_places(hama_records: list[object]) -> None:
    answer = _timeline(hama_records).holder("Idlib", on="2024-12-06")
    assert answer.status is AnswerStatus.UNKNOWN
    answer = _timeline(hama_records).holder("Hamat", on="2024-12-06")
    assert answer.status is AnswerStatus.UNKNOWN
    assert answer.suggestions == ("Hama (SYR)",)
    assert "did you mean Hama (SYR)?" in str(answer)


def test_claims_alone_answer_for_a_place_without_changes() -> None:
    army, rebels = ce.Actor("Syrian army"), ce.Actor("Rebels")
    homs = ce.Location("Homs", country="SYR")
    claims = [
        ce.Claim(id="a", statement="We hold Homs.", claimant=army, holder=army, place=homs,
                 date=ce.EventDate.day(dt.date(2024, 12, 6))),
        ce.Claim(id="b", statement="Homs is ours.", claimant=rebels, holder=rebels, place=homs,
                 date=ce.EventDate.day(dt.date(2024, 12, 8))),
    ]
    timeline = ControlTimeline(claims=claims)
    assert timeline.holder("Homs", on="2024-12-05").status is AnswerStatus.UNKNOWN
    seventh = timeline.holder("Homs", on="2024-12-07")
    assert seventh.holder == army
    assert seventh.rests_on == ("a",)
    ninth = timeline.holder("Homs", on="2024-12-09")
    assert ninth.holder == rebels


@pytest.mark.parametrize("name", ["Halab", "Ḩalab"])
def test_another_name_of_the_division_finds_the_city(hama_records: list[object],
                                                      name: str) -> None:
    answer = _timeline(hama_records).holder(name, on="2024-12-03")
    assert answer.name == "Aleppo"
    assert answer.holder is not None
    assert answer.holder.is_called("rebel coalition")
