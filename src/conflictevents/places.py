"""Countries and subdivisions: ISO 3166 through :mod:`pycountry`, FIPS 10-4 for GDELT, and
Gleditsch-Ward state numbers for UCDP and ACLED.

The model stores countries as ISO 3166-1 alpha-3 codes. This module turns what data files and
people write (a name, an alpha-2 or alpha-3 code, a numeric code) into that code, names the
first-level subdivisions of ISO 3166-2, translates the FIPS 10-4 country and ADM1 codes of
GDELT's geography, and the Gleditsch-Ward state numbers of UCDP (``gwnoa``, ``gwnob``) and old
ACLED files (``GWNO``).

Where a code names a place that has no ISO code (FIPS ``OC``, the Indian Ocean; G&W 265, the
German Democratic Republic), the look-up answers ``None`` and the record still gives the
place's name: nothing is mapped to a "nearest" country unless a published table does so.

Codes that ISO 3166-1 does not assign but the field uses are handled explicitly: ``XKX`` (and
``XK``) for Kosovo, a user-assigned code used by the European Commission, the World Bank, ACLED
and UCDP.

Every look-up table is built once, on first use, and cached.

>>> resolve_country("Syria"), resolve_country("SY"), resolve_country("760")
('SYR', 'SYR', 'SYR')
>>> subdivision_code("Hama", "SYR")
'SY-HM'
>>> fips_to_iso("UP")
'UKR'
>>> fips_adm1_to_iso3166_2("SY13"), fips_adm1_to_iso3166_2("SY10")
('SY-DI', 'SY-HM')
>>> country_from_gwno(652), country_from_gwno("265")
('SYR', None)
"""

from __future__ import annotations

import csv
import functools
import io
import unicodedata
from collections.abc import Iterator
from importlib import resources

import attrs

from conflictevents.errors import UnknownCodeError

__all__ = [
    "Country",
    "FipsCountry",
    "GwState",
    "country",
    "country_codes",
    "country_from_gwno",
    "country_name",
    "fips_adm1_to_iso3166_2",
    "fips_codes",
    "fips_country",
    "fips_to_iso",
    "gw_state",
    "gw_states",
    "is_country_code",
    "is_fips_code",
    "is_subdivision_code",
    "iso_to_fips",
    "resolve_country",
    "subdivision_code",
    "subdivision_name",
]


@attrs.frozen
class Country:
    """A country or territory: its ISO 3166-1 codes and English name.

    >>> syria = country(resolve_country("SY"))
    >>> syria.alpha3, syria.alpha2, syria.numeric, syria.name
    ('SYR', 'SY', '760', 'Syria')
    """

    alpha3: str
    alpha2: str
    numeric: str | None
    name: str


#: Codes the field uses that ISO 3166-1 does not assign.
_USER_ASSIGNED = (Country(alpha3="XKX", alpha2="XK", numeric=None, name="Kosovo"),)


def _fold(text: str) -> str:
    """Lower case, no accents, no punctuation but spaces: the key names are matched by."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    kept = kept.replace("'", "").replace("\u2019", "").replace("`", "")
    spaced = "".join(c if c.isalnum() else " " for c in kept.casefold())
    return " ".join(spaced.split())


def _data_rows(name: str) -> Iterator[dict[str, str]]:
    """The rows of a package data file; lines starting with ``#`` are comments."""
    text = resources.files("conflictevents").joinpath("data").joinpath(name).read_text("utf-8")
    lines = (line for line in io.StringIO(text) if not line.startswith("#"))
    yield from csv.DictReader(lines)


@functools.cache
def _countries() -> dict[str, Country]:
    """Every country by alpha-3 code."""
    import pycountry  # imported here: it takes a while, and most imports never need it

    table: dict[str, Country] = {}
    for record in pycountry.countries:
        table[record.alpha_3] = Country(
            alpha3=record.alpha_3,
            alpha2=record.alpha_2,
            numeric=record.numeric,
            name=getattr(record, "common_name", None) or record.name,
        )
    for extra in _USER_ASSIGNED:
        table[extra.alpha3] = extra
    return table


