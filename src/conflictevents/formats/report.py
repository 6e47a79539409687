"""What a conversion did: counts, errors, and everything it could not carry."""

from __future__ import annotations

import enum
import json
from collections import Counter
from importlib import resources
from typing import Any

import attrs

from conflictevents.errors import DataWarning, ParseError

__all__ = ["MAX_KEPT_WARNINGS", "ConversionReport", "ErrorCode", "Reason", "report_schema"]


class Reason(str, enum.Enum):
    """Why a writer left a record out: a closed set of stable machine codes (the keys of
    :attr:`ConversionReport.left_out`, and of ``left_out`` in the report's JSON form); the
    English is in ``str(reason)``.

    >>> import conflictevents as ce
    >>> Reason.NO_COORDINATES.value
    'no-coordinates'
    >>> str(Reason.NO_COORDINATES)
    'no coordinates: the format places every record on the map'
    >>> Reason.for_record(ce.Claim("c1", "The town fell", ce.Source("SANA")))
    <Reason.CLAIM: 'claim'>
    """

    CLAIM = "claim"
    CONTROL_CHANGE = "control-change"
    NO_COORDINATES = "no-coordinates"
    DATE_TOO_COARSE = "date-too-coarse"
    NO_CAMEO_CODE = "no-cameo-code"
    UNKNOWN_CAMEO_CODE = "unknown-cameo-code"
    NO_CAMEO_EQUIVALENT = "no-cameo-equivalent"
    NO_ACLED_TYPE = "no-acled-type"
    UNKNOWN_ACLED_TYPE = "unknown-acled-type"
    NO_ACLED_EQUIVALENT = "no-acled-equivalent"
    ACLED_TYPE_MISMATCH = "acled-type-mismatch"
    LEGACY_ACLED_TYPE = "legacy-acled-type"
    NO_LEGACY_ACLED_TYPE = "no-legacy-acled-type"
    UNKNOWN_UCDP_TYPE = "unknown-ucdp-type"
    NOT_DERIVED = "not-derived"

    def __str__(self) -> str:
        return _REASONS[self]

    @classmethod
    def for_record(cls, record: object) -> Reason:
        """The reason for leaving out a record that is not an event (a claim or a control
        change) from a format that holds events only."""
        return cls.CLAIM if type(record).__name__ == "Claim" else cls.CONTROL_CHANGE


_REASONS: dict[Reason, str] = {
    Reason.CLAIM: "a claim: the format holds events only",
    Reason.CONTROL_CHANGE: "a control change: the format holds events only",
    Reason.NO_COORDINATES: "no coordinates: the format places every record on the map",
    Reason.DATE_TOO_COARSE: "a date less precise than the format can hold (ACLED: a month)",
    Reason.NO_CAMEO_CODE: "no CAMEO event code, and no classification to derive one from",
    Reason.UNKNOWN_CAMEO_CODE: "a CAMEO event code that is not in the code book",
    Reason.NO_CAMEO_EQUIVALENT: "the event's type has no CAMEO equivalent",
    Reason.NO_ACLED_TYPE: "no ACLED event type, and no classification to derive one from",
    Reason.UNKNOWN_ACLED_TYPE: "an ACLED sub-event type that is not in the code book",
    Reason.NO_ACLED_EQUIVALENT: "the event's type has no ACLED equivalent",
    Reason.ACLED_TYPE_MISMATCH: "an ACLED event type and sub-event type that disagree",
    Reason.LEGACY_ACLED_TYPE: "an ACLED event type from before 2019, which has no single "
                              "sub-event type since",
    Reason.NO_LEGACY_ACLED_TYPE: "an ACLED type since 2019 with no event type before 2019, "
                                 "for a layout of the old taxonomy",
    Reason.UNKNOWN_UCDP_TYPE: "a UCDP type of violence that is not in the code book",
    Reason.NOT_DERIVED: "the format needs a classification the event has only through a "
                        "crosswalk, and derive=False",
}


class ErrorCode(str, enum.Enum):
    """What kind of error a row or an input had: the ``code`` of every
    :class:`~conflictevents.ParseError` (and of the ``errors`` of the report's JSON form).

    >>> ErrorCode("ambiguous-date")
    <ErrorCode.AMBIGUOUS_DATE: 'ambiguous-date'>
    >>> str(ErrorCode.INPUT_NOT_FOUND)
    'the input file does not exist'
    """

    PARSE_ERROR = "parse-error"
    AMBIGUOUS_DATE = "ambiguous-date"
    INPUT_TOO_LARGE = "input-too-large"
    INPUT_NOT_FOUND = "input-not-found"

    def __str__(self) -> str:
        return _ERROR_CODES[self]


_ERROR_CODES: dict[ErrorCode, str] = {
    ErrorCode.PARSE_ERROR: "a row or a value could not be read",
    ErrorCode.AMBIGUOUS_DATE: "a numeric date reads two ways and nothing decides which",
    ErrorCode.INPUT_TOO_LARGE: "the input exceeded a limit (size, field, expansion)",
    ErrorCode.INPUT_NOT_FOUND: "the input file does not exist",
}


