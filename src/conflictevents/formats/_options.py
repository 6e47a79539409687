"""Reader and writer options as typed, frozen objects, each option written once.

Every format module has a ``ReadOptions`` and a ``WriteOptions`` class (subclasses of the
bases here), which its :class:`~conflictevents.formats.FormatSpec` names. An option is one
attrs field: its name, its type, its default and a one-line doc (:func:`option`). From that
one declaration come

- the check when the options are built: an unknown name is a :class:`TypeError` that lists
  the names the format takes, a value of the wrong type a :class:`TypeError`, a value out of
  its choices or range a :class:`ValueError`, always before anything is read or written;
- the conversion of command-line text (:meth:`Options.from_text`: ``"true"``, ``"64"``,
  ``"crlf"``, ``"a,b,c"``);
- the listing of ``conflictevents formats -v`` and of the format pages
  (:meth:`Options.describe`).

>>> from conflictevents.formats import gdelt
>>> gdelt.WriteOptionsV1(layout="weekly")
Traceback (most recent call last):
  ...
ValueError: gdelt1 write option layout: 'weekly' is not one of 'daily', 'historical'
>>> gdelt.WriteOptions(derived=False)
Traceback (most recent call last):
  ...
TypeError: gdelt2 does not take the write option derived; it takes derive, encoding, ...
>>> gdelt.WriteOptions.from_text({"derive": "no", "number_from": "1000"}).number_from
1000
"""

from __future__ import annotations

import csv
import types
import typing
import warnings
from collections.abc import Iterable, Mapping, MutableMapping
from typing import Any, ClassVar, Literal, TypeVar

import attrs

from conflictevents.formats._io import (
    DEFAULT_MAX_DECOMPRESSED,
    DEFAULT_MAX_FIELD,
    DEFAULT_MAX_RATIO,
    check_encoding,
)
from conflictevents.formats._policy import OnError, OnWarning
from conflictevents.formats._strict_json import DEFAULT_MAX_DOCUMENT

__all__ = [
    "CsvLineWriteOptions",
    "CsvWriteOptions",
    "DocumentReadOptions",
    "LineTerminator",
    "NumberedWriteOptions",
    "OptionInfo",
    "Options",
    "ReadOptions",
    "WriteOptions",
    "derive_option",
    "option",
]

_O = TypeVar("_O", bound="Options")

LineTerminator = Literal["\n", "\r\n"]
"""The line ends a CSV writer writes."""

_TRUE = frozenset({"true", "yes", "on", "1", "y"})
_FALSE = frozenset({"false", "no", "off", "0", "n"})


def option(default: Any, doc: str, *, minimum: float | None = None,
           text: Mapping[str, Any] | None = None, api_only: bool = False) -> Any:
    """Declare one option: its *default* and a one-line *doc* (the type is the annotation).

    :param minimum: the least value a number may take.
    :param text: names that command-line text may use for values (``{"crlf": "\\r\\n"}``).
    :param api_only: the value is a Python object that text cannot give (a mapping to fill).
    """
    return attrs.field(default=default, metadata={
        "doc": doc, "minimum": minimum, "text": dict(text or {}), "api_only": api_only,
    })


@attrs.frozen
class OptionInfo:
    """One option as :meth:`Options.describe` lists it.

    :param name: the keyword (``"line_terminator"``).
    :param type: its type, as text (``"'\\n' | '\\r\\n' | None"``).
    :param default: its default, as text (``"None"``).
    :param doc: one line on what it does.
    :param text: whether the command line can give it (``--option name=value``).

    >>> info = {i.name: i for i in CsvWriteOptions.describe()}["spreadsheet_safe"]
    >>> info.type, info.default, info.text
    ('bool', 'False', True)
    """

    name: str
    type: str
    default: str
    doc: str
    text: bool = True