@functools.cache
def _country_keys() -> dict[str, str]:
    """Every code and name a country is known by (folded) -> alpha-3."""
    import pycountry

    keys: dict[str, str] = {}
    for record in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(record, attribute, None)
            if value:
                keys.setdefault(_fold(value), record.alpha_3)
    for alias in _data_rows("country_aliases.csv"):
        keys[_fold(alias["alias"])] = alias["alpha3"]
    for entry in _countries().values():
        keys[_fold(entry.name)] = entry.alpha3
        keys[entry.alpha3.casefold()] = entry.alpha3
        keys[entry.alpha2.casefold()] = entry.alpha3
        if entry.numeric:
            keys[entry.numeric] = entry.alpha3
    return keys


def is_country_code(code: str) -> bool:
    """Whether *code* is an ISO 3166-1 alpha-3 code (upper case), or ``XKX``.

    >>> is_country_code("SYR"), is_country_code("XKX")
    (True, True)
    >>> is_country_code("syr"), is_country_code("SY")
    (False, False)
    """
    return code in _countries()


def country_codes() -> tuple[str, ...]:
    """Every alpha-3 code :func:`is_country_code` accepts, sorted.

    >>> codes = country_codes()
    >>> "SYR" in codes, "XKX" in codes, codes == tuple(sorted(codes))
    (True, True, True)
    """
    return tuple(sorted(_countries()))


def country(code: str) -> Country:
    """The :class:`Country` of an alpha-3 code.

    :raises UnknownCodeError: if *code* is not an alpha-3 code.
    """
    try:
        return _countries()[code]
    except KeyError:
        raise UnknownCodeError("ISO 3166-1 alpha-3", code) from None


def country_name(code: str) -> str:
    """The English short name of an alpha-3 code (the common name where ISO has one).

    >>> country_name("SYR"), country_name("COD")
    ('Syria', 'Congo, The Democratic Republic of the')
    """
    return country(code).name


@functools.lru_cache(maxsize=4096)
def resolve_country(value: str | int) -> str:
    """The alpha-3 code of a country given by name, alpha-2, alpha-3 or numeric code.

    Names are matched without regard to case, accents or punctuation, and include the common
    English names conflict data uses (``"Syria"``, ``"Russia"``, ``"Ivory Coast"``,
    ``"Democratic Republic of Congo"``, ``"Kosovo"``...). Numeric codes may drop their leading
    zeros (``4`` is Afghanistan).

    :raises UnknownCodeError: if nothing matches.
    """
    text = str(value).strip()
    if text.isdigit():
        text = text.zfill(3)
    found = _country_keys().get(_fold(text)) or _country_keys().get(text)
    if found is None:
        raise UnknownCodeError("country", value)
    return found


# -- subdivisions ----------------------------------------------------------------------------


@functools.cache
def _subdivision_keys() -> dict[tuple[str, str], str]:
    """(country alpha-3, folded name or code) -> ISO 3166-2 code, first level only."""
    import pycountry

    alpha2_to_3 = {c.alpha2: c.alpha3 for c in _countries().values()}
    keys: dict[tuple[str, str], str] = {}
    for record in pycountry.subdivisions:
        if getattr(record, "parent_code", None):
            continue
        alpha3 = alpha2_to_3.get(record.country_code)
        if alpha3 is None:
            continue
        folded = _fold(record.name)
        keys[(alpha3, folded)] = record.code
        keys[(alpha3, _fold(record.code))] = record.code
        # "Hamah" is commonly written "Hama": also accept the name without a final "h".
        if folded.endswith("h"):
            keys.setdefault((alpha3, folded[:-1]), record.code)
    for alias in _data_rows("subdivision_aliases.csv"):
        keys[(alias["country"], _fold(alias["alias"]))] = alias["code"]
    return keys


