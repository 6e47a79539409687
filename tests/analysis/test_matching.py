"""Matching across datasets: the bundled Hama events, the generator's truth, the CLI."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

import conflictevents as ce
from _support import ROOT
from conflictevents import cli
from conflictevents.dedupe import BASE_SCORE, match_events, score_pair
from conflictevents.strategies.rendering import Rendered, render, rendered

DATA = ROOT / "examples" / "data"


def _read(name: str, fmt: str | None = None) -> list[ce.Event]:
    return [e for e in ce.read(DATA / name, fmt) if isinstance(e, ce.Event)]


@pytest.fixture(scope="module")
def bundled() -> dict[str, list[ce.Event]]:
    return {"acled": _read("acled-syria-2024-12.csv"),
            "gdelt": _read("gdelt-2024-12-05.export.CSV", "gdelt2"),
            "ucdp": _read("ucdp-ged-syria-2024-12.csv")}


def test_the_hama_events_of_5_december_match_across_the_three(
        bundled: dict[str, list[ce.Event]]) -> None:
    a, g, u = bundled["acled"], bundled["gdelt"], bundled["ucdp"]
    assert ("SYR900015", "1217480001") in match_events(a, g).pairs()
    assert ("SYR900015", "530101") in match_events(a, u).pairs()
    assert ("1217480001", "530101") in match_events(g, u).pairs()


def test_every_match_and_non_match_is_explained(bundled: dict[str, list[ce.Event]]) -> None:
    result = match_events(bundled["acled"], bundled["ucdp"])
    assert "same name (hts)" in result.explain("530101")
    assert "not kept" in result.explain("SYR900014")
    assert "no compatible event" in result.explain("SYR900002")
    # actors of another country never match
    hama = next(e for e in bundled["acled"] if e.id == "SYR900015")
    kharkiv = next(e for e in _read("gdelt-2024-12-05.export.CSV", "gdelt2")
                   if e.id == "1217480005")
    assert score_pair(hama, kharkiv).score is None


def test_matching_is_one_to_one(bundled: dict[str, list[ce.Event]]) -> None:
    pairs = match_events(bundled["acled"], bundled["gdelt"]).pairs()
    assert len({a for a, _ in pairs}) == len(pairs) == len({b for _, b in pairs})


def test_precision_and_recall_against_the_truth() -> None:
    world = render(600, seed=11)
    for left, right in ((world.acled, world.gdelt), (world.acled, world.ucdp),
                        (world.gdelt, world.ucdp)):
        precision, recall = world.score(left, right, match_events(left, right).pairs())
        assert precision >= 0.95
        assert recall >= 0.90


@settings(max_examples=15, deadline=None)
@given(rendered(max_events=25))
def test_matching_any_rendering_is_one_to_one_and_scored(world: Rendered) -> None:
    result = match_events(world.acled, world.gdelt)
    pairs = result.pairs()
    assert len({a for a, _ in pairs}) == len(pairs) == len({b for _, b in pairs})
    assert all(m.score is not None and 0.0 <= m.score <= 1.0 for m in result.matches)
    matched = {a for a, _ in pairs} | set(result.unmatched_left)
    assert matched == {e.id for e in world.acled}


def test_cli_match(capsys: pytest.CaptureFixture[str]) -> None:
    status = cli.main(["match", str(DATA / "acled-syria-2024-12.csv"),
                       str(DATA / "ucdp-ged-syria-2024-12.csv"), "-q"])
    assert status == 0
    assert capsys.readouterr().out.splitlines() == ["SYR900015\t530101\t0.833"]


def test_cli_dedupe(tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import Path
    out = Path(str(tmp_path)) / "merged.jsonl"
    status = cli.main(["dedupe", str(ROOT / "examples" / "hama-2024.jsonl"), str(out), "-q"])
    assert status == 0
    assert out.exists()


def test_cli_match_json_lists_the_unmatched(capsys: pytest.CaptureFixture[str]) -> None:
    import json
    status = cli.main(["match", str(DATA / "gdelt-2024-12-05.export.CSV"),
                       str(DATA / "ucdp-ged-syria-2024-12.csv"), "--from-a", "gdelt2",
                       "--json", "-q"])
    assert status == 0
    data = json.loads(capsys.readouterr().out)
    assert [(m["left"], m["right"]) for m in data["matches"]] == [("1217480001", "530101")]
    assert data["unmatched_right"] == ["530102"]


def test_cli_match_missing_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["match", "no-such-file.csv", str(DATA / "ucdp-ged-syria-2024-12.csv")]) \
        == cli.EXIT_USAGE
    assert "error" in capsys.readouterr().err


@settings(max_examples=15, deadline=None)
@given(rendered(max_events=20))
def test_the_index_and_the_quick_path_lose_no_pair_and_change_no_score(world: Rendered) -> None:
    result = match_events(world.acled, world.ucdp + world.gdelt)
    found = {(p.left, p.right): p.score for p in (*result.matches, *result.runners_up)}
    expected = {}
    for a in world.acled:
        for b in world.ucdp + world.gdelt:
            pair = score_pair(a, b)
            if pair.score is not None and pair.score > BASE_SCORE:
                expected[(a.id, b.id)] = pair.score
    assert found == expected


def test_every_non_match_says_why(bundled: dict[str, list[ce.Event]]) -> None:
    a, u = bundled["acled"], bundled["ucdp"]
    result = match_events(a, u)
    explained = dict(result.explain_unmatched())
    assert set(explained) == {*result.unmatched_left, *result.unmatched_right}
    assert explained == {x: result.explain(x) for x in explained}
    assert "actors that cannot be the same: 5" in explained["530102"]
    for event_id, counts in result.refused.items():
        # an event with refusals only was in no compatible pair, whatever the index found
        mine = next(e for e in (*a, *u) if e.id == event_id)
        assert sum(counts) > 0
        scores = [score_pair(mine, o).score for o in u] if mine in a else \
            [score_pair(o, mine).score for o in a]
        assert all(s is None or s <= BASE_SCORE for s in scores)
