"""The exception hierarchy of :mod:`conflictevents`.

Every error the library raises on purpose is a :class:`ConflictEventsError`, so one ``except``
clause catches them all. The subclasses say what went wrong precisely:

* :class:`ValidationError`: an object could not be built from the values given (names the
  type, the field and the value);
* :class:`ParseError`: a row or a field of some input could not be read (names the source,
  the line, the column and the value);
* :class:`UnknownCodeError`: a code is not in a code book (names the code book and the code);
* :class:`FormatError`: a format name is unknown, or a format cannot be detected;
* :class:`ConversionError`: a record cannot be written in the format asked for;
* :class:`OutputError`: an output cannot be written (a missing folder, a full disk, a
  directory in the way); it also subclasses :class:`OSError`.
* :class:`FetchError`: a publisher's server could not give what was asked (after retries),
  or gave something that is not what it lists; :class:`AuthenticationError` when it refused
  the credentials.

What a publisher wrote that is merely inconsistent, or a code our code books lack, is not an
error: the row is read, its values kept as written, and a :class:`DataWarning` (a Python
:class:`UserWarning`, with a machine code, the source, line, column and value) is recorded in
the read's :class:`~conflictevents.ConversionReport`. One subclass per code lets
:mod:`warnings` filters pick them out (see ``on_warning=`` of :func:`conflictevents.read`).

``ValidationError``, ``ParseError`` and ``UnknownCodeError`` also subclass the built-in
exception a Python programmer would reach for (:class:`ValueError`, :class:`LookupError`).
"""

from __future__ import annotations

import errno as errno_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conflictevents.formats.report import ConversionReport

__all__ = [
    "AmbiguousDateError",
    "AmbiguousDateWarning",
    "AuthenticationError",
    "ConflictEventsError",
    "ConversionError",
    "DataWarning",
    "EncodingFallbackWarning",
    "FetchError",
    "FormatError",
    "InconsistentValueWarning",
    "InputNotFoundError",
    "InputTooLargeError",
    "OutputError",
    "ParseError",
    "UnknownCodeError",
    "UnknownCodeWarning",
    "ValidationError",
    "warning_class",
]

_MAX_SHOWN = 80


def _show(value: object) -> str:
    """A short, unambiguous rendering of *value* for a message."""
    if isinstance(value, int) and value.bit_length() > 256:
        # repr() of a huge integer is slow, and past 4,300 digits it raises ValueError.
        digits = int(value.bit_length() * 0.30103) + 1
        return f"an integer of about {digits} digits"
    text = repr(value)
    if len(text) > _MAX_SHOWN:
        text = text[: _MAX_SHOWN - 5] + "...'" + f" ({len(str(value))} chars)"
    return text


def _located(source: str | None, line: int | None, column: str | int | None, reason: str,
             value: object) -> str:
    """``file:line: column C: reason (value ...)``, with the parts that are known."""
    where = source or "<input>"
    if line is not None:
        where += f":{line}"
    if column is not None:
        where += f": column {column!s}"
    text = f"{where}: {reason}"
    if value is not None:
        text += f" (value {_show(value)})"
    return text


def _as_dict(code: str, reason: str, source: str | None, line: int | None,
             column: str | int | None, value: object) -> dict[str, object]:
    """The JSON-ready form of a located error or warning (a value that is not a JSON
    scalar as its ``repr``)."""
    if value is not None and not isinstance(value, (str, int, float, bool)):
        value = repr(value)
    return {"code": code, "reason": reason, "source": source, "line": line,
            "column": column, "value": value}


class ConflictEventsError(Exception):
    """The base class of every error this library raises on purpose.

    >>> import conflictevents as ce
    >>> try:
    ...     ce.Location("Hama", latitude=300, longitude=36.7)
    ... except ce.ConflictEventsError as error:  # catches every error of the library
    ...     print(type(error).__name__)
    ValidationError
    """


