"""The seed story: a news report of 5 December 2024 on the rebel offensive in Syria.

Rebels led by Hayat Tahrir al-Sham (HTS) entered Hama, after Aleppo fell on 1 December. The
Syrian Observatory for Human Rights (OSDH) reported street fighting; the Syrian army said its
forces had "redeployed" outside the city; a rebel commander announced on Telegram that Hama
central prison was taken and hundreds of inmates freed. Earlier that day, a statement carried
by the state news agency had said the army was holding its positions in the city: a claim the
others contradict (it is the last record, so that the earlier records keep their places).

The claims are recorded as what they assert about control: the army's "redeployed" is a
euphemism for a withdrawal, so it is recorded as the army *denying* that it holds Hama
(``stance="denies"``, ``holder`` the army); the rebel commander asserts that the rebel
coalition holds it; the earlier statement asserts that the army holds it. The Observatory's
report is about the street fighting (an event), not about who holds the city. None carries a
grading: :data:`RELIABILITY` grades the sources, and the credibility of each claim comes from
the others (:func:`conflictevents.claims.grade`).

Run it to write the records to ``hama-2024.jsonl`` beside this file and print the answers::

    python examples/hama_2024.py

Other code can import :func:`build` to get the records and :func:`answers` to get the
answers:

>>> for line in answers():
...     print(line)
Hama (SYR) on 2024-12-04: held by Military Forces of Syria (2000-2024) (certain; rests on hama2024-control-hama)
Hama (SYR) on 2024-12-06: held by Military Operations Command (certain; rests on hama2024-control-hama); supported by hama2024-claim-army (C2), hama2024-claim-rebels (F4); contradicted by hama2024-claim-army-denial (C5)
disagreement: hama2024-claim-army and hama2024-claim-army-denial disagree on stance about 'control of Hama (SYR)': 'denies' vs 'asserts'
disagreement: hama2024-claim-army-denial and hama2024-claim-rebels disagree on holder about 'control of Hama (SYR)': 'Military Forces of Syria (2000-2024)' vs 'Military Operations Command'
grade: hama2024-claim-army C2: confirmed by no independent claimant; consistent with military operations command commander: 2 (probably true)
grade: hama2024-claim-army-denial C5: confirmed by no independent claimant; contradicted by military operations command commander: 5 (improbable)
grade: hama2024-claim-osdh B6: confirmed by no independent claimant: 6 (truth cannot be judged)
grade: hama2024-claim-rebels F4: confirmed by no independent claimant; contradicted by military forces of syria (2000-2024); consistent with military forces of syria (2000-2024): 4 (doubtful)
"""  # noqa: E501

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import conflictevents as ce
from conflictevents import claims as cl
from conflictevents.control import ControlTimeline

REPORT_DAY = dt.date(2024, 12, 5)

#: How reliable each claimant is (the Admiralty letter): a judgement about the source's
#: record, which the data cannot make. The Observatory has a long record of checked reports
#: (B, usually reliable); the Syrian army's statements have often been contradicted (C, fairly
#: reliable); a rebel commander's Telegram channel has no record to judge (left out: F).
RELIABILITY = {
    "Syrian Observatory for Human Rights (OSDH)": "B",
    "Syrian army": "C",
}

# -- actors ----------------------------------------------------------------------------------

HTS = ce.Actor(
    "Hayat Tahrir al-Sham",
    kind=ce.ActorKind.REBEL_GROUP,
    country="SYR",
    cameo_code="SYRREB",
    aliases=("HTS",),
)
REBEL_COALITION = ce.Actor(
    "Military Operations Command",
    kind=ce.ActorKind.REBEL_GROUP,
    country="SYR",
    cameo_code="SYRREB",
    aliases=("rebel coalition", "Department of Military Operations"),
)
SYRIAN_ARMY = ce.Actor(
    "Military Forces of Syria (2000-2024)",
    kind=ce.ActorKind.STATE_FORCES,
    country="SYR",
    cameo_code="SYRMIL",
    aliases=("Syrian army", "Syrian Arab Army"),
)
REBEL_COMMANDER = ce.Actor(
    "Military Operations Command commander",
    kind=ce.ActorKind.REBEL_GROUP,
    country="SYR",
    aliases=("rebel commander",),
)

