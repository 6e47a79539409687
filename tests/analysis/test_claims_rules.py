"""Claims: each disagreement rule, independence, the credibility rule, and properties."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import conflictevents as ce
from conflictevents import claims as cl
from conflictevents import strategies

DAY = dt.date(2024, 12, 5)
OSDH = ce.Source("OSDH")
OUTLETS = (ce.Source("Reuters"), ce.Source("AFP"), ce.Source("Al Jazeera"))
ARMY = ce.Actor("Syrian army", aliases=("SAA",))
REBELS = ce.Actor("Rebels")
HAMA = ce.Location("Hama", country="SYR", latitude=35.13, longitude=36.76, precision="exact")
HOMS = ce.Location("Homs", country="SYR", latitude=34.73, longitude=36.71, precision="exact")


def claim(cid: str, claimant: ce.Actor | ce.Source = OSDH, **fields: object) -> ce.Claim:
    fields.setdefault("about", "subject")
    return ce.Claim(id=cid, statement="Something.", claimant=claimant, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("field", "a", "b"),
    [
        (cl.ClaimField.DATE, ce.EventDate.day(DAY), ce.EventDate.day(DAY + dt.timedelta(1))),
        (cl.ClaimField.PLACE, HAMA, HOMS),
        (cl.ClaimField.HOLDER, ARMY, REBELS),
        (cl.ClaimField.FATALITIES, ce.Fatalities(10, 5, 12), ce.Fatalities(30, 20, 40)),
    ],
)
def test_each_field_disagrees(field: cl.ClaimField, a: object, b: object) -> None:
    found = cl.find_disagreements([claim("b", REBELS, **{field.value: b}),
                                   claim("a", **{field.value: a})])
    assert [(d.field, d.first.id, d.first_value, d.second_value) for d in found] == [
        (field, "a", a, b)]


@pytest.mark.parametrize(
    ("field", "a", "b"),
    [
        ("date", ce.EventDate.day(DAY), ce.EventDate.span(DAY, DAY + dt.timedelta(3))),
        ("place", HAMA, ce.Location("Hama city", country="SYR", latitude=35.14,
                                    longitude=36.75, precision="near")),
        ("holder", ARMY, ce.Actor("SAA")),
        ("fatalities", ce.Fatalities(10, 5, 12), ce.Fatalities(12)),
    ],
)
def test_compatible_values_do_not_disagree(field: str, a: object, b: object) -> None:
    assert cl.find_disagreements([claim("a", **{field: a}), claim("b", REBELS, **{field: b})]) \
        == []


def test_different_subjects_are_not_compared_unless_asked() -> None:
    a = claim("a", holder=ARMY, about="x")
    b = claim("b", holder=REBELS, about="y")
    c = claim("c", holder=REBELS, about=None)
    assert cl.find_disagreements([a, b, c]) == []
    found = cl.find_disagreements([a, b, c], same_subject=True)
    assert [(d.first.id, d.second.id) for d in found] == [("a", "b"), ("a", "c")]
    assert found[0].subject is None


def test_three_outlets_quoting_one_speaker_are_one_claimant() -> None:
    repeated = [claim(f"r{i}", ARMY, reported_by=(outlet,)) for i, outlet in enumerate(OUTLETS)]
    assert cl.independent_claimants(repeated) == ("saa",)
    support = cl.corroboration(repeated)
    assert all(s.confirmed_by == () for s in support.values())
    assert all(s.repeated == 2 for s in support.values())
    assert support["r0"].credibility is ce.Credibility.CANNOT_BE_JUDGED


def test_aliases_join_claimants() -> None:
    claims = [claim("a", ARMY), claim("b", ce.Actor("Syrian Arab Army", aliases=("SAA",))),
              claim("c", ce.Source("saa"))]
    assert cl.independent_claimants(claims) == ("saa",)


@pytest.mark.parametrize(
    ("confirming", "contradicting", "consistent", "expected"),
    [
        (1, 0, 0, ce.Credibility.CONFIRMED),
        (2, 0, 1, ce.Credibility.CONFIRMED),
        (0, 0, 1, ce.Credibility.PROBABLY_TRUE),
        (1, 1, 0, ce.Credibility.POSSIBLY_TRUE),
        (0, 1, 1, ce.Credibility.DOUBTFUL),
        (0, 1, 0, ce.Credibility.IMPROBABLE),
        (0, 0, 0, ce.Credibility.CANNOT_BE_JUDGED),
    ],
)
def test_credibility_rule(confirming: int, contradicting: int, consistent: int,
                          expected: ce.Credibility) -> None:
    target = claim("target", OSDH, holder=REBELS, place=HAMA)
    others = [claim(f"yes{i}", ce.Source(f"witness {i}"), holder=REBELS, place=HAMA)
              for i in range(confirming)]
    others += [claim(f"no{i}", ce.Source(f"denier {i}"), holder=ARMY, place=HAMA)
               for i in range(contradicting)]
    others += [claim(f"fits{i}", ce.Source(f"conceder {i}"), holder=ARMY, place=HAMA,
                     stance="denies") for i in range(consistent)]
    support = cl.corroboration([target, *others])["target"]
    assert (len(support.confirmed_by), len(support.contradicted_by),
            len(support.consistent_with)) == (confirming, contradicting, consistent)
    assert support.credibility is expected
    [graded] = [c for c in cl.grade([target, *others], {"OSDH": "b"}) if c.id == "target"]
    assert graded.reliability == ce.Grading("B", expected)


def test_silence_neither_confirms_nor_contradicts() -> None:
    """Three claims about one subject, only one naming a holder: the others said nothing
    about who holds the place, so they do not confirm it (issue 18)."""
    telegram = claim("telegram", REBELS, holder=REBELS, place=HAMA, about="fall")
    army = claim("army", ARMY, about="fall", place=HAMA)
    monitor = claim("monitor", OSDH, about="fall", place=HAMA)
    support = cl.corroboration([telegram, army, monitor])
    assert support["telegram"].confirmed_by == ()
    assert support["telegram"].credibility is ce.Credibility.CANNOT_BE_JUDGED
    # the two that describe the subject without a holder do confirm each other
    assert support["army"].confirmed_by == ("osdh",)


def test_a_denial_of_control_contradicts_the_same_holder_and_fits_another() -> None:
    holds = claim("holds", OSDH, holder=ARMY, place=HAMA)
    redeployed = claim("redeployed", ARMY, holder=ARMY, place=HAMA, stance="denies")
    taken = claim("taken", REBELS, holder=REBELS, place=HAMA)
    assert cl.relate(holds, redeployed) is cl.Relation.CONTRADICTS
    assert cl.relate(taken, redeployed) is cl.Relation.CONSISTENT
    assert cl.relate(taken, holds) is cl.Relation.CONTRADICTS
    # days that cannot be the same are different times, not a contradiction
    later = attrs.evolve(taken, date=ce.EventDate.day(DAY + dt.timedelta(days=3)))
    earlier = attrs.evolve(holds, date=ce.EventDate.day(DAY))
    assert cl.relate(later, earlier) is cl.Relation.UNRELATED
    # a place spelt another way is the same place
    hamah = attrs.evolve(holds, place=ce.Location("Ḥamāh", country="SYR"))
    assert cl.relate(taken, hamah) is cl.Relation.CONTRADICTS


def test_no_subject_cannot_be_judged() -> None:
    [graded] = cl.grade([claim("a", about=None)], {}, default="D")
    assert str(graded.reliability) == "D6"
    assert cl.grade([claim("a")], {}, default=None)[0].reliability is None


def test_bad_table_value_is_refused() -> None:
    with pytest.raises(ce.ValidationError):
        cl.grade([claim("a")], {"OSDH": "Z"})


@settings(max_examples=25)
@given(st.lists(strategies.claims(about=st.none() | st.sampled_from(["x", "y", "z"])),
                max_size=12))
def test_grouping_partitions_the_claims(claims: list[ce.Claim]) -> None:
    groups = cl.group_claims(claims)
    grouped = [c for members in groups.values() for c in members]
    assert sorted(map(repr, grouped)) == sorted(map(repr, claims))
    for subject, members in groups.items():
        assert members
        assert all(c.about == subject for c in members)


@settings(max_examples=25)
@given(st.lists(strategies.claims(about=st.sampled_from(["x", "y"])), max_size=8),
       st.randoms())
def test_disagreements_do_not_depend_on_order(claims: list[ce.Claim], rnd: object) -> None:
    shuffled = list(claims)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    unique = {c.id: c for c in claims}
    if len(unique) != len(claims):
        return
    assert cl.find_disagreements(shuffled) == cl.find_disagreements(claims)
    for d in cl.find_disagreements(claims):
        if not (d.subject or "").startswith("control of "):
            assert d.first.about == d.second.about == d.subject
        assert d.first.id <= d.second.id
        assert cl.relate(d.first, d.second) is cl.Relation.CONTRADICTS


def test_a_claim_about_a_change_asserts_the_change() -> None:
    change = ce.ControlChange(id="fall", location=HAMA, date=ce.EventDate.day(DAY),
                              previous=ARMY, new=REBELS)
    asserting = claim("yes", OSDH, about="fall")
    denying = claim("no", ARMY, about="fall", stance="denies")
    holds = claim("holds", ce.Source("witness"), holder=REBELS, place=HAMA,
                  date=ce.EventDate.day(DAY))
    said = [str(a) for a in cl.assertions(asserting, {"fall": change})]
    assert said == ["Rebels holds Hama (SYR) on 2024-12-05",
                    "Syrian army does not hold Hama (SYR) on 2024-12-05"]
    assert cl.relate(holds, asserting, {"fall": change}) is cl.Relation.CONFIRMS
    assert cl.relate(holds, denying, {"fall": change}) is cl.Relation.CONTRADICTS
    # without the change, the claims have nothing in common to compare
    assert cl.relate(holds, asserting) is cl.Relation.UNRELATED
    support = cl.corroboration([asserting, denying, holds], changes=[change])
    assert support["holds"].confirmed_by == ("osdh",)
    assert support["holds"].contradicted_by == ("saa",)
    assert support["holds"].credibility is ce.Credibility.POSSIBLY_TRUE


def test_corroboration_explains_itself() -> None:
    a = claim("a", OSDH, holder=REBELS, place=HAMA)
    b = claim("b", ce.Source("witness"), holder=REBELS, place=HAMA)
    assert cl.corroboration([a, b])["a"].explain() == \
        "a: confirmed by witness: 1 (confirmed by other sources)"


_PLACES = st.sampled_from([HAMA, HOMS, ce.Location("Hamah", country="SYR")])
_HOLDERS = st.sampled_from([ARMY, REBELS, ce.Actor("SAA")])


@settings(max_examples=40)
@given(st.lists(strategies.claims(about=st.sampled_from(["x", "y"]), place=_PLACES,
                                  holder=st.none() | _HOLDERS), max_size=8))
def test_relations_are_symmetric_and_confirmation_is_mutual(claims: list[ce.Claim]) -> None:
    if len({c.id for c in claims}) != len(claims):
        return
    for a in claims:
        for b in claims:
            assert cl.relate(a, b) is cl.relate(b, a)
    support = cl.corroboration(claims)
    for a in claims:
        for b in claims:
            if a is b or support[a.id].claimant == support[b.id].claimant:
                continue
            if cl.relate(a, b) is cl.Relation.CONFIRMS:
                assert support[b.id].claimant in support[a.id].confirmed_by
                assert support[a.id].claimant in support[b.id].confirmed_by
        # nothing confirms a claim that no other claimant's claim asserts
        if not any(cl.relate(a, b) is cl.Relation.CONFIRMS for b in claims if b is not a):
            assert support[a.id].confirmed_by == ()
