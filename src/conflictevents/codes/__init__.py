"""The code books of conflict-event data, with typed look-ups.

* :mod:`~conflictevents.codes.cameo`: CAMEO event codes (with QuadClass and Goldstein
  scale) and actor codes (countries and regions, roles, known groups, ethnic and religion
  codes);
* :mod:`~conflictevents.codes.acled`: ACLED event types, sub-event types, disorder types,
  actor types, interaction codes and precision codes, and the event types of files from
  before 2019;
* :mod:`~conflictevents.codes.plover`: PLOVER event types and modes;
* :mod:`~conflictevents.codes.ucdp`: UCDP GED types of violence, precision and event
  clarity codes;
* :mod:`~conflictevents.codes.crosswalks`: mappings between them.

The tables are CSV files in this package's ``data`` folder (their sources are listed in
``data/README.md``), each read once, the first time it is needed: importing this package
reads none of them. Codes are strings (``"010"`` is not ``10``); look-ups ignore case and
surrounding whitespace and return canonical codes; an unknown code raises
:class:`~conflictevents.errors.UnknownCodeError`.
"""

from __future__ import annotations

from conflictevents.codes import acled, cameo, crosswalks, plover, ucdp
from conflictevents.codes.acled import (
    AcledActorType,
    AcledEventType,
    AcledInteraction,
    AcledLegacyEventType,
    AcledPrecision,
    AcledSubEventType,
)
from conflictevents.codes.cameo import (
    CameoActorBlocks,
    CameoActorCode,
    CameoCodeName,
    CameoCountry,
    CameoEthnicGroup,
    CameoEvent,
    CameoKnownGroup,
    CameoQuadClass,
    CameoReligion,
    CameoRole,
)
from conflictevents.codes.crosswalks import CrosswalkResult
from conflictevents.codes.plover import PloverEventType, PloverMode
from conflictevents.codes.ucdp import UcdpEventClarity, UcdpPrecision, UcdpViolenceType

__all__ = [
    "AcledActorType",
    "AcledEventType",
    "AcledInteraction",
    "AcledLegacyEventType",
    "AcledPrecision",
    "AcledSubEventType",
    "CameoActorBlocks",
    "CameoActorCode",
    "CameoCodeName",
    "CameoCountry",
    "CameoEthnicGroup",
    "CameoEvent",
    "CameoKnownGroup",
    "CameoQuadClass",
    "CameoReligion",
    "CameoRole",
    "CrosswalkResult",
    "PloverEventType",
    "PloverMode",
    "UcdpEventClarity",
    "UcdpPrecision",
    "UcdpViolenceType",
    "acled",
    "cameo",
    "crosswalks",
    "plover",
    "ucdp",
]
