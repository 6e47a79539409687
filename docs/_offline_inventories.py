"""Intersphinx inventories written locally, so that the docs build without a network.

Intersphinx normally downloads ``objects.inv`` from each project it links to. The build
machines of this project have no network, so :func:`write` writes small inventories that
name the objects these docs link to, with their real addresses. Add a line below when the
docs start linking to another object.
"""

from __future__ import annotations

import zlib
from pathlib import Path

# project -> (base URL, [(name, domain:role, path within the site)])
_OBJECTS: dict[str, tuple[str, str, list[tuple[str, str, str]]]] = {
    "python": (
        "Python",
        "https://docs.python.org/3/",
        [
            ("datetime.date", "py:class", "library/datetime.html#datetime.date"),
            ("datetime.datetime", "py:class", "library/datetime.html#datetime.datetime"),
            ("ValueError", "py:exception", "library/exceptions.html#ValueError"),
            ("LookupError", "py:exception", "library/exceptions.html#LookupError"),
            ("KeyError", "py:exception", "library/exceptions.html#KeyError"),
            ("TypeError", "py:exception", "library/exceptions.html#TypeError"),
            ("Exception", "py:exception", "library/exceptions.html#Exception"),
            ("csv.reader", "py:function", "library/csv.html#csv.reader"),
            ("csv.writer", "py:function", "library/csv.html#csv.writer"),
            ("enum.Enum", "py:class", "library/enum.html#enum.Enum"),
            ("enum.IntEnum", "py:class", "library/enum.html#enum.IntEnum"),
            ("typing.Iterator", "py:class", "library/typing.html#typing.Iterator"),
            ("collections.abc.Iterator", "py:class",
             "library/collections.abc.html#collections.abc.Iterator"),
            ("collections.abc.Iterable", "py:class",
             "library/collections.abc.html#collections.abc.Iterable"),
            ("collections.abc.Mapping", "py:class",
             "library/collections.abc.html#collections.abc.Mapping"),
            ("collections.abc.Callable", "py:class",
             "library/collections.abc.html#collections.abc.Callable"),
            ("collections.abc.Sequence", "py:class",
             "library/collections.abc.html#collections.abc.Sequence"),
            ("collections.abc.MutableMapping", "py:class",
             "library/collections.abc.html#collections.abc.MutableMapping"),
            ("collections.abc.Hashable", "py:class",
             "library/collections.abc.html#collections.abc.Hashable"),
            ("collections.abc.KeysView", "py:class",
             "library/collections.abc.html#collections.abc.KeysView"),
            ("collections.abc.ValuesView", "py:class",
             "library/collections.abc.html#collections.abc.ValuesView"),
            ("collections.abc.ItemsView", "py:class",
             "library/collections.abc.html#collections.abc.ItemsView"),
            ("collections.Counter", "py:class", "library/collections.html#collections.Counter"),
            ("dict.get", "py:method", "library/stdtypes.html#dict.get"),
            ("warnings", "py:module", "library/warnings.html#module-warnings"),
            ("FileNotFoundError", "py:exception",
             "library/exceptions.html#FileNotFoundError"),
            ("OSError", "py:exception", "library/exceptions.html#OSError"),
            ("UserWarning", "py:exception", "library/exceptions.html#UserWarning"),
            ("typing.Literal", "py:data", "library/typing.html#typing.Literal"),
            ("typing.Generic", "py:class", "library/typing.html#typing.Generic"),
            ("typing.TextIO", "py:class", "library/typing.html#typing.TextIO"),
            ("typing.IO", "py:class", "library/typing.html#typing.IO"),
            ("os.PathLike", "py:class", "library/os.html#os.PathLike"),
            ("pathlib.Path", "py:class", "library/pathlib.html#pathlib.Path"),
            ("gzip", "py:module", "library/gzip.html#module-gzip"),
            ("zipfile", "py:module", "library/zipfile.html#module-zipfile"),
            ("str", "py:class", "library/stdtypes.html#str"),
            ("int", "py:class", "library/functions.html#int"),
            ("float", "py:class", "library/functions.html#float"),
            ("bool", "py:class", "library/functions.html#bool"),
            ("bytes", "py:class", "library/stdtypes.html#bytes"),
            ("tuple", "py:class", "library/stdtypes.html#tuple"),
            ("list", "py:class", "library/stdtypes.html#list"),
            ("dict", "py:class", "library/stdtypes.html#dict"),
            ("frozenset", "py:class", "library/stdtypes.html#frozenset"),
            ("object", "py:class", "library/functions.html#object"),
        ],
    ),
    "attrs": (
        "attrs",
        "https://www.attrs.org/en/stable/",
        [
            ("attrs.evolve", "py:function", "api.html#attrs.evolve"),
            ("attrs.frozen", "py:function", "api.html#attrs.frozen"),
            ("attrs.define", "py:function", "api.html#attrs.define"),
            ("attrs.Attribute", "py:class", "api.html#attrs.Attribute"),
            ("attrs.field", "py:function", "api.html#attrs.field"),
        ],
    ),
    "pyarrow": (
        "Apache Arrow",
        "https://arrow.apache.org/docs/",
        [
            ("pyarrow.Table", "py:class", "python/generated/pyarrow.Table.html#pyarrow.Table"),
            ("pyarrow.RecordBatch", "py:class",
             "python/generated/pyarrow.RecordBatch.html#pyarrow.RecordBatch"),
            ("pyarrow.Schema", "py:class",
             "python/generated/pyarrow.Schema.html#pyarrow.Schema"),
            ("pyarrow.schema", "py:function",
             "python/generated/pyarrow.schema.html#pyarrow.schema"),
        ],
    ),
    "pandas": (
        "pandas",
        "https://pandas.pydata.org/docs/",
        [("pandas.DataFrame", "py:class", "reference/api/pandas.DataFrame.html")],
    ),
    "polars": (
        "Polars",
        "https://docs.pola.rs/api/python/stable/",
        [("polars.DataFrame", "py:class", "reference/dataframe/index.html")],
    ),
    "dask": (
        "Dask",
        "https://docs.dask.org/en/stable/",
        [("dask.dataframe.DataFrame", "py:class",
          "generated/dask.dataframe.DataFrame.html#dask.dataframe.DataFrame")],
    ),
    "pycountry": (
        "pycountry",
        "https://pypi.org/project/",
        [("pycountry", "py:module", "pycountry/")],
    ),
    "hypothesis": (
        "Hypothesis",
        "https://hypothesis.readthedocs.io/en/latest/",
        [
            ("hypothesis.strategies.SearchStrategy", "py:class",
             "reference/strategies.html#hypothesis.strategies.SearchStrategy"),
            ("hypothesis.given", "py:function", "reference/api.html#hypothesis.given"),
        ],
    ),
}


def write(folder: Path) -> dict[str, tuple[str, str]]:
    """Write one inventory per project into *folder*; return an ``intersphinx_mapping``."""
    folder.mkdir(parents=True, exist_ok=True)
    mapping: dict[str, tuple[str, str]] = {}
    for key, (project, base, objects) in _OBJECTS.items():
        header = (
            "# Sphinx inventory version 2\n"
            f"# Project: {project}\n"
            "# Version: offline\n"
            "# The remainder of this file is compressed using zlib.\n"
        )
        body = "".join(f"{name} {role} 1 {path} -\n" for name, role, path in objects)
        target = folder / f"{key}.inv"
        data = header.encode() + zlib.compress(body.encode())
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
        mapping[key] = (base, str(target))
    return mapping