# -- places ----------------------------------------------------------------------------------

HAMA = ce.Location("Hama", country="SYR", admin1="Hama", admin1_code="SY-HM",
                   latitude=35.1318, longitude=36.7578, precision=ce.GeoPrecision.EXACT)
ALEPPO = ce.Location("Aleppo", country="SYR", admin1="Aleppo", admin1_code="SY-HL",
                     latitude=36.2021, longitude=37.1343, precision=ce.GeoPrecision.EXACT)
HOMS = ce.Location("Homs", country="SYR", admin1="Homs", admin1_code="SY-HI",
                   latitude=34.7324, longitude=36.7137, precision=ce.GeoPrecision.EXACT)
DAMASCUS = ce.Location("Damascus", country="SYR", admin1="Damascus", admin1_code="SY-DI",
                       latitude=33.5138, longitude=36.2765, precision=ce.GeoPrecision.EXACT)
HAMA_CENTRAL_PRISON = ce.Location("Hama central prison", country="SYR", admin1="Hama",
                                  admin1_code="SY-HM", latitude=35.1318, longitude=36.7578,
                                  precision=ce.GeoPrecision.NEAR)

# -- sources ---------------------------------------------------------------------------------

OSDH = ce.Source("Syrian Observatory for Human Rights (OSDH)", scale="Other")
NEWS_REPORT = ce.Source("News report of 5 December 2024", published=REPORT_DAY,
                        scale="International")
TELEGRAM = ce.Source("Military Operations Command Telegram channel", scale="New media")
SANA = ce.Source("Syrian Arab News Agency (SANA)", scale="National")


def _acled(sub_event_type: str, event_type: str) -> ce.Classification:
    return ce.Classification("acled", sub_event_type, parent=event_type)


def _cameo(code: str) -> ce.Classification:
    return ce.Classification("cameo", code)


