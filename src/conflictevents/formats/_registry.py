"""The format registry behind :func:`conflictevents.read` and :func:`conflictevents.write`.

A format is a :class:`FormatSpec`: a name, a function that reads records from an opened
:class:`~conflictevents.formats._io.Input`, a function that writes records to a text stream,
and a function that recognises the format from the first lines of a file. Format modules
register themselves; the registry imports them only when they are asked for.

Reserved extras: a key that starts with ``@`` in a record's ``extras[format]`` is never a
column; it records a fact of the whole file the record was read from, so that writing the
record back in the same format reproduces the file (``@encoding`` here; ``@layout`` and
``@eol`` in ACLED, for example).
"""

from __future__ import annotations

import importlib
import os
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import TracebackType
from typing import (
    IO,
    Any,
    Generic,
    Literal,
    Protocol,
    TextIO,
    TypeAlias,
    TypeVar,
    cast,
    overload,
)

import attrs

from conflictevents.errors import ConversionError, FormatError, ParseError
from conflictevents.formats._binary import (
    BinaryInput,
    open_binary_input,
    open_binary_output,
    peek_magic,
)
from conflictevents.formats._io import (
    DEFAULT_MAX_DECOMPRESSED,
    DEFAULT_MAX_RATIO,
    FileSource,
    Input,
    Target,
    check_encoding,
    open_input,
    open_output,
)
from conflictevents.formats._options import ReadOptions, WriteOptions, legacy
from conflictevents.formats._policy import ErrorPolicy, OnError, OnWarning
from conflictevents.formats.report import ConversionReport
from conflictevents.model import Event, Record

__all__ = [
    "ENCODING_KEY",
    "HEAD_LINES",
    "EventFormat",
    "FormatSpec",
    "RecordStream",
    "Sniffed",
    "convert",
    "detect_format",
    "format_names",
    "get_format",
    "read",
    "register",
    "write",
]


class ReadFunction(Protocol):
    def __call__(
        self, source: Input, policy: ErrorPolicy, options: Any
    ) -> Iterator[Record]: ...


class BinaryReadFunction(Protocol):
    def __call__(
        self, source: BinaryInput, policy: ErrorPolicy, options: Any
    ) -> Iterator[Record]: ...


class BinaryWriteFunction(Protocol):
    def __call__(
        self,
        records: Iterable[Record],
        stream: IO[bytes],
        report: ConversionReport,
        options: Any,
    ) -> None: ...


class WriteFunction(Protocol):
    def __call__(
        self,
        records: Iterable[Record],
        stream: TextIO,
        report: ConversionReport,
        options: Any,
    ) -> None: ...


EventFormat: TypeAlias = Literal[
    "acled", "acled-api", "gdelt1", "gdelt2", "gdelt-reduced", "hxl", "icews", "parquet",
    "ucdp-ged",
]
"""The names of the formats that hold events only: :func:`read` of one of them is typed as
a :class:`RecordStream` of :class:`~conflictevents.Event` (GeoJSON and JSON Lines may also
hold claims and control changes)."""

R_co = TypeVar("R_co", bound=Record, covariant=True)

ENCODING_KEY = "@encoding"
"""The reserved extras key that records the encoding of a file read in another encoding than
plain UTF-8 (``"cp1252"``, ``"utf-16"``, ``"utf-8-sig"``), so that it is written back in it."""

HEAD_LINES = 30
"""How many lines of an input format detection looks at (HDX files put a title row before
the hashtag row; HXL allows the hashtag row anywhere in the first 25)."""


@attrs.frozen
class Sniffed:
    """What a format's sniffer made of the first lines of an input.

    :param matched: whether the lines are in the format.
    :param saw: what it saw, in a few words, for the message when detection fails
        (``"the first row has 31 fields; GDELT 2.0 rows have 61"``).
    """

    matched: bool
    saw: str = ""

    def __bool__(self) -> bool:
        return self.matched


