"""The library runs no code from data, unpickles nothing and opens no network connection."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[2] / "src" / "conflictevents"
FILES = sorted(SOURCE.rglob("*.py"))

FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "socket", "ssl", "http", "urllib.request",
                     "ftplib", "smtplib", "subprocess", "requests", "httpx"}


def test_there_is_source_to_check() -> None:
    assert len(FILES) > 30


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(SOURCE)) for p in FILES])
def test_no_eval_pickle_or_network(path: Path) -> None:
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in FORBIDDEN_CALLS, f"{path.name}:{node.lineno}"
        if isinstance(node, ast.Import):
            for alias in node.names:
                assert not _forbidden(alias.name), f"{path.name}:{node.lineno} {alias.name}"
        if isinstance(node, ast.ImportFrom) and node.module:
            assert not _forbidden(node.module), f"{path.name}:{node.lineno} {node.module}"


def _forbidden(module: str) -> bool:
    return any(module == name or module.startswith(name + ".") for name in FORBIDDEN_MODULES)