class ValidationError(ConflictEventsError, ValueError):
    """A value was refused when an object was built.

    >>> import conflictevents as ce
    >>> try:
    ...     ce.Location("Hama", latitude=300, longitude=36.7)
    ... except ce.ValidationError as error:
    ...     print(error.field, "|", error)
    latitude | Location.latitude: must be between -90 and 90 (got 300.0)

    :param type_name: the class being built, e.g. ``"Location"``.
    :param field: the field that was refused, e.g. ``"latitude"``.
    :param value: the value that was refused.
    :param reason: why, in a few words.
    """

    def __init__(self, type_name: str, field: str, value: object, reason: str) -> None:
        self.type_name = type_name
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{type_name}.{field}: {reason} (got {_show(value)})")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.type_name, self.field, self.value, self.reason))


class ParseError(ConflictEventsError, ValueError):
    """Some input could not be read.

    :param reason: what is wrong, in a few words.
    :param source: the file name (or ``"<stream>"``, ``"<string>"``) the input came from.
    :param line: the 1-based physical line number in the source, where known.
    :param column: the column name (or 1-based number for files without a header), where known.
    :param value: the offending value, where there is one.

    >>> error = ParseError("not a date", source="x.csv", line=3, column="event_date",
    ...                    value="2024-13-01")
    >>> str(error)
    "x.csv:3: column event_date: not a date (value '2024-13-01')"
    >>> error.as_dict()["code"], error.as_dict()["line"]
    ('parse-error', 3)
    """

    code: str = "parse-error"
    """A stable machine code for the kind of error (one of
    :class:`~conflictevents.formats.report.ErrorCode`); the English is in ``reason``."""

    def __init__(
        self,
        reason: str,
        *,
        source: str | None = None,
        line: int | None = None,
        column: str | int | None = None,
        value: object = None,
    ) -> None:
        self.reason = reason
        self.source = source
        self.line = line
        self.column = column
        self.value = value
        super().__init__(self._message())

    def _message(self) -> str:
        return _located(self.source, self.line, self.column, self.reason, self.value)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form of the error: its code, reason and location."""
        return _as_dict(self.code, self.reason, self.source, self.line, self.column,
                        self.value)

    def located(
        self,
        *,
        source: str | None = None,
        line: int | None = None,
        column: str | int | None = None,
    ) -> ParseError:
        """A copy of this error with the location parts it lacks filled in."""
        return type(self)(
            self.reason,
            source=self.source if self.source is not None else source,
            line=self.line if self.line is not None else line,
            column=self.column if self.column is not None else column,
            value=self.value,
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_parse_error, (type(self), self.reason, self.source, self.line,
                                       self.column, self.value))


def _rebuild_parse_error(
    cls: type[ParseError],
    reason: str,
    source: str | None,
    line: int | None,
    column: str | int | None,
    value: object,
) -> ParseError:
    return cls(reason, source=source, line=line, column=column, value=value)


class AmbiguousDateError(ParseError):
    """A numeric date reads two ways (``12/5/2024``) and nothing decides which: pass
    ``dayfirst=True`` or ``dayfirst=False`` (``--dayfirst``/``--monthfirst``).

    >>> import conflictevents as ce
    >>> try:
    ...     ce.parse_date("12/5/2024")
    ... except ce.AmbiguousDateError as error:
    ...     print(error.code, error.value)
    ambiguous-date 12/5/2024
    >>> str(ce.parse_date("12/5/2024", dayfirst=True))
    '2024-05-12'
    """

    code = "ambiguous-date"


class InputTooLargeError(ParseError):
    """An input exceeded a configured limit (decompressed size, field size).

    >>> error = InputTooLargeError("line of 12 characters is longer than the limit of 5",
    ...                            source="x.jsonl", line=1)
    >>> isinstance(error, ParseError), error.code
    (True, 'input-too-large')
    """

    code = "input-too-large"


class InputNotFoundError(ParseError, FileNotFoundError):
    """An input file does not exist: a :class:`ParseError` (as every input that cannot be
    read) and a :class:`FileNotFoundError`, so that ``except FileNotFoundError`` works.

    >>> error = InputNotFoundError("cannot open: No such file or directory",
    ...                            source="no-such-file.csv")
    >>> isinstance(error, FileNotFoundError), isinstance(error, ParseError), str(error)
    (True, True, 'no-such-file.csv: cannot open: No such file or directory')
    """

    code = "input-not-found"

    def __init__(self, reason: str, *, source: str | None = None, line: int | None = None,
                 column: str | int | None = None, value: object = None) -> None:
        ParseError.__init__(self, reason, source=source, line=line, column=column,
                            value=value)
        self.errno = errno_module.ENOENT
        self.strerror = "No such file or directory"
        self.filename = source

    def __str__(self) -> str:
        return self._message()


class UnknownCodeError(ConflictEventsError, LookupError):
    """A code is not in a code book.

    :param codebook: the code book's name, e.g. ``"CAMEO event"``.
    :param code: the code that was looked up.

    >>> error = UnknownCodeError("CAMEO event", "999")
    >>> str(error), isinstance(error, LookupError)
    ("unknown CAMEO event code '999'", True)
    """

    def __init__(self, codebook: str, code: object) -> None:
        self.codebook = codebook
        self.code = code
        super().__init__(f"unknown {codebook} code {_show(code)}")

    def __str__(self) -> str:  # LookupError would otherwise quote the whole message
        return str(self.args[0])

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.codebook, self.code))


class FormatError(ConflictEventsError, ValueError):
    """A format name is unknown, or the format of an input cannot be detected.

    >>> isinstance(FormatError("unknown format 'excel'"), ValueError)
    True
    """


class ConversionError(ConflictEventsError, ValueError):
    """Records cannot be written in the requested format: a layout or an option the writer
    cannot honour, a character the output encoding lacks, or a conversion that would write
    none of the records it was given (an empty file is never a silent result).

    :param message: what went wrong.
    :param report: the :class:`~conflictevents.ConversionReport` of the conversion, when
        there is one (it says why each record was left out).

    >>> error = ConversionError("wrote none of the 1 record(s) as acled: left out: claim: 1")
    >>> error.report is None  # a conversion's error carries its report
    True
    """

    def __init__(self, message: str, *, report: ConversionReport | None = None) -> None:
        super().__init__(message)
        self.report = report


class OutputError(ConflictEventsError, OSError):
    """An output could not be written: names the path and the reason.

    It is also an :class:`OSError`, with the ``errno`` of the failure where there is one, so
    code that catches ``OSError`` around a write keeps working.

    :param reason: what went wrong, in a few words.
    :param path: the output path.
    :param errno: the operating system's error number, where there is one.

    >>> error = OutputError("the folder does not exist", path="out/x.csv",
    ...                     errno=errno_module.ENOENT)
    >>> str(error), isinstance(error, OSError), error.errno == errno_module.ENOENT
    ('out/x.csv: the folder does not exist', True, True)
    """

    def __init__(self, reason: str, *, path: str | None = None,
                 errno: int | None = None) -> None:
        self.reason = reason
        self.path = path
        OSError.__init__(self, errno or 0, reason)
        self.filename = path
        self.errno = errno

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_output_error, (self.reason, self.path, self.errno))


def _rebuild_output_error(reason: str, path: str | None, errno: int | None) -> OutputError:
    return OutputError(reason, path=path, errno=errno)
class DataWarning(UserWarning):
    """Something in the input is odd but representable: the row was read and kept as written.

    :param code: a stable machine code (``"unknown-code"``, ``"inconsistent-range"``,
        ``"ambiguous-date"``, ``"encoding-fallback"``, ...).
    :param reason: what is odd, in a few words.
    :param source: the file name the input came from.
    :param line: the 1-based physical line, where known.
    :param column: the column name (or number), where known.
    :param value: the value concerned, verbatim.

    >>> w = DataWarning("unknown-code", "not in the CAMEO event code book",
    ...                 source="x.csv", line=3, column="EventCode", value="1213")
    >>> str(w)
    "x.csv:3: column EventCode: not in the CAMEO event code book (value '1213') [unknown-code]"
    """

    code: str = "data"

    def __init__(
        self,
        code: str,
        reason: str,
        *,
        source: str | None = None,
        line: int | None = None,
        column: str | int | None = None,
        value: object = None,
    ) -> None:
        self.code = code
        self.reason = reason
        self.source = source
        self.line = line
        self.column = column
        self.value = value
        super().__init__(self._message())

    def _message(self) -> str:
        text = _located(self.source, self.line, self.column, self.reason, self.value)
        return f"{text} [{self.code}]"

    def __str__(self) -> str:
        return self._message()

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form of the warning."""
        return _as_dict(self.code, self.reason, self.source, self.line, self.column,
                        self.value)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_warning, (self.code, self.reason, self.source, self.line,
                                   self.column, self.value))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DataWarning):
            return NotImplemented
        return self.as_dict() == other.as_dict()

    def __hash__(self) -> int:
        return hash((self.code, self.source, self.line, str(self.column), repr(self.value)))


