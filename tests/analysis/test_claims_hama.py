"""The seed story's claims: grouping, disagreements, ranking and grading."""

from __future__ import annotations

import attrs

import conflictevents as ce
from conflictevents import claims as cl

CONTROL = "hama2024-control-hama"


def _claims(records: list[object]) -> list[ce.Claim]:
    return [r for r in records if isinstance(r, ce.Claim)]


def test_army_statement_and_rebel_announcement_are_grouped(hama_records: list[object]) -> None:
    groups = cl.group_claims(_claims(hama_records))
    ids = [c.id for c in groups[CONTROL]]
    assert ids == ["hama2024-claim-army", "hama2024-claim-army-denial", "hama2024-claim-rebels"]
    assert [c.id for c in groups["hama2024-hama-fighting"]] == ["hama2024-claim-osdh"]
    assert list(groups) == [CONTROL, "hama2024-hama-fighting"]


def test_grouping_by_the_change_uses_its_cited_claims(hama_records: list[object]) -> None:
    changes = [r for r in hama_records if isinstance(r, ce.ControlChange)]
    groups = cl.group_by_change(_claims(hama_records), changes)
    assert [c.id for c in groups[CONTROL]] == [
        "hama2024-claim-army", "hama2024-claim-army-denial", "hama2024-claim-rebels"]
    assert groups["hama2024-control-aleppo"] == ()


def test_the_denial_disagrees_where_the_example_puts_it(hama_records: list[object]) -> None:
    found = cl.find_disagreements(_claims(hama_records))
    summary = [(d.first.id, d.second.id, d.field) for d in found]
    assert summary == [
        ("hama2024-claim-army", "hama2024-claim-army-denial", cl.ClaimField.STANCE),
        ("hama2024-claim-army-denial", "hama2024-claim-rebels", cl.ClaimField.STANCE),
        ("hama2024-claim-army-denial", "hama2024-claim-rebels", cl.ClaimField.HOLDER),
    ]
    holder = found[2]
    assert isinstance(holder.first_value, ce.Actor)
    assert holder.first_value.is_called("Syrian army")
    assert isinstance(holder.second_value, ce.Actor)
    assert holder.second_value.is_called("rebel coalition")
    assert holder.subject == CONTROL
    assert str(holder) == (
        "hama2024-claim-army-denial and hama2024-claim-rebels disagree on holder about "
        "'hama2024-control-hama': 'Military Forces of Syria (2000-2024)' vs "
        "'Military Operations Command'")


def test_ranking_puts_the_best_graded_first_and_ungraded_last(hama_records: list[object]) -> None:
    ranked = [r.claim.id for r in cl.rank_claims(_claims(hama_records))]
    # B2, then the two C gradings (C2 before C3), then the ungraded denial
    assert ranked == ["hama2024-claim-osdh", "hama2024-claim-army", "hama2024-claim-rebels",
                      "hama2024-claim-army-denial"]


def test_corroboration_counts_claimants_not_outlets(hama_records: list[object]) -> None:
    support = cl.corroboration(_claims(hama_records))
    rebels = support["hama2024-claim-rebels"]
    assert rebels.confirmed_by == ("military forces of syria (2000-2024)",)
    assert rebels.contradicted_by == ("military forces of syria (2000-2024)",)
    assert rebels.credibility is ce.Credibility.DOUBTFUL
    # the army's two statements are one claimant: they neither confirm nor contradict
    assert support["hama2024-claim-army"].contradicted_by == ()
    assert support["hama2024-claim-army-denial"].credibility is ce.Credibility.IMPROBABLE
    assert support["hama2024-claim-osdh"].credibility is ce.Credibility.POSSIBLY_TRUE


def test_grade_from_a_reliability_table(hama_records: list[object]) -> None:
    ungraded = [attrs.evolve(c, reliability=None) for c in _claims(hama_records)]
    table = {"Syrian Observatory for Human Rights (OSDH)": "B", "syrian army": ce.Reliability.C}
    graded = {c.id: str(c.reliability) for c in cl.grade(ungraded, table)}
    assert graded == {
        "hama2024-claim-osdh": "B3",
        "hama2024-claim-army": "C2",
        "hama2024-claim-rebels": "F4",
        "hama2024-claim-army-denial": "C5",
    }
    # claims that have a grading keep it; only the ungraded denial is graded
    original = _claims(hama_records)
    kept = cl.grade(original, table)
    assert kept[:3] == original[:3]
    assert str(kept[3].reliability) == "C5"
