"""Helpers shared by the CAMEO-coded formats (GDELT 1.0/2.0 and ICEWS): private.

Both formats code events with CAMEO event codes and actors with CAMEO actor codes (GDELT)
or names and countries (ICEWS); their writers take events of any origin and need the same
answers to "which CAMEO code does this event have?", with the same ``derive`` rule:

* a coded CAMEO classification is used as it is; a classification already marked derived is
  used too, and counted with ``report.derive(field)``;
* otherwise, only when the caller passed ``derive=True``, the ACLED sub-event type is taken
  through :func:`conflictevents.codes.crosswalks.acled_to_cameo` (counted as derived);
* otherwise the event has no CAMEO code, and the writer leaves it out with the reason this
  module gives.

This module knows no format's columns; it is not a format.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from functools import cache

import attrs

from conflictevents import places
from conflictevents.codes import cameo, crosswalks
from conflictevents.errors import UnknownCodeError
from conflictevents.formats.report import ConversionReport
from conflictevents.model import Actor, Event

__all__ = [
    "CodeChoice",
    "cameo_country_for_iso",
    "choose_event_code",
    "derive_actor_code",
    "iso_for_cameo_country",
]

# CAMEO country codes (kind "country") that are not ISO 3166-1 alpha-3 codes, and the ISO
# code of the same country. ANT (the Netherlands Antilles, dissolved 2010) has none.
_CAMEO_TO_ISO = {"TMP": "TLS", "ROM": "ROU", "IMY": "IMN", "MTN": "MNE"}
_ISO_TO_CAMEO = {iso: code for code, iso in _CAMEO_TO_ISO.items()}

NO_CODE = "no CAMEO event code"
UNKNOWN_CODE = "unknown CAMEO event code"
NO_EQUIVALENT = "ACLED type has no CAMEO equivalent"
NO_CODE_HINT = "no CAMEO event code (derive=True would derive one from the ACLED type)"


@attrs.frozen
class CodeChoice:
    """The CAMEO event code chosen for an event, or why there is none.

    :ivar code: the canonical code, or ``None``.
    :ivar reason: when ``code`` is ``None``, the reason to count with ``report.leave_out``.
    :ivar derived: whether the code came through a crosswalk.
    """

    code: str | None
    reason: str = ""
    derived: bool = False


def choose_event_code(event: Event, *, derive: bool) -> CodeChoice:
    """The CAMEO event code to write for *event* (see the module's rules).

    Nothing is counted here: the caller counts ``derived`` once the row is written.
    """
    coded = event.classification("cameo")
    if coded is not None:
        if not cameo.is_event_code(coded.code):
            return CodeChoice(None, UNKNOWN_CODE)
        return CodeChoice(cameo.event(coded.code).code, derived=coded.derived)
    acled_type = event.classification("acled")
    if acled_type is None:
        return CodeChoice(None, NO_CODE)
    if not derive:
        return CodeChoice(None, NO_CODE_HINT)
    try:
        found = crosswalks.acled_to_cameo(acled_type.code)
    except UnknownCodeError:
        return CodeChoice(None, NO_CODE)
    if found is None:
        return CodeChoice(None, NO_EQUIVALENT)
    return CodeChoice(found.target, derived=True)


@cache
def _cameo_country_kinds() -> dict[str, str]:
    return {entry.code: entry.kind for entry in cameo.actor_countries()}


def iso_for_cameo_country(code: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of a CAMEO country code (``"SYR"`` -> ``"SYR"``,
    ``"ROM"`` -> ``"ROU"``), or ``None`` for regions (``"AFR"``), sub-national areas
    (``"GZS"``) and codes that are not CAMEO country codes."""
    if _cameo_country_kinds().get(code) != "country":
        return None
    if code in _CAMEO_TO_ISO:
        return _CAMEO_TO_ISO[code]
    return code if places.is_country_code(code) else None


def cameo_country_for_iso(alpha3: str | None) -> str | None:
    """The CAMEO country code of an ISO 3166-1 alpha-3 code, or ``None`` when CAMEO has
    none."""
    if alpha3 is None:
        return None
    code = _ISO_TO_CAMEO.get(alpha3, alpha3)
    return code if _cameo_country_kinds().get(code) == "country" else None


def derive_actor_code(actor: Actor) -> str | None:
    """A CAMEO actor code built from the actor's country and ACLED kind, or ``None``.

    The country becomes the first block (when CAMEO has a code for it), the kind the most
    usual CAMEO role of :func:`~conflictevents.codes.crosswalks.acled_actor_type_to_cameo_role`.
    """
    country = cameo_country_for_iso(actor.country)
    roles: list[str] = []
    if actor.kind is not None:
        roles.append(crosswalks.acled_actor_type_to_cameo_role(int(actor.kind)).target)
    if country is None and not roles:
        return None
    return cameo.build_actor_code(country=country, roles=roles)


def count_derived(report: ConversionReport, field: str, derived: bool) -> None:
    """Count *field* as derived when *derived*."""
    if derived:
        report.derive(field)


# -- tab-separated rows, shared by the GDELT and ICEWS writers ------------------------------


def strip_terminator(line: str) -> str:
    """*line* without its line terminator (``\\r\\n``, ``\\n`` or ``\\r``)."""
    if line.endswith("\r\n"):
        return line[:-2]
    if line.endswith(("\n", "\r")):
        return line[:-1]
    return line


def format_float(value: float) -> str:
    """The shortest text that reads back as *value*."""
    return repr(float(value))


def clean_cell(cell: str, report: ConversionReport) -> str:
    """*cell* with tabs and line breaks turned into spaces (a tab-separated row cannot hold
    them), counted in *report*."""
    if "\t" in cell or "\n" in cell or "\r" in cell:
        report.drop("tabs and line breaks in text")
        return " ".join(cell.replace("\t", " ").splitlines())
    return cell


def numeric_id(identifier: str, numbers: Iterator[int],
               id_map: MutableMapping[str, str] | None, report: ConversionReport) -> str:
    """*identifier* if it is a whole number, else the next of *numbers* (recorded in
    *id_map* when given, and counted in *report* as a dropped ``id``)."""
    if identifier.isascii() and identifier.isdigit():
        return identifier
    number = str(next(numbers))
    if id_map is not None:
        id_map[identifier] = number
    report.drop("id")
    return number
