"""The reader and writer options of :mod:`conflictevents.cli`, and ``formats -v``.

Private: kept apart so that the commands take every option of every format with one call.

Every option of a format's reader and writer (its ``ReadOptions`` and ``WriteOptions``
classes) can be given on the command line as text, converted by the option's type
(:meth:`conflictevents.formats.ReadOptions.from_text`):

- ``--read-option KEY=VALUE`` and ``--write-option KEY=VALUE`` (repeatable) name the end;
- ``--option KEY=VALUE`` (repeatable) goes to the end whose format takes KEY; a KEY both ends
  take (``encoding``) must be given with ``--read-option`` or ``--write-option``;
- the common ones have flags of their own: ``--encoding``, ``--dayfirst``/``--monthfirst``
  (reading), ``--derive``/``--no-derive``, ``--layout`` and ``--spreadsheet-safe``
  (writing).

Options are checked before anything is read or written: a name the format does not take, or
a value that is not one of the option's, ends the command with status 2 and no output file.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from conflictevents.errors import ConflictEventsError, FormatError
from conflictevents.formats._io import open_input
from conflictevents.formats._options import Options
from conflictevents.formats._registry import (
    HEAD_LINES,
    FormatSpec,
    _detect_lines,
    format_names,
    get_format,
    suffix_format,
)

__all__ = ["OptionError", "add_flags", "formats_listing", "read_options", "write_options"]


class OptionError(ConflictEventsError, ValueError):
    """An option of the command line that the format does not take, or a bad value."""


def _key_value(text: str) -> tuple[str, str]:
    key, equals, value = text.partition("=")
    if not equals or not key.strip():
        raise argparse.ArgumentTypeError(f"not KEY=VALUE: {text!r} (for example "
                                         "line_terminator=crlf)")
    return key.strip().replace("-", "_"), value


def add_flags(command: argparse.ArgumentParser, *, writing: bool) -> None:
    """Add the option flags to *command* (a reading command, or ``convert`` if *writing*)."""
    command.add_argument("--read-option", dest="read_options", action="append", default=[],
                         type=_key_value, metavar="KEY=VALUE",
                         help="an option of the input format's reader (repeatable; "
                         f"{'see' if writing else 'same as --option; see'} "
                         "'conflictevents formats -v')")
    if not writing:
        command.add_argument("--option", dest="read_options", action="append",
                             type=_key_value, metavar="KEY=VALUE",
                             help="an option of the input format's reader, such as "
                             "max_field=1000000 (repeatable)")
        return
    command.add_argument("--write-option", dest="write_options", action="append", default=[],
                         type=_key_value, metavar="KEY=VALUE",
                         help="an option of the output format's writer, such as "
                         "line_terminator=crlf (repeatable)")
    command.add_argument("--option", dest="either_options", action="append", default=[],
                         type=_key_value, metavar="KEY=VALUE",
                         help="an option of the reader or of the writer, whichever takes KEY "
                         "(repeatable; use --read-option or --write-option for a KEY both "
                         "take)")
    command.add_argument("--layout", metavar="NAME",
                         help="the output's layout, for the writers that have several "
                         "(acled: legacy..., gdelt1: historical, ucdp-ged: 19.1...; see "
                         "'conflictevents formats -v')")


def _texts(args: argparse.Namespace, name: str) -> list[tuple[str, str]]:
    return list(getattr(args, name, None) or [])


def _input_format(args: argparse.Namespace) -> str:
    """The input's format, detected now if not given (reader options need the format)."""
    if args.source_format is not None:
        return get_format(args.source_format).name
    if args.input == "-":
        raise OptionError("reader options on standard input need --from")
    try:
        with open_input(args.input, member=args.member, encoding=args.encoding,
                        max_bytes=args.max_bytes, max_ratio=args.max_ratio) as opened:
            return _detect_lines(opened.head(HEAD_LINES), args.input)
    except FormatError:
        guessed = suffix_format(args.input)
        if guessed is None:
            raise
        return guessed