SniffResult: TypeAlias = "bool | Sniffed"


_O = TypeVar("_O", ReadOptions, WriteOptions)


def _options_class(base: type[_O], given: type[_O] | Iterable[str]) -> type[_O]:
    """*given*, an options class; a set of names (before 0.2) becomes one, with a warning."""
    if isinstance(given, type):
        return given
    warnings.warn("FormatSpec's read_options and write_options are options classes now "
                  "(subclasses of conflictevents.formats.ReadOptions/WriteOptions), not sets "
                  "of names", DeprecationWarning, stacklevel=4)
    return legacy(base, given)


def _read_options_class(given: type[ReadOptions] | Iterable[str]) -> type[ReadOptions]:
    return _options_class(ReadOptions, given)


def _write_options_class(given: type[WriteOptions] | Iterable[str]) -> type[WriteOptions]:
    return _options_class(WriteOptions, given)


@attrs.frozen
class FormatSpec:
    """One external format, as the registry knows it.

    :param name: the name users pass as ``format=`` (``"acled"``).
    :param title: a short human name (``"ACLED CSV export"``).
    :param read: reads records from an opened input, applying the error policy.
    :param write: writes records to a text stream, filling the report.
    :param sniff: given the first lines of an input (up to :data:`HEAD_LINES`), whether
        they are in this format: a bool, or a :class:`Sniffed` that also says what it saw.
    :param suffixes: file name endings that suggest the format (``".jsonl"``), used when
        sniffing cannot decide and for choosing an output format.
    :param read_options: the class of the options ``read`` understands (a
        :class:`~conflictevents.formats.ReadOptions`); ``read`` gets an instance of it.
    :param write_options: the class of the options ``write`` understands (a
        :class:`~conflictevents.formats.WriteOptions`); ``write`` gets an instance of it.
    :param precedence: when the first lines match several formats, the one with the highest
        precedence is chosen if it is alone at that level (HXL over the format of the columns
        it tags: a hashtag row is the more specific sign).
    :param utf8_only: the format is UTF-8 by definition (JSON): bytes that are not UTF-8 are
        errors of their rows, never a reason to read the input as cp1252.
    :param binary: the format is bytes, not text (Parquet): ``read`` gets a
        :class:`~conflictevents.formats._binary.BinaryInput` (a seekable byte stream) instead
        of an ``Input``, ``write`` a binary stream instead of a text one, and the format is
        detected by ``magic``, not by ``sniff``.
    :param magic: the bytes every file of a binary format starts with (``b"PAR1"``).

    >>> spec = get_format("ucdp-ged")
    >>> spec.name, spec.title
    ('ucdp-ged', 'UCDP Georeferenced Event Dataset (GED) CSV')
    >>> spec.write_options.__name__, sorted(spec.write_options.names())
    ('WriteOptions', ['columns', 'encoding', 'header', 'layout', 'line_terminator',
                      'spreadsheet_safe'])
    """

    name: str
    title: str
    read: ReadFunction | BinaryReadFunction
    write: WriteFunction | BinaryWriteFunction
    sniff: Callable[[list[str]], SniffResult]
    suffixes: tuple[str, ...] = ()
    read_options: type[ReadOptions] = attrs.field(default=ReadOptions,
                                                  converter=_read_options_class)
    write_options: type[WriteOptions] = attrs.field(default=WriteOptions,
                                                    converter=_write_options_class)
    precedence: int = 0
    utf8_only: bool = False
    binary: bool = False
    magic: bytes = b""