class UnknownCodeWarning(DataWarning):
    """``unknown-code``: a code our code books lack, kept verbatim.

    >>> w = warning_class("unknown-code")("unknown-code", "not in the CAMEO event code book",
    ...                                   column="EventCode", value="1213")
    >>> isinstance(w, UnknownCodeWarning), isinstance(w, DataWarning), w.code
    (True, True, 'unknown-code')
    """


class InconsistentValueWarning(DataWarning):
    """``inconsistent-range`` and other ``inconsistent-*`` codes: values that contradict
    each other (UCDP's ``high`` below ``best``), kept as the publisher wrote them.

    >>> type(warning_class("inconsistent-range")("inconsistent-range", "high below best"))
    <class 'conflictevents.errors.InconsistentValueWarning'>
    """


class AmbiguousDateWarning(DataWarning):
    """``ambiguous-date``: how the day and month order of a file's dates was decided.

    >>> warning_class("ambiguous-date").__name__
    'AmbiguousDateWarning'
    """


class EncodingFallbackWarning(DataWarning):
    """``encoding-fallback``: the input was not UTF-8 and was read as cp1252.

    >>> warning_class("encoding-fallback").__name__
    'EncodingFallbackWarning'
    """


_WARNING_CLASSES: dict[str, type[DataWarning]] = {
    "unknown-code": UnknownCodeWarning,
    "ambiguous-date": AmbiguousDateWarning,
    "encoding-fallback": EncodingFallbackWarning,
}


