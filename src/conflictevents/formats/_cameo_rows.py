"""Helpers shared by the CAMEO-coded formats (GDELT 1.0/2.0 and ICEWS): private.

Both formats code events with CAMEO event codes and actors with CAMEO actor codes (GDELT)
or names and countries (ICEWS); their writers take events of any origin and need the same
answers to "which CAMEO code does this event have?", with the same ``derive`` rule:

* a coded CAMEO classification is used as it is; a classification already marked derived is
  used too, and counted with ``report.derive(field)``;
* otherwise, only when the caller passed ``derive=True`` (the default of the writers), the
  ACLED sub-event type is taken through :func:`conflictevents.codes.crosswalks.acled_to_cameo`
  (counted as derived); an event with neither, but a UCDP type of violence, takes the ACLED
  sub-event type of :func:`conflictevents.codes.ucdp.to_acled` first;
* otherwise the event has no CAMEO code, and the writer leaves it out with the reason this
  module gives.

It also reads CAMEO actor codes as GDELT and ICEWS write them (:func:`parse_actor_code`,
that is :func:`conflictevents.codes.cameo.split_actor_code`) and asks the place code books
the questions the GDELT readers need (:func:`fips_country`, :func:`fips_adm1_subdivision`).

This module knows no format's columns; it is not a format.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, MutableMapping
from functools import cache
from typing import Final, TextIO

import attrs

from conflictevents import places
from conflictevents.codes import cameo, crosswalks
from conflictevents.codes import ucdp as ucdp_codes
from conflictevents.errors import (
    InputTooLargeError,
    ParseError,
    UnknownCodeError,
    ValidationError,
)
from conflictevents.formats._cells import CellError, is_reserved
from conflictevents.formats._csv import neutralise_formula
from conflictevents.formats._io import Input, bad_text
from conflictevents.formats._policy import ErrorPolicy
from conflictevents.formats.report import ConversionReport, Reason
from conflictevents.model import Actor, Event, GeoPrecision, Record

__all__ = [
    "GEO_PRECISION",
    "ActorCode",
    "CellError",
    "CodeChoice",
    "cameo_country_for_iso",
    "choose_event_code",
    "count_lost",
    "count_other_extras",
    "derive_actor_code",
    "fips_adm1_subdivision",
    "fips_country",
    "is_event_code_shape",
    "iso_for_cameo_country",
    "number",
    "number_cell",
    "parse_actor_code",
    "read_rows",
    "split_line",
    "write_rows",
    "written_actor_code",
]

# CAMEO country codes (kind "country") that are not ISO 3166-1 alpha-3 codes, and the ISO
# code of the same country. ANT (the Netherlands Antilles, dissolved 2010) has none.
_CAMEO_TO_ISO = {"TMP": "TLS", "ROM": "ROU", "IMY": "IMN", "MTN": "MNE"}
_ISO_TO_CAMEO = {iso: code for code, iso in _CAMEO_TO_ISO.items()}

#: GDELT's geography types (``ActionGeo_Type``; the reduced files' ``ActionGeoType``) as
#: precisions: 1 a country, 2 a US state, 3 a US city, 4 a world city, 5 a world state (ADM1).
GEO_PRECISION = {
    "1": GeoPrecision.COUNTRY,
    "2": GeoPrecision.ADMIN1,
    "3": GeoPrecision.EXACT,
    "4": GeoPrecision.EXACT,
    "5": GeoPrecision.ADMIN1,
}

NO_CODE = Reason.NO_CAMEO_CODE
UNKNOWN_CODE = Reason.UNKNOWN_CAMEO_CODE
NO_EQUIVALENT = Reason.NO_CAMEO_EQUIVALENT
NO_CODE_HINT = Reason.NOT_DERIVED


@attrs.frozen
class CodeChoice:
    """The CAMEO event code chosen for an event, or why there is none.

    :ivar code: the canonical code, or ``None``.
    :ivar reason: when ``code`` is ``None``, the reason to count with ``report.leave_out``.
    :ivar derived: whether the code came through a crosswalk.
    :ivar unknown: the code is one the code book lacks, kept verbatim from the publisher
        (write it as it is; its base, root and QuadClass come from its digits).
    """

    code: str | None
    reason: Reason = Reason.NO_CAMEO_CODE
    derived: bool = False
    unknown: bool = False


def choose_event_code(event: Event, *, derive: bool) -> CodeChoice:
    """The CAMEO event code to write for *event* (see the module's rules).

    Nothing is counted here: the caller counts ``derived`` once the row is written.
    """
    coded = event.classification("cameo")
    if coded is not None:
        if coded.unknown and is_event_code_shape(coded.code):
            return CodeChoice(coded.code, unknown=True)
        if not cameo.is_event_code(coded.code):
            return CodeChoice(None, UNKNOWN_CODE)
        return CodeChoice(cameo.event(coded.code).code, derived=coded.derived)
    acled_type = event.classification("acled")
    violence = event.classification("ucdp") if acled_type is None else None
    if acled_type is None and (violence is None or violence.unknown):
        return CodeChoice(None, NO_CODE)
    if not derive:
        return CodeChoice(None, NO_CODE_HINT)
    if acled_type is not None:
        sub_event_type = acled_type.code
    else:
        assert violence is not None
        through = ucdp_codes.to_acled(violence.code)
        if through is None or len(through.targets) < 2:
            return CodeChoice(None, NO_EQUIVALENT)
        sub_event_type = through.targets[1]
    try:
        found = crosswalks.acled_to_cameo(sub_event_type)
    except UnknownCodeError:
        return CodeChoice(None, NO_CODE)
    if found is None:
        return CodeChoice(None, NO_EQUIVALENT)
    return CodeChoice(found.target, derived=True)


def is_event_code_shape(code: str) -> bool:
    """Whether *code* is shaped like a CAMEO event code: two to four ASCII digits, the
    first two a root code 01-20 (``"1213"`` is, ``"999"`` and ``"abc"`` are not)."""
    return (2 <= len(code) <= 4 and code.isascii() and code.isdigit()
            and 1 <= int(code[:2]) <= 20)


def event_code_parts(code: str) -> tuple[str, str, str]:
    """The base code, root code and QuadClass of an event code the code book lacks, from
    its digits (``"1213"`` -> ``("121", "12", "3")``); the code book's own answer for a
    code it knows."""
    if cameo.is_event_code(code):
        entry = cameo.event(code)
        return entry.base or entry.code, entry.root, str(entry.quad_class)
    root = code[:2]
    quad = cameo.quad_class(root) if cameo.is_event_code(root) else None
    return code[:3], root, "" if quad is None else str(quad)


# -- CAMEO actor codes, as GDELT and ICEWS write them ---------------------------------------

#: The part a block of an actor code stands for.
COUNTRY: Final = "country"
KNOWN_GROUP: Final = "known_group"
ROLE: Final = "role"
RELIGION: Final = "religion"
ETHNIC: Final = "ethnic"
UNKNOWN: Final = "unknown"

# The grammar is public: conflictevents.codes.cameo.split_actor_code (cached).
ActorCode = cameo.CameoActorBlocks
parse_actor_code = cameo.split_actor_code


# -- the place code books, as the GDELT readers need them -----------------------------------


def fips_country(code: str) -> tuple[bool, str | None]:
    """``(known, alpha3)`` for a FIPS 10-4 country code: whether the table has it, and the
    ISO 3166-1 alpha-3 code of its place (``None`` for a place ISO has no code for, such as
    the Indian Ocean, ``OC``)."""
    try:
        return True, places.fips_to_iso(code)
    except UnknownCodeError:
        return False, None


def fips_adm1_subdivision(code: str) -> str | None:
    """The ISO 3166-2 code of a GDELT ``*_ADM1Code`` (``"SY13"`` -> ``"SY-DI"``) where the
    crosswalk of :func:`conflictevents.places.fips_adm1_to_iso3166_2` maps it to a
    subdivision ISO 3166-2 lists, else ``None`` (country level, or a code the crosswalk
    lacks: never an error, the FIPS code is kept in the extras)."""
    if not code:
        return None
    try:
        found = places.fips_adm1_to_iso3166_2(code)
    except UnknownCodeError:
        return None
    if found is not None and places.is_subdivision_code(found):
        return found
    return None


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


def clean_cell(cell: str, report: ConversionReport, field: str) -> str:
    """*cell* with tabs and line breaks turned into spaces (a tab-separated row cannot hold
    them), counted in *report* as a drop of *field*, the model path the cell was written
    from (``actor1.name``, ``extras.gdelt2.Actor1Geo_FullName``)."""
    if "\t" in cell or "\n" in cell or "\r" in cell:
        report.drop(field)
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


def number(row: Mapping[str, str], column: str, *, optional: bool = True,
           limit: float | None = None) -> float | None:
    """The number in *row*'s *column* (``None`` for an empty optional cell).

    :raises CellError: for a cell that is not a finite number written without spaces, or is
        outside ``-limit..limit``.
    """
    return number_cell(row[column], column, optional=optional, limit=limit)


def number_cell(cell: str, column: str, *, optional: bool = True,
                limit: float | None = None) -> float | None:
    """:func:`number` for *cell*, the text of *column*."""
    if cell == "" and optional:
        return None
    if len(cell) > 64:
        raise CellError(column, "must be a number (this is longer than any)")
    try:
        value = float(cell)
    except ValueError:
        raise CellError(column, "must be a number") from None
    if not math.isfinite(value) or cell.strip() != cell:
        raise CellError(column, "must be a finite number")
    if limit is not None and not -limit <= value <= limit:
        raise CellError(column, f"must be between -{limit:g} and {limit:g}")
    return value


def write_rows(
    records: Iterable[Record],
    stream: TextIO,
    report: ConversionReport,
    *,
    fmt: str,
    header: str | None,
    row: Callable[[Event], list[str] | None],
    spreadsheet_safe: bool = False,
) -> None:
    """Write events as tab-separated rows under *header* (``None``: no header line), in the
    line end the first event's file had (its reserved ``@eol`` key; a line feed otherwise).
    *row* gives an event's cells, or ``None`` for an event it leaves out (and counts in the
    report itself)."""
    eol: str | None = None
    for record in records:
        if not isinstance(record, Event):
            report.leave_out(Reason.for_record(record))
            continue
        if eol is None:
            eol = "\r\n" if record.extra(fmt, "@eol") == "\r\n" else "\n"
            if header is not None:
                stream.write(header + eol)
        cells = row(record)
        if cells is None:
            continue
        if spreadsheet_safe:
            cells = [neutralise_formula(cell) for cell in cells]
        stream.write("\t".join(cells))
        stream.write(eol)
        report.written += 1
    if eol is None and header is not None:
        stream.write(header + "\n")


#: A warning a row gives: (code, reason, column, value).
Note = tuple[str, str, str, str]


def read_rows(
    source: Input,
    policy: ErrorPolicy,
    *,
    columns: tuple[str, ...],
    title: str,
    parse_line: Callable[[str, str, int, str | None], tuple[Event, list[Note]]],
) -> Iterator[Record]:
    """The events of a tab-separated file whose header is *columns*, one per non-empty line
    through ``parse_line(text, source name, line number, eol)``; its notes are warnings
    (``unknown-code`` once per file), its :class:`~conflictevents.ParseError` goes to *policy*.

    :raises ParseError: for a header other than *columns* (*title* names the format:
        ``"an ICEWS"``), naming the first column that differs.
    """
    lines = iter(source.lines())
    first = next(lines, None)
    if first is None:
        return
    eol = "\r\n" if first.endswith("\r\n") else None
    header = strip_terminator(first).lstrip("\ufeff")
    if header != "\t".join(columns):
        names = header.split("\t")
        for index, expected in enumerate(columns):
            found = names[index] if index < len(names) else None
            if found != expected:
                raise ParseError(f"not {title} header: expected column {expected!r} here",
                                 source=source.name, line=1, column=index + 1, value=found)
        raise ParseError(f"not {title} header: {len(names)} columns, expected {len(columns)}",
                         source=source.name, line=1, value=names[len(columns)])
    for number, line in enumerate(lines, start=2):
        text = strip_terminator(line)
        if not text:
            continue
        try:
            event, notes = parse_line(text, source.name, number, eol)
            for code, reason, column, value in notes:
                policy.warn(code, reason, source=source.name, line=number, column=column,
                            value=value, once=code == "unknown-code")
        except ParseError as error:
            policy.handle(error)
            continue
        yield event


def count_lost(event: Event, report: ConversionReport, fields: Iterable[str]) -> None:
    """Count in *report* what a CAMEO format has no column for: *event*'s classifications of
    other schemes, then each of *fields* it has (a value, or a tuple that is not empty)."""
    for scheme in sorted({c.scheme for c in event.classifications if c.scheme != "cameo"}):
        report.drop(f"classifications.{scheme}")
    for field in fields:
        value = getattr(event, field)
        if value is not None and value != ():
            report.drop(field)


def count_other_extras(event: Event, report: ConversionReport, fmt: str,
                       columns: Container[str]) -> None:
    """Count in *report* the extras of *event* a file of *fmt* cannot hold: other formats',
    and its own that are neither *columns* nor reserved."""
    for other, kept in event.extras.items():
        if other != fmt:
            report.drop(f"extras.{other}")
            continue
        for column in kept:
            if not is_reserved(column) and column not in columns:
                report.drop(f"extras.{fmt}.{column}")


def check_text(text: str, columns: Iterable[str], cells: Iterable[str], source: str,
               number: int) -> None:
    """Refuse a cell of line *number* (whose *text* is split into *cells*) that is not text a
    row can hold (a NUL, bytes that were not UTF-8), naming its column. A line that is clean
    as a whole is not looked at cell by cell.

    :raises ParseError: for the first such cell.
    """
    if bad_text(text) is None:
        return
    for column, cell in zip(columns, cells, strict=False):  # a short row checks its cells
        problem = bad_text(cell)
        if problem is not None:
            raise ParseError(problem, source=source, line=number, column=column,
                             value=cell.encode("utf-8", "surrogateescape"))


#: What building a row's event may raise: a cell's error, or (a safety net, since every
#: cell is checked before the model sees it) the model's own.
ROW_ERRORS: Final = (CellError, ValidationError, UnknownCodeError, ValueError)


def row_error(error: Exception, source: str, number: int,
              value_of: Callable[[str], object]) -> ParseError:
    """The :class:`ParseError` for *error*, one of :data:`ROW_ERRORS` raised while building
    the event of line *number*: a cell's error names its column and the cell
    (``value_of(column)``), any other the line."""
    if isinstance(error, CellError):
        return ParseError(error.reason, source=source, line=number, column=error.column,
                          value=value_of(error.column))
    return ParseError(str(error), source=source, line=number)


def split_line(text: str, max_field: int, source: str, number: int) -> list[str]:
    """The tab-separated cells of line *number* (without its terminator).

    :raises InputTooLargeError: for a line longer than *max_field* characters.
    """
    if len(text) > max_field:
        raise InputTooLargeError(
            f"a line of {len(text)} characters is longer than the limit of {max_field} "
            "(raise max_field to read it)", source=source, line=number)
    return text.split("\t")


def written_actor_code(actor: Actor, derive: bool, report: ConversionReport,
                       field: str) -> str | None:
    """The CAMEO code to write for *actor*: its own, else (with *derive*) one derived from
    its name and country (:func:`derive_actor_code`), counted as derived under *field*, its
    path in the model (``actor1.cameo_code``)."""
    code = actor.cameo_code
    if code is None and derive:
        code = derive_actor_code(actor)
        if code is not None:
            report.derive(field)
    return code
