"""The library's own format: JSON Lines, one record per line, lossless.

Every core type has a JSON form (see :doc:`/reference/jsonl`); each line is one record, with
``"schema": "conflictevents/1"`` and ``"type"`` (``"event"``, ``"claim"`` or
``"control_change"``). Writing and reading back gives equal records, including the extras that
other formats kept. The JSON Schema of a line ships with the package
(:func:`json_schema`).

Reading refuses, with a located :class:`~conflictevents.ParseError`: a line that is not JSON,
``NaN`` and ``Infinity``, unknown keys, values of the wrong type, and values the core types
refuse. Blank lines are ignored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any, ClassVar, TextIO

import attrs

from conflictevents.errors import InputTooLargeError, ParseError
from conflictevents.formats import _options
from conflictevents.formats import _strict_json as strict_json
from conflictevents.formats._io import DEFAULT_MAX_FIELD, FileSource, Input, Target, bad_text
from conflictevents.formats._json_model import SCHEMA, from_json, to_json
from conflictevents.formats._policy import ErrorPolicy, OnError, OnWarning
from conflictevents.formats._registry import FormatSpec, RecordStream, register
from conflictevents.formats._registry import read as _read
from conflictevents.formats._registry import write as _write
from conflictevents.formats.report import ConversionReport
from conflictevents.model import Record

__all__ = ["SCHEMA", "dumps", "json_schema", "loads", "read", "write"]

NAME = "jsonl"


def loads(line: str, *, source: str | None = None, line_number: int | None = None) -> Record:
    """The record on one JSON line.

    :raises ParseError: if the line is not a valid record.
    """
    try:
        data = strict_json.loads(line)
    except (ValueError, RecursionError) as error:
        reason = str(error) if isinstance(error, ValueError) else "nested too deeply"
        raise ParseError(f"not valid JSON ({reason})", source=source, line=line_number,
                         value=line) from None
    return from_json(data, source=source, line=line_number)


def dumps(record: Record) -> str:
    """The JSON line of *record* (without the newline).

    >>> from conflictevents import Event
    >>> dumps(Event(id="E1", date="2024-12-05"))
    '{"schema":"conflictevents/1","type":"event","id":"E1","date":"2024-12-05"}'
    """
    return json.dumps(to_json(record), ensure_ascii=False, separators=(",", ":"))


@attrs.frozen(kw_only=True)
class ReadOptions(_options.ReadOptions):
    """The options of :func:`read`: the common ones."""

    FORMAT: ClassVar[str] = NAME


@attrs.frozen(kw_only=True)
class WriteOptions(_options.WriteOptions):
    """The options of :func:`write`: the common ones."""

    FORMAT: ClassVar[str] = NAME


def _read_records(source: Input, policy: ErrorPolicy, options: ReadOptions) -> Iterator[
    Record
]:
    max_field = options.max_field
    for number, line in enumerate(source.lines(), start=1):
        if not line.strip():
            continue
        try:
            if len(line) > max_field:
                raise InputTooLargeError(
                    f"line of {len(line)} characters is longer than the limit of {max_field}",
                    source=source.name, line=number)
            problem = bad_text(line)
            if problem is not None:
                raise ParseError(problem, source=source.name, line=number,
                                 value=line.encode("utf-8", "surrogateescape"))
            record = loads(line, source=source.name, line_number=number)
        except ParseError as error:
            policy.handle(error)
            continue
        yield record


def _write_records(
    records: Iterable[Record], stream: TextIO, report: ConversionReport,
    options: WriteOptions,
) -> None:
    for record in records:
        stream.write(dumps(record))
        stream.write("\n")
        report.written += 1


def _sniff(head: list[str]) -> bool:
    first = head[0].lstrip("\ufeff").lstrip()
    return first.startswith("{") and f'"schema":"{SCHEMA}"' in first.replace(" ", "")


SPEC = register(
    FormatSpec(
        name=NAME,
        title="conflictevents JSON Lines",
        read=_read_records,
        write=_write_records,
        sniff=_sniff,
        suffixes=(".jsonl", ".ndjson"),
        read_options=ReadOptions,
        write_options=WriteOptions,
        utf8_only=True,
    )
)


def read(source: FileSource, *, on_error: OnError = "raise", max_field: int = DEFAULT_MAX_FIELD,
         report: ConversionReport | None = None, encoding: str | None = None,
         dayfirst: bool | None = None, on_warning: OnWarning = "report") -> RecordStream[Record]:
    """Read the records of a JSON Lines file (see :func:`conflictevents.read`; the options
    are :class:`ReadOptions`)."""
    return _read(source, NAME, on_error=on_error, report=report, max_field=max_field,
                 encoding=encoding, dayfirst=dayfirst, on_warning=on_warning)


def write(records: Iterable[Record], target: Target, *,
          report: ConversionReport | None = None) -> ConversionReport:
    """Write records as JSON Lines (see :func:`conflictevents.write`)."""
    return _write(records, target, NAME, report=report)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one line of this format.

    >>> schema = json_schema()
    >>> schema["$schema"], sorted(schema["$defs"])[:3]
    ('https://json-schema.org/draft/2020-12/schema', ['actor', 'claim', 'classification'])
    """
    text = resources.files("conflictevents.formats").joinpath("schema").joinpath(
        "conflictevents-1.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
