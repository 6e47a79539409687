"""Every public callable has an example that runs (issue 19): a doctest in its docstring (or,
for a class, in one of its methods'), or a ``>>>`` line of the documentation or of another
docstring that uses it. The suite runs all of them (doctests in ``src/`` and ``docs/*.md``).

The test fails when a public callable comes without one. The modules that need an extra
(:data:`OPTIONAL_MODULES`) are checked where the extra is installed.
"""

from __future__ import annotations

import importlib
import inspect
import re

from _support import ROOT

MODULES = (
    "conflictevents", "conflictevents.formats", "conflictevents.errors",
    "conflictevents.claims", "conflictevents.control", "conflictevents.dedupe",
    "conflictevents.dates", "conflictevents.places", "conflictevents.formats.acled",
    "conflictevents.formats.gdelt", "conflictevents.formats.gdelt_reduced",
    "conflictevents.formats.geojson", "conflictevents.formats.hxl",
    "conflictevents.formats.icews", "conflictevents.formats.jsonl",
    "conflictevents.formats.ucdp", "conflictevents.codes", "conflictevents.codes.acled",
    "conflictevents.codes.cameo", "conflictevents.codes.crosswalks",
    "conflictevents.codes.plover", "conflictevents.codes.ucdp", "conflictevents.sources",
    "conflictevents.strategies",
)
"""The public modules whose ``__all__`` is the public API."""

OPTIONAL_MODULES = ("conflictevents.tables", "conflictevents.dask",
                    "conflictevents.formats.parquet")
"""Public modules that need an extra (pyarrow, dask): checked when they import."""


def _examples_text() -> str:
    pages = [ROOT / "README.md", *ROOT.glob("docs/**/*.md"), *ROOT.glob("src/**/*.py")]
    return "\n".join(line for page in pages for line in page.read_text("utf-8").splitlines()
                     if line.lstrip().startswith((">>> ", "... ")))


def _own_doctest(obj: object) -> bool:
    docs = [inspect.getdoc(obj) or ""]
    if inspect.isclass(obj):
        docs += [inspect.getdoc(value) or "" for key, value in vars(obj).items()
                 if not key.startswith("_") and (callable(value) or isinstance(value, property))]
    return any(">>>" in doc for doc in docs)


def public_callables() -> dict[str, tuple[str, object]]:
    """``qualified name -> (public name, object)`` of every public function and class."""
    found: dict[str, tuple[str, object]] = {}
    for module_name in (*MODULES, *OPTIONAL_MODULES):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            if module_name in MODULES:
                raise
            continue
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            if not getattr(obj, "__module__", "").startswith("conflictevents"):
                continue
            key = f"{obj.__module__}.{obj.__qualname__}"
            found.setdefault(key, (f"{module_name}.{name}", obj))
    return found


def without_example() -> set[str]:
    text = _examples_text()
    return {public for public, obj in public_callables().values()
            if not _own_doctest(obj)
            and re.search(rf"\b{re.escape(public.rpartition('.')[2])}\b", text) is None}


def test_every_public_callable_has_an_example() -> None:
    missing = sorted(without_example())
    assert not missing, f"public callables without an example (add a doctest): {missing}"


def test_the_check_sees_a_callable_without_an_example() -> None:
    def undocumented() -> None:
        """No example here."""

    def documented() -> None:
        """An example.

        >>> documented()
        """

    assert not _own_doctest(undocumented)
    assert _own_doctest(documented)
    assert len(public_callables()) > 200