_ADMIN_SUFFIXES = (" governorate", " province", " oblast", " region", " state", " district")


def subdivision_code(name: str, country: str) -> str:
    """The ISO 3166-2 code of a first-level subdivision of *country* (alpha-3) named *name*.

    ``"Hama"``, ``"Ḩamāh"``, ``"Hama Governorate"`` and ``"SY-HM"`` all give ``"SY-HM"``.

    :raises UnknownCodeError: if the country has no such subdivision.
    """
    folded = _fold(name)
    keys = _subdivision_keys()
    code = keys.get((country, folded))
    if code is None:
        for suffix in _ADMIN_SUFFIXES:
            if folded.endswith(suffix):
                code = keys.get((country, folded[: -len(suffix)]))
                break
    if code is None:
        raise UnknownCodeError(f"ISO 3166-2 subdivision of {country}", name)
    return code


@functools.cache
def _subdivision_names() -> dict[str, str]:
    import pycountry

    return {record.code: record.name for record in pycountry.subdivisions}


def subdivision_name(code: str) -> str:
    """The ISO 3166-2 name of a subdivision code (``"SY-HM"`` -> ``"Ḩamāh"``).

    :raises UnknownCodeError: if there is no such code.

    >>> subdivision_name("UA-14")
    'Donetska oblast'
    """
    try:
        return _subdivision_names()[code]
    except KeyError:
        raise UnknownCodeError("ISO 3166-2", code) from None


def is_subdivision_code(code: str) -> bool:
    """Whether *code* is an ISO 3166-2 subdivision code.

    >>> is_subdivision_code("SY-HM"), is_subdivision_code("SY-XX")
    (True, False)
    """
    return code in _subdivision_names()


# -- FIPS 10-4 -------------------------------------------------------------------------------


@attrs.frozen
class FipsCountry:
    """A FIPS 10-4 country code (as GDELT's geography writes it).

    :ivar fips: the 2-letter code, e.g. ``"UP"``.
    :ivar alpha3: the ISO 3166-1 alpha-3 code of the same place, or ``None`` when the place
        has none (an ocean, a disputed island, a dissolved state, a GNS pseudo-code).
    :ivar name: the place's English name, e.g. ``"Ukraine"``, ``"Indian Ocean"``.
    :ivar alias_of: for a code GDELT writes although the FIPS 10-4 list has another code for
        the same place, that code (``"RI"`` for ``"RB"``, Serbia); else ``None``.
        :func:`iso_to_fips` never returns an alias.

    >>> ukraine = fips_country("UP")
    >>> ukraine.fips, ukraine.alpha3, ukraine.name
    ('UP', 'UKR', 'Ukraine')
    """

    fips: str
    alpha3: str | None
    name: str
    alias_of: str | None = None


@functools.cache
def _fips_table() -> dict[str, FipsCountry]:
    table: dict[str, FipsCountry] = {}
    for row in _data_rows("fips10_4.csv"):
        table[row["fips"]] = FipsCountry(
            fips=row["fips"],
            alpha3=row["iso_alpha3"] or None,
            name=row["name"],
            alias_of=row["alias_of"] or None,
        )
    return table


@functools.cache
def _iso_to_fips_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for entry in _fips_table().values():
        if entry.alpha3 is not None and entry.alias_of is None:
            table.setdefault(entry.alpha3, entry.fips)
    return table


def fips_codes() -> Iterator[tuple[str, str | None, str]]:
    """Every FIPS 10-4 country code as ``(fips, iso_alpha3 or None, name)``.

    >>> ("UP", "UKR", "Ukraine") in set(fips_codes())
    True
    """
    for entry in _fips_table().values():
        yield entry.fips, entry.alpha3, entry.name