# name -> module that registers it; imported on first use.
_MODULES: dict[str, str] = {
    "acled": "conflictevents.formats.acled",
    "acled-api": "conflictevents.formats.acled.api",
    "gdelt1": "conflictevents.formats.gdelt",
    "gdelt2": "conflictevents.formats.gdelt",
    "gdelt-reduced": "conflictevents.formats.gdelt_reduced",
    "geojson": "conflictevents.formats.geojson",
    "hxl": "conflictevents.formats.hxl",
    "icews": "conflictevents.formats.icews",
    "jsonl": "conflictevents.formats.jsonl",
    "parquet": "conflictevents.formats.parquet",
    "ucdp-ged": "conflictevents.formats.ucdp",
}
_SPECS: dict[str, FormatSpec] = {}


def register(spec: FormatSpec) -> FormatSpec:
    """Add a format to the registry (format modules call this when imported)."""
    _SPECS[spec.name] = spec
    return spec


def add_module(name: str, module: str) -> None:
    """Tell the registry which module defines format *name* (for lazy loading)."""
    _MODULES[name] = module


def _available(name: str) -> bool:
    if name in _SPECS:
        return True
    try:
        importlib.import_module(_MODULES[name])
    except ModuleNotFoundError as error:
        if error.name == _MODULES[name]:  # that format is not installed in this build
            return False
        raise
    return name in _SPECS


def format_names() -> list[str]:
    """The names of every known format."""
    return sorted(name for name in set(_MODULES) | set(_SPECS) if _available(name))


def get_format(name: str) -> FormatSpec:
    """The :class:`FormatSpec` called *name*.

    :raises FormatError: if there is no such format.

    >>> get_format("gdelt2").title
    'GDELT 2.0 event export (61 tab-separated columns)'
    >>> get_format("excel")
    Traceback (most recent call last):
        ...
    conflictevents.errors.FormatError: unknown format 'excel'; known formats: acled, ...
    """
    if name not in _SPECS and name in _MODULES:
        _available(name)
    try:
        return _SPECS[name]
    except KeyError:
        raise FormatError(
            f"unknown format {name!r}; known formats: {', '.join(format_names())}"
        ) from None


def _all_specs() -> list[FormatSpec]:
    return [get_format(name) for name in format_names()]


def detect_format(
    source: FileSource | list[str],
    name: str = "",
    *,
    max_bytes: int = DEFAULT_MAX_DECOMPRESSED,
    member: str | None = None,
    encoding: str | None = None,
) -> str:
    """The name of the format of *source*: a path, a file object, or its first lines.

    Detection looks at the first :data:`HEAD_LINES` lines (decompressed and decoded as
    :func:`read` would), then, when that cannot decide, at the file name's suffix. A file
    object is read from and not rewound: detect a path, or pass ``format=`` to :func:`read`.

    >>> import io
    >>> detect_format(io.StringIO("id,line\\n"))
    Traceback (most recent call last):
      ...
    conflictevents.errors.FormatError: <stream>: cannot tell the format from its first 1 lines; ...

    :raises FormatError: if no format, or more than one, recognises the input; the message
        lists what each format saw.
    """
    if isinstance(source, list):
        return _detect_lines(source, name)
    with open_input(source, max_bytes=max_bytes, member=member, encoding=encoding) as opened:
        return _detect_lines(opened.head(HEAD_LINES), name or opened.name)


def _detect_lines(head: list[str], name: str = "") -> str:
    results = [(spec, _safe_sniff(spec, head)) for spec in _all_specs() if not spec.binary]
    found = [spec for spec, result in results if result.matched]
    if len(found) > 1:
        top = max(spec.precedence for spec in found)
        if sum(1 for spec in found if spec.precedence == top) == 1:
            found = [spec for spec in found if spec.precedence == top]
    if len(found) == 1:
        return found[0].name
    lowered = name.lower().removesuffix(".gz").removesuffix(".zip")
    by_suffix = [spec.name for spec in _all_specs() if lowered.endswith(spec.suffixes or ("\0",))]
    names = [spec.name for spec in found]
    if len(found) > 1:
        narrowed = [n for n in names if n in by_suffix]
        if len(narrowed) == 1:
            return narrowed[0]
        raise FormatError(
            f"{name or 'input'}: several formats match ({', '.join(names)}); pass format=..."
        )
    if len(by_suffix) == 1 and not head:
        return by_suffix[0]
    seen = "; ".join(f"{spec.name}: {result.saw}" for spec, result in results if result.saw)
    silent = [spec.name for spec, result in results if not result.saw]
    if silent:
        seen += ("; " if seen else "") + f"not recognised by {', '.join(silent)}"
    raise FormatError(
        f"{name or 'input'}: cannot tell the format from its first {len(head)} lines; "
        f"pass format=... ({seen})"
    )


