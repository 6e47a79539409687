"""The format registry behind :func:`conflictevents.read` and :func:`conflictevents.write`.

A format is a :class:`FormatSpec`: a name, a function that reads records from an opened
:class:`~conflictevents.formats._io.Input`, a function that writes records to a text stream,
and a function that recognises the format from the first lines of a file. Format modules
register themselves; the registry imports them only when they are asked for.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import TracebackType
from typing import Any, Protocol, TextIO

import attrs

from conflictevents.errors import FormatError, ParseError
from conflictevents.formats._io import (
    DEFAULT_MAX_DECOMPRESSED,
    DEFAULT_MAX_FIELD,
    DEFAULT_MAX_RATIO,
    Input,
    Source,
    Target,
    open_input,
    open_output,
)
from conflictevents.formats._policy import ErrorPolicy, OnError
from conflictevents.formats.report import ConversionReport
from conflictevents.model import Record

__all__ = [
    "FormatSpec",
    "RecordStream",
    "detect_format",
    "format_names",
    "get_format",
    "read",
    "register",
    "write",
]


class ReadFunction(Protocol):
    def __call__(
        self, source: Input, policy: ErrorPolicy, options: Mapping[str, Any]
    ) -> Iterator[Record]: ...


class WriteFunction(Protocol):
    def __call__(
        self,
        records: Iterable[Record],
        stream: TextIO,
        report: ConversionReport,
        options: Mapping[str, Any],
    ) -> None: ...


@attrs.frozen
class FormatSpec:
    """One external format, as the registry knows it.

    :param name: the name users pass as ``format=`` (``"acled"``).
    :param title: a short human name (``"ACLED CSV export"``).
    :param read: reads records from an opened input, applying the error policy.
    :param write: writes records to a text stream, filling the report.
    :param sniff: given the first lines of an input, whether they are in this format.
    :param suffixes: file name endings that suggest the format (``".jsonl"``), used when
        sniffing cannot decide and for choosing an output format.
    :param read_options: the keyword options ``read`` understands.
    :param write_options: the keyword options ``write`` understands.
    """

    name: str
    title: str
    read: ReadFunction
    write: WriteFunction
    sniff: Callable[[list[str]], bool]
    suffixes: tuple[str, ...] = ()
    read_options: frozenset[str] = frozenset()
    write_options: frozenset[str] = frozenset()


# name -> module that registers it; imported on first use.
_MODULES: dict[str, str] = {
    "acled": "conflictevents.formats.acled",
    "acled-api": "conflictevents.formats.acled",
    "gdelt1": "conflictevents.formats.gdelt",
    "gdelt2": "conflictevents.formats.gdelt",
    "geojson": "conflictevents.formats.geojson",
    "hxl": "conflictevents.formats.hxl",
    "icews": "conflictevents.formats.icews",
    "jsonl": "conflictevents.formats.jsonl",
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


def detect_format(head: list[str], name: str = "") -> str:
    """The name of the format whose sniffer recognises the lines *head*, else by suffix.

    :raises FormatError: if no format, or more than one, recognises the input.
    """
    found = [spec.name for spec in _all_specs() if _safe_sniff(spec, head)]
    if len(found) == 1:
        return found[0]
    lowered = name.lower().removesuffix(".gz").removesuffix(".zip")
    by_suffix = [spec.name for spec in _all_specs() if lowered.endswith(spec.suffixes or ("\0",))]
    if len(found) > 1:
        narrowed = [n for n in found if n in by_suffix]
        if len(narrowed) == 1:
            return narrowed[0]
        raise FormatError(
            f"{name or 'input'}: several formats match ({', '.join(found)}); pass format=..."
        )
    if len(by_suffix) == 1 and not head:
        return by_suffix[0]
    raise FormatError(f"{name or 'input'}: cannot tell the format; pass format=...")


def _safe_sniff(spec: FormatSpec, head: list[str]) -> bool:
    try:
        return bool(head) and spec.sniff(head)
    except Exception:  # a sniffer must not break detection; it just does not match
        return False


def suffix_format(path: str) -> str | None:
    """The format a file name's suffix suggests (``out.geojson`` -> ``"geojson"``)."""
    lowered = path.lower().removesuffix(".gz")
    matches = [s.name for s in _all_specs() if s.suffixes and lowered.endswith(s.suffixes)]
    return matches[0] if len(matches) == 1 else None