def fips_country(code: str) -> FipsCountry:
    """The FIPS 10-4 country code *code* with its ISO 3166-1 code (or ``None``) and name.

    >>> fips_country("OC")
    FipsCountry(fips='OC', alpha3=None, name='Indian Ocean', alias_of=None)
    >>> fips_country("RB").alpha3
    'SRB'

    :raises UnknownCodeError: if *code* is not a FIPS 10-4 code.
    """
    try:
        return _fips_table()[code]
    except KeyError:
        raise UnknownCodeError("FIPS 10-4 country", code) from None


def is_fips_code(code: str) -> bool:
    """Whether *code* is a FIPS 10-4 country code.

    >>> is_fips_code("UP"), is_fips_code("UA")
    (True, False)
    """
    return code in _fips_table()


def fips_to_iso(code: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of a FIPS 10-4 code (``"UP"`` -> ``"UKR"``).

    Returns ``None`` for the FIPS codes of places ISO 3166-1 has no code for (the Spratly
    Islands, ``"PG"``, the Indian Ocean, ``"OC"``, for instance); :func:`fips_country` gives
    their names.

    :raises UnknownCodeError: if *code* is not a FIPS 10-4 code.
    """
    try:
        return _fips_table()[code].alpha3
    except KeyError:
        raise UnknownCodeError("FIPS 10-4 country", code) from None


def iso_to_fips(alpha3: str) -> str:
    """The FIPS 10-4 code of an alpha-3 code (``"UKR"`` -> ``"UP"``).

    Where several FIPS codes map to one ISO code (``"WE"`` West Bank and ``"GZ"`` Gaza Strip
    are both ``PSE``), the first in the table is returned; see the data file's README. A code
    that only GDELT uses (``"RB"``, Serbia) is never returned: ``"SRB"`` gives ``"RI"``.

    :raises UnknownCodeError: if no FIPS code maps to *alpha3*.

    >>> iso_to_fips("UKR"), iso_to_fips("SYR")
    ('UP', 'SY')
    """
    try:
        return _iso_to_fips_table()[alpha3]
    except KeyError:
        raise UnknownCodeError("FIPS 10-4 for ISO 3166-1 alpha-3", alpha3) from None


# -- FIPS 10-4 ADM1 -> ISO 3166-2 --------------------------------------------------------------


@functools.cache
def _fips_adm1_table() -> dict[str, str]:
    return {row["fips_adm1"]: row["iso_3166_2"] for row in _data_rows("fips_adm1_iso3166_2.csv")}


def fips_adm1_to_iso3166_2(code: str) -> str | None:
    """The ISO 3166-2 code of the FIPS 10-4 first-order division *code*, as GDELT writes it in
    ``Actor1Geo_ADM1Code``, ``Actor2Geo_ADM1Code`` and ``ActionGeo_ADM1Code``.

    GDELT's ADM1 code is the FIPS country code followed by the FIPS ADM1 code (``"SY13"``),
    except in the United States, where the second half is the state's postal abbreviation
    (``"USTX"``); for a place known only to the country, it is the country code alone
    (``"SY"``) or the country code and ``00`` (``"RB00"``).

    >>> fips_adm1_to_iso3166_2("GM02"), fips_adm1_to_iso3166_2("USTX")
    ('DE-BY', 'US-TX')
    >>> fips_adm1_to_iso3166_2("RB00") is None  # country level: no subdivision
    True

    :param code: the code; case and surrounding whitespace are ignored.
    :returns: the ISO 3166-2 code, or ``None`` when the code names no subdivision (country
        level) or no published crosswalk maps it (see the data README: the table is not
        complete, and a retired FIPS division with no ISO successor stays unmapped).
    :raises UnknownCodeError: if *code* is not a string of 2 or 4 characters beginning with a
        FIPS 10-4 country code.
    """
    key = code.strip().upper() if isinstance(code, str) else ""
    if len(key) not in (2, 4) or key[:2] not in _fips_table():
        raise UnknownCodeError("FIPS 10-4 ADM1", code)
    return _fips_adm1_table().get(key)


# -- Gleditsch-Ward state numbers --------------------------------------------------------------


@attrs.frozen
class GwState:
    """A state of Gleditsch and Ward's list of independent states (the numbers UCDP's
    ``gwnoa``/``gwnob`` and old ACLED files' ``GWNO`` hold).

    :ivar gwno: the state number, e.g. ``652``.
    :ivar gwc: G&W's 3-letter abbreviation, e.g. ``"SYR"`` (not an ISO code: ``"GFR"``,
        ``"SER"``).
    :ivar name: G&W's name, e.g. ``"Syria"``.
    :ivar start: the first day of its (first) period of independence, ISO 8601.
    :ivar end: the last day of its (last) period, or ``None`` if it still exists.
    :ivar microstate: whether G&W list it among the microstates.
    :ivar alpha3: the ISO 3166-1 alpha-3 code (``XKX`` for Kosovo), or ``None`` for a state
        that no longer exists and whose number the published table maps to no ISO code
        (German Democratic Republic, Yugoslavia, Yemen People's Republic...) or that has
        none (Abkhazia, South Ossetia).
    :ivar source: where *alpha3* comes from: ``"countrycode"`` (the R package's code list),
        ``"ours"`` (a state that still exists, matched by name; see the data README) or
        ``""`` (no ISO code).

    >>> syria = gw_state(652)
    >>> syria.gwc, syria.alpha3, syria.start, syria.end
    ('SYR', 'SYR', '1946-01-01', None)
    """

    gwno: int
    gwc: str
    name: str
    start: str
    end: str | None
    microstate: bool
    alpha3: str | None
    source: str


@functools.cache
def _gw_table() -> dict[int, GwState]:
    table: dict[int, GwState] = {}
    for row in _data_rows("gleditsch_ward.csv"):
        number = int(row["gwno"])
        table[number] = GwState(
            gwno=number,
            gwc=row["gwc"],
            name=row["name"],
            start=row["start"],
            end=row["end"] or None,
            microstate=row["microstate"] == "yes",
            alpha3=row["iso_alpha3"] or None,
            source=row["source"],
        )
    return table


def _gw_number(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.endswith(".0"):  # re-saved by pandas or Excel
            text = text[:-2]
        if text.isascii() and text.isdigit():
            return int(text)
    return None


def gw_state(gwno: int | str) -> GwState:
    """The state with Gleditsch-Ward number *gwno* (``652``, ``"652"``, ``"652.0"``).

    >>> gw_state(260).name
    'German Federal Republic'

    :raises UnknownCodeError: if *gwno* is not a number of Gleditsch and Ward's list (UCDP
        writes several numbers in one cell, ``"2, 200"``, for a side of several states: split
        the cell first).
    """
    number = _gw_number(gwno)
    found = None if number is None else _gw_table().get(number)
    if found is None:
        raise UnknownCodeError("Gleditsch-Ward state number", gwno)
    return found


def gw_states() -> Iterator[GwState]:
    """Every state of Gleditsch and Ward's list (with the microstates), by number.

    >>> [state.gwno for state in gw_states()][:3]
    [2, 20, 31]
    """
    yield from _gw_table().values()


def country_from_gwno(gwno: int | str) -> str | None:
    """The ISO 3166-1 alpha-3 code of the state with Gleditsch-Ward number *gwno*.

    >>> country_from_gwno(652), country_from_gwno(260), country_from_gwno(678)
    ('SYR', 'DEU', 'YEM')

    :returns: the code, or ``None`` for a state with no ISO code (see :class:`GwState`).
        260 (German Federal Republic) is ``DEU`` because G&W's list continues it as Germany
        after 1990 and the published table maps it so; 265 (German Democratic Republic) is
        ``None``.
    :raises UnknownCodeError: as :func:`gw_state`.
    """
    return gw_state(gwno).alpha3