def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a report's JSON form: :meth:`ConversionReport.as_dict`
    and the file ``conflictevents convert --report-json`` writes.

    >>> schema = report_schema()
    >>> schema["$id"]
    'https://conflictevents.readthedocs.io/schema/conversion-report-1.schema.json'
    >>> sorted(schema["properties"]["left_out"]["propertyNames"]["enum"]) == sorted(
    ...     reason.value for reason in Reason)
    True
    """
    text = resources.files("conflictevents.formats").joinpath("schema").joinpath(
        "conversion-report-1.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema

MAX_KEPT_WARNINGS = 1000
"""How many :class:`~conflictevents.DataWarning` objects a report keeps; past that it only
counts them (in :attr:`ConversionReport.warning_counts`), so that a file with a million odd
rows does not hold a million warnings in memory."""


@attrs.define(eq=False)
class ConversionReport:
    """The account of one read or write: nothing is dropped without being counted here.

    A reader fills ``read``, ``skipped`` and ``errors``; a writer fills ``written``,
    ``left_out``, ``dropped`` and ``derived``. One report may be shared by a read and the write
    that consumes it, which is what :func:`conflictevents.convert` and the command line do.

    :ivar read: records read successfully.
    :ivar written: records written.
    :ivar skipped: rows that could not be read and were skipped (``on_error="skip"`` or
        ``"collect"``).
    :ivar errors: the :class:`~conflictevents.ParseError` of every skipped row, under
        ``on_error="collect"``.
    :ivar left_out: records not written, by :class:`Reason` (``Reason.NO_CAMEO_CODE``).
    :ivar dropped: per field of the model, as a dotted path (``"notes"``, ``"date.precision"``,
        ``"actor1.cameo_code"``, ``"classifications.acled"``, ``"extras.gdelt2.Foo"``), how
        many written records lost that field because the output format has no place for it.
    :ivar derived: per field of the model (a dotted path, as for ``dropped``), how many written
        records carry a value derived through a crosswalk rather than coded by the publisher
        (``"classifications.cameo"``).
    :ivar warnings: the located :class:`~conflictevents.DataWarning` objects of the read, in
        order (the first :data:`MAX_KEPT_WARNINGS`): rows that were read and kept as written,
        but hold something odd (a code our code books lack, a range the publisher's own values
        contradict).
    :ivar warning_counts: how many warnings of each code there were, all of them counted.
    """

    read: int = 0
    written: int = 0
    skipped: int = 0
    errors: list[ParseError] = attrs.Factory(list)
    left_out: Counter[Reason] = attrs.Factory(Counter)
    dropped: Counter[str] = attrs.Factory(Counter)
    derived: Counter[str] = attrs.Factory(Counter)
    warnings: list[DataWarning] = attrs.Factory(list)
    warning_counts: Counter[str] = attrs.Factory(Counter)

    def drop(self, field: str, count: int = 1) -> None:
        """Count *count* records that lost *field*."""
        self.dropped[field] += count

    def derive(self, field: str, count: int = 1) -> None:
        """Count *count* records whose *field* was derived through a crosswalk."""
        self.derived[field] += count

    def leave_out(self, reason: Reason, count: int = 1) -> None:
        """Count *count* records that were not written, and why."""
        self.left_out[reason] += count

    def warn(self, warning: DataWarning) -> None:
        """Record *warning* (counted always, kept while fewer than
        :data:`MAX_KEPT_WARNINGS` are kept)."""
        self.warning_counts[warning.code] += 1
        if len(self.warnings) < MAX_KEPT_WARNINGS:
            self.warnings.append(warning)

    @property
    def warned(self) -> int:
        """How many warnings there were in all."""
        return sum(self.warning_counts.values())

    @property
    def lossless(self) -> bool:
        """Whether nothing was skipped, left out, dropped or derived."""
        return not (self.skipped or self.left_out or self.dropped or self.derived)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form of the report, valid against :func:`report_schema`: reasons and
        errors by their machine codes, with the English beside them (``reason``).

        >>> report = ConversionReport(read=2, written=1)
        >>> report.leave_out(Reason.NO_COORDINATES)
        >>> report.drop("notes")
        >>> data = report.as_dict()
        >>> data["left_out"], data["dropped"]
        ({'no-coordinates': 1}, {'notes': 1})
        """
        return {
            "read": self.read,
            "written": self.written,
            "skipped": self.skipped,
            "errors": [error.as_dict() for error in self.errors],
            "left_out": {Reason(reason).value: n for reason, n in self.left_out.items()},
            "dropped": dict(self.dropped),
            "derived": dict(self.derived),
            "warning_counts": dict(self.warning_counts),
            "warnings": [warning.as_dict() for warning in self.warnings],
        }

    def __str__(self) -> str:
        lines = [f"read {self.read}, written {self.written}, skipped {self.skipped}"]
        for title, counter in (
            ("left out", self.left_out),
            ("dropped", self.dropped),
            ("derived through a crosswalk", self.derived),
        ):
            if counter:
                lines.append(f"{title}:")
                lines.extend(f"  {_key_text(key)}: {n}" for key, n in sorted(counter.items()))
        if self.warning_counts:
            lines.append(f"warnings ({self.warned}; rows read and kept as written):")
            lines.extend(f"  {code}: {n}" for code, n in sorted(self.warning_counts.items()))
            lines.extend(f"  {warning}" for warning in self.warnings[:10])
            if self.warned > 10:
                lines.append(f"  ... and {self.warned - 10} more")
        if self.errors:
            lines.append(f"errors ({len(self.errors)}):")
            lines.extend(f"  {error}" for error in self.errors[:20])
            if len(self.errors) > 20:
                lines.append(f"  ... and {len(self.errors) - 20} more")
        return "\n".join(lines)


def _key_text(key: str) -> str:
    if isinstance(key, Reason):
        return f"{key.value} ({key})"
    return key
