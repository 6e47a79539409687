"""Control timelines: precision, partial and contested changes, conflicting reports,
events to changes, and properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictevents as ce
from conflictevents import strategies
from conflictevents.control import (
    AnswerStatus,
    ControlStatus,
    ControlTimeline,
    changes_from_events,
    place_key_with_admin1,
    territory_classifications,
)

ARMY = ce.Actor("Syrian army", kind=1, country="SYR")
REBELS = ce.Actor("Rebels", kind=2, country="SYR", aliases=("rebel coalition",))
SDF = ce.Actor("Syrian Democratic Forces", aliases=("SDF",))
TOWN = ce.Location("Deir ez-Zor", country="SYR")


def d(day: int) -> dt.date:
    return dt.date(2024, 12, day)


def change(cid: str, date: ce.EventDate, previous: ce.Actor | None, new: ce.Actor | None,
           **fields: object) -> ce.ControlChange:
    return ce.ControlChange(id=cid, location=fields.pop("location", TOWN), date=date,  # type: ignore[arg-type]
                            previous=previous, new=new, **fields)  # type: ignore[arg-type]


def test_early_december_makes_its_days_uncertain() -> None:
    timeline = ControlTimeline([change("c", ce.EventDate.span(d(1), d(10)), ARMY, REBELS)])
    before = timeline.holder(TOWN, on=dt.date(2024, 11, 30))
    assert before.holder == ARMY
    answer = timeline.holder(TOWN, on=d(5))
    assert answer.status is AnswerStatus.UNCERTAIN
    assert not answer.certain
    assert answer.holder is None
    assert answer.possible_holders == (ARMY, REBELS)
    assert [o.before for o in answer.outcomes] == [True, False]
    assert "uncertain" in str(answer)
    assert timeline.holder(TOWN, on=d(1)).status is AnswerStatus.UNCERTAIN
    last = timeline.holder(TOWN, on=d(10))
    assert last.certain
    assert last.holder == REBELS


def test_month_precision_is_uncertain_through_the_month() -> None:
    timeline = ControlTimeline([change("c", ce.EventDate.month_of(2024, 12), ARMY, REBELS)])
    assert timeline.holder(TOWN, on=d(20)).status is AnswerStatus.UNCERTAIN
    assert timeline.holder(TOWN, on=d(31)).holder == REBELS


def test_conflicting_reports_are_kept_and_disputed() -> None:
    a = change("a", ce.EventDate.day(d(8)), ARMY, REBELS, claims=("claim-1",))
    b = change("b", ce.EventDate.day(d(8)), ARMY, SDF, claims=("claim-2",))
    timeline = ControlTimeline([b, a])
    assert timeline.conflicts() == [(a, b)]
    answer = timeline.holder(TOWN, on=d(8))
    assert answer.status is AnswerStatus.DISPUTED
    assert answer.disputed
    assert answer.possible_holders == (REBELS, SDF)
    assert answer.claims == ("claim-1", "claim-2")
    assert timeline.holder(TOWN, on=d(7)).holder == ARMY
    assert timeline.history(TOWN) == (a, b)


def test_agreeing_reports_of_one_change_are_one_answer() -> None:
    a = change("a", ce.EventDate.day(d(8)), ARMY, REBELS)
    b = change("b", ce.EventDate.day(d(8)), None, ce.Actor("rebel coalition"), derived=True)
    timeline = ControlTimeline([a, b])
    assert timeline.conflicts() == []
    answer = timeline.holder(TOWN, on=d(9))
    assert answer.certain
    assert answer.holder == REBELS
    assert answer.changes == (a, b)


def test_a_later_change_replaces_an_earlier_one() -> None:
    taken = change("taken", ce.EventDate.day(d(1)), ARMY, REBELS)
    retaken = change("retaken", ce.EventDate.day(d(3)), REBELS, ARMY)
    timeline = ControlTimeline([retaken, taken])
    assert [timeline.holder(TOWN, on=d(n)).holder for n in (1, 2, 3, 4)] == [
        REBELS, REBELS, ARMY, ARMY]


def test_same_day_retaking_is_uncertain_not_disputed() -> None:
    taken = change("taken", ce.EventDate.day(d(1)), ARMY, REBELS)
    retaken = change("retaken", ce.EventDate.day(d(1)), REBELS, ARMY)
    timeline = ControlTimeline([taken, retaken])
    assert timeline.conflicts() == []
    assert timeline.holder(TOWN, on=d(1)).status is AnswerStatus.UNCERTAIN


def test_partial_and_contested_changes() -> None:
    partial = change("p", ce.EventDate.day(d(2)), ARMY, REBELS, completeness="partial")
    contested = change("c", ce.EventDate.day(d(4)), None, None, contested=True)
    lost = change("l", ce.EventDate.day(d(6)), ARMY, None)
    timeline = ControlTimeline([partial, contested, lost])
    on2 = timeline.holder(TOWN, on=d(2))
    assert on2.status is AnswerStatus.PARTIAL
    assert on2.holder is None
    assert on2.possible_holders == (REBELS, ARMY)
    assert "divided between Rebels and Syrian army" in str(on2)
    assert timeline.holder(TOWN, on=d(4)).status is AnswerStatus.CONTESTED
    assert timeline.holder(TOWN, on=d(6)).status is AnswerStatus.UNKNOWN
    assert timeline.holder(TOWN, on=d(6)).outcomes[0].status is ControlStatus.UNKNOWN


def test_place_keys() -> None:
    north = ce.Location("Tell Abyad", country="SYR", admin1="Raqqa")
    other = ce.Location("Tell Abyad", country="SYR", admin1="Hasakah")
    changes = [change("n", ce.EventDate.day(d(1)), ARMY, REBELS, location=north),
               change("o", ce.EventDate.day(d(1)), ARMY, SDF, location=other)]
    assert len(ControlTimeline(changes).conflicts()) == 1
    strict = ControlTimeline(changes, key=place_key_with_admin1)
    assert strict.conflicts() == []
    assert strict.holder(north, on=d(2)).holder == REBELS
    with pytest.raises(ce.ValidationError):
        ControlTimeline([*changes, change("x", ce.EventDate.day(d(1)), ARMY, REBELS,
                                          location=ce.Location("Tell Abyad", country="TUR"))
                         ]).holder("Tell Abyad", on=d(2))


def test_bad_arguments() -> None:
    timeline = ControlTimeline()
    with pytest.raises(ce.ValidationError):
        timeline.holder("x", on="5 December")
    with pytest.raises(ce.ValidationError):
        timeline.changes(between=(d(5), d(1)))
    with pytest.raises(ce.ValidationError):
        timeline.add("not a change")  # type: ignore[arg-type]


def test_territory_classifications_come_from_the_code_books() -> None:
    codes = territory_classifications()
    assert codes["cameo"] == ("192",)
    assert "Non-violent transfer of territory" in codes["acled"]


def _event(eid: str, classification: ce.Classification, actor1: ce.Actor | None,
           actor2: ce.Actor | None) -> ce.Event:
    return ce.Event(id=eid, date=d(5), classifications=(classification,), actor1=actor1,
                    actor2=actor2, location=TOWN)


def test_changes_from_events_rules() -> None:
    events = [
        _event("regain", ce.Classification("acled", "Government regains territory",
                                           parent="Battles"), ARMY, REBELS),
        _event("occupy", ce.Classification("cameo", "192"), REBELS, ARMY),
        _event("derived", ce.Classification("cameo", "192", derived=True, via="x"), SDF, None),
        _event("transfer", ce.Classification("acled", "Non-violent transfer of territory"),
               ARMY, SDF),
        _event("clash", ce.Classification("acled", "Armed clash"), ARMY, REBELS),
        _event("fight", ce.Classification("cameo", "193"), ARMY, REBELS),
        _event("nobody", ce.Classification("cameo", "192"), None, None),
        _event("self", ce.Classification("cameo", "192"), ARMY, ARMY),
    ]
    found = {c.events[0]: (c.previous, c.new) for c in changes_from_events(events)}
    assert found == {"regain": (REBELS, ARMY), "occupy": (ARMY, REBELS),
                     "derived": (None, SDF), "transfer": (ARMY, SDF)}
    flipped = changes_from_events(events[3:4], transfer_taker="actor1")
    assert (flipped[0].previous, flipped[0].new) == (SDF, ARMY)


# -- properties -----------------------------------------------------------------------------

_ACTORS = st.sampled_from([ARMY, REBELS, SDF, ce.Actor("ISIS")])


@st.composite
def _place_changes(draw: st.DrawFn) -> list[ce.ControlChange]:
    """Changes of one or two places with any dates, holders and flags."""
    places = [TOWN, ce.Location("Raqqa", country="SYR")]
    out = []
    for n in range(draw(st.integers(0, 8))):
        previous = draw(st.none() | _ACTORS)
        new = draw(st.none() | _ACTORS.filter(lambda a, p=previous: a != p))
        contested = draw(st.booleans()) or (previous is None and new is None)
        date = draw(strategies.event_dates().filter(lambda e: e.start.year > 1950))
        out.append(ce.ControlChange(
            id=f"c{n}", location=draw(st.sampled_from(places)), date=date,
            previous=previous, new=new, contested=contested,
            completeness=draw(st.sampled_from(list(ce.Completeness)))))
    return out


@given(_place_changes(), st.randoms(), strategies.dates())
def test_timeline_does_not_depend_on_the_order_of_changes(
    changes: list[ce.ControlChange], rnd: object, day: dt.date
) -> None:
    shuffled = list(changes)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    one, two = ControlTimeline(changes), ControlTimeline()
    for c in shuffled:
        two.add(c)
    assert one.changes() == two.changes()
    assert one.conflicts() == two.conflicts()
    for place in one.places():
        assert one.history(place) == two.history(place)
        assert one.holder(place, on=day) == two.holder(place, on=day)
        for c in one.history(place):
            assert one.holder(place, on=c.date.latest) == two.holder(place, on=c.date.latest)


@given(st.lists(st.tuples(strategies.dates(), _ACTORS, st.none() | _ACTORS), max_size=6,
                unique_by=lambda t: t[0]))
def test_holder_on_the_day_of_a_change_is_its_new_holder(
    rows: list[tuple[dt.date, ce.Actor, ce.Actor | None]],
) -> None:
    changes = [
        change(f"c{i}", ce.EventDate.day(day), previous if previous != new else None, new)
        for i, (day, new, previous) in enumerate(rows)
    ]
    timeline = ControlTimeline(changes)
    for c in changes:
        answer = timeline.holder(TOWN, on=c.date.start)
        assert answer.certain
        assert answer.holder == c.new
        assert answer.changes == (c,)
