"""Sphinx configuration for the conflictevents documentation."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _gen_codes  # noqa: E402
import _gen_options  # noqa: E402
import _offline_inventories  # noqa: E402

import conflictevents  # noqa: E402

project = "conflictevents"
author = "The conflictevents developers"
copyright = "2026, the conflictevents developers"
release = conflictevents.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "_generated", "Thumbs.db", ".DS_Store"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_default_options = {"members": True, "show-inheritance": True}
autodoc_preserve_defaults = True
nitpicky = True  # every reference must resolve (the build runs with -n -W as well)
# Type variables and private aliases that annotations show but the reference does not document.
nitpick_ignore_regex = [
    (r"py:(class|obj|data|func|meth|attr)", r"(.*\.)?_[A-Za-z]\w*(\..*)?"),  # private names
    (r"py:(class|obj)", r"(R_co|Target|Source|Layout|SniffResult|PlaceKey)"),
]

# Intersphinx without a network: small local inventories with the real addresses.
intersphinx_mapping = {
    name: (base, (inventory,))
    for name, (base, inventory) in _offline_inventories.write(HERE / "_build" / "inv").items()
}
intersphinx_disabled_reftypes = ["std:doc"]

html_theme = "furo"
html_title = f"conflictevents {release}"

def _import(dotted: str) -> object:
    """The object at *dotted* (``conflictevents.errors.ParseError``), or ``None``."""
    import importlib

    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            obj = getattr(obj, name, None)
            if obj is None:
                return None
        return obj
    return None


def _canonical(app: object, env: object, node: object, contnode: object) -> object:
    """Resolve a Python reference the way a reader means it: ``conflictevents.X`` (the
    public name) where X is documented (``conflictevents.errors.ParseError``), a short name
    (``Event``, ``ParseError``) in the module it is written in or at the top of the package,
    and an attribute the reference does not list on its own as its class."""
    if node.get("refdomain") != "py":  # type: ignore[attr-defined]
        return None
    target = str(node.get("reftarget", "")).lstrip("~.")  # type: ignore[attr-defined]
    module = node.get("py:module") or ""  # type: ignore[attr-defined]
    cls = node.get("py:class") or ""  # type: ignore[attr-defined]
    names = [target] if target.startswith("conflictevents.") else [
        name for name in (f"{module}.{cls}.{target}" if module and cls else "",
                          f"{module}.{target}" if module else "",
                          f"conflictevents.{target}", f"conflictevents.formats.{target}")
        if name]
    home = getattr(_import(f"{module}.{cls}") if cls else None, "__module__", None)
    if isinstance(home, str) and not target.startswith("conflictevents."):
        names.append(f"{home}.{target}")
    candidates: list[str] = []
    for name in names:
        obj = _import(name)
        home = getattr(obj, "__module__", None)
        qualname = getattr(obj, "__qualname__", None)
        if isinstance(home, str) and isinstance(qualname, str):
            candidates.append(f"{home}.{qualname}")
        candidates.append(name)
    for name in list(candidates):
        parts = name.split(".")
        candidates += [".".join(parts[:cut]) for cut in range(len(parts) - 1, 1, -1)]
    domain = env.get_domain("py")  # type: ignore[attr-defined]
    for candidate in dict.fromkeys(candidates):
        if candidate == target:
            continue
        found = domain.resolve_any_xref(env, node["refdoc"], app.builder,  # type: ignore
                                        candidate, node, contnode)
        if found:
            return found[0][1]
    return None


def _attrs_defaults(app: object, what: str, name: str, obj: object, options: object,
                    signature: str | None, annotation: str | None) -> object:
    """Show an attrs class's defaults as values: the source of the ``__init__`` attrs
    generates spells them ``attr_dict['read'].default``."""
    if not signature or "attr_dict[" not in signature:
        return None
    import re

    import attrs

    fields = {f.name: f for f in attrs.fields(obj)} if isinstance(obj, type) and attrs.has(
        obj) else {}

    def value(match: re.Match[str]) -> str:
        field = fields.get(match.group(1))
        default = field.default if field is not None else None
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            return f"{getattr(default.factory, '__name__', 'factory')}()"
        return repr(default)

    return re.sub(r"attr_dict\['(\w+)'\]\.default", value, signature), annotation


def setup(app: object) -> None:
    app.connect("missing-reference", _canonical)  # type: ignore[attr-defined]
    app.connect("autodoc-process-signature", _attrs_defaults)  # type: ignore[attr-defined]


# The code-book tables in the reference are generated from the package's data files.
_gen_codes.generate(HERE / "_generated" / "codes")

# The options tables of the format pages are generated from the options classes.
_gen_options.generate(HERE / "_generated" / "options")