def build() -> list[ce.Record]:
    """Every record of the story: events, then claims, then the two changes of control, then
    the army's earlier denial (a claim that disagrees with the others)."""
    aleppo_falls = ce.Event(
        id="hama2024-aleppo-falls",
        date=ce.EventDate.day(dt.date(2024, 12, 1)),
        classifications=(_acled("Non-state actor overtakes territory", "Battles"),
                         _cameo("192")),
        actor1=REBEL_COALITION, actor2=SYRIAN_ARMY, associates1=(HTS,),
        location=ALEPPO, sources=(NEWS_REPORT,),
        notes="Aleppo fell to the rebel offensive led by HTS.",
    )
    hama_fighting = ce.Event(
        id="hama2024-hama-fighting",
        date=ce.EventDate.day(REPORT_DAY),
        classifications=(_acled("Armed clash", "Battles"), _cameo("193")),
        actor1=REBEL_COALITION, actor2=SYRIAN_ARMY, associates1=(HTS,),
        location=HAMA, sources=(OSDH, NEWS_REPORT),
        notes="Rebels entered Hama; OSDH reported street fighting.",
    )
    army_redeploys = ce.Event(
        id="hama2024-army-redeploys",
        date=ce.EventDate.day(REPORT_DAY),
        classifications=(_acled("Non-violent transfer of territory", "Strategic developments"),
                         _cameo("0874")),
        actor1=SYRIAN_ARMY, actor2=REBEL_COALITION,
        location=HAMA, sources=(NEWS_REPORT,),
        notes='The Syrian army said its forces had "redeployed" outside the city.',
    )
    prison_taken = ce.Event(
        id="hama2024-prison-taken",
        date=ce.EventDate.day(REPORT_DAY),
        classifications=(_acled("Other", "Strategic developments"), _cameo("0841")),
        actor1=REBEL_COALITION, associates1=(HTS,),
        location=HAMA_CENTRAL_PRISON, sources=(TELEGRAM, NEWS_REPORT),
        notes="A rebel commander announced that Hama central prison was taken and hundreds "
              "of inmates freed.",
        tags=("prison release",),
    )

    osdh_claim = ce.Claim(
        id="hama2024-claim-osdh",
        statement="Rebels have entered Hama and are fighting government forces in the streets.",
        claimant=OSDH, channel=ce.Channel.REPORT, made_on=ce.EventDate.day(REPORT_DAY),
        reported_by=(NEWS_REPORT,), about=hama_fighting.id,
        date=ce.EventDate.day(REPORT_DAY), place=HAMA,
    )
    army_claim = ce.Claim(
        id="hama2024-claim-army",
        statement='Our forces have "redeployed" and taken up positions outside the city.',
        claimant=SYRIAN_ARMY, quoted=True, channel=ce.Channel.STATEMENT,
        made_on=ce.EventDate.day(REPORT_DAY), reported_by=(NEWS_REPORT,),
        about="hama2024-control-hama", stance=ce.Stance.DENIES, holder=SYRIAN_ARMY,
        date=ce.EventDate.day(REPORT_DAY), place=HAMA,
    )
    rebel_claim = ce.Claim(
        id="hama2024-claim-rebels",
        statement="Hama central prison has been taken and hundreds of inmates freed.",
        claimant=REBEL_COMMANDER, channel=ce.Channel.TELEGRAM,
        made_on=ce.EventDate.day(REPORT_DAY), reported_by=(NEWS_REPORT,),
        about="hama2024-control-hama",
        date=ce.EventDate.day(REPORT_DAY), place=HAMA, holder=REBEL_COALITION,
    )

    aleppo_control = ce.ControlChange(
        id="hama2024-control-aleppo", location=ALEPPO, date=ce.EventDate.day(dt.date(2024, 12, 1)),
        previous=SYRIAN_ARMY, new=REBEL_COALITION, events=(aleppo_falls.id,),
    )
    hama_control = ce.ControlChange(
        id="hama2024-control-hama", location=HAMA, date=ce.EventDate.day(REPORT_DAY),
        previous=SYRIAN_ARMY, new=REBEL_COALITION,
        claims=(army_claim.id, rebel_claim.id),
        events=(hama_fighting.id, army_redeploys.id, prison_taken.id),
    )
    army_denial = ce.Claim(
        id="hama2024-claim-army-denial",
        statement="Army units are holding their positions in Hama and repelling the attack.",
        claimant=SYRIAN_ARMY, channel=ce.Channel.STATEMENT,
        made_on=ce.EventDate.day(REPORT_DAY), reported_by=(SANA,),
        about=hama_control.id, date=ce.EventDate.day(REPORT_DAY),
        place=HAMA, holder=SYRIAN_ARMY,
    )
    return [aleppo_falls, hama_fighting, army_redeploys, prison_taken,
            osdh_claim, army_claim, rebel_claim, aleppo_control, hama_control, army_denial]


def answers(records: list[ce.Record] | None = None) -> list[str]:
    """The seed story's questions, answered: who held Hama on 4 and on 6 December 2024 (and
    what the answer rests on), which claims disagree and why, and how each claim is graded
    and why."""
    records = build() if records is None else records
    changes = [r for r in records if isinstance(r, ce.ControlChange)]
    claims = cl.grade([r for r in records if isinstance(r, ce.Claim)], RELIABILITY,
                      changes=changes)
    timeline = ControlTimeline(changes, claims=claims)
    out = [str(timeline.holder("Hama", on=day))
           for day in (dt.date(2024, 12, 4), dt.date(2024, 12, 6))]
    out += [f"disagreement: {d}" for d in cl.find_disagreements(claims, changes=changes)]
    support = cl.corroboration(claims, changes=changes)
    for claim in sorted(claims, key=lambda c: c.id):
        out.append(f"grade: {claim.id} {claim.reliability}: "
                   f"{support[claim.id].explain().split(': ', 1)[1]}")
    return out


def main() -> int:
    records = build()
    for line in answers(records):
        print(line)
    target = Path(__file__).with_name("hama-2024.jsonl")
    report = ce.write(records, target, format="jsonl")
    print(f"\nwrote {report.written} records to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
