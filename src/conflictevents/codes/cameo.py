"""The CAMEO code books: event codes (with QuadClass and Goldstein scale) and actor codes.

CAMEO (Conflict and Mediation Event Observations, version 1.1b3) is the event and actor
coding scheme of GDELT 1.0/2.0 and of the original ICEWS. Its event codes are strings of two
to four digits arranged in a tree: 20 *root* codes (``"01"`` to ``"20"``, the cue
categories), their 3-digit *base* codes (``"010"``) and the 4-digit codes under some base
codes (``"0841"``). A code is always a string: ``"010"`` is not ``10``.

Actor codes are strings of 3-letter blocks, such as ``"SYRMIL"`` (Syrian military) or
``"IGOUNO"`` (an inter-governmental organization, the United Nations). The first block may
be a country or region code; the others are role ("type") codes, a known-group code or
religion codes. :func:`parse_actor_code` splits one, :func:`build_actor_code` makes one.

Look-ups are tolerant of case and surrounding whitespace and return canonical codes. An
unknown code raises :class:`~conflictevents.errors.UnknownCodeError`. The tables are read from
the package's data files the first time they are needed, not on import.

>>> from conflictevents.codes import cameo
>>> cameo.event("193").name
'Fight with small arms and light weapons'
>>> cameo.event(" 190 ").goldstein
-10.0
>>> cameo.parse_actor_code("syrmil").roles
('MIL',)
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Literal, TypeVar

import attrs

from conflictevents.codes._loader import clean_code, look_up, read_table
from conflictevents.errors import UnknownCodeError

__all__ = [
    "ActorCodePart",
    "CameoActorBlocks",
    "CameoActorCode",
    "CameoCodeName",
    "CameoCountry",
    "CameoEthnicGroup",
    "CameoEvent",
    "CameoKnownGroup",
    "CameoQuadClass",
    "CameoReligion",
    "CameoRole",
    "actor_countries",
    "actor_country",
    "actor_role",
    "actor_roles",
    "base_of",
    "build_actor_code",
    "ethnic_code",
    "ethnic_codes",
    "event",
    "events",
    "goldstein",
    "is_actor_code",
    "is_event_code",
    "known_group",
    "known_groups",
    "nearest_goldstein",
    "parse_actor_code",
    "quad_class",
    "quad_classes",
    "religion_code",
    "religion_codes",
    "root_of",
    "split_actor_code",
]

EVENT_CODEBOOK = "CAMEO event"
QUAD_CODEBOOK = "CAMEO QuadClass"
COUNTRY_CODEBOOK = "CAMEO country"
ROLE_CODEBOOK = "CAMEO actor type"
KNOWN_GROUP_CODEBOOK = "CAMEO known group"
ETHNIC_CODEBOOK = "CAMEO ethnic"
RELIGION_CODEBOOK = "CAMEO religion"
ACTOR_CODEBOOK = "CAMEO actor"


# --------------------------------------------------------------------------------------
# Records


@attrs.frozen
class CameoEvent:
    """One CAMEO event code.

    :ivar code: the code, two to four digits, e.g. ``"0841"``.
    :ivar name: its description in the code book, e.g. ``"Return, release person(s)"``;
        root codes have upper-case names (``"FIGHT"``).
    :ivar root: the 2-digit root code (cue category), e.g. ``"08"``.
    :ivar base: the 3-digit base code, e.g. ``"084"``; ``None`` for a root code.
    :ivar level: 1 for a root code, 2 for a base code, 3 for a 4-digit code.
    :ivar quad_class: the QuadClass: 1 verbal cooperation (roots 01-05), 2 material
        cooperation (06-09), 3 verbal conflict (10-14), 4 material conflict (15-20).
    :ivar goldstein: the Goldstein scale score GDELT assigns to the code, from -10 to +10;
        ``None`` for the seven codes of the CAMEO 1.1b3 manual that GDELT's tables lack
        (155, 176, 1213, 1214, 1834, 1951, 1952): no score has been published for them, and
        none is invented here.

    >>> e = event("1951")
    >>> e.root, e.base, e.level, e.quad_class
    ('19', '195', 3, 4)
    """

    code: str
    name: str
    root: str
    base: str | None
    level: int
    quad_class: int
    goldstein: float | None


@attrs.frozen
class CameoQuadClass:
    """One of CAMEO's four QuadClasses.

    :ivar code: 1, 2, 3 or 4.
    :ivar name: e.g. ``"Verbal Cooperation"``.
    :ivar roots: the root codes in the class, e.g. ``("01", "02", "03", "04", "05")``.

    >>> q = list(quad_classes())[quad_class("190") - 1]
    >>> q.code, q.name, q.roots
    (4, 'Material Conflict', ('15', '16', '17', '18', '19', '20'))
    """

    code: int
    name: str
    roots: tuple[str, ...]


@attrs.frozen
class CameoCountry:
    """A CAMEO country, region or sub-national area code (the first block of an actor code).

    :ivar code: the 3-letter code, e.g. ``"SYR"``, ``"MEA"``.
    :ivar name: e.g. ``"Syria"``, ``"Middle East"``.
    :ivar kind: ``"country"`` (mostly ISO 3166-1 alpha-3, with CAMEO's own ``ROM``, ``TMP``
        and ``MTN``), ``"region"`` (``AFR``, ``MEA``, ``WST`` ...; ``KAS`` Kashmir),
        ``"subnational"`` (``WSB`` West Bank, ``GZS`` Gaza Strip, ``BAG`` Baghdad) or
        ``"historical"``, a state that no longer exists (``GMW`` Federal Republic of Germany
        (Bonn), ``USR`` USSR, ``YUG``, ``SCG``), which GDELT's backfile rows use.

    >>> place = actor_country("SYR")
    >>> place.name, place.kind
    ('Syria', 'country')
    """

    code: str
    name: str
    kind: str


@attrs.frozen
class CameoCodeName:
    """A CAMEO code and its name: the shape of the actor code books that hold nothing else
    (:class:`CameoRole`, :class:`CameoKnownGroup`, :class:`CameoEthnicGroup`,
    :class:`CameoReligion`).

    :ivar code: the code, canonical, e.g. ``"MIL"``.
    :ivar name: its name in the code book, e.g. ``"Military"``.

    >>> isinstance(actor_role("MIL"), CameoCodeName)
    True
    """

    code: str
    name: str


@attrs.frozen
class CameoRole(CameoCodeName):
    """A CAMEO actor type (role) code, as in GDELT's ``Actor1Type1Code``: ``"MIL"``,
    ``"Military"``.

    >>> actor_role("MIL").name
    'Military'
    """


@attrs.frozen
class CameoKnownGroup(CameoCodeName):
    """A CAMEO known-group code (IGOs, NGOs, armed groups), as in GDELT's
    ``Actor1KnownGroupCode``: ``"NAT"``, ``"North Atlantic Treaty Organization (NATO)"``.

    >>> known_group("UNO").name
    'United Nations'
    """


@attrs.frozen
class CameoEthnicGroup(CameoCodeName):
    """A CAMEO ethnic code, as in GDELT's ``Actor1EthnicCode`` (lower case): ``"kur"``,
    ``"Kurd"``.

    >>> ethnic_code("KUR").code
    'kur'
    """


@attrs.frozen
class CameoReligion(CameoCodeName):
    """A CAMEO religion code, as in GDELT's ``Actor1Religion1Code``: ``"SUN"``,
    ``"Sunni"``.

    >>> religion_code("sun").code
    'SUN'
    """


@attrs.frozen
class CameoActorCode:
    """A CAMEO actor code split into its 3-letter blocks.

    :ivar code: the whole code, canonical (upper case), e.g. ``"SYRMIL"``.
    :ivar country: the country, region or sub-national code of the first block, or ``None``.
    :ivar known_group: the known-group code, or ``None`` (at most one per actor code, as
        in GDELT's single ``KnownGroupCode`` column).
    :ivar roles: the role (type) codes, in order, e.g. ``("MIL",)``.
    :ivar religions: the religion codes, in order.

    >>> code = parse_actor_code("SYRREBMIL")
    >>> code.country, code.known_group, code.roles
    ('SYR', None, ('REB', 'MIL'))
    """

    code: str
    country: str | None
    known_group: str | None
    roles: tuple[str, ...]
    religions: tuple[str, ...] = ()


# --------------------------------------------------------------------------------------
# Tables (read on first use)

_T = TypeVar("_T")


@cache
def _quad_table() -> dict[int, CameoQuadClass]:
    out: dict[int, CameoQuadClass] = {}
    for row in read_table("cameo_quad_classes.csv"):
        first, last = int(row["first_root"]), int(row["last_root"])
        roots = tuple(f"{n:02d}" for n in range(first, last + 1))
        out[int(row["quad_class"])] = CameoQuadClass(int(row["quad_class"]), row["name"], roots)
    return out


@cache
def _root_quads() -> dict[str, int]:
    return {root: q.code for q in _quad_table().values() for root in q.roots}


@cache
def _events() -> dict[str, CameoEvent]:
    quads = _root_quads()
    out: dict[str, CameoEvent] = {}
    for row in read_table("cameo_events.csv"):
        code = row["code"]
        out[code] = CameoEvent(
            code=code,
            name=row["name"],
            root=code[:2],
            base=code[:3] if len(code) > 2 else None,
            level=len(code) - 1,
            quad_class=quads[code[:2]],
            goldstein=float(row["goldstein"]) if row["goldstein"] else None,
        )
    return out


@cache
def _countries() -> dict[str, CameoCountry]:
    table = {
        r["code"]: CameoCountry(r["code"], r["name"], r["kind"])
        for r in read_table("cameo_countries.csv")
    }
    # CAMEO's country codes are ISO 3166-1 alpha-3 codes, and GDELT's coders use codes its
    # CAMEO.country.txt predates or lacks (SSD, MNE, COL...). Every ISO code that is not also
    # a role or known-group code is therefore a country code too.
    from conflictevents import places

    taken = set(_roles()) | {r["code"] for r in read_table("cameo_known_groups.csv")}
    for alpha3 in places.country_codes():
        if alpha3 not in table and alpha3 not in taken:
            table[alpha3] = CameoCountry(alpha3, places.country_name(alpha3), "country")
    return table


def _by_code(kind: Callable[[str, str], _T], table: str) -> dict[str, _T]:
    """The code-and-name entries of the data file *table*, by code."""
    return {r["code"]: kind(r["code"], r["name"]) for r in read_table(table)}


@cache
def _roles() -> dict[str, CameoRole]:
    return _by_code(CameoRole, "cameo_types.csv")


@cache
def _known_groups() -> dict[str, CameoKnownGroup]:
    return _by_code(CameoKnownGroup, "cameo_known_groups.csv")


@cache
def _ethnic() -> dict[str, CameoEthnicGroup]:
    return _by_code(CameoEthnicGroup, "cameo_ethnic.csv")


@cache
def _religions() -> dict[str, CameoReligion]:
    return _by_code(CameoReligion, "cameo_religions.csv")


# --------------------------------------------------------------------------------------
# Event codes


def event(code: str) -> CameoEvent:
    """The CAMEO event code *code*.

    :param code: a code such as ``"193"``; case and surrounding whitespace are ignored.
    :returns: its record.
    :raises UnknownCodeError: if *code* is not a CAMEO event code (``"10"`` is the root
        DEMAND, ``"010"`` is "Make statement"; the integer ``10`` is neither).
    """
    return look_up(_events(), clean_code(code, EVENT_CODEBOOK), EVENT_CODEBOOK, code)


def events(*, level: int | None = None, root: str | None = None) -> Iterator[CameoEvent]:
    """Every CAMEO event code, in code-book order (each root followed by its sub-codes).

    :param level: only codes of this level (1 root, 2 base, 3 four-digit).
    :param root: only codes under this root code, e.g. ``"19"``.
    :raises UnknownCodeError: if *root* is not a root code.
    """
    root_key = None
    if root is not None:
        root_key = clean_code(root, EVENT_CODEBOOK)
        if root_key not in _root_quads():
            raise UnknownCodeError(EVENT_CODEBOOK, root)
    for ev in _events().values():
        if level is not None and ev.level != level:
            continue
        if root_key is not None and ev.root != root_key:
            continue
        yield ev


def is_event_code(code: object) -> bool:
    """Whether *code* is a CAMEO event code (a string; case and whitespace are ignored).

    >>> is_event_code("193"), is_event_code(" 0871 "), is_event_code("999"), is_event_code(193)
    (True, True, False, False)
    """
    return isinstance(code, str) and code.strip().upper() in _events()


def root_of(code: str) -> str:
    """The 2-digit root code of the event code *code*, e.g. ``"19"`` for ``"193"``.

    :raises UnknownCodeError: if *code* is not a CAMEO event code.
    """
    return event(code).root


def base_of(code: str) -> str | None:
    """The 3-digit base code of the event code *code* (``None`` for a root code).

    :raises UnknownCodeError: if *code* is not a CAMEO event code.

    >>> base_of("1951"), base_of("195"), base_of("19")
    ('195', '195', None)
    """
    return event(code).base


def quad_class(code: str) -> int:
    """The QuadClass (1-4) of the event code *code*.

    :raises UnknownCodeError: if *code* is not a CAMEO event code.
    """
    return event(code).quad_class


def goldstein(code: str) -> float | None:
    """The Goldstein scale score (-10 to +10) GDELT assigns to the event code *code*.

    >>> goldstein("190")
    -10.0
    >>> goldstein("1213") is None  # in the CAMEO manual, not in GDELT's Goldstein table
    True

    :returns: the score, or ``None`` for a code of the CAMEO manual that GDELT's
        ``CAMEO.goldsteinscale.txt`` does not list (155, 176, 1213, 1214, 1834, 1951, 1952).
    :raises UnknownCodeError: if *code* is not a CAMEO event code.
    """
    return event(code).goldstein


def nearest_goldstein(code: str) -> tuple[str, float]:
    """The Goldstein score of *code*, or, for a code GDELT does not score, of its nearest
    ancestor that GDELT does score, with the code whose score it is.

    For a writer that must fill a Goldstein column (GDELT's ``GoldsteinScale``): a score
    taken from another code is derived, and should be reported as such.

    >>> nearest_goldstein("193")
    ('193', -10.0)
    >>> nearest_goldstein("1213")  # no score of its own: its base code's
    ('121', -4.0)

    :returns: ``(scored_code, score)``; *scored_code* is *code* itself (canonical) when GDELT
        scores it, else its base code, else its root (every root is scored).
    :raises UnknownCodeError: if *code* is not a CAMEO event code.
    """
    ev = event(code)
    for key in (ev.code, ev.base, ev.root):
        if key is not None:
            score = _events()[key].goldstein
            if score is not None:
                return key, score
    raise AssertionError(f"root {ev.root} has no Goldstein score")  # pragma: no cover


def quad_classes() -> Iterator[CameoQuadClass]:
    """The four QuadClasses, in order 1 to 4.

    >>> [q.name for q in quad_classes()]
    ['Verbal Cooperation', 'Material Cooperation', 'Verbal Conflict', 'Material Conflict']
    """
    yield from _quad_table().values()


# --------------------------------------------------------------------------------------
# Actor codes


def actor_country(code: str) -> CameoCountry:
    """The CAMEO country, region or sub-national code *code* (e.g. ``"SYR"``, ``"AFR"``).

    :raises UnknownCodeError: if it is not one.

    >>> actor_country("afr").name
    'Africa'
    """
    return look_up(_countries(), clean_code(code, COUNTRY_CODEBOOK), COUNTRY_CODEBOOK, code)


def actor_role(code: str) -> CameoRole:
    """The CAMEO actor type (role) code *code* (e.g. ``"MIL"``).

    :raises UnknownCodeError: if it is not one.

    >>> actor_role(" reb ").code
    'REB'
    """
    return look_up(_roles(), clean_code(code, ROLE_CODEBOOK), ROLE_CODEBOOK, code)


def known_group(code: str) -> CameoKnownGroup:
    """The CAMEO known-group code *code* (e.g. ``"NAT"``, ``"UNO"``).

    :raises UnknownCodeError: if it is not one.
    """
    return look_up(_known_groups(), clean_code(code, KNOWN_GROUP_CODEBOOK),
                   KNOWN_GROUP_CODEBOOK, code)


_known_group_lookup = known_group  # build_actor_code's parameter shadows the name


def ethnic_code(code: str) -> CameoEthnicGroup:
    """The CAMEO ethnic code *code* (e.g. ``"kur"``; returned in canonical lower case).

    :raises UnknownCodeError: if it is not one.

    >>> ethnic_code("KUR").name
    'Kurd'
    """
    return look_up(_ethnic(), clean_code(code, ETHNIC_CODEBOOK).lower(), ETHNIC_CODEBOOK, code)


def religion_code(code: str) -> CameoReligion:
    """The CAMEO religion code *code* (e.g. ``"SUN"``).

    :raises UnknownCodeError: if it is not one.

    >>> religion_code("SUN").name
    'Sunni'
    """
    return look_up(_religions(), clean_code(code, RELIGION_CODEBOOK), RELIGION_CODEBOOK, code)


def actor_countries() -> Iterator[CameoCountry]:
    """Every CAMEO country, region and sub-national code, in code-book order.

    >>> "SYR" in {place.code for place in actor_countries()}
    True
    """
    yield from _countries().values()


def actor_roles() -> Iterator[CameoRole]:
    """Every CAMEO actor type (role) code, in code-book order.

    >>> [role.code for role in actor_roles()][:4]
    ['COP', 'GOV', 'INS', 'JUD']
    """
    yield from _roles().values()


def known_groups() -> Iterator[CameoKnownGroup]:
    """Every CAMEO known-group code, in code-book order.

    >>> "UNO" in {group.code for group in known_groups()}
    True
    """
    yield from _known_groups().values()


def ethnic_codes() -> Iterator[CameoEthnicGroup]:
    """Every CAMEO ethnic code, in alphabetical order.

    >>> next(ethnic_codes()).code
    'aar'
    """
    yield from _ethnic().values()


def religion_codes() -> Iterator[CameoReligion]:
    """Every CAMEO religion code, in code-book order.

    >>> [religion.code for religion in religion_codes()][:4]
    ['ADR', 'ALE', 'ATH', 'BAH']
    """
    yield from _religions().values()


def parse_actor_code(code: str) -> CameoActorCode:
    """Split the CAMEO actor code *code* into its 3-letter blocks.

    Each block is read as the first of these that applies:

    1. a country, region or sub-national code (first block only);
    2. a known-group code, if no known group has been read yet;
    3. a role (type) code;
    4. a religion code.

    So ``"SYRMIL"`` is Syria's military, ``"IGOUNO"`` the role IGO with the known group
    UNO, ``"UNO"`` alone the known group UNO, and ``"REB"`` alone a role without country.

    :param code: the actor code; case and surrounding whitespace are ignored.
    :returns: the blocks, with canonical codes.
    :raises UnknownCodeError: if *code* is empty, its length is not a multiple of three,
        it has characters other than ASCII letters, or a block is in no code book.
    """
    key = clean_code(code, ACTOR_CODEBOOK)
    if not key or len(key) % 3 or not (key.isascii() and key.isalpha()):
        raise UnknownCodeError(ACTOR_CODEBOOK, code)
    country: str | None = None
    group: str | None = None
    roles: list[str] = []
    religions: list[str] = []
    for i in range(0, len(key), 3):
        block = key[i : i + 3]
        if i == 0 and block in _countries():
            country = block
        elif group is None and block in _known_groups():
            group = block
        elif block in _roles():
            roles.append(block)
        elif block in _religions():
            religions.append(block)
        else:
            raise UnknownCodeError(ACTOR_CODEBOOK, code)
    return CameoActorCode(key, country, group, tuple(roles), tuple(religions))


def build_actor_code(
    *,
    country: str | None = None,
    known_group: str | None = None,
    roles: Iterable[str] = (),
    religions: Iterable[str] = (),
) -> str:
    """Make a CAMEO actor code: country, then roles, then known group, then religions.

    >>> build_actor_code(country="syr", roles=["mil"])
    'SYRMIL'
    >>> build_actor_code(known_group="UNO", roles=["IGO"])
    'IGOUNO'

    :param country: a country, region or sub-national code.
    :param known_group: a known-group code.
    :param roles: role (type) codes.
    :param religions: religion codes.
    :returns: the canonical (upper-case) actor code.
    :raises UnknownCodeError: if a part is not in its code book, or nothing is given.
    """
    parts: list[str] = []
    if country is not None:
        parts.append(actor_country(country).code)
    parts.extend(actor_role(r).code for r in roles)
    if known_group is not None:
        parts.append(_known_group_lookup(known_group).code)
    parts.extend(religion_code(r).code for r in religions)
    if not parts:
        raise UnknownCodeError(ACTOR_CODEBOOK, "")
    return "".join(parts)


def is_actor_code(code: object) -> bool:
    """Whether *code* parses as a CAMEO actor code (see :func:`parse_actor_code`).

    >>> is_actor_code("SYRMIL"), is_actor_code("SYRXYZ"), is_actor_code(None)
    (True, False, False)
    """
    if not isinstance(code, str):
        return False
    try:
        parse_actor_code(code)
    except UnknownCodeError:
        return False
    return True


# --------------------------------------------------------------------------------------
# Actor codes as the coders write them (GDELT, ICEWS): blocks in any order, kept verbatim

ActorCodePart = Literal["country", "known_group", "role", "religion", "ethnic", "unknown"]
"""What a block of an actor code stands for (see :func:`split_actor_code`)."""


@attrs.frozen
class CameoActorBlocks:
    """A CAMEO actor code split into its 3-character blocks, in the order written.

    :ivar code: the code as written (case kept: lower-case blocks are ethnic codes).
    :ivar blocks: ``(part, block)`` pairs; *part* is ``"country"``, ``"known_group"``,
        ``"role"``, ``"religion"``, ``"ethnic"`` or ``"unknown"`` (a block no code book
        has, kept verbatim).

    >>> split_actor_code("SYRMIL").parts("role")
    ('MIL',)
    """

    code: str
    blocks: tuple[tuple[ActorCodePart, str], ...]

    def parts(self, part: str) -> tuple[str, ...]:
        """The blocks that stand for *part*, in order."""
        return tuple(block for kind, block in self.blocks if kind == part)

    @property
    def country(self) -> str | None:
        """The country, region or sub-national block, or ``None``: the first one, but a
        current code before a historical one (``SCGSRB``: ``SRB``, as GDELT breaks it out;
        SCG, Serbia and Montenegro, was the state when the code was made).

        >>> split_actor_code("SCGSRB").country
        'SRB'
        """
        found = self.parts("country")
        historical = _historical_countries()
        current = [block for block in found if block not in historical]
        chosen = current or list(found)
        return chosen[0] if chosen else None

    @property
    def unknown(self) -> tuple[str, ...]:
        """The blocks no code book has."""
        return self.parts("unknown")

    def render(self) -> str:
        """The code again, from its blocks."""
        return "".join(block for _, block in self.blocks)


@cache
def _historical_countries() -> frozenset[str]:
    return frozenset(code for code, entry in _countries().items() if entry.kind == "historical")


@cache
def _block_tables() -> tuple[frozenset[str], ...]:
    return (frozenset(_countries()), frozenset(_known_groups()), frozenset(_roles()),
            frozenset(_religions()), frozenset(_ethnic()))


@functools.lru_cache(maxsize=20_000)
def split_actor_code(code: str) -> CameoActorBlocks | None:
    """Split a CAMEO actor code as GDELT and ICEWS write it into its blocks, never refusing
    a block: the reading the GDELT readers use.

    The grammar (CAMEO manual 1.1b3, sections 3.1 and 5.3.2; GDELT event codebook, "Actor"
    fields): the code is a run of 3-character blocks "combined in any order and
    concatenated". An upper-case block is, in this order of preference, the country (the
    first one, wherever it stands: ``MNCUSA``, ``IGOEUREEC``), the known group (the first
    one), a role (type), a religion, another known group (``IGOUNOKID``), another country
    (``USAGUM``): GDELT's breakout columns (``Actor1CountryCode``...) hold the first of each.
    A lower-case block is a CAMEO ethnic code. A block in no code book, or of mixed case,
    is ``"unknown"``: kept verbatim, never a reason to refuse the code.

    Unlike :func:`parse_actor_code`, which checks a code strictly (the first block the only
    country, every block known, any case), this reads the codes publishers write, as they
    are. Answers are cached (the 20,000 most recent codes).

    >>> [part for part, _ in split_actor_code("nepGOV").blocks]
    ['ethnic', 'role']
    >>> split_actor_code("MNCUSAMED").blocks
    (('role', 'MNC'), ('country', 'USA'), ('role', 'MED'))
    >>> split_actor_code("IGOMOSOIC").blocks
    (('role', 'IGO'), ('religion', 'MOS'), ('known_group', 'OIC'))
    >>> split_actor_code("SYRXXX").unknown
    ('XXX',)
    >>> split_actor_code("SYR-MI") is None
    True

    :param code: the code, without surrounding white space.
    :returns: the blocks, or ``None`` when *code* is not made of 3-character blocks of
        ASCII letters and digits.
    """
    if not code or len(code) % 3 or not (code.isascii() and code.isalnum()):
        return None
    countries, groups, roles, religions, ethnic = _block_tables()
    blocks: list[tuple[ActorCodePart, str]] = []
    has_country = has_group = False
    part: ActorCodePart
    for i in range(0, len(code), 3):
        block = code[i:i + 3]
        if block.islower() and block.isalpha():
            part = "ethnic" if block in ethnic else "unknown"
        elif not (block.isupper() or block.isdigit()):
            part = "unknown"
        elif not has_country and block in countries:
            part, has_country = "country", True
        elif not has_group and block in groups:
            part, has_group = "known_group", True
        elif block in roles:
            part = "role"
        elif block in religions:
            part = "religion"
        elif block in groups:  # a second known group ("IGOUNOKID")
            part = "known_group"
        elif block in countries:  # a second country or area ("USAGUM")
            part = "country"
        else:
            part = "unknown"
        blocks.append((part, block))
    return CameoActorBlocks(code, tuple(blocks))
