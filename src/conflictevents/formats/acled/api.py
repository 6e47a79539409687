"""The ACLED API's JSON (``{"status": 200, ..., "data": [...]}``): the ``acled-api`` format."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, TextIO

import attrs

from conflictevents.errors import (
    InputTooLargeError,
    ParseError,
)
from conflictevents.formats import _strict_json as strict_json
from conflictevents.formats._io import Input, Source, Target, bad_text
from conflictevents.formats._policy import ErrorPolicy, OnError, OnWarning
from conflictevents.formats._registry import (
    HEAD_LINES,
    FormatSpec,
    RecordStream,
    Sniffed,
    register,
)
from conflictevents.formats._registry import read as _read
from conflictevents.formats._registry import write as _write
from conflictevents.formats.acled._cells import (
    _date_style,
    _interned,
    _ordered_style,
    _Style,
)
from conflictevents.formats.acled._layouts import (
    ENVELOPE_KEY,
    JSON_KEY,
    NAME,
    _header,
)
from conflictevents.formats.acled._read import (
    _convert,
    _described,
    _facts,
    _Head,
)
from conflictevents.formats.acled._write import (
    _rows,
    _Writer,
)
from conflictevents.formats.report import ConversionReport
from conflictevents.model import (
    Event,
    Record,
)

API_NAME = "acled-api"
"""The registered name of the API JSON format."""


def _write_api_records(
    records: Iterable[Record], stream: TextIO, report: ConversionReport,
    options: Mapping[str, Any],
) -> None:
    state: dict[str, Any] = {}

    def start(writer: _Writer, first: Event | None) -> None:
        style = _JsonStyle.parse(None if first is None else first.extra(NAME, JSON_KEY))
        envelope = _envelope_of(first) if style.shape == "envelope" else None
        state.update(names=writer.names, style=style, envelope=envelope)

    # A response is one document, and its count may come before its data: the items are
    # made first (an API response is bounded by the API's page size).
    items = [dict(zip(state["names"], cells, strict=True))
             for cells, _ in _rows(records, report, options, start)]
    style: _JsonStyle = state["style"]
    array = "[" + style.item.join(style.dump(item) for item in items) + "]"
    envelope: dict[str, Any] | None = state["envelope"]
    if envelope is None:
        stream.write(array + style.end)
        return
    members: list[str] = []
    for key, value in envelope.items():
        if key == "data":
            members.append(style.dump(key) + style.key + array)
            continue
        if key == "count":
            value = str(len(items)) if isinstance(value, str) else len(items)
        members.append(style.dump(key) + style.key + style.dump(value))
    stream.write("{" + style.item.join(members) + "}" + style.end)


@attrs.frozen
class _JsonStyle:
    """How an API document was written: ``shape`` (``"array"``: the bare ``data`` array, or
    ``"envelope"``), separators, ASCII escapes, ``\\/`` escapes, the final newline."""

    shape: str = "envelope"
    spaced: bool = False
    ascii: bool = False
    slashes: bool = False
    end: str = "\n"

    @property
    def item(self) -> str:
        return ", " if self.spaced else ","

    @property
    def key(self) -> str:
        return ": " if self.spaced else ":"

    def dump(self, value: Any) -> str:
        text = json.dumps(value, ensure_ascii=self.ascii, separators=(self.item, self.key))
        return text.replace("/", "\\/") if self.slashes else text

    def describe(self) -> str:
        """The style as the words :meth:`parse` reads (the ``@json`` fact)."""
        words = [self.shape, "spaced" if self.spaced else "compact",
                 "ascii" if self.ascii else "utf-8"]
        if self.slashes:
            words.append("escaped slashes")
        words.append("final newline" if self.end == "\n" else "no final newline")
        return "; ".join(words)

    @classmethod
    def parse(cls, text: object) -> _JsonStyle:
        if not isinstance(text, str):
            return cls()
        words = set(text.split("; "))
        return cls("array" if "array" in words else "envelope", "spaced" in words,
                   "ascii" in words, "escaped slashes" in words,
                   "" if "no final newline" in words else "\n")

    @classmethod
    def of(cls, text: str, data: Any) -> _JsonStyle:
        """The style of the document *text* (parsed: *data*)."""
        found = re.search(r'"\s*:(\s?)', text[:4096])
        return cls(
            "array" if isinstance(data, list) else "envelope",
            bool(found and found.group(1)),
            text.isascii(),
            "\\/" in text,
            "\n" if text.endswith("\n") else "",
        )


_DEFAULT_ENVELOPE = {"status": 200, "success": True, "data": None, "count": 0}


def _envelope_of(first: Event | None) -> dict[str, Any]:
    text = None if first is None else first.extra(NAME, ENVELOPE_KEY)
    if isinstance(text, str):
        try:
            envelope = json.loads(text)
        except ValueError:
            envelope = None
        if isinstance(envelope, dict) and "data" in envelope:
            return envelope
    return dict(_DEFAULT_ENVELOPE)


# -- API JSON ----------------------------------------------------------------------------------


def _api_items(data: Any, source: str) -> list[Any]:
    if isinstance(data, dict):
        if "data" not in data:
            raise ParseError("not an ACLED API response: no 'data' array", source=source)
        data = data["data"]
    if not isinstance(data, list):
        raise ParseError("not an ACLED API response: 'data' is not an array", source=source)
    return data


def _api_facts(data: Any, text: str | None) -> dict[str, str]:
    """The ``@`` facts of an API document: its style and, for an envelope, its members."""
    if text is None:
        return {}
    facts = {JSON_KEY: _JsonStyle.of(text, data).describe()}
    if isinstance(data, dict):
        members = {key: (None if key == "data" else value) for key, value in data.items()}
        facts[ENVELOPE_KEY] = json.dumps(members, ensure_ascii=False)
    return facts


def _api_records(data: Any, source: str, policy: ErrorPolicy,
                 text: str | None = None) -> Iterator[Event]:
    try:
        items = _api_items(data, source)
    except ParseError as error:
        policy.handle(error)
        return
    document = _api_facts(data, text)
    first = [item for item in items[:HEAD_LINES] if isinstance(item, dict)]
    dates = [str(item.get("event_date", "")) for item in first]
    inters = [str(item.get(key, "")).strip() for item in first for key in ("inter1", "inter2")]
    inters = [value for value in inters if value]
    styles: dict[tuple[str, ...], tuple[_Style, dict[str, str]]] = {}
    for number, item in enumerate(items, start=1):
        try:
            if not isinstance(item, dict):
                raise ParseError("an item of 'data' is not an object", source=source,
                                 line=number, value=item)
            names: list[str] = []
            cells: list[str] = []
            for key, value in item.items():
                names.append(str(key))
                cells.append(_api_text(value, str(key), source, number))
            header = _header(names, source, number)
            chosen = styles.get(header.names)
            if chosen is None:
                inter = header.style if not inters else (
                    "code" if inters[0].isdigit() else "label")
                date = _date_style(dates)
                style = _interned(_Style(inter=inter, date=_ordered_style(date, None),
                                         legacy=header.legacy))
                facts = _facts(header, _Head(), style, None, ",", "")
                facts.update(document)
                if len(styles) < 64:
                    styles[header.names] = (style, facts)
                chosen = (style, facts)
            event = _convert(cells, header, chosen[0], chosen[1], source, number, policy)
        except ParseError as error:
            policy.handle(error)
            continue
        yield _described(event, header) if number == 1 else event


def _api_text(value: Any, key: str, source: str, number: int) -> str:
    if isinstance(value, str):
        problem = bad_text(value)
        if problem is not None:
            raise ParseError(problem, source=source, line=number, column=key,
                             value=value.encode("utf-8", "surrogateescape"))
        return value
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise ParseError("not a string", source=source, line=number, column=key, value=value)


def _load_json(text: str, source: str) -> Any:
    try:
        return strict_json.loads(text)
    except (ValueError, RecursionError) as error:
        reason = str(error) if isinstance(error, ValueError) else "nested too deeply"
        raise ParseError(f"not valid JSON ({reason})", source=source) from None


def _read_api_records(
    source: Input, policy: ErrorPolicy, options: Mapping[str, Any]
) -> Iterator[Record]:
    max_document = int(options.get("max_document", strict_json.DEFAULT_MAX_DOCUMENT))
    try:
        text = source.read(max_document)
        too_large = strict_json.document_too_large(text, max_document)
        if too_large is not None:
            raise InputTooLargeError(f"{too_large} (raise max_document to read it)",
                                     source=source.name)
        data = _load_json(text, source.name)
    except ParseError as error:
        policy.handle(error)
        return
    yield from _api_records(data, source.name, policy, text)


def _sniff_api(head: list[str]) -> Sniffed:
    text = "".join(head).lstrip("\ufeff").lstrip()
    if '"event_id_cnty"' not in text:
        return Sniffed(False, saw="no event_id_cnty key")
    if text.startswith("{") and '"data"' in text:
        return Sniffed(True)
    if re.match(r"\[\s*\{", text):
        return Sniffed(True)  # the bare data array
    return Sniffed(False, saw="neither an API response nor its data array")

API_SPEC = register(
    FormatSpec(
        name=API_NAME,
        title="ACLED API JSON response",
        read=_read_api_records,
        write=_write_api_records,
        sniff=_sniff_api,
        suffixes=(),
        read_options=frozenset({"max_document"}),
        write_options=frozenset({"layout", "derive"}),
        utf8_only=True,
    )
)


def read_api(
    source: Source | Mapping[str, Any] | Sequence[Any],
    *,
    on_error: OnError = "raise",
    report: ConversionReport | None = None,
    encoding: str | None = None,
    dayfirst: bool | None = None,
    on_warning: OnWarning = "report",
    max_document: int = strict_json.DEFAULT_MAX_DOCUMENT,
) -> RecordStream:
    """Read the events of an ACLED API response (JSON): the response itself (``{"status":
    200, ..., "data": [...]}``) or its bare ``data`` array.

    :param source: a path or file object holding the JSON, or the already parsed response
        (a mapping with a ``"data"`` list) or its ``data`` list itself. The values are
        strings, as the API sends them (numbers and ``null`` are accepted too).
    :param on_error: as for :func:`read`. The ``line`` of an error is the 1-based position of
        the item in the ``data`` array.
    :param report: a report to fill.
    :param encoding: the document's encoding (JSON is UTF-8: only ``"utf-8"`` is accepted).
    :param dayfirst: as for :func:`read`.
    :param on_warning: as for :func:`read`.
    :param max_document: the most characters of JSON read (16 MiB by default), which also
        limits the number of values (one for every 16 characters), so that parsing stays
        within about 100 MB; a larger response is refused with
        :class:`~conflictevents.InputTooLargeError`.
    :returns: a :class:`~conflictevents.formats.RecordStream` of events. The whole response
        is parsed at once (API responses are bounded by the API's page size).
    """
    if isinstance(source, (str, os.PathLike)) or hasattr(source, "read"):
        return _read(source, API_NAME, on_error=on_error, report=report,  # type: ignore[arg-type]
                     encoding=encoding, dayfirst=dayfirst, on_warning=on_warning,
                     max_document=max_document)
    report = report if report is not None else ConversionReport()
    policy = ErrorPolicy(on_error, report, on_warning)
    policy.dayfirst = dayfirst

    def records() -> Iterator[Record]:
        for event in _api_records(source, "<object>", policy):
            report.read += 1
            yield event

    return RecordStream(records(), report, API_NAME)


def write_api(
    records: Iterable[Record],
    target: Target,
    *,
    layout: str | Sequence[str] | None = None,
    derive: bool = False,
    report: ConversionReport | None = None,
) -> ConversionReport:
    """Write events as an ACLED API response (``{"status": 200, "success": true, "data":
    [...], "count": N}``, every value a string). The options are those of :func:`write`."""
    options: dict[str, Any] = {"derive": derive}
    if layout is not None:
        options["layout"] = layout
    return _write(records, target, API_NAME, report=report, **options)
