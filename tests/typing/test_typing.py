"""The types a user sees, checked with ``mypy --strict``: the code in this folder, the
README's example and the examples of the documentation pages.

A page whose examples do not type-check yet is listed in :data:`NOT_YET`; the test fails
when a listed page starts to pass (take it off the list) as when another page stops.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from _support import ROOT

pytest.importorskip("mypy")

HERE = Path(__file__).resolve().parent

#: Pages whose examples still fail ``mypy --strict`` (issue 19), with why.
NOT_YET: dict[str, str] = {}

_BLOCK = re.compile(r"^```(python|pycon)\n(.*?)^```", re.S | re.M)


def _code(block: str) -> str:
    """A ``python`` block as it is; a ``pycon`` block's statements (``>>>`` and ``...``)."""
    if not block.lstrip().startswith(">>>"):
        return block
    lines = [line[4:] for line in block.splitlines()
             if line.startswith((">>> ", "... ")) or line in (">>>", "...")]
    return "\n".join(lines) + "\n"


def _pages() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def _examples(page: Path) -> str:
    """The examples of *page*, in order, as one module (a page is one session)."""
    return "\n".join(_code(m.group(2)) for m in _BLOCK.finditer(page.read_text("utf-8")))


def _module_name(page: Path) -> str:
    return "page_" + re.sub(r"\W", "_", str(page.relative_to(ROOT).with_suffix("")))


def _mypy(*paths: Path) -> tuple[int, str]:
    env = {**os.environ, "MYPYPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary",
         "--python-version", "3.10", *map(str, paths)],
        capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    return done.returncode, done.stdout + done.stderr


def _write_pages(folder: Path) -> dict[str, Path]:
    written: dict[str, Path] = {}
    for page in _pages():
        code = _examples(page)
        if code.strip():
            path = folder / f"{_module_name(page)}.py"
            path.write_text(code, "utf-8")
            written[str(page.relative_to(ROOT))] = path
    return written


def test_user_code_the_readme_and_the_docs_examples_type_check(tmp_path: Path) -> None:
    pages = _write_pages(tmp_path)
    assert "README.md" in pages
    checked = [path for name, path in pages.items() if name not in NOT_YET]
    status, output = _mypy(*sorted(HERE.glob("user_*.py")), *checked)
    assert status == 0, output
    failing = [name for name in NOT_YET if name in pages and _mypy(pages[name])[0] == 0]
    assert not failing, f"these pages type-check now: take them off NOT_YET: {failing}"


def test_a_wrong_type_is_caught(tmp_path: Path) -> None:
    # the check can fail: a detected format's records are not all events
    wrong = tmp_path / "wrong.py"
    wrong.write_text(
        "import conflictevents as ce\n"
        "stream: ce.RecordStream[ce.Event] = ce.read('x.csv')\n"
        "columns = ce.Event('e', '2024-12-05').extras.get('acled')\n"
        "text: str = columns.get('x')\n", "utf-8")
    status, output = _mypy(wrong)
    assert status == 1
    assert "RecordStream[Event | Claim | ControlChange]" in output
    assert 'Item "None" of "FrozenMap[str, str] | None"' in output