def binary_format(source: FileSource) -> FormatSpec | None:
    """The binary format whose magic bytes *source* starts with, if any.

    Only the formats already imported and the ones whose module can be imported are asked;
    a binary format whose library is not installed is not detected.
    """
    head = peek_magic(source)
    if not head:
        return None
    for spec in _all_specs():
        if spec.binary and spec.magic and head.startswith(spec.magic):
            return spec
    return None


def _safe_sniff(spec: FormatSpec, head: list[str]) -> Sniffed:
    if not head:
        return Sniffed(False, "the input is empty")
    try:
        result = spec.sniff(head)
    except Exception:  # a sniffer must not break detection; it just does not match
        return Sniffed(False, "its sniffer could not read the first lines")
    if isinstance(result, Sniffed):
        return result
    return Sniffed(bool(result))


def suffix_format(path: str) -> str | None:
    """The format a file name's suffix suggests (``out.geojson`` -> ``"geojson"``)."""
    lowered = path.lower().removesuffix(".gz")
    matches = [s.name for s in _all_specs() if s.suffixes and lowered.endswith(s.suffixes)]
    return matches[0] if len(matches) == 1 else None


class RecordStream(Iterator[R_co], Generic[R_co]):
    """The records of one read, one at a time, with the :class:`ConversionReport` of the read.

    It is generic in the type of its records: the reader of a format that holds events only
    gives a ``RecordStream[Event]``, :func:`read` of GeoJSON, JSON Lines or of a format it
    detects a ``RecordStream[Record]``. Iterate over it (or use it in a ``with`` block to
    close the input early):

    >>> import conflictevents as ce
    >>> with ce.read("examples/data/acled-syria-2024-12.csv", "acled") as stream:
    ...     first = next(stream)
    ...     print(first.id, stream.format, stream.report.read)
    SYR900001 acled 1
    """

    def __init__(self, records: Iterator[R_co], report: ConversionReport, fmt: str) -> None:
        self._records = records
        self.report = report
        """What the read has done so far."""
        self.format = fmt
        """The name of the format being read."""

    def __iter__(self) -> RecordStream[R_co]:
        return self

    def __next__(self) -> R_co:
        return next(self._records)

    def close(self) -> None:
        """Stop reading and close the input."""
        close = getattr(self._records, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> RecordStream[R_co]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _options_of(spec: FormatSpec | None, kind: type[_O], given: Mapping[str, Any]) -> _O:
    """The options of a read or write by *spec* (only the common ones while the format is not
    known), checked before anything is opened. ``options=`` may give an options object of
    the format, or of a base of its class (the common options); other keywords change it."""
    wanted: type[_O] = kind if spec is None else (
        spec.read_options if kind is ReadOptions else spec.write_options)  # type: ignore[assignment]
    given = dict(given)
    built = given.pop("options", None)
    if spec is None:  # detection first: check the common options now, the others later
        given = {name: value for name, value in given.items() if name in kind.names()}
        if isinstance(built, kind):
            return attrs.evolve(built, **given)
    if built is None:
        return wanted.build(given)
    if not isinstance(built, kind) or not issubclass(wanted, type(built)):
        raise TypeError(f"options= must be a {wanted.__module__}.{wanted.__qualname__}, not "
                        f"{type(built).__module__}.{type(built).__qualname__}")
    return wanted.build({**attrs.asdict(built, recurse=False), **given})


def _common(**given: Any) -> dict[str, Any]:
    """The common read options given a value other than their default."""
    defaults = {field.name: field.default for field in attrs.fields(ReadOptions)}
    return {name: value for name, value in given.items() if value != defaults[name]}


@overload
def read(
    source: FileSource,
    format: EventFormat,
    *,
    on_error: OnError = "raise",
    report: ConversionReport | None = None,
    max_bytes: int = DEFAULT_MAX_DECOMPRESSED,
    member: str | None = None,
    encoding: str | None = None,
    dayfirst: bool | None = None,
    on_warning: OnWarning = "report",
    max_ratio: float = DEFAULT_MAX_RATIO,
    **options: Any,
) -> RecordStream[Event]: ...


@overload
def read(
    source: FileSource,
    format: str | None = None,
    *,
    on_error: OnError = "raise",
    report: ConversionReport | None = None,
    max_bytes: int = DEFAULT_MAX_DECOMPRESSED,
    member: str | None = None,
    encoding: str | None = None,
    dayfirst: bool | None = None,
    on_warning: OnWarning = "report",
    max_ratio: float = DEFAULT_MAX_RATIO,
    **options: Any,
) -> RecordStream[Record]: ...


def read(
    source: FileSource,
    format: str | None = None,
    *,
    on_error: OnError = "raise",
    report: ConversionReport | None = None,
    max_bytes: int = DEFAULT_MAX_DECOMPRESSED,
    member: str | None = None,
    encoding: str | None = None,
    dayfirst: bool | None = None,
    on_warning: OnWarning = "report",
    max_ratio: float = DEFAULT_MAX_RATIO,
    **options: Any,
) -> RecordStream[Record]:
    """Read records from *source*, one at a time.

    >>> import conflictevents as ce
    >>> stream = ce.read("examples/data/ucdp-ged-syria-2024-12.csv")
    >>> stream.format
    'ucdp-ged'
    >>> [event.id for event in stream]
    ['530101', '530102']
    >>> stream.report.read
    2

    :param source: a path, or a text or binary file object. Gzip and zip inputs are
        decompressed transparently.
    :param format: a format name (see :func:`format_names`); detected from the first lines
        when omitted.
    :param on_error: ``"raise"`` (default), ``"skip"`` or ``"collect"``; see
        :data:`~conflictevents.formats.OnError`.
    :param report: a report to fill (a new one by default); also at ``.report`` of the result.
    :param max_bytes: how far a compressed input may expand, in bytes.
    :param member: for a zip file with several members, which one to read.
    :param encoding: the input's text encoding; by default UTF-8 (with or without a byte
        order mark), UTF-16 with a byte order mark, or cp1252 when the bytes are not UTF-8
        (with an ``encoding-fallback`` warning). A record read in another encoding than plain
        UTF-8 writes back in it (:data:`ENCODING_KEY`).
    :param dayfirst: how to read numeric dates whose day and month could be either way round
        (``12/5/2024``): by default the file's own unambiguous dates decide it, and a file
        where nothing does is an :class:`~conflictevents.errors.AmbiguousDateError` that
        names this option.
    :param on_warning: what to do with a row that is read but odd (see
        :data:`~conflictevents.formats.OnWarning`): ``"report"`` (default), ``"warn"``,
        ``"error"``.
    :param max_ratio: how many times its compressed size a compressed input may expand to,
        once past its first 16 MiB (a decompression bomb is refused early).
    :param options: options of the format's reader (its module's ``ReadOptions``), such as
        ``max_field``, the longest line or field accepted (no line longer than it is ever
        held in memory whole); or all of them as one object, ``options=ReadOptions(...)``.
    :raises FormatError: for an unknown format, or one that cannot be detected.
    :raises TypeError: for an option the format's reader does not take, or a value of the
        wrong type, before anything is read.
    :raises ValueError: for a value the option cannot have, before anything is read.
    :raises ParseError: (when iterating) for a row that cannot be read, under ``"raise"``;
        for an input that cannot be opened, under every policy.
    :raises InputNotFoundError: (a :class:`ParseError` and a :class:`FileNotFoundError`) for
        a path that does not exist.
    """
    given = {**_common(on_error=on_error, on_warning=on_warning, encoding=encoding,
                       dayfirst=dayfirst, member=member, max_bytes=max_bytes,
                       max_ratio=max_ratio), **options}
    spec = get_format(format) if format is not None else None
    checked = _options_of(spec, ReadOptions, given)  # bad options fail before opening
    if spec is None:
        spec = binary_format(source)
        if spec is not None:
            checked = _options_of(spec, ReadOptions, given)
    on_error, on_warning, dayfirst = checked.on_error, checked.on_warning, checked.dayfirst
    encoding, member, max_bytes = checked.encoding, checked.member, checked.max_bytes
    max_ratio = checked.max_ratio
    report = report if report is not None else ConversionReport()
    policy = ErrorPolicy(on_error, report, on_warning)
    policy.dayfirst = dayfirst
    if encoding is not None:
        encoding = check_encoding(encoding)
    name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else ""
    chosen: list[str] = [spec.name] if spec is not None else []

    def records() -> Iterator[Record]:
        if spec is not None and spec.binary:
            read_binary = cast(BinaryReadFunction, spec.read)
            with open_binary_input(source) as binary:
                for record in read_binary(binary, policy, checked):
                    report.read += 1
                    yield record
            return
        active = spec
        fallback = active is None or not active.utf8_only
        with open_input(source, max_bytes=max_bytes, member=member, encoding=encoding,
                        fallback=fallback, max_ratio=max_ratio) as opened:
            opened.max_line = checked.max_field
            if active is None:
                active = get_format(_detect_lines(opened.head(HEAD_LINES), name or opened.name))
                chosen.append(active.name)
            _ready(active)
            if opened.fallback is None or not active.utf8_only:
                yield from _records(opened, active)
                return
        if not _rewindable(source):
            raise ParseError("the input is not UTF-8, which the format requires",
                             source=name or None, line=opened.fallback[0],
                             value=opened.fallback[1])
        with open_input(source, max_bytes=max_bytes, member=member, encoding="utf-8",
                        fallback=False) as opened:
            yield from _records(opened, active)

    def _ready(active: FormatSpec) -> None:
        nonlocal checked
        if type(checked) is not active.read_options:
            checked = _options_of(active, ReadOptions, given)

    def _records(opened: Input, active: FormatSpec) -> Iterator[Record]:
        policy.source = opened.name
        if opened.fallback is not None:
            line, raw = opened.fallback
            policy.warn(
                "encoding-fallback",
                "the input is not UTF-8; read as cp1252 (pass encoding=... if it is "
                "another)", source=opened.name, line=line, value=raw,
            )
        stamp = opened.encoding not in (None, "utf-8")
        read_text = cast(ReadFunction, active.read)
        for record in read_text(opened, policy, checked):
            report.read += 1
            if stamp and isinstance(record, Event):
                record = _stamped(record, active.name, opened.encoding or "")
            yield record

    stream: RecordStream[Record] = RecordStream(_primed(records()), report, "")
    stream.format = chosen[0] if chosen else ""
    return stream


def _rewindable(source: FileSource) -> bool:
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source) != "-"
    try:
        if source.seekable():
            source.seek(0)
            return True
    except (OSError, ValueError, AttributeError):
        pass
    return False


