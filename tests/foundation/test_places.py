"""Countries, subdivisions and FIPS 10-4."""

from __future__ import annotations

import csv
import io
from importlib import resources

import pycountry
import pytest

import conflictevents as ce
from conflictevents import places


@pytest.mark.parametrize("given", ["Syria", "Syrian Arab Republic", "SY", "SYR", "760", "syria"])
def test_syria_in_every_form(given: str) -> None:
    assert places.resolve_country(given) == "SYR"


@pytest.mark.parametrize(
    ("given", "alpha3"),
    [
        ("Russia", "RUS"), ("Iran", "IRN"), ("Turkey", "TUR"), ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"), ("Democratic Republic of Congo", "COD"),
        ("Republic of Congo", "COG"), ("Kosovo", "XKX"), ("XK", "XKX"), ("Palestine", "PSE"),
        ("eSwatini", "SWZ"), ("4", "AFG"), (4, "AFG"), ("United States", "USA"),
        ("Russia (Soviet Union)", "RUS"), ("Yemen (North Yemen)", "YEM"),
    ],
)
def test_names_the_field_uses(given: str | int, alpha3: str) -> None:
    assert places.resolve_country(given) == alpha3


@pytest.mark.parametrize("given", ["Atlantis", "ZZ", "999", "", "Sy ria"])
def test_unknown_countries_raise_unknown_code_error(given: str) -> None:
    with pytest.raises(ce.UnknownCodeError) as caught:
        places.resolve_country(given)
    assert caught.value.code == given
    assert isinstance(caught.value, LookupError)


def test_country_records() -> None:
    syria = places.country("SYR")
    assert (syria.alpha2, syria.numeric, syria.name) == ("SY", "760", "Syria")
    assert places.country_name("XKX") == "Kosovo"
    assert "XKX" in places.country_codes()
    with pytest.raises(ce.UnknownCodeError):
        places.country("SY")


@pytest.mark.parametrize(
    ("name", "code"),
    [("Hama", "SY-HM"), ("Ḩamāh", "SY-HM"), ("Hamah", "SY-HM"), ("Hama Governorate", "SY-HM"),
     ("Aleppo", "SY-HL"), ("Homs", "SY-HI"), ("Damascus", "SY-DI"), ("Idlib", "SY-ID"),
     ("sy-hm", "SY-HM"), ("Donetsk", "UA-14")],
)
def test_subdivisions(name: str, code: str) -> None:
    country = "UKR" if code.startswith("UA") else "SYR"
    assert places.subdivision_code(name, country) == code


def test_unknown_subdivision() -> None:
    with pytest.raises(ce.UnknownCodeError, match="Gotham"):
        places.subdivision_code("Gotham", "SYR")
    assert places.subdivision_name("SY-HM") == "Ḩamāh"


def _data(name: str) -> list[dict[str, str]]:
    text = resources.files("conflictevents").joinpath("data").joinpath(name).read_text("utf-8")
    return list(csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#")))


def test_every_alias_points_at_a_real_code() -> None:
    for row in _data("country_aliases.csv"):
        assert places.is_country_code(row["alpha3"]), row
    for row in _data("subdivision_aliases.csv"):
        assert places.is_subdivision_code(row["code"]), row
        assert places.country(row["country"]).alpha2 == row["code"][:2], row


@pytest.mark.parametrize(
    ("fips", "iso"),
    [("UP", "UKR"), ("RS", "RUS"), ("SU", "SDN"), ("OD", "SSD"), ("GM", "DEU"), ("IZ", "IRQ"),
     ("IS", "ISR"), ("WE", "PSE"), ("GZ", "PSE"), ("SY", "SYR"), ("KV", "XKX"), ("UK", "GBR"),
     ("AS", "AUS"), ("AU", "AUT"), ("CH", "CHN"), ("SF", "ZAF"), ("BM", "MMR"), ("CG", "COD"),
     ("CF", "COG"), ("NI", "NGA"), ("NG", "NER"), ("TT", "TLS")],
)
def test_fips_the_tricky_ones(fips: str, iso: str) -> None:
    assert places.fips_to_iso(fips) == iso


def test_fips_without_iso_and_unknown_fips() -> None:
    assert places.fips_to_iso("PG") is None  # Spratly Islands
    with pytest.raises(ce.UnknownCodeError, match="FIPS"):
        places.fips_to_iso("QQ")
    assert places.iso_to_fips("UKR") == "UP"
    assert places.iso_to_fips("SYR") == "SY"


def test_fips_table_is_consistent() -> None:
    rows = list(places.fips_codes())
    assert len(rows) > 250
    assert len({fips for fips, _, _ in rows}) == len(rows)
    for fips, alpha3, _ in rows:
        assert len(fips) == 2
        assert fips.isupper()
        if alpha3 is not None:
            assert places.is_country_code(alpha3)
            assert places.fips_to_iso(places.iso_to_fips(alpha3)) == alpha3


def test_every_iso_country_but_two_has_a_fips_code() -> None:
    missing = {c.alpha_3 for c in pycountry.countries} - {a for _, a, _ in places.fips_codes()}
    assert missing <= {"ALA", "BES"}  # Aland (part of Finland in FIPS); Bonaire et al.
