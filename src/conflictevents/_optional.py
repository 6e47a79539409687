"""Importing the optional integrations (pyarrow, pandas, polars, dask) on first use.

``import conflictevents`` imports none of them; a module that needs one calls
:func:`require`, which raises an :class:`ImportError` naming the extra to install.
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["require"]


def require(module: str, extra: str) -> ModuleType:
    """Import *module*, or raise an :class:`ImportError` that names the extra providing it.

    >>> require("json", "none").__name__
    'json'
    >>> require("no_such_module_here", "arrow")
    Traceback (most recent call last):
    ...
    ImportError: this needs no_such_module_here, which is not installed: pip install 'conflictevents[arrow]'
    """  # noqa: E501
    try:
        return importlib.import_module(module)
    except ImportError as error:
        top = module.split(".")[0]
        raise ImportError(
            f"this needs {top}, which is not installed: pip install 'conflictevents[{extra}]'",
            name=top,
        ) from error
