"""The seed story's claims: what each asserts, who disagrees, and how each is graded."""

from __future__ import annotations

import doctest
import importlib.util

import attrs

import conflictevents as ce
from _support import ROOT
from conflictevents import claims as cl

CONTROL = "hama2024-control-hama"
TABLE = {"Syrian Observatory for Human Rights (OSDH)": "B", "syrian army": ce.Reliability.C}


def _claims(records: list[object]) -> list[ce.Claim]:
    return [r for r in records if isinstance(r, ce.Claim)]


def _changes(records: list[object]) -> list[ce.ControlChange]:
    return [r for r in records if isinstance(r, ce.ControlChange)]


def test_each_claim_asserts_what_the_report_says(hama_records: list[object]) -> None:
    said = {c.id: [str(a) for a in cl.assertions(c)] for c in _claims(hama_records)}
    assert said == {
        "hama2024-claim-osdh": ["asserts 'hama2024-hama-fighting' on 2024-12-05"],
        "hama2024-claim-army": [
            "Military Forces of Syria (2000-2024) does not hold Hama (SYR) on 2024-12-05"],
        "hama2024-claim-rebels": ["Military Operations Command holds Hama (SYR) on 2024-12-05"],
        "hama2024-claim-army-denial": [
            "Military Forces of Syria (2000-2024) holds Hama (SYR) on 2024-12-05"],
    }


def test_army_statement_and_rebel_announcement_are_grouped(hama_records: list[object]) -> None:
    groups = cl.group_claims(_claims(hama_records))
    ids = [c.id for c in groups[CONTROL]]
    assert ids == ["hama2024-claim-army", "hama2024-claim-army-denial", "hama2024-claim-rebels"]
    assert [c.id for c in groups["hama2024-hama-fighting"]] == ["hama2024-claim-osdh"]


def test_grouping_by_the_change_uses_its_cited_claims(hama_records: list[object]) -> None:
    groups = cl.group_by_change(_claims(hama_records), _changes(hama_records))
    assert [c.id for c in groups[CONTROL]] == [
        "hama2024-claim-army", "hama2024-claim-army-denial", "hama2024-claim-rebels"]
    assert groups["hama2024-control-aleppo"] == ()


def test_the_disagreements_of_the_story_are_found(hama_records: list[object]) -> None:
    found = cl.find_disagreements(_claims(hama_records), changes=_changes(hama_records))
    summary = [(d.first.id, d.second.id, d.field) for d in found]
    assert summary == [
        # the army contradicts itself: holding its positions, then "redeployed"
        ("hama2024-claim-army", "hama2024-claim-army-denial", cl.ClaimField.STANCE),
        # the army's earlier statement and the rebels name different holders
        ("hama2024-claim-army-denial", "hama2024-claim-rebels", cl.ClaimField.HOLDER),
    ]
    holder = found[1]
    assert isinstance(holder.first_value, ce.Actor)
    assert holder.first_value.is_called("Syrian army")
    assert isinstance(holder.second_value, ce.Actor)
    assert holder.second_value.is_called("rebel coalition")
    assert holder.subject == "control of Hama (SYR)"


def test_redeployed_and_the_rebel_claim_are_consistent_not_confirming(
        hama_records: list[object]) -> None:
    claims = {c.id: c for c in _claims(hama_records)}
    assert cl.relate(claims["hama2024-claim-rebels"], claims["hama2024-claim-army"]) \
        is cl.Relation.CONSISTENT
    assert cl.relate(claims["hama2024-claim-rebels"], claims["hama2024-claim-osdh"]) \
        is cl.Relation.UNRELATED
    assert cl.relate(claims["hama2024-claim-rebels"], claims["hama2024-claim-army-denial"]) \
        is cl.Relation.CONTRADICTS


def test_silence_confirms_nothing(hama_records: list[object]) -> None:
    support = cl.corroboration(_claims(hama_records), changes=_changes(hama_records))
    rebels = support["hama2024-claim-rebels"]
    assert rebels.confirmed_by == ()
    assert rebels.contradicted_by == ("military forces of syria (2000-2024)",)
    assert rebels.consistent_with == ("military forces of syria (2000-2024)",)
    assert rebels.credibility is ce.Credibility.DOUBTFUL
    # the army's two statements are one claimant: they neither confirm nor contradict
    assert support["hama2024-claim-army"].contradicted_by == ()
    assert support["hama2024-claim-army"].credibility is ce.Credibility.PROBABLY_TRUE
    assert support["hama2024-claim-army-denial"].credibility is ce.Credibility.IMPROBABLE
    assert support["hama2024-claim-osdh"].credibility is ce.Credibility.CANNOT_BE_JUDGED


def test_grade_from_a_reliability_table(hama_records: list[object]) -> None:
    graded = {c.id: str(c.reliability)
              for c in cl.grade(_claims(hama_records), TABLE, changes=_changes(hama_records))}
    assert graded == {
        "hama2024-claim-osdh": "B6",
        "hama2024-claim-army": "C2",
        "hama2024-claim-rebels": "F4",
        "hama2024-claim-army-denial": "C5",
    }
    # a grading set by hand is kept
    original = [attrs.evolve(c, reliability="A1") if c.id == "hama2024-claim-osdh" else c
                for c in _claims(hama_records)]
    kept = cl.grade(original, TABLE)
    assert str(kept[0].reliability) == "A1"


def test_the_example_answers_the_story() -> None:
    spec = importlib.util.spec_from_file_location("hama_2024_doc",
                                                  ROOT / "examples" / "hama_2024.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    failures, tries = doctest.testmod(module)
    assert tries >= 1
    assert failures == 0
