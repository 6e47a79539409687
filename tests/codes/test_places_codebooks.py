"""The place code books: FIPS 10-4 countries, FIPS ADM1 -> ISO 3166-2, Gleditsch-Ward numbers."""

from __future__ import annotations

import csv
import io
from importlib import resources
from pathlib import Path

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from _support import real_file_params
from conflictevents import places
from conflictevents.errors import UnknownCodeError


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("conflictevents").joinpath("data", name).read_text("utf-8")
    return list(csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#")))


FIPS_ROWS = _rows("fips10_4.csv")
ADM1_ROWS = _rows("fips_adm1_iso3166_2.csv")
GW_ROWS = _rows("gleditsch_ward.csv")
SUBDIVISIONS = {s.code: s for s in pycountry.subdivisions}

# -- FIPS 10-4 countries ----------------------------------------------------------------------


@pytest.mark.parametrize("row", FIPS_ROWS, ids=[r["fips"] for r in FIPS_ROWS])
def test_every_fips_row_looks_up_to_itself(row: dict[str, str]) -> None:
    entry = places.fips_country(row["fips"])
    assert (entry.fips, entry.alpha3, entry.name) == (
        row["fips"], row["iso_alpha3"] or None, row["name"],
    )
    assert places.fips_to_iso(row["fips"]) == entry.alpha3
    if entry.alpha3 is not None:
        assert places.is_country_code(entry.alpha3)
        # the reverse look-up gives a FIPS code of the same country, never an alias
        back = places.iso_to_fips(entry.alpha3)
        assert places.fips_to_iso(back) == entry.alpha3
        assert places.fips_country(back).alias_of is None
    else:
        assert row["note"], "a FIPS code without ISO code must say why"
    if entry.alias_of is not None:
        assert places.fips_country(entry.alias_of).alpha3 == entry.alpha3


def test_gdelt_only_codes() -> None:
    assert places.fips_country("RB") == places.FipsCountry("RB", "SRB", "Serbia", "RI")
    assert places.iso_to_fips("SRB") == "RI"
    assert places.fips_to_iso("OC") is None
    assert places.fips_country("OC").name == "Indian Ocean"
    assert {"RB", "OC"} <= {code for code, _, _ in places.fips_codes()}
    with pytest.raises(UnknownCodeError):
        places.fips_country("ZZ")


# -- FIPS ADM1 -> ISO 3166-2 ------------------------------------------------------------------


def test_adm1_table_is_one_row_per_code() -> None:
    codes = [r["fips_adm1"] for r in ADM1_ROWS]
    assert len(codes) == len(set(codes)) == 4165
    assert codes == sorted(codes)
    assert {r["source"] for r in ADM1_ROWS} == {"nga", "gdelt-us"}


@pytest.mark.parametrize("row", ADM1_ROWS[::7], ids=[r["fips_adm1"] for r in ADM1_ROWS[::7]])
def test_adm1_rows_look_up_to_themselves(row: dict[str, str]) -> None:
    assert places.fips_adm1_to_iso3166_2(row["fips_adm1"]) == row["iso_3166_2"]


def test_every_adm1_target_is_a_subdivision_of_the_fips_country() -> None:
    for row in ADM1_ROWS:
        code, iso = row["fips_adm1"], row["iso_3166_2"]
        assert len(code) == 4
        assert iso in SUBDIVISIONS, iso
        country = places.fips_to_iso(code[:2])
        assert country is not None, code
        assert places.country(country).alpha2 == SUBDIVISIONS[iso].country_code, (code, iso)
        assert places.is_subdivision_code(iso)


def test_adm1_examples() -> None:
    assert places.fips_adm1_to_iso3166_2("SY13") == "SY-DI"  # Dimashq
    assert places.fips_adm1_to_iso3166_2("SY10") == "SY-HM"  # Hamah
    assert places.fips_adm1_to_iso3166_2(" gm02 ") == "DE-BY"
    assert places.fips_adm1_to_iso3166_2("UKH9") == "GB-LND"
    assert places.fips_adm1_to_iso3166_2("USTX") == "US-TX"
    assert places.fips_adm1_to_iso3166_2("USDC") == "US-DC"
    # country level, and a division no published crosswalk maps: None, never a guess
    for code in ("SY", "RB00", "NI00", "US", "SY99"):
        assert places.fips_adm1_to_iso3166_2(code) is None


@pytest.mark.parametrize("bad", ["", "S", "SY1", "SY123", "ZZ01", "ZZ", 13])
def test_adm1_rejects_what_is_not_a_gdelt_adm1_code(bad: object) -> None:
    with pytest.raises(UnknownCodeError):
        places.fips_adm1_to_iso3166_2(bad)  # type: ignore[arg-type]


def _adm1_cells(path: Path) -> list[str]:
    cells = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = line.split("\t")
        columns = (38, 46, 54) if len(row) >= 61 else (37, 44, 51)
        cells += [row[i] for i in columns if i < len(row) and row[i]]
    return cells


@pytest.mark.parametrize("path", real_file_params("gdelt2") + real_file_params("gdelt1"))
def test_every_real_gdelt_adm1_code_is_answered(path: Path) -> None:
    cells = _adm1_cells(path)
    assert cells
    mapped = 0
    for cell in cells:
        iso = places.fips_adm1_to_iso3166_2(cell)  # never raises on GDELT's own codes
        if iso is not None:
            mapped += 1
            assert places.is_subdivision_code(iso)
    divisions = [c for c in cells if len(c) == 4 and not c.endswith("00")]
    assert mapped >= 0.8 * len(divisions)


# -- Gleditsch-Ward numbers -------------------------------------------------------------------


def test_gw_table() -> None:
    numbers = [int(r["gwno"]) for r in GW_ROWS]
    assert len(numbers) == len(set(numbers)) == 225
    assert [s.gwno for s in places.gw_states()] == sorted(numbers)


@pytest.mark.parametrize("row", GW_ROWS, ids=[r["gwno"] for r in GW_ROWS])
def test_every_gw_row_looks_up_to_itself(row: dict[str, str]) -> None:
    state = places.gw_state(row["gwno"])
    assert state.gwno == int(row["gwno"])
    assert state.name == row["name"]
    assert places.gw_state(int(row["gwno"])) == state
    assert places.country_from_gwno(row["gwno"]) == state.alpha3
    if state.alpha3 is None:
        assert state.source == ""
    else:
        assert places.is_country_code(state.alpha3)
        assert state.source in ("countrycode", "ours")
        # a state mapped by us, not by the published table, still exists
        if state.source == "ours":
            assert state.end is None


def test_gw_examples() -> None:
    assert places.country_from_gwno(652) == "SYR"
    assert places.country_from_gwno("771") == "BGD"
    assert places.country_from_gwno(" 775 ") == "MMR"
    assert places.country_from_gwno("652.0") == "SYR"  # re-saved by pandas
    assert places.country_from_gwno(260) == "DEU"  # G&W continue 260 as Germany
    assert places.country_from_gwno(265) is None  # German Democratic Republic
    assert places.country_from_gwno(345) is None  # Yugoslavia
    assert places.country_from_gwno(678) == "YEM"
    assert places.country_from_gwno(347) == "XKX"
    assert places.gw_state(265).end == "1990-10-02"


@given(st.integers(min_value=-5, max_value=1200) | st.text(max_size=6))
def test_gw_lookup_answers_or_raises_unknown_code(value: int | str) -> None:
    try:
        state = places.gw_state(value)
    except UnknownCodeError:
        return
    assert state.gwno in {int(r["gwno"]) for r in GW_ROWS}


def _ucdp_gw_cells(path: Path) -> set[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        cells = set()
        for row in reader:
            for column in ("gwnoa", "gwnob"):
                for part in (row.get(column) or "").split(","):
                    if part.strip():
                        cells.add(part.strip())
    return cells


@pytest.mark.parametrize("path", real_file_params("ucdp", "*.csv"))
def test_every_gw_number_in_real_ucdp_files_is_known(path: Path) -> None:
    cells = _ucdp_gw_cells(path)
    assert cells
    for cell in cells:
        assert places.country_from_gwno(cell) is not None, cell
