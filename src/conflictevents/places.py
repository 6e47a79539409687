"""Countries and subdivisions: ISO 3166 through :mod:`pycountry`, and FIPS 10-4 for GDELT.

The model stores countries as ISO 3166-1 alpha-3 codes. This module turns what data files and
people write (a name, an alpha-2 or alpha-3 code, a numeric code) into that code, names the
first-level subdivisions of ISO 3166-2, and translates the FIPS 10-4 codes of GDELT's geography.

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
    "country",
    "country_codes",
    "country_name",
    "fips_codes",
    "fips_to_iso",
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
    """A country or territory: its ISO 3166-1 codes and English name."""

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
    """Whether *code* is an ISO 3166-1 alpha-3 code (upper case), or ``XKX``."""
    return code in _countries()


def country_codes() -> tuple[str, ...]:
    """Every alpha-3 code :func:`is_country_code` accepts, sorted."""
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
    """The English short name of an alpha-3 code (the common name where ISO has one)."""
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
    """
    try:
        return _subdivision_names()[code]
    except KeyError:
        raise UnknownCodeError("ISO 3166-2", code) from None


def is_subdivision_code(code: str) -> bool:
    """Whether *code* is an ISO 3166-2 subdivision code."""
    return code in _subdivision_names()


# -- FIPS 10-4 -------------------------------------------------------------------------------


@attrs.frozen
class _FipsEntry:
    fips: str
    alpha3: str | None
    name: str


@functools.cache
def _fips_table() -> dict[str, _FipsEntry]:
    table: dict[str, _FipsEntry] = {}
    for row in _data_rows("fips10_4.csv"):
        table[row["fips"]] = _FipsEntry(
            fips=row["fips"], alpha3=row["iso_alpha3"] or None, name=row["name"]
        )
    return table


@functools.cache
def _iso_to_fips_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for entry in _fips_table().values():
        if entry.alpha3 is not None:
            table.setdefault(entry.alpha3, entry.fips)
    return table


def fips_codes() -> Iterator[tuple[str, str | None, str]]:
    """Every FIPS 10-4 country code as ``(fips, iso_alpha3 or None, name)``."""
    for entry in _fips_table().values():
        yield entry.fips, entry.alpha3, entry.name


def is_fips_code(code: str) -> bool:
    """Whether *code* is a FIPS 10-4 country code."""
    return code in _fips_table()


def fips_to_iso(code: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of a FIPS 10-4 code (``"UP"`` -> ``"UKR"``).

    Returns ``None`` for the FIPS codes of places ISO 3166-1 has no code for (the Spratly
    Islands, ``"PG"``, for instance).

    :raises UnknownCodeError: if *code* is not a FIPS 10-4 code.
    """
    try:
        return _fips_table()[code].alpha3
    except KeyError:
        raise UnknownCodeError("FIPS 10-4 country", code) from None


def iso_to_fips(alpha3: str) -> str:
    """The FIPS 10-4 code of an alpha-3 code (``"UKR"`` -> ``"UP"``).

    Where several FIPS codes map to one ISO code (``"WE"`` West Bank and ``"GZ"`` Gaza Strip
    are both ``PSE``), the first in the table is returned; see the data file's README.

    :raises UnknownCodeError: if no FIPS code maps to *alpha3*.
    """
    try:
        return _iso_to_fips_table()[alpha3]
    except KeyError:
        raise UnknownCodeError("FIPS 10-4 for ISO 3166-1 alpha-3", alpha3) from None