def _type_text(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin is Literal:
        return " | ".join(repr(arg) for arg in typing.get_args(tp))
    if origin in (typing.Union, types.UnionType):
        return " | ".join(_type_text(arg) for arg in typing.get_args(tp))
    if tp is type(None):
        return "None"
    if origin is tuple:
        return "list of " + _type_text(typing.get_args(tp)[0])
    if origin is not None:
        return getattr(origin, "__name__", str(origin)).lower().replace("mutablemapping",
                                                                         "mapping")
    return getattr(tp, "__name__", str(tp))


def _members(tp: Any) -> tuple[Any, ...]:
    """The alternatives of a union (or the type itself), Literal choices flattened in."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return tuple(member for arg in typing.get_args(tp) for member in _members(arg))
    return (tp,)


def _fits(value: Any, tp: Any) -> bool:
    """Whether *value* is of type *tp* (a Literal counts as its choices' type)."""
    origin = typing.get_origin(tp)
    if tp is type(None):
        return value is None
    if tp is Any:
        return True
    if origin is Literal:
        return any(type(value) is type(arg) for arg in typing.get_args(tp))
    if tp is bool:
        return isinstance(value, bool)
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if tp is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if origin is tuple:
        return isinstance(value, (tuple, list)) and all(isinstance(v, str) for v in value)
    if origin is not None:
        return isinstance(value, origin)
    return isinstance(value, tp)


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type[Options]) -> dict[str, Any]:
    """The resolved annotations of *cls*'s fields (resolved once per class; ``Any`` for a
    field without one)."""
    hints = _HINTS.get(cls)
    if hints is None:
        hints = dict.fromkeys(attrs.fields_dict(cls), Any)
        hints.update(typing.get_type_hints(cls))
        _HINTS[cls] = hints
    return hints


class _OptionsType(type):
    """The type of options classes: ``"derive" in spec.write_options`` asks whether the
    format takes that option, as it did when the options were a set of names."""

    def __contains__(cls, name: object) -> bool:
        return name in attrs.fields_dict(cls)  # type: ignore[arg-type]


@attrs.frozen(kw_only=True)
class Options(metaclass=_OptionsType):
    """The options of one format's reader or writer: frozen, and checked when built.

    Subclasses declare each option once, as an annotated field made with :func:`option`.

    >>> from conflictevents.formats import acled
    >>> options = acled.WriteOptions(layout="legacy", spreadsheet_safe=True)
    >>> options.changed()
    {'spreadsheet_safe': True, 'layout': 'legacy'}
    >>> options.get("derive"), "layout" in acled.WriteOptions
    (True, True)
    >>> acled.WriteOptions(layuot="legacy")
    Traceback (most recent call last):
        ...
    TypeError: acled does not take the write option layuot; it takes columns, date_style, ...
    """

    FORMAT: ClassVar[str] = ""
    """The format these options belong to (for messages)."""
    KIND: ClassVar[str] = ""
    """``"read"`` or ``"write"`` (for messages)."""
    RENAMED: ClassVar[Mapping[str, str]] = {}
    """Old option names still accepted by :meth:`build` and :meth:`from_text` (so by
    :func:`conflictevents.read`, :func:`conflictevents.write` and the command line), with a
    :class:`DeprecationWarning`: old -> new."""

    def __new__(cls, *args: Any, **given: Any) -> Options:
        if args:
            raise TypeError(f"{cls._what()} options are given by name, not by position")
        unknown = sorted(set(given) - cls.names())
        if unknown:
            raise TypeError(
                f"{cls.FORMAT or cls.__qualname__} does not take the {cls.KIND} option"
                f"{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; it takes "
                + ", ".join(sorted(cls.names()))
            )
        return super().__new__(cls)

    def __attrs_post_init__(self) -> None:
        hints = _hints(type(self))
        for field in attrs.fields(type(self)):
            value = getattr(self, field.name)
            tp = hints[field.name]
            if not any(_fits(value, member) for member in _members(tp)):
                raise TypeError(f"{self._what()} option {field.name} must be {_type_text(tp)}, "
                                f"not {type(value).__name__} ({value!r})")
            choices = [arg for member in _members(tp) if typing.get_origin(member) is Literal
                       for arg in typing.get_args(member)]
            plain = [m for m in _members(tp) if typing.get_origin(m) is not Literal]
            if choices and not any(_fits(value, m) for m in plain) and value not in choices:
                raise ValueError(f"{self._what()} option {field.name}: {value!r} is not one of "
                                 + ", ".join(repr(c) for c in choices))
            minimum = field.metadata.get("minimum")
            if minimum is not None and isinstance(value, (int, float)) and not value >= minimum:
                raise ValueError(f"{self._what()} option {field.name} must be at least "
                                 f"{minimum}, not {value!r}")
            if isinstance(value, list):
                object.__setattr__(self, field.name, tuple(value))
        self._check()

    def _check(self) -> None:
        """Checks across options, or beyond their types (subclasses extend it)."""

    @classmethod
    def _what(cls) -> str:
        return f"{cls.FORMAT or cls.__qualname__} {cls.KIND}".strip()

    @classmethod
    def names(cls) -> frozenset[str]:
        """The names of the options."""
        return frozenset(attrs.fields_dict(cls))

    @classmethod
    def build(cls: type[_O], given: Mapping[str, Any]) -> _O:
        """The options *given* (keywords, as a mapping), old names and values accepted with a
        :class:`DeprecationWarning`."""
        return cls(**cls._upgrade(given))

    @classmethod
    def _upgrade(cls, given: Mapping[str, Any]) -> dict[str, Any]:
        """*given* with the options of before a rename renamed (:attr:`RENAMED`), with a
        :class:`DeprecationWarning`; subclasses extend it for values of an old form."""
        upgraded = dict(given)
        for old, new in cls.RENAMED.items():
            if old in upgraded:
                warnings.warn(f"the {cls._what()} option {old} is now called {new}",
                              DeprecationWarning, stacklevel=5)
                upgraded.setdefault(new, upgraded.pop(old))
        return upgraded

    @classmethod
    def from_text(cls: type[_O], texts: Mapping[str, str], **given: Any) -> _O:
        """The options named in *texts* (``{"derive": "no"}``), each converted from text by
        the option's type, plus the already typed options *given*.

        Booleans are ``true``/``false`` (``yes``/``no``, ``on``/``off``, ``1``/``0``), a list
        is comma-separated (CSV quoting allowed), an empty text is ``None`` where ``None`` is
        allowed.

        :raises TypeError: for a name the format does not take.
        :raises ValueError: for a text that is not a value of the option, naming both.
        """
        fields = attrs.fields_dict(cls)
        hints = _hints(cls)
        values = dict(given)
        for name, text in texts.items():
            target = cls.RENAMED.get(name, name)
            if target not in fields:
                cls.build({name: text})  # raises the TypeError that lists the names
            field = fields[target]
            values[name] = _from_text(cls, target, text, hints[target], field.metadata)
        return cls.build(values)

    @classmethod
    def describe(cls) -> list[OptionInfo]:
        """Each option: name, type, default and doc, in declaration order."""
        hints = _hints(cls)
        return [
            OptionInfo(field.name, _type_text(hints[field.name]), _default_text(field.default),
                       field.metadata.get("doc", ""), not field.metadata.get("api_only", False))
            for field in attrs.fields(cls)
        ]

    def get(self, name: str, default: Any = None) -> Any:
        """The option *name*, or *default* when it is not set (for readers and writers written
        when options were a mapping; use the attributes)."""
        value = getattr(self, name, None)
        return default if value is None else value

    def changed(self) -> dict[str, Any]:
        """The options that differ from their defaults."""
        return {field.name: getattr(self, field.name) for field in attrs.fields(type(self))
                if getattr(self, field.name) != field.default}


def _default_text(default: Any) -> str:
    if isinstance(default, str):
        return repr(default)
    return str(default)


def _from_text(cls: type[Options], name: str, text: str, tp: Any,
               metadata: Mapping[str, Any]) -> Any:
    what = f"{cls._what()} option {name}"
    if metadata.get("api_only"):
        raise ValueError(f"{what} is a Python object and cannot be given as text "
                         f"({text!r}); use the library")
    named = metadata.get("text") or {}
    if text.lower() in named:
        return named[text.lower()]
    members = _members(tp)
    if text == "" and type(None) in members:
        return None
    literal = [arg for m in members if typing.get_origin(m) is Literal
               for arg in typing.get_args(m)]
    if text in literal:
        return text
    for member in members:
        if member is bool or (typing.get_origin(member) is Literal
                              and any(isinstance(a, bool) for a in typing.get_args(member))):
            lowered = text.strip().lower()
            if lowered in _TRUE:
                return True
            if lowered in _FALSE:
                return False
        elif member is int:
            try:
                return int(text)
            except ValueError:
                pass
        elif member is float:
            try:
                return float(text)
            except ValueError:
                pass
        elif typing.get_origin(member) is tuple and ("," in text or str not in members):
            return tuple(cell.strip() for cell in next(csv.reader([text]), []))
        elif member is str or member is Any:
            return text
    if literal:
        raise ValueError(f"{what}: {text!r} is not one of "
                         + ", ".join(repr(c) for c in [*named, *literal]))
    raise ValueError(f"{what}: {text!r} cannot be read as {_type_text(tp)}")


def _check_encoding(options: ReadOptions | WriteOptions) -> None:
    if options.encoding is not None:
        try:
            check_encoding(options.encoding)
        except ValueError as error:
            raise ValueError(f"{options._what()} option encoding: {error}") from None


@attrs.frozen(kw_only=True)
class ReadOptions(Options):
    """The options every reader takes; :func:`conflictevents.read` applies them.

    >>> ReadOptions(on_error="collect", dayfirst=True).on_error
    'collect'
    >>> ReadOptions(on_error="ignore")
    Traceback (most recent call last):
        ...
    ValueError: ReadOptions read option on_error: 'ignore' is not one of 'raise', 'skip', 'collect'
    """

    KIND: ClassVar[str] = "read"

    on_error: OnError = option("raise", "a row that cannot be read: raise, skip it, or "
                               "collect it in the report")
    on_warning: OnWarning = option("report", "a row read but odd: report it, also warn, or "
                                   "make it an error")
    encoding: str | None = option(None, "the text encoding (default: UTF-8 with or without a "
                                  "BOM, UTF-16 with a BOM, else cp1252 with a warning)")
    dayfirst: bool | None = option(None, "numeric dates such as 12/5/2024 are day first "
                                   "(default: as the file's unambiguous dates show)")
    member: str | None = option(None, "the member of a zip file with several to read")
    max_bytes: int = option(DEFAULT_MAX_DECOMPRESSED, "the most bytes a compressed input may "
                            "expand to", minimum=1)
    max_ratio: float = option(DEFAULT_MAX_RATIO, "how many times its compressed size an "
                              "input may expand to, past its first 16 MiB", minimum=1)
    max_field: int = option(DEFAULT_MAX_FIELD, "the longest line or field accepted, in "
                            "characters", minimum=1)

    def _check(self) -> None:
        _check_encoding(self)


@attrs.frozen(kw_only=True)
class WriteOptions(Options):
    """The options every writer takes.

    >>> WriteOptions(encoding="utf-8-sig").encoding
    'utf-8-sig'
    >>> WriteOptions(encoding=8)
    Traceback (most recent call last):
        ...
    TypeError: WriteOptions write option encoding must be str | None, not int (8)
    """

    KIND: ClassVar[str] = "write"

    encoding: str | None = option(None, "the text encoding (default: the one the first "
                                  "record was read in, else UTF-8)")

    def _check(self) -> None:
        _check_encoding(self)


_EOL_TEXT = {"lf": "\n", "crlf": "\r\n", "\\n": "\n", "\\r\\n": "\r\n"}


@attrs.frozen(kw_only=True)
class CsvWriteOptions(WriteOptions):
    """The options every delimited-text writer takes (ACLED, UCDP GED, HXL, GDELT, ICEWS).

    ``spreadsheet_safe`` prefixes with ``'`` every cell a spreadsheet would run as a formula
    (one beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, unless it is a
    plain number), after OWASP's guidance on CSV injection. It is off by default because it
    changes the data: a file written so no longer reads back identically.

    >>> CsvWriteOptions(spreadsheet_safe=True).spreadsheet_safe
    True
    >>> CsvWriteOptions(spreadsheet_safe="yes")
    Traceback (most recent call last):
        ...
    TypeError: CsvWriteOptions write option spreadsheet_safe must be bool, not str ('yes')
    """

    spreadsheet_safe: bool = option(False, "prefix with ' every cell a spreadsheet would run "
                                    "as a formula (OWASP CSV injection); changes the data")


@attrs.frozen(kw_only=True)
class CsvLineWriteOptions(CsvWriteOptions):
    """A CSV writer's options with a choice of line end (ACLED, UCDP GED, HXL).

    >>> CsvLineWriteOptions.from_text({"line_terminator": "crlf"}).line_terminator
    '\\r\\n'
    >>> CsvLineWriteOptions(line_terminator="cr")
    Traceback (most recent call last):
        ...
    ValueError: CsvLineWriteOptions write option line_terminator: 'cr' is not one of ...
    """

    line_terminator: LineTerminator | None = option(
        None, "line end, lf or crlf (default: that of the file the first record was read "
        "from, else lf)", text=_EOL_TEXT)


def derive_option() -> Any:
    """The ``derive`` option of the writers that derive (one rule, default on)."""
    return option(True, "fill a classification or code the format needs and the event "
                  "lacks through a crosswalk (counted in the report); off: such events are "
                  "left out")


@attrs.frozen(kw_only=True)
class NumberedWriteOptions(CsvWriteOptions):
    """The options of the writers whose ids are numbers (GDELT, ICEWS).

    >>> NumberedWriteOptions.from_text({"derive": "no", "number_from": "500"}).changed()
    {'derive': False, 'number_from': 500}
    >>> NumberedWriteOptions(number_from=-1)
    Traceback (most recent call last):
        ...
    ValueError: NumberedWriteOptions write option number_from must be at least 0, not -1
    """

    derive: bool = derive_option()
    id_map: MutableMapping[str, str] | None = option(
        None, "a mapping to fill with original id -> number for events whose id is not a "
        "whole number", api_only=True)
    number_from: int = option(1, "the first number given to events whose id is not a whole "
                              "number", minimum=0)


def legacy(base: type[_O], names: Iterable[str]) -> type[_O]:
    """An options class for a :class:`~conflictevents.formats.FormatSpec` that still names
    its options as a set: *base*'s options plus each of *names* (any value, default
    ``None``)."""
    extra = sorted(set(names) - base.names())
    fields = {name: option(None, "") for name in extra}
    made: type[_O] = attrs.make_class(f"Legacy{base.__name__}", fields, bases=(base,),
                                      frozen=True, kw_only=True)
    return made


@attrs.frozen(kw_only=True)
class DocumentReadOptions(ReadOptions):
    """The options of the readers that read a JSON document whole (GeoJSON, ACLED API).

    >>> DocumentReadOptions(max_document=1_000_000).max_document
    1000000
    >>> DocumentReadOptions(max_document=0)
    Traceback (most recent call last):
        ...
    ValueError: DocumentReadOptions read option max_document must be at least 1, not 0
    """

    max_document: int = option(
        DEFAULT_MAX_DOCUMENT, "the most characters of a JSON document read whole (which also "
        "limits its number of values)", minimum=1)