class RecordStream(Iterator[Record]):
    """The records of one read, one at a time, with the :class:`ConversionReport` of the read.

    Iterate over it (or use it in a ``with`` block to close the input early)::

        stream = conflictevents.read("acled.csv")
        for event in stream:
            ...
        print(stream.report)
    """

    def __init__(self, records: Iterator[Record], report: ConversionReport, fmt: str) -> None:
        self._records = records
        self.report = report
        """What the read has done so far."""
        self.format = fmt
        """The name of the format being read."""

    def __iter__(self) -> RecordStream:
        return self

    def __next__(self) -> Record:
        return next(self._records)

    def close(self) -> None:
        """Stop reading and close the input."""
        close = getattr(self._records, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> RecordStream:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _check_options(spec: FormatSpec, given: Mapping[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(given) - allowed
    if unknown:
        raise TypeError(
            f"format {spec.name!r} does not take the option(s) {', '.join(sorted(unknown))}"
            + (f"; it takes {', '.join(sorted(allowed))}" if allowed else "")
        )


def read(
    source: Source,
    format: str | None = None,
    *,
    on_error: OnError = "raise",
    report: ConversionReport | None = None,
    max_bytes: int = DEFAULT_MAX_DECOMPRESSED,
    member: str | None = None,
    max_ratio: float = DEFAULT_MAX_RATIO,
    **options: Any,
) -> RecordStream:
    """Read records from *source*, one at a time.

    :param source: a path, or a text or binary file object. Gzip and zip inputs are
        decompressed transparently.
    :param format: a format name (see :func:`format_names`); detected from the first lines
        when omitted.
    :param on_error: ``"raise"`` (default), ``"skip"`` or ``"collect"``; see
        :data:`~conflictevents.formats.OnError`.
    :param report: a report to fill (a new one by default); also at ``.report`` of the result.
    :param max_bytes: how far a compressed input may expand, in bytes.
    :param member: for a zip file with several members, which one to read.
    :param max_ratio: how many times its compressed size a compressed input may expand to,
        once past its first 16 MiB (a decompression bomb is refused early).
    :param options: options of the format's reader (see its module), such as
        ``max_field``, the longest line or field accepted (no line longer than it is ever
        held in memory whole).
    :raises FormatError: for an unknown format, or one that cannot be detected.
    :raises ParseError: (when iterating) for a row that cannot be read, under ``"raise"``;
        for an input that cannot be opened, under every policy.
    """
    report = report if report is not None else ConversionReport()
    policy = ErrorPolicy(on_error, report)
    spec = get_format(format) if format is not None else None
    if spec is not None:
        _check_options(spec, options, spec.read_options)
    name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else ""
    chosen: list[str] = [spec.name] if spec is not None else []

    def records() -> Iterator[Record]:
        with open_input(source, max_bytes=max_bytes, member=member,
                        max_ratio=max_ratio) as opened:
            opened.max_line = int(options.get("max_field", DEFAULT_MAX_FIELD))
            active = spec
            if active is None:
                active = get_format(detect_format(opened.head(2), name or opened.name))
                _check_options(active, options, active.read_options)
                chosen.append(active.name)
            for record in active.read(opened, policy, options):
                report.read += 1
                yield record

    stream = RecordStream(_primed(records()), report, "")
    stream.format = chosen[0] if chosen else ""
    return stream


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
    **options: Any,
) -> ConversionReport:
    """Write *records* to *target* in *format*, and return what was written and lost.

    :param records: any iterable of records; it is consumed once, lazily.
    :param target: a path (``.gz`` is compressed; ``"-"`` is standard output) or a text or
        binary file object.
    :param format: a format name; chosen from the suffix of a path target when omitted.
    :param report: a report to fill, such as the ``.report`` of the stream being written.
    :param options: options of the format's writer (see its module).
    :raises FormatError: for an unknown format, or none given and none suggested by the path.
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
    _check_options(spec, options, spec.write_options)
    report = report if report is not None else ConversionReport()
    with open_output(target) as stream:
        spec.write(records, stream, report, options)
    return report