def _route(args: argparse.Namespace, reader: type[Options] | None, writer: type[Options],
           names: tuple[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """The texts of the reader's and of the writer's options, ``--option`` routed by name
    (*names*: the input's and the output's formats)."""
    reading = dict(_texts(args, "read_options"))
    writing = dict(_texts(args, "write_options"))
    for key, value in _texts(args, "either_options"):
        takers = [cls for cls in (reader, writer) if cls is not None and _takes(cls, key)]
        if len(takers) == 2:
            raise OptionError(f"--option {key}: both the {names[0]} reader and the "
                              f"{names[1]} writer take it; give --read-option "
                              f"{key}=... or --write-option {key}=...")
        if not takers:
            raise OptionError(
                f"--option {key}: neither the {names[0]} reader nor the {names[1]} writer takes "
                f"it (reader: "
                f"{_names(reader)}; writer: {_names(writer)})")
        (reading if takers[0] is reader else writing)[key] = value
    return reading, writing


def _takes(cls: type[Options], key: str) -> bool:
    return key in cls.names() or key in cls.RENAMED


def _names(cls: type[Options] | None) -> str:
    return ", ".join(sorted(cls.names())) if cls is not None else "-"


def _convert(cls: type[Options], texts: dict[str, str], given: dict[str, Any]) -> Options:
    try:
        return cls.from_text(texts, **given)
    except (TypeError, ValueError) as error:
        raise OptionError(str(error)) from None


def _typed(cls: type[Options], texts: dict[str, str], given: dict[str, Any]) -> dict[str, Any]:
    """The options *texts* and *given* as typed keywords, checked by *cls*."""
    checked = _convert(cls, texts, given)
    return {cls.RENAMED.get(name, name): getattr(checked, cls.RENAMED.get(name, name))
            for name in {*texts, *given}}


def read_options(args: argparse.Namespace) -> dict[str, Any]:
    """The reader options of a reading command (``validate``, ``info``), typed and checked,
    as keywords for :func:`conflictevents.read`; also kept as ``args.reader_options``."""
    args.reader_options = {}
    if _texts(args, "read_options"):
        fmt = _input_format(args)
        args.source_format = fmt
        args.reader_options = _typed(get_format(fmt).read_options,
                                     dict(_texts(args, "read_options")), {})
    return dict(args.reader_options)


def write_options(args: argparse.Namespace, spec: FormatSpec) -> dict[str, Any]:
    """The writer options of ``convert``, typed and checked, as keywords for
    :func:`conflictevents.write`: the flags (``--derive``, ``--layout``,
    ``--spreadsheet-safe``) and the ``--write-option``/``--option`` texts. The reader options
    are checked too, and kept as ``args.reader_options`` for :func:`conflictevents.read`."""
    writer = spec.write_options
    reader: type[Options] | None = None
    args.reader_options = {}
    fmt = "?"
    if _texts(args, "read_options") or _texts(args, "either_options"):
        fmt = _input_format(args)
        args.source_format = fmt
        reader = get_format(fmt).read_options
    reading, texts = _route(args, reader, writer, (fmt, spec.name))
    if reader is not None and reading:
        args.reader_options = _typed(reader, reading, {})
    given: dict[str, Any] = {}
    names = writer.names()
    if "derive" in names:
        given["derive"] = args.derive
    if args.spreadsheet_safe:
        if "spreadsheet_safe" not in names:
            raise OptionError(f"--spreadsheet-safe is for CSV outputs; {spec.name} is not one")
        given["spreadsheet_safe"] = True
    if args.layout is not None:
        if "layout" not in names:
            raise OptionError(f"--layout: the {spec.name} writer has one layout")
        texts.setdefault("layout", args.layout)
    return _typed(writer, texts, given)


def formats_listing(verbose: bool) -> str:
    """The text of ``conflictevents formats`` (with each option, if *verbose*)."""
    specs = [get_format(name) for name in format_names()]
    width = max((len(spec.name) for spec in specs), default=0)
    lines: list[str] = []
    for spec in specs:
        suffixes = " ".join(spec.suffixes) or "-"
        lines.append(f"{spec.name:<{width}}  {spec.title}  [{suffixes}]")
        if not verbose:
            continue
        for kind, cls in (("read", spec.read_options), ("write", spec.write_options)):
            lines.append(f"  {kind} options:")
            lines += _option_lines(cls, "    ")
        lines.append("")
    if not verbose:
        lines.append("")
        lines.append("Options of each format's reader and writer: conflictevents formats -v")
    return "\n".join(lines).rstrip("\n") + "\n"


def _option_lines(cls: type[Options], indent: str) -> Sequence[str]:
    lines = []
    for info in cls.describe():
        where = "" if info.text else " (library only)"
        lines.append(f"{indent}{info.name} ({info.type}; default {info.default}){where}")
        lines.append(f"{indent}    {info.doc}")
    return lines
