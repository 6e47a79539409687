"""The examples of the claims-and-control pages run and print what the pages say."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

from _support import ROOT

PAGES = [
    "docs/tutorial/claims-and-control.md",
    "docs/howto/control-timeline.md",
    "docs/howto/dedupe.md",
    "docs/explanation/claims-and-control.md",
]
_BLOCK = re.compile(r"^```pycon\n(.*?)^```", re.S | re.M)


@pytest.mark.parametrize("page", PAGES)
def test_page_examples(page: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    text = (ROOT / page).read_text(encoding="utf-8")
    blocks = _BLOCK.findall(text)
    if page.startswith("docs/explanation"):
        assert blocks == [] or blocks
    else:
        assert blocks, f"{page} has no examples"
    monkeypatch.chdir(tmp_path)
    parser = doctest.DocTestParser()
    test = parser.get_doctest("\n".join(blocks), {}, page, page, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.tries >= len(blocks)
    assert runner.failures == 0, f"{runner.failures} example(s) of {page} failed (see output)"