def _stamped(event: Event, fmt: str, encoding: str) -> Event:
    """*event* with the encoding of its file recorded in its extras for *fmt*."""
    extras = {name: dict(columns) for name, columns in event.extras.items()}
    extras.setdefault(fmt, {})[ENCODING_KEY] = encoding
    return attrs.evolve(event, extras=extras)


def _primed(records: Iterator[Record]) -> Iterator[Record]:
    """Open the input and detect the format now, so that those errors are raised by read()."""
    first: list[Record] = []
    sentinel = object()
    try:
        value = next(records, sentinel)
    except ParseError:
        raise
    if value is not sentinel:
        first.append(value)  # type: ignore[arg-type]

    def rest() -> Iterator[Record]:
        yield from first
        first.clear()
        yield from records

    return rest()


def write(
    records: Iterable[Record],
    target: Target,
    format: str | None = None,
    *,
    report: ConversionReport | None = None,
    encoding: str | None = None,
    **options: Any,
) -> ConversionReport:
    """Write *records* to *target* in *format*, and return what was written and lost.

    Writers that need a classification the records lack (a CAMEO code for GDELT and ICEWS,
    an ACLED type for ACLED) derive it through the crosswalks by default, and count every
    derived value in ``report.derived``; pass ``derive=False`` to refuse that (the records
    are then left out and counted). Writing none of the records given is an error, never an
    empty file:

    >>> import io
    >>> import conflictevents as ce
    >>> events = list(ce.read("examples/data/acled-syria-2024-12.csv"))
    >>> report = ce.write(events, io.StringIO(), "gdelt2")
    >>> report.written == len(events), report.derived["classifications.cameo"] == len(events)
    (True, True)
    >>> ce.write(events, io.StringIO(), "gdelt2", derive=False)
    Traceback (most recent call last):
      ...
    conflictevents.errors.ConversionError: wrote none of the 26 record(s) as gdelt2: ...

    :param records: any iterable of records; it is consumed once, lazily.
    :param target: a path (``.gz`` is compressed; ``"-"`` is standard output) or a text or
        binary file object.
    :param format: a format name; chosen from the suffix of a path target when omitted.
    :param report: a report to fill, such as the ``.report`` of the stream being written.
    :param encoding: the output's text encoding; by default the one the first record was
        read in, when it was read from this format in another encoding than UTF-8
        (:data:`ENCODING_KEY`), else UTF-8. Ignored for a text stream target.
    :param options: options of the format's writer (its module's ``WriteOptions``), as
        keywords or as one object, ``options=WriteOptions(...)``, such as ``derive``.
    :raises FormatError: for an unknown format, or none given and none suggested by the path.
    :raises TypeError: for an option the format's writer does not take, or a value of the
        wrong type, before the output is opened.
    :raises ValueError: for a value the option cannot have, before the output is opened.
    :raises ConversionError: for a character the encoding cannot represent, and when none of
        one or more records could be written (``error.report`` says why each was left out);
        a path is then left as it was.
    :raises OutputError: if the output cannot be written (a missing folder, a directory, no
        permission, a full disk). A path is written to a temporary file beside it that
        replaces it at the end, so writing over the file being read is safe.
    """
    if format is None:
        path = os.fspath(target) if isinstance(target, (str, os.PathLike)) else ""
        format = suffix_format(path) if path else None
        if format is None:
            raise FormatError(f"{path or 'output'}: cannot tell the format; pass format=...")
    spec = get_format(format)
    checked = _options_of(spec, WriteOptions, {**options, **(
        {"encoding": encoding} if encoding is not None else {})})
    encoding = checked.encoding
    report = report if report is not None else ConversionReport()
    counted = _Counted(records)
    before = report.written
    if spec.binary:
        with open_binary_output(target) as binary:
            cast(BinaryWriteFunction, spec.write)(counted, binary, report, checked)
            _check_written(spec, counted.count, report.written - before, report)
        return report
    if encoding is not None:
        encoding = check_encoding(encoding)
    else:
        first = counted.peek()
        if isinstance(first, Event):
            encoding = first.extra(spec.name, ENCODING_KEY)
    try:
        with open_output(target, encoding or "utf-8") as stream:
            cast(WriteFunction, spec.write)(counted, stream, report, checked)
            _check_written(spec, counted.count, report.written - before, report)
    except UnicodeEncodeError as error:
        raise ConversionError(
            f"cannot write {error.object[error.start:error.end]!r} in {encoding or 'utf-8'}; "
            "pass encoding='utf-8'", report=report,
        ) from None
    return report


