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

``ValidationError``, ``ParseError`` and ``UnknownCodeError`` also subclass the built-in
exception a Python programmer would reach for (:class:`ValueError`, :class:`LookupError`).
"""

from __future__ import annotations

__all__ = [
    "ConflictEventsError",
    "ConversionError",
    "FormatError",
    "InputTooLargeError",
    "OutputError",
    "ParseError",
    "UnknownCodeError",
    "ValidationError",
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


class ConflictEventsError(Exception):
    """The base class of every error this library raises on purpose."""


class ValidationError(ConflictEventsError, ValueError):
    """A value was refused when an object was built.

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
    """

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
        where = self.source or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        if self.column is not None:
            where += f": column {self.column!s}"
        text = f"{where}: {self.reason}"
        if self.value is not None:
            text += f" (value {_show(self.value)})"
        return text

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


class InputTooLargeError(ParseError):
    """An input exceeded a configured limit (decompressed size, field size)."""


class UnknownCodeError(ConflictEventsError, LookupError):
    """A code is not in a code book.

    :param codebook: the code book's name, e.g. ``"CAMEO event"``.
    :param code: the code that was looked up.
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
    """A format name is unknown, or the format of an input cannot be detected."""


class ConversionError(ConflictEventsError, ValueError):
    """A record cannot be written in the requested format (a required field is missing)."""


class OutputError(ConflictEventsError, OSError):
    """An output could not be written: names the path and the reason.

    It is also an :class:`OSError`, with the ``errno`` of the failure where there is one, so
    code that catches ``OSError`` around a write keeps working.

    :param reason: what went wrong, in a few words.
    :param path: the output path.
    :param errno: the operating system's error number, where there is one.
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
