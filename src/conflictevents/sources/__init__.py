"""Fetching from the publishers: ACLED's API, GDELT's file lists, UCDP's API.

Each client fetches what its publisher serves into a :class:`Store` (files kept as published,
and a manifest), and yields the library's own records through the existing readers, so that
conversion, tables and matching work on them unchanged. They need the ``fetch`` extra
(``pip install 'conflictevents[fetch]'``, for `httpx <https://www.python-httpx.org>`_), which
is imported on first use.

- :class:`AcledClient`: OAuth with token refresh, filters, paging, large requests split by
  date, deletions, incremental updates (:func:`~conflictevents.sources.acled.current_events`).
- :class:`GdeltClient`: the 1.0 and 2.0 (and translingual) file lists, downloads verified by
  size and MD5, bounded concurrency, a cache, resumption.
- :class:`UcdpClient`: GED and Candidate releases discovered, pages followed, final and
  Candidate data stitched by version.

Every request has a timeout; ``429`` and ``5xx`` answers are retried with backoff;
``401``/``403`` raise :class:`~conflictevents.errors.AuthenticationError` naming what to check.
"""

from conflictevents.sources._http import Http
from conflictevents.sources.acled import AcledClient, AcledUpdate, current_events
from conflictevents.sources.gdelt import GdeltClient, GdeltFile, GdeltListing
from conflictevents.sources.store import ManifestEntry, Store
from conflictevents.sources.ucdp import UcdpClient, UcdpVersion, stitched

__all__ = [
    "AcledClient",
    "AcledUpdate",
    "GdeltClient",
    "GdeltFile",
    "GdeltListing",
    "Http",
    "ManifestEntry",
    "Store",
    "UcdpClient",
    "UcdpVersion",
    "current_events",
    "stitched",
]
