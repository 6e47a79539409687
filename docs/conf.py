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
    "sphinx.ext.napoleon",
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
nitpicky = False

# Intersphinx without a network: small local inventories with the real addresses.
intersphinx_mapping = {
    name: (base, (inventory,))
    for name, (base, inventory) in _offline_inventories.write(HERE / "_build" / "inv").items()
}
intersphinx_disabled_reftypes = ["std:doc"]

html_theme = "furo"
html_title = f"conflictevents {release}"

# The code-book tables in the reference are generated from the package's data files.
_gen_codes.generate(HERE / "_generated" / "codes")

# The options tables of the format pages are generated from the options classes.
_gen_options.generate(HERE / "_generated" / "options")