class _Counted(Iterator[Record]):
    """*records*, counting how many were taken (and able to show the first one early)."""

    def __init__(self, records: Iterable[Record]) -> None:
        self._records = iter(records)
        self._first: list[Record] = []
        self.count = 0

    def peek(self) -> Record | None:
        if not self._first:
            first = next(self._records, None)
            if first is None:
                return None
            self._first.append(first)
        return self._first[0]

    def __iter__(self) -> _Counted:
        return self

    def __next__(self) -> Record:
        record = self._first.pop() if self._first else next(self._records)
        self.count += 1
        return record


def _check_written(spec: FormatSpec, given: int, written: int,
                   report: ConversionReport) -> None:
    """Refuse a write that wrote none of one or more records (inside the output's block, so
    that a path is left as it was)."""
    if given and not written:
        reasons = "; ".join(f"{reason.value}: {count} ({reason})"
                            for reason, count in report.left_out.most_common())
        raise ConversionError(
            f"wrote none of the {given} record(s) as {spec.name}"
            + (f": left out: {reasons}" if reasons else ""), report=report)


def convert(
    source: FileSource,
    target: Target,
    *,
    from_: str | None = None,
    to: str | None = None,
    on_error: OnError = "raise",
    on_warning: OnWarning = "report",
    encoding: str | None = None,
    dayfirst: bool | None = None,
    derive: bool = True,
    output_encoding: str | None = None,
    report: ConversionReport | None = None,
    read_options: Mapping[str, Any] | None = None,
    write_options: Mapping[str, Any] | None = None,
) -> ConversionReport:
    """Convert *source* to *target* in one call (a :func:`read` streamed into a
    :func:`write`), and return the report of both.

    >>> import conflictevents as ce
    >>> report = ce.convert("examples/data/ucdp-ged-syria-2024-12.csv", "/tmp/ged.acled.csv",
    ...                     to="acled")
    >>> report.read, report.written, report.derived["classifications.acled"]
    (2, 2, 2)

    :param source: a path or file object to read (see :func:`read`).
    :param target: a path or file object to write (see :func:`write`).
    :param from_: the input format; detected when omitted.
    :param to: the output format; from the suffix of a path target when omitted.
    :param on_error: what to do with a row that cannot be read (see :func:`read`).
    :param on_warning: what to do with a row read with a warning (see :func:`read`).
    :param encoding: the input's text encoding (see :func:`read`).
    :param dayfirst: how to read ambiguous numeric dates (see :func:`read`).
    :param derive: whether the writer may derive a classification the records lack through
        a crosswalk (counted in ``report.derived``); ignored by writers that never derive.
    :param output_encoding: the output's text encoding (see ``encoding`` of :func:`write`).
    :param report: a report to fill.
    :param read_options: further options of the input format's reader.
    :param write_options: further options of the output format's writer.
    :raises ConversionError: when none of one or more records read could be written.
    """
    report = report if report is not None else ConversionReport()
    writing = dict(write_options or {})
    path = os.fspath(target) if isinstance(target, (str, os.PathLike)) else ""
    name = to if to is not None else (suffix_format(path) if path else None)
    if name is not None and "derive" in get_format(name).write_options:
        writing.setdefault("derive", derive)
    with read(source, from_, on_error=on_error, on_warning=on_warning, encoding=encoding,
              dayfirst=dayfirst, report=report, **dict(read_options or {})) as stream:
        write(stream, target, name, report=report, encoding=output_encoding, **writing)
    return report
