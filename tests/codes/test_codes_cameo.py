"""CAMEO event and actor code books."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conflictevents.codes import cameo
from conflictevents.errors import UnknownCodeError

# Counts of GDELT's CAMEO.eventcodes.txt and CAMEO.goldsteinscale.txt (the same 311
# codes in both), counted by hand from the files: per level, and per root (root included);
# plus the seven codes of the CAMEO 1.1b3 manual that GDELT's tables lack (two 3-digit,
# five 4-digit), which have no Goldstein score.
MANUAL_ONLY = {"155", "176", "1213", "1214", "1834", "1951", "1952"}
EXPECTED_PER_LEVEL = {1: 20, 2: 147 + 2, 3: 144 + 5}
EXPECTED_PER_ROOT = {
    "01": 11, "02": 28, "03": 29, "04": 8, "05": 9, "06": 6, "07": 7, "08": 26, "09": 6,
    "10": 28, "11": 13, "12": 27 + 2, "13": 23, "14": 27, "15": 6 + 1, "16": 14,
    "17": 13 + 1, "18": 14 + 1, "19": 8 + 2, "20": 8,
}
EXPECTED_QUAD = {
    **dict.fromkeys(["01", "02", "03", "04", "05"], 1),
    **dict.fromkeys(["06", "07", "08", "09"], 2),
    **dict.fromkeys(["10", "11", "12", "13", "14"], 3),
    **dict.fromkeys(["15", "16", "17", "18", "19", "20"], 4),
}

ALL_CODES = [e.code for e in cameo.events()]


def test_counts_per_level() -> None:
    counts = {lvl: sum(1 for _ in cameo.events(level=lvl)) for lvl in (1, 2, 3)}
    assert counts == EXPECTED_PER_LEVEL
    assert len(ALL_CODES) == 318 == len(set(ALL_CODES))
    assert {e.code for e in cameo.events() if e.goldstein is None} == MANUAL_ONLY


def test_counts_per_root() -> None:
    assert {r: sum(1 for _ in cameo.events(root=r)) for r in EXPECTED_PER_ROOT} == (
        EXPECTED_PER_ROOT
    )


def test_every_root_has_its_quad_class() -> None:
    roots = {e.code: e.quad_class for e in cameo.events(level=1)}
    assert roots == EXPECTED_QUAD
    assert [(q.code, q.roots[0], q.roots[-1]) for q in cameo.quad_classes()] == [
        (1, "01", "05"), (2, "06", "09"), (3, "10", "14"), (4, "15", "20"),
    ]


@pytest.mark.parametrize("code", ALL_CODES)
def test_root_and_base_are_prefixes_that_exist(code: str) -> None:
    ev = cameo.event(code)
    assert code.isdigit()
    assert 2 <= len(code) <= 4
    assert ev.level == len(code) - 1
    assert code.startswith(ev.root)
    assert cameo.event(ev.root).level == 1
    if ev.level == 1:
        assert ev.base is None
    else:
        assert ev.base is not None
        assert code.startswith(ev.base)
        assert cameo.event(ev.base).level == 2
    assert ev.quad_class == EXPECTED_QUAD[ev.root]
    if code in MANUAL_ONLY:
        assert ev.goldstein is None
    else:
        assert ev.goldstein is not None
        assert -10.0 <= ev.goldstein <= 10.0
    assert ev.name
    assert ev.name == ev.name.strip()


def test_spot_facts() -> None:
    e010 = cameo.event("010")
    assert e010.name.startswith("Make statement")
    assert (e010.root, e010.quad_class) == ("01", 1)
    assert cameo.event("190").name.startswith("Use conventional military force")
    assert cameo.goldstein("190") == -10.0
    assert cameo.event("193").name == "Fight with small arms and light weapons"
    assert cameo.event("0841").name == "Return, release person(s)"
    assert cameo.goldstein("0874") == 10.0
    assert cameo.goldstein("057") == 8.0
    assert cameo.event("106").name == "Demand meeting, negotiation"
    assert cameo.event("044").name == 'Meet at a "third" location'


def test_codes_are_strings() -> None:
    assert cameo.event("10").name == "DEMAND"
    assert cameo.event("010").root == "01"
    with pytest.raises(UnknownCodeError):
        cameo.event(10)  # type: ignore[arg-type]
    for bad in ("", "0", "1", "21", "0000", "199", "abc", "01 0"):
        with pytest.raises(UnknownCodeError):
            cameo.event(bad)
        assert not cameo.is_event_code(bad)


@given(st.sampled_from(ALL_CODES), st.sampled_from(["", " ", "\t", "\n "]),
       st.sampled_from(["", " ", "\r\n"]))
def test_lookup_tolerates_whitespace(code: str, before: str, after: str) -> None:
    assert cameo.event(before + code + after).code == code
    assert cameo.is_event_code(before + code + after)
    assert cameo.root_of(before + code + after) == code[:2]


def test_unknown_code_error_names_the_code_book() -> None:
    with pytest.raises(UnknownCodeError) as info:
        cameo.event("999")
    assert info.value.codebook == "CAMEO event"
    assert info.value.code == "999"
    assert isinstance(info.value, LookupError)


# --------------------------------------------------------------------------------------
# Actors

COUNTRIES = [c.code for c in cameo.actor_countries()]
ROLES = [r.code for r in cameo.actor_roles()]
GROUPS = [g.code for g in cameo.known_groups()]
RELIGIONS = [r.code for r in cameo.religion_codes()]


def test_actor_table_sizes() -> None:
    # GDELT's CAMEO.country.txt: 3 sub-national areas, 25 regions, 233 countries;
    # CAMEO.type.txt: 39 rows; CAMEO.knowngroup.txt: 117 rows, of which CEM and WTO twice;
    # CAMEO.religion.txt: 31 rows; CAMEO.ethnic.txt: 639 codes once case is folded (ARB, KUR,
    # PAL are upper-case duplicates).
    # Beyond the file, every ISO 3166-1 alpha-3 code is a country code (22 of them today).
    kinds = [c.kind for c in cameo.actor_countries()]
    from_iso = {"ATA", "ATF", "BES", "BLM", "BVT", "CCK", "CUW", "CXR", "GGY",
                "HMD", "IMN", "IOT", "JEY", "MAF", "MNE", "ROU", "SGS", "SSD", "SXM", "TLS",
                "UMI", "XKX"}
    extra = {c.code for c in cameo.actor_countries()} & from_iso
    assert extra == from_iso
    # The CAMEO manual's KEDS actor codes (chapter 7) add 2 regions and 9 historical states,
    # its actor chapter one role (PTY) and its religious classification one religion (REL).
    assert (kinds.count("subnational"), kinds.count("region"), kinds.count("country"),
            kinds.count("historical")) == (3, 25 + 2, 233 + len(from_iso), 9)
    assert len(ROLES) == 39 + 1 == len(set(ROLES))
    assert len(GROUPS) == 115 == len(set(GROUPS))
    assert len(RELIGIONS) == 31 + 1
    assert len(list(cameo.ethnic_codes())) == 639


def test_actor_spot_facts() -> None:
    assert cameo.actor_country("syr").name == "Syria"
    assert cameo.actor_country("ROM").name == "Romania"  # CAMEO's code, not ISO's ROU
    assert cameo.actor_country("ROU").name == "Romania"  # ...and ISO's, which GDELT also uses
    assert cameo.parse_actor_code("SSDMIL").country == "SSD"
    for region in ("AFR", "ASA", "EUR", "MEA", "WST"):
        assert cameo.actor_country(region).kind == "region"
    expected_roles = {
        "GOV": "Government", "MIL": "Military", "REB": "Rebels", "INS": "Insurgents",
        "OPP": "Political Opposition", "CVL": "Civilian", "COP": "Police forces",
        "JUD": "Judiciary", "SPY": "State Intelligence", "UAF": "Unaligned Armed Forces",
        "IGO": "Inter-Governmental Organization", "IMG": "International Militarized Group",
        "NGO": "Non-Governmental Organization", "MED": "Media", "BUS": "Business",
        "CRM": "Criminal", "EDU": "Education", "ELI": "Elites", "LAB": "Labor",
        "LEG": "Legislature", "MNC": "Multinational Corporation",
        "NGM": "Non-Governmental Movement", "REF": "Refugees", "SEP": "Separatist Rebels",
        "HLH": "Health", "AGR": "Agriculture", "ENV": "Environmental", "RAD": "Radical",
        "SET": "Settler", "MOD": "Moderate",
    }
    for code, name in expected_roles.items():
        assert cameo.actor_role(code.lower()).name == name
    assert cameo.known_group("nat").name == "North Atlantic Treaty Organization (NATO)"
    assert cameo.known_group("UNO").name == "United Nations"
    assert cameo.religion_code(" sun ").name == "Sunni"
    assert cameo.ethnic_code("KUR").code == "kur"
    for lookup in (cameo.actor_country, cameo.actor_role, cameo.known_group,
                   cameo.religion_code, cameo.ethnic_code):
        with pytest.raises(UnknownCodeError):
            lookup("QQQ")


def test_parse_actor_code() -> None:
    assert cameo.parse_actor_code("SYRMIL") == cameo.CameoActorCode(
        code="SYRMIL", country="SYR", known_group=None, roles=("MIL",)
    )
    parsed = cameo.parse_actor_code(" igouno ")
    assert (parsed.code, parsed.country, parsed.known_group, parsed.roles) == (
        "IGOUNO", None, "UNO", ("IGO",),
    )
    assert cameo.parse_actor_code("REB").roles == ("REB",)
    assert cameo.parse_actor_code("IRQMILSHI").religions == ("SHI",)
    assert cameo.parse_actor_code("PSEREBHMS").known_group == "HMS"
    assert cameo.parse_actor_code("afr").country == "AFR"


@pytest.mark.parametrize("bad", ["", "SY", "SYRM", "SYRXXX", "QQQ", "SYR MIL", "SY1MIL", "ÉÉÉ"])
def test_parse_actor_code_rejects(bad: str) -> None:
    with pytest.raises(UnknownCodeError):
        cameo.parse_actor_code(bad)
    assert not cameo.is_actor_code(bad)


# roles that are also known groups (UNO, IRC, AMN) read as the known group when alone
PLAIN_ROLES = [r for r in ROLES if r not in set(GROUPS)]


@given(
    country=st.none() | st.sampled_from(COUNTRIES),
    roles=st.lists(st.sampled_from(PLAIN_ROLES), max_size=3),
    group=st.none() | st.sampled_from(GROUPS),
    religions=st.lists(st.sampled_from([r for r in RELIGIONS if r not in COUNTRIES]),
                       max_size=2),
    lower=st.booleans(),
)
def test_build_then_parse_round_trips(
    country: str | None, roles: list[str], group: str | None, religions: list[str],
    lower: bool,
) -> None:
    if country is None and not roles and group is None and not religions:
        with pytest.raises(UnknownCodeError):
            cameo.build_actor_code()
        return
    def case(s: str) -> str:
        return s.lower() if lower else s
    code = cameo.build_actor_code(
        country=None if country is None else case(country),
        roles=[case(r) for r in roles],
        known_group=None if group is None else case(group),
        religions=[case(r) for r in religions],
    )
    assert code == code.upper()
    parsed = cameo.parse_actor_code(code)
    assert parsed.code == code
    assert parsed.country == country
    assert parsed.roles == tuple(roles)
    assert parsed.known_group == group
    assert parsed.religions == tuple(religions)
    assert cameo.actor_country(country).code == country if country else True


def test_build_actor_code_rejects_unknown_parts() -> None:
    with pytest.raises(UnknownCodeError):
        cameo.build_actor_code(country="XXX")
    with pytest.raises(UnknownCodeError):
        cameo.build_actor_code(country="SYR", roles=["XXX"])


@pytest.mark.parametrize("code", sorted(MANUAL_ONLY))
def test_manual_only_codes_have_no_goldstein_score(code: str) -> None:
    ev = cameo.event(code)
    assert ev.goldstein is None
    assert cameo.goldstein(code) is None
    assert cameo.is_event_code(code)
    parent = ev.base if ev.level == 3 else ev.root
    assert parent is not None
    assert cameo.goldstein(parent) is not None  # their parents are GDELT's


def test_manual_only_names() -> None:
    assert cameo.event("1213").name == "Reject judicial cooperation"
    assert cameo.event("1214").name == "Reject intelligence cooperation"
    assert cameo.event("176").name == "Attack cybernetically"
    assert cameo.event("1951").root == "19"
    assert cameo.quad_class("1834") == 4


def test_codes_real_files_use() -> None:
    assert cameo.actor_country("COL").name == "Colombia"
    assert cameo.actor_country("HKG").name == "Hong Kong"
    assert cameo.ethnic_code("div").name == "Maldivian"
    assert cameo.ethnic_code("UZB").code == "uzb"
    assert cameo.known_group("NEP").name == "New Economic Partnership for Africa's Development"


def test_manual_actor_codes_real_files_use() -> None:
    # blocks of real GDELT actor codes that no GDELT lookup table has (1979 backfile rows,
    # 2013-2020 daily rows): all in the CAMEO 1.1b3 manual
    assert cameo.actor_country("GMW").kind == "historical"
    assert cameo.actor_country("SCG").name == "Serbia and Montenegro"
    assert cameo.parse_actor_code("OPPPTY").roles == ("OPP", "PTY")
    assert cameo.parse_actor_code("REL").religions == ("REL",)


@pytest.mark.parametrize("code", ALL_CODES)
def test_nearest_goldstein_is_the_codes_own_or_an_ancestors(code: str) -> None:
    scored, score = cameo.nearest_goldstein(code)
    own = cameo.goldstein(code)
    if own is not None:
        assert (scored, score) == (code, own)
    else:
        assert code.startswith(scored)
        assert scored != code
        assert cameo.goldstein(scored) == score
        assert scored in (cameo.base_of(code), cameo.root_of(code))
