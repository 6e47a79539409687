"""Many files as one Dask dataframe: the event table, one partition per file.

Needs the ``dask`` extra (``pip install 'conflictevents[dask]'``: ``dask[dataframe]`` and
``distributed``). The same code runs on a laptop (Dask's default scheduler), on a
``distributed`` cluster, or on a hosted one: each partition is read where it is computed,
by :func:`conflictevents.tables.read_table` (through the format's typed reader), so the
files must be reachable from the workers (a shared disk, or
any fsspec URL such as ``s3://bucket/gdelt/*.export.CSV.zip``).

The columns are those of :data:`conflictevents.tables.SCHEMA`, with pandas' Arrow-backed
types (``pd.ArrowDtype``), so lists, maps and nullable integers keep their types. See
:doc:`/howto/dask-gdelt`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from conflictevents._optional import require
from conflictevents.formats._io import DEFAULT_MAX_DECOMPRESSED
from conflictevents.formats._policy import OnError

__all__ = ["meta", "read_dataframe"]


def meta() -> Any:
    """The empty pandas DataFrame that describes every partition (Dask's ``meta``)."""
    pd = require("pandas", "dask")
    from conflictevents.tables import SCHEMA

    return SCHEMA.empty_table().to_pandas(types_mapper=pd.ArrowDtype)


class _ReadPartition:
    """Reads one file into a pandas DataFrame (picklable: it travels to the workers)."""

    def __init__(self, fs: Any, format: str | None, on_error: OnError, member: str | None,
                 max_bytes: int) -> None:
        self.fs = fs
        self.format = format
        self.on_error = on_error
        self.member = member
        self.max_bytes = max_bytes

    def __call__(self, path: str) -> Any:
        pd = require("pandas", "dask")
        from conflictevents.tables import read_table

        options: dict[str, Any] = {"on_error": self.on_error, "member": self.member,
                                   "max_bytes": self.max_bytes}
        if _is_local(self.fs):
            table = read_table(path, self.format, **options)
        else:
            with self.fs.open(path, "rb") as stream:
                table = read_table(stream, self.format, **options)
        return table.to_pandas(types_mapper=pd.ArrowDtype)


def _is_local(fs: Any) -> bool:
    protocol = fs.protocol
    return "file" in (protocol if isinstance(protocol, (tuple, list)) else (protocol,))


def read_dataframe(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    format: str | None = None,
    *,
    on_error: OnError = "raise",
    member: str | None = None,
    max_bytes: int = DEFAULT_MAX_DECOMPRESSED,
    storage_options: dict[str, Any] | None = None,
) -> Any:
    """A :class:`dask.dataframe.DataFrame` of the events of many files, a partition per file.

    Nothing is read until the dataframe is computed; the partitions are read in parallel by
    whatever scheduler is active (a ``distributed.Client`` if one is connected).

    :param paths: a glob (``"gdelt/2024*.export.CSV.zip"``), a path or URL, or a list of them,
        read in sorted order.
    :param format: the files' format; detected per file when omitted.
    :param on_error: ``"raise"`` (a bad row fails the computation with its located
        :class:`~conflictevents.ParseError`), or ``"skip"``/``"collect"`` to leave bad rows
        out (they are not counted anywhere the client can see: use ``"raise"`` first, or read
        the files' reports with :func:`conflictevents.tables.read_table`).
    :param member: for zip files with several members, which one to read.
    :param max_bytes: how far one compressed file may expand.
    :param storage_options: options of the fsspec file system (credentials, for example).
    :raises FileNotFoundError: if no file matches.

    >>> from conflictevents import dask as ce_dask
    >>> list(ce_dask.meta().columns[:4])
    ['id', 'date_start', 'date_end', 'date_precision']
    """
    dd = require("dask.dataframe", "dask")
    fsspec = require("fsspec", "dask")
    given = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    urls = [os.fspath(path) for path in given]
    fs, _, found = fsspec.core.get_fs_token_paths(urls, mode="rb",
                                                  storage_options=storage_options or {})
    files = sorted(found)
    if not files:
        raise FileNotFoundError(f"no file matches {', '.join(urls)}")
    return dd.from_map(_ReadPartition(fs, format, on_error, member, max_bytes), files,
                       meta=meta(), enforce_metadata=False,
                       label="conflictevents-read")