def warning_class(code: str) -> type[DataWarning]:
    """The :class:`DataWarning` subclass for a warning code.

    >>> warning_class("unknown-code").__name__
    'UnknownCodeWarning'
    >>> warning_class("inconsistent-range").__name__
    'InconsistentValueWarning'
    """
    if code.startswith("inconsistent-"):
        return InconsistentValueWarning
    return _WARNING_CLASSES.get(code, DataWarning)


def _rebuild_warning(code: str, reason: str, source: str | None, line: int | None,
                     column: str | int | None, value: object) -> DataWarning:
    return warning_class(code)(code, reason, source=source, line=line, column=column,
                               value=value)


class FetchError(ConflictEventsError, OSError):
    """A publisher's server could not give what was asked, or gave a file that is not what
    its list says (size, checksum). Raised by :mod:`conflictevents.sources`.

    >>> error = FetchError("size 10 is not the 12 bytes the list gives: http://example.org/a.zip")
    >>> isinstance(error, OSError), isinstance(error, ConflictEventsError)
    (True, True)
    """


class AuthenticationError(FetchError):
    """A publisher's server refused the credentials (HTTP 401 or 403).

    >>> error = AuthenticationError("HTTP 401 from https://acleddata.com/oauth/token")
    >>> isinstance(error, FetchError), str(error)
    (True, 'HTTP 401 from https://acleddata.com/oauth/token')
    """
