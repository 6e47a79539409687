"""ACLED's pre-2019 event types and their crosswalks to the current taxonomy and to CAMEO."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from _support import real_file_params
from conflictevents.codes import acled, cameo, crosswalks
from conflictevents.errors import UnknownCodeError

# The nine event types of ACLED files before 2019, as the files write them (2018 API CSV,
# 2015 Asia file) and the 2015 codebook lists them.
LEGACY = [
    "Battle-No change of territory",
    "Battle-Government regains territory",
    "Battle-Non-state actor overtakes territory",
    "Remote violence",
    "Violence against civilians",
    "Riots/Protests",
    "Strategic development",
    "Non-violent transfer of territory",
    "Headquarters or base established",
]


def test_nine_legacy_event_types_in_order() -> None:
    assert [t.name for t in acled.legacy_event_types()] == LEGACY


@pytest.mark.parametrize("name", LEGACY)
def test_every_row_looks_up_to_itself(name: str) -> None:
    record = acled.legacy_event_type(name)
    assert record.name == name
    assert acled.is_legacy_event_type(name)
    assert record.description
    for event_type in record.event_types:
        assert acled.event_type(event_type).name == event_type
    if record.sub_event_type is not None:
        sub = acled.sub_event_type(record.sub_event_type)
        assert sub.event_type in record.event_types


def _variants() -> st.SearchStrategy[tuple[str, str]]:
    """(canonical name, a spelling of it with other case and spacing)."""

    @st.composite
    def build(draw: st.DrawFn) -> tuple[str, str]:
        name = draw(st.sampled_from(LEGACY))
        text = "".join(
            draw(st.sampled_from([c.lower(), c.upper()])) if c.isalpha() else c for c in name
        )
        for sep in ("-", "/"):
            pad = draw(st.sampled_from(["", " ", "  "]))
            text = text.replace(sep, pad + sep + draw(st.sampled_from(["", " "])))
        text = text.replace(" ", draw(st.sampled_from([" ", "  ", "\t"])))
        return name, draw(st.sampled_from(["", " "])) + text + draw(st.sampled_from(["", " "]))

    return build()


@given(_variants())
def test_lookups_tolerate_case_and_spacing(pair: tuple[str, str]) -> None:
    name, spelling = pair
    assert acled.legacy_event_type(spelling).name == name
    assert crosswalks.acled_legacy_to_acled(spelling) == crosswalks.acled_legacy_to_acled(name)
    assert crosswalks.acled_legacy_to_cameo(spelling) == crosswalks.acled_legacy_to_cameo(name)


def test_spellings_seen_in_files() -> None:
    assert acled.legacy_event_type("Battle-Non-State Actor overtakes territory").name == (
        "Battle-Non-state actor overtakes territory"
    )
    assert acled.legacy_event_type("Riots / Protests").name == "Riots/Protests"
    assert acled.legacy_event_type("STRATEGIC DEVELOPMENT").name == "Strategic development"


@pytest.mark.parametrize(
    "bad", ["", "Battles", "Riots", "Strategic developments", "Battle", "Riots-Protests", 3]
)
def test_current_and_unknown_names_are_not_legacy(bad: object) -> None:
    with pytest.raises(UnknownCodeError):
        acled.legacy_event_type(bad)  # type: ignore[arg-type]
    assert not acled.is_legacy_event_type(bad)
    with pytest.raises(UnknownCodeError):
        crosswalks.acled_legacy_to_acled(bad)  # type: ignore[arg-type]


def test_crosswalk_rows_cover_the_code_book_and_targets_exist() -> None:
    to_acled = crosswalks.table("acled_legacy_to_acled")
    to_cameo = crosswalks.table("acled_legacy_to_cameo")
    assert [r.source for r in to_acled] == LEGACY == [r.source for r in to_cameo]
    for row in to_acled:
        assert row.note
        record = acled.legacy_event_type(row.source)
        if not row.targets:
            # no single equivalent: only where the old type spans several event types
            assert len(record.event_types) > 1
            continue
        assert len(row.targets) in (1, 2)
        assert row.targets[0] in record.event_types
        assert acled.event_type(row.targets[0]).name == row.targets[0]
        if len(row.targets) == 2:
            assert acled.sub_event_type(row.targets[1]).event_type == row.targets[0]
            assert record.sub_event_type == row.targets[1]
        else:
            assert record.sub_event_type is None
    for row in to_cameo:
        assert row.note
        for code in row.targets:
            assert cameo.event(code).code == code


@pytest.mark.parametrize("name", LEGACY)
def test_cameo_target_agrees_with_the_current_taxonomy(name: str) -> None:
    """Where the old type has a current sub-event type, its CAMEO code is that sub-event
    type's; where it has only event types, the CAMEO code is a root under which each of them
    has sub-event types (protests met with force are also CAMEO 175, coded for the
    intervening actor: the root is the demonstrators' act)."""
    via_cameo = crosswalks.acled_legacy_to_cameo(name)
    record = acled.legacy_event_type(name)
    if record.sub_event_type is not None:
        current = crosswalks.acled_to_cameo(record.sub_event_type)
        assert (via_cameo is None) == (current is None)
        if via_cameo is not None and current is not None:
            assert via_cameo.targets == current.targets
        return
    if via_cameo is None:
        return
    root = via_cameo.target
    assert cameo.event(root).level == 1
    for event_type in record.event_types:
        roots = set()
        for sub in acled.sub_event_types(event_type):
            mapped = crosswalks.acled_to_cameo(sub.name)
            if mapped is not None:
                roots.add(cameo.root_of(mapped.target))
        assert root in roots, (event_type, roots)
    if name == "Violence against civilians":  # all three sub-event types are assaults
        assert roots == {root}


def test_examples() -> None:
    res = crosswalks.acled_legacy_to_acled("Battle-Government regains territory")
    assert res is not None
    assert res.targets == ("Battles", "Government regains territory")
    assert crosswalks.acled_legacy_to_acled("Riots/Protests") is None
    assert acled.legacy_event_type("Riots/Protests").event_types == ("Protests", "Riots")
    assert crosswalks.acled_legacy_to_cameo("Riots/Protests").targets == ("14",)  # type: ignore[union-attr]
    assert crosswalks.acled_legacy_to_cameo("Remote violence") is None
    assert crosswalks.acled_legacy_to_cameo("Non-violent transfer of territory").target == (  # type: ignore[union-attr]
        "0874"
    )


def _event_types_in(path: Path) -> set[str]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    found = set()
    for row in csv.DictReader(io.StringIO(text, newline="")):
        for key, value in row.items():
            if key and key.strip().lower() == "event_type" and value:
                found.add(value)
    return found


@pytest.mark.parametrize("path", real_file_params("acled", "*.csv"))
def test_every_event_type_in_real_files_is_in_a_code_book(path: Path) -> None:
    found = _event_types_in(path)
    assert found
    for value in found:
        current = [e.name for e in acled.event_types() if e.name == value]
        assert current or acled.is_legacy_event_type(value), value
