"""The library runs no code from data, unpickles nothing, and opens network connections in
one module only: ``sources/_http.py``, the HTTP layer of the publishers' clients."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[2] / "src" / "conflictevents"
FILES = sorted(SOURCE.rglob("*.py"))

FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "socket", "ssl", "http", "urllib.request",
                     "ftplib", "smtplib", "subprocess", "requests", "httpx"}
NETWORK_MODULES = {"socket", "ssl", "http", "urllib.request", "requests", "httpx"}
#: the one module that may talk to a server (the publishers' clients go through it)
NETWORK_LAYER = SOURCE / "sources" / "_http.py"


def test_there_is_source_to_check() -> None:
    assert len(FILES) > 30


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(SOURCE)) for p in FILES])
def test_no_eval_pickle_or_network(path: Path) -> None:
    allowed = NETWORK_MODULES if path == NETWORK_LAYER else set()
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in FORBIDDEN_CALLS, f"{path.name}:{node.lineno}"
        if isinstance(node, ast.Import):
            for alias in node.names:
                assert not _forbidden(alias.name, allowed), f"{path.name}:{node.lineno}"
        if isinstance(node, ast.ImportFrom) and node.module:
            assert not _forbidden(node.module, allowed), f"{path.name}:{node.lineno}"


def test_the_network_layer_is_where_it_is_allowed() -> None:
    assert NETWORK_LAYER in FILES


def _forbidden(module: str, allowed: set[str]) -> bool:
    return any(module == name or module.startswith(name + ".")
               for name in FORBIDDEN_MODULES - allowed)
