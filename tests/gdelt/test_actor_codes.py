"""The CAMEO actor-code grammar as GDELT and ICEWS write it (issue 14): 3-character blocks
in any order, lower-case blocks CAMEO ethnic codes, blocks no code book has kept."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictevents as ce
from _support import real_file_params
from conflictevents.codes import cameo
from conflictevents.formats import _cameo_rows, gdelt
from conflictevents.strategies import gdelt as gdelt_strategies


@given(gdelt_strategies.actor_codes())
def test_any_code_parses_and_renders_unchanged(code: str) -> None:
    parsed = _cameo_rows.parse_actor_code(code)
    assert parsed is not None
    assert parsed.render() == code
    assert [len(block) for _, block in parsed.blocks] == [3] * (len(code) // 3)
    assert ce.Actor("someone", cameo_code=code).cameo_code == code


@given(gdelt_strategies.actor_codes())
def test_every_block_is_what_its_code_book_says(code: str) -> None:
    parsed = _cameo_rows.parse_actor_code(code)
    assert parsed is not None
    upper = {
        "country": cameo.actor_country, "known_group": cameo.known_group,
        "role": cameo.actor_role, "religion": cameo.religion_code,
    }
    for part, block in parsed.blocks:
        if part == "ethnic":
            assert block.islower()
            assert _has(cameo.ethnic_code, block)
        elif part == "unknown":
            if block.islower():
                assert not _has(cameo.ethnic_code, block)
            elif block.isupper():
                assert not any(_has(book, block) for book in upper.values())
        else:
            assert block.isupper()
            assert _has(upper[part], block)


def _has(book: object, block: str) -> bool:
    try:
        found = book(block)  # type: ignore[operator]
    except ce.UnknownCodeError:
        return False
    return bool(found.code == block)


@given(st.sampled_from([e.code for e in cameo.ethnic_codes()]),
       st.sampled_from([r.code for r in cameo.actor_roles()]))
def test_an_ethnic_block_is_never_read_as_a_country(ethnic: str, role: str) -> None:
    parsed = _cameo_rows.parse_actor_code(ethnic + role)
    assert parsed is not None
    assert parsed.parts("ethnic") == (ethnic,)
    assert parsed.country is None


@pytest.mark.parametrize(("code", "parts"), [
    ("SYRMIL", [("country", "SYR"), ("role", "MIL")]),
    ("kur", [("ethnic", "kur")]),
    ("catSEP", [("ethnic", "cat"), ("role", "SEP")]),
    ("MNCUSAMED", [("role", "MNC"), ("country", "USA"), ("role", "MED")]),
    ("IGOMOSOIC", [("role", "IGO"), ("religion", "MOS"), ("known_group", "OIC")]),
    ("IGOUNOKID", [("role", "IGO"), ("known_group", "UNO"), ("known_group", "KID")]),
    ("Syr", [("unknown", "Syr")]),
])
def test_documented_examples(code: str, parts: list[tuple[str, str]]) -> None:
    parsed = _cameo_rows.parse_actor_code(code)
    assert parsed is not None
    assert list(parsed.blocks) == parts


def test_a_current_country_is_the_country_before_a_historical_one() -> None:
    # CAMEO manual 3.1.2: SCGSRB is Serbia within Serbia and Montenegro; GDELT breaks it
    # out as SRB. SCG is a historical code where the code book has it, else unknown.
    parsed = _cameo_rows.parse_actor_code("SCGSRB")
    assert parsed is not None
    assert parsed.country == "SRB"
    assert parsed.render() == "SCGSRB"


@pytest.mark.parametrize("code", ["", "SY", "SYRM", "SYR-MI", "SYR MIL", "SYRMÍL"])
def test_what_is_not_blocks_of_three_is_not_parsed(code: str) -> None:
    assert _cameo_rows.parse_actor_code(code) is None


_BREAKOUT = ("CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
             "Type1Code", "Type2Code", "Type3Code")


def _ours(code: str) -> tuple[str, ...]:
    parsed = _cameo_rows.parse_actor_code(code)
    assert parsed is not None
    first = lambda part, n: (parsed.parts(part) + ("",) * n)[:n]  # noqa: E731
    return (parsed.country or "", *first("known_group", 1), *first("ethnic", 1),
            *first("religion", 2), *first("role", 3))


@pytest.mark.parametrize("path", real_file_params("gdelt1") + real_file_params("gdelt2"))
def test_the_grammar_agrees_with_gdelts_own_breakout_columns(path: object) -> None:
    """GDELT breaks every actor code out into CountryCode, EthnicCode, Type1Code...: our
    reading of each code of the real files must give the same parts. The one difference
    allowed: GDELT's breakout leaving out a part that our code books know (2010 back-file
    rows break ``TWNLEG`` out with no CountryCode, although TWN is in GDELT's own
    CAMEO.country.txt; a code book that has the CAMEO manual's ``REL`` reads it as a
    religion, which GDELT's religion table lacks). GDELT never puts a block elsewhere."""
    disagreements = []
    for record in ce.read(path):
        assert isinstance(record, ce.Event)
        kept = record.extras[next(iter(record.extras))]
        for n in (1, 2):
            code = kept[f"Actor{n}Code"].strip()
            if not code:
                continue
            theirs = tuple(kept[f"Actor{n}{part}"] for part in _BREAKOUT)
            ours = _ours(code)
            if any(mine != gdelts and gdelts for mine, gdelts in zip(ours, theirs,
                                                                      strict=True)):
                disagreements.append((code, ours, theirs))
    assert disagreements == []


def test_columns_are_what_the_module_says() -> None:
    assert gdelt.COLUMNS_V2[5:15] == tuple(f"Actor1{p}" for p in gdelt._ACTOR_PARTS)
