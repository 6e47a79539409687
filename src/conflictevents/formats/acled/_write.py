"""Writing ACLED CSV: events -> rows of cells."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TextIO

import attrs

from conflictevents.codes import acled as acled_codes
from conflictevents.codes import crosswalks
from conflictevents.codes import ucdp as ucdp_codes
from conflictevents.errors import (
    ConversionError,
    UnknownCodeError,
)
from conflictevents.formats import _csv
from conflictevents.formats._io import Target
from conflictevents.formats._registry import write as _write
from conflictevents.formats.acled._cells import (
    _DEFAULT_STYLE,
    _GEO_CODES,
    _LEGACY_VIAS,
    _TIME_CODES,
    ISO_DATE_STYLE,
    _admin1_code,
    _cell,
    _denotes,
    _legacy_of,
    _Out,
    _Style,
    _valid_style,
)
from conflictevents.formats.acled._layouts import (
    _DELIMITERS,
    _MAX_PREAMBLE,
    _MODEL_COLUMNS,
    _NA,
    _RESPELLED,
    _SEP_LINE,
    ACTOR_TYPES_KEY,
    CURRENT_LAYOUT,
    DATE_STYLE_KEY,
    DELIMITER_KEY,
    EOL_KEY,
    FINAL_NEWLINE_KEY,
    LAYOUT_KEY,
    LAYOUTS,
    LEGACY_SCHEME,
    MISSING_KEY,
    NAME,
    PREAMBLE_KEY,
    QUOTING_KEY,
    REQUIRED_COLUMNS,
    _blank,
    _format_row,
    _keys,
    _layout_columns,
    _layout_line,
    _style,
)
from conflictevents.formats.report import ConversionReport
from conflictevents.model import (
    Claim,
    Classification,
    ControlChange,
    DatePrecision,
    Event,
    EventDate,
    Record,
)

_NO_TYPE = "no ACLED event type (pass derive=True to use the crosswalk)"
_NO_EQUIVALENT = "CAMEO code has no ACLED equivalent"


# -- writing -----------------------------------------------------------------------------------


@attrs.define
class _Writer:
    """Turns events into rows of one layout, counting what does not fit."""

    report: ConversionReport
    derive: bool
    names: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    style: _Style = _DEFAULT_STYLE
    marker: str | None = None

    def choose(self, columns: Sequence[str], first: Event | None = None,
               date_style: str | None = None) -> None:
        """Take *columns* as the layout, with the writing style of *first*'s file when the
        layout is that file's.

        :raises ConversionError: for a layout that the reader would refuse.
        """
        columns = tuple(columns)
        keys, _, problem = _keys(columns)
        if problem is not None:
            name, reason = problem
            if reason.startswith("duplicate"):
                raise ConversionError(f"the layout names the column {name!r} twice")
            raise ConversionError(f"the layout has the column {name!r}: {reason}")
        missing = [column for column in REQUIRED_COLUMNS if column not in keys]
        if missing:
            raise ConversionError(
                f"the layout lacks the column(s) {', '.join(missing)} that every ACLED file "
                "has: the file could not be read back"
            )
        self.names = columns
        self.keys = tuple(keys)
        self.marker = None if self.names == CURRENT_LAYOUT else _layout_line(self.names)
        facts: Mapping[str, str] = {}
        if first is not None and first.extra(NAME, LAYOUT_KEY) == self.marker:
            facts = first.extras.get(NAME) or {}
        inter = {"codes": "code", "labels": "label"}.get(
            facts.get(ACTOR_TYPES_KEY, ""), _style(keys))
        if date_style is not None and _valid_style(date_style) != date_style:
            raise ConversionError(
                f"not a date style: {date_style!r} (use %Y or %y, %m or %-m, %d or %-d, %B or "
                "%b, and one of ' ', '-', '/', '.' between them)")
        date = date_style or _valid_style(facts.get(DATE_STYLE_KEY, ISO_DATE_STYLE))
        self.style = _Style(inter=inter, date=date, dayfirst=_style_dayfirst(date),
                            legacy="sub_event_type" not in self.keys,
                            na=facts.get(MISSING_KEY) == _NA)

    def prepare(self, event: Event) -> _Out | str:
        """The writer's decisions for *event*, or why it is left out."""
        date = _acled_date(event.date)
        if date is None:
            return "date less precise than a month (ACLED's time_precision 3)"
        choice = self._legacy(event) if self.style.legacy else self._classification(event)
        if isinstance(choice, str):
            return choice
        event_type, sub_event_type, disorder_default, used = choice
        coded_disorder = event.classification("acled_disorder", derived=False)
        disorder = None
        if "disorder_type" in self.keys:
            if coded_disorder is not None:
                disorder = coded_disorder.code
                used = (*used, coded_disorder)
            elif disorder_default is not None:
                disorder = disorder_default
                self.report.derive("disorder_type")
        scheme = LEGACY_SCHEME if self.style.legacy else "acled"
        if not used or used[0].derived or used[0].scheme != scheme:
            self.report.derive("event_type")
        out = _Out(date[0], date[1], event_type, sub_event_type, disorder, self.style)
        out.used = used
        return out

    def _legacy(
        self, event: Event
    ) -> tuple[str, str, str | None, tuple[Classification, ...]] | str:
        """The old event type of *event*, for a layout without ``sub_event_type``."""
        coded = event.classification(LEGACY_SCHEME, derived=False)
        if coded is not None:
            derived = tuple(item for item in event.classifications if item.via in _LEGACY_VIAS)
            return coded.code, "", None, (coded, *derived)
        current = event.classification("acled", derived=False)
        if current is None and self.derive:
            current = event.classification("acled")
        if current is None:
            return "no ACLED event type (pass derive=True to use a crosswalk)"
        if current.unknown:
            return "ACLED sub-event type not in the code book"
        if not self.derive:
            return ("an ACLED type since 2019 in a layout of the old taxonomy (pass "
                    "derive=True to use the crosswalk)")
        name = _legacy_of(current.parent or "", current.code)
        if name is None:
            return f"no event type before 2019 for {current.code!r}"
        return name, "", None, ()

    def _classification(
        self, event: Event
    ) -> tuple[str, str, str | None, tuple[Classification, ...]] | str:
        coded = event.classification("acled", derived=False)
        if coded is not None:
            if coded.unknown:
                return coded.parent or "", coded.code, None, (coded,)
            return _checked(coded)
        derived = event.classification("acled", derived=True)
        cameo = event.classification("cameo", derived=False)
        legacy = event.classification(LEGACY_SCHEME, derived=False)
        violence = event.classification("ucdp", derived=False)
        if derived is None and cameo is None and violence is not None and self.derive:
            return _from_ucdp(violence)
        if derived is None and cameo is None:
            if legacy is not None:
                return (f"the ACLED event type {legacy.code!r} (before 2019) has no single "
                        "sub-event type since 2019")
            return _NO_TYPE
        if not self.derive:
            if legacy is not None:
                return ("an ACLED event type from before 2019 (pass derive=True to use the "
                        "crosswalk)")
            return _NO_TYPE
        if derived is not None:
            return _checked(derived)
        assert cameo is not None
        try:
            found = crosswalks.cameo_to_acled(cameo.code)
        except UnknownCodeError:
            return "CAMEO code not in the code book"
        if found is None:
            return _NO_EQUIVALENT
        sub = acled_codes.sub_event_type(found.targets[1])
        return sub.event_type, sub.name, sub.disorder_type, ()

    def row(self, event: Event, out: _Out) -> list[str]:
        """The cells of *event*: kept raw text where it still holds, else the model's."""
        kept: Mapping[str, str] = event.extras.get(NAME) or {}
        same_layout = kept.get(LAYOUT_KEY) == self.marker
        cells: list[str] = []
        for key in self.keys:
            raw = kept.get(key)
            if raw is not None and (same_layout or key not in _RESPELLED):
                if raw == _NA:
                    if _cell(key, event, out) == "" or _no_actor(key, event):
                        cells.append(raw)
                        continue
                elif key == "event_id_cnty" and not raw.strip():
                    if kept.get("data_id", "").strip() == event.id:
                        cells.append(raw)
                        continue
                elif _denotes(key, raw, event, out):
                    cells.append(raw)
                    continue
            cells.append(_cell(key, event, out))
        self._count_drops(event, out)
        return cells

    def _count_drops(self, event: Event, out: _Out) -> None:
        drop = self.report.drop
        keys = set(self.keys)
        date = event.date
        if date.precision is DatePrecision.SPAN or date.end != date.start:
            drop("date.end")  # ACLED keeps the first day and a time precision
        if event.fatalities is not None and (
            event.fatalities.low is not None or event.fatalities.high is not None
        ):
            drop("fatalities.range")
        for field in ("country", "cameo_code", "aliases"):
            if any(getattr(a, field) for a in (event.actor1, event.actor2) if a is not None):
                drop(f"actor.{field}")
        for field in ("kind", "country", "cameo_code", "aliases"):
            if any(getattr(a, field) for a in event.associates1 + event.associates2):
                drop(f"associates.{field}")
        if any(s.url is not None for s in event.sources):
            drop("sources.url")
        if any(s.published is not None for s in event.sources):
            drop("sources.published")
        if any(s.scale is not None for s in event.sources):
            # source_scale is one cell for the row: which source had which scale is lost
            drop("sources.scale")
        location = event.location
        if location is not None:
            if location.admin1_code is not None and location.admin1_code != _admin1_code(
                location.admin1, location.country
            ):
                drop("location.admin1_code")
            if location.precision is not None and location.precision not in _GEO_CODES:
                drop("location.precision")
        for item in event.classifications:
            if any(item is used for used in out.used):
                continue
            if item.unknown and item.scheme in ("acled", LEGACY_SCHEME):
                drop(f"classifications.{item.scheme} (a code not in the code book)")
                continue
            drop(f"classifications.{item.scheme}" + (" (derived)" if item.derived else ""))
        for fmt, columns in event.extras.items():
            if fmt != NAME:
                drop(f"extras.{fmt}")
                continue
            for column in columns:
                if column.startswith("@") or column in keys or column in _MODEL_COLUMNS:
                    continue  # a model column's raw text is only a spelling of the model value
                drop(f"extras.acled.{column}")
        for field, needs in _FIELD_NEEDS:
            if keys.isdisjoint(needs) and _has(event, field):
                drop(field)


_FIELD_NEEDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("actor1", ("actor1",)), ("actor2", ("actor2",)),
    ("actor1.kind", ("inter1",)), ("actor2.kind", ("inter2",)),
    ("associates1", ("assoc_actor_1",)), ("associates2", ("assoc_actor_2",)),
    ("location", ("location",)), ("location.country", ("iso", "country", "iso3")),
    ("location.admin1", ("admin1",)), ("location.admin2", ("admin2",)),
    ("location.admin3", ("admin3",)), ("location.coordinates", ("latitude",)),
    ("location.precision", ("geo_precision",)), ("fatalities", ("fatalities",)),
    ("sources", ("source",)), ("notes", ("notes",)), ("tags", ("tags",)),
    ("date", ("event_date",)), ("date.precision", ("time_precision",)),
)


def _from_ucdp(violence: Classification) -> tuple[str, str, str | None,
                                                 tuple[Classification, ...]] | str:
    """The ACLED type of a UCDP type of violence, through the code book's crosswalk."""
    if violence.unknown:
        return "UCDP type of violence not in the code book"
    found = ucdp_codes.to_acled(violence.code)
    if found is None or len(found.targets) < 2:
        return "UCDP type of violence has no ACLED equivalent"
    sub = acled_codes.sub_event_type(found.targets[1])
    return sub.event_type, sub.name, sub.disorder_type, ()


def _has(event: Event, field: str) -> bool:
    obj: Any = event
    for part in field.split("."):
        if part == "coordinates":
            return bool(obj.has_coordinates)
        obj = getattr(obj, part)
        if obj is None:
            return False
    if field == "date.precision":
        return bool(event.date.precision is not DatePrecision.DAY)
    return bool(obj) or obj == 0


def _checked(item: Classification) -> tuple[str, str, str, tuple[Classification, ...]] | str:
    try:
        sub = acled_codes.sub_event_type(item.code)
    except UnknownCodeError:
        return "ACLED sub-event type not in the code book"
    if item.parent is not None:
        try:
            parent = acled_codes.event_type(item.parent).name
        except UnknownCodeError:
            return "ACLED event type not in the code book"
        if parent != sub.event_type:
            return "ACLED event type and sub-event type disagree"
    return sub.event_type, sub.name, sub.disorder_type, (item,)


def _acled_date(date: EventDate) -> tuple[_dt.date, str] | None:
    start, end, precision = date.start, date.end, date.precision
    if precision in _TIME_CODES:
        return start, _TIME_CODES[precision]
    if precision is DatePrecision.SPAN:
        if (end - start).days <= 6:
            return start, "2"
        if (start.year, start.month) == (end.year, end.month):
            return start, "3"
    return None


def _no_actor(key: str, event: Event) -> bool:
    """Whether *key* is the actor type of an actor the event does not have (written ``0``
    in the numeric style, so that R's ``NA`` there still means it)."""
    return (key == "inter1" and event.actor1 is None) or (key == "inter2" and event.actor2 is None)


def _style_dayfirst(style: str) -> bool | None:
    """Whether a numeric date style puts the day first (``None``: not numeric)."""
    if "%B" in style or "%b" in style or style == ISO_DATE_STYLE:
        return None
    return style.find("d") < style.find("m")


def _resolve_layout(layout: str | Sequence[str] | None, first: Event | None,
                    report: ConversionReport) -> tuple[str, ...]:
    if layout is None:
        marker = None if first is None else first.extra(NAME, LAYOUT_KEY)
        if marker is None:
            return CURRENT_LAYOUT
        columns = _layout_columns(marker) if isinstance(marker, str) and marker else ()
        keys, _, problem = _keys(columns)
        if problem is not None or not set(REQUIRED_COLUMNS) <= set(keys):
            # Not a header this reader wrote: records from elsewhere (JSONL) may carry
            # anything under the reserved key. Said, not honoured.
            report.drop("layout (the records' @layout is not an ACLED header; wrote the "
                        "current layout)")
            return CURRENT_LAYOUT
        return columns
    if isinstance(layout, str):
        try:
            return LAYOUTS[layout]
        except KeyError:
            raise ConversionError(
                f"unknown ACLED layout {layout!r}; use one of {', '.join(LAYOUTS)} or a list "
                "of columns"
            ) from None
    return tuple(layout)


def _leave_out_other(record: Record, report: ConversionReport) -> bool:
    if isinstance(record, Claim):
        report.leave_out("claims have no place in ACLED")
        return True
    if isinstance(record, ControlChange):
        report.leave_out("control changes have no place in ACLED")
        return True
    return False


def _rows(
    records: Iterable[Record], report: ConversionReport, options: Mapping[str, Any],
    start: Callable[[_Writer, Event | None], None],
) -> Iterator[tuple[list[str], Event]]:
    """The rows of *records* with their events; *start* is called once the layout is
    chosen."""
    writer = _Writer(report, bool(options.get("derive", False)))
    layout = options.get("layout")
    started = False
    for record in records:
        if _leave_out_other(record, report):
            continue
        assert isinstance(record, Event)
        if not started:
            writer.choose(_resolve_layout(layout, record, report), record,
                          options.get("date_style"))
            start(writer, record)
            started = True
        out = writer.prepare(record)
        if isinstance(out, str):
            report.leave_out(out)
            continue
        yield writer.row(record, out), record
        report.written += 1
    if not started:
        writer.choose(_resolve_layout(layout, None, report), None, options.get("date_style"))
        start(writer, None)


def rows(
    records: Iterable[Record],
    *,
    layout: str | Sequence[str] | None = None,
    derive: bool = False,
    report: ConversionReport | None = None,
) -> Iterator[list[str]]:
    """The cells :func:`write` would write for *records*, header first, one list per row.

    For feeding ACLED-style rows to something other than a file (a DataFrame, a database).
    The options are those of :func:`write`; the report counts as :func:`write` does.
    """
    options: dict[str, Any] = {"derive": derive, "layout": layout}
    report = report if report is not None else ConversionReport()
    header: list[list[str]] = []

    def start(writer: _Writer, first: Event | None) -> None:
        header.append(list(writer.names))

    for cells, _ in _rows(records, report, options, start):
        if header:
            yield header.pop()
        yield cells
    if header:
        yield header.pop()


def _preamble_of(first: Event | None) -> str:
    """The text before the header of *first*'s file, if it is blank lines and a ``sep=``."""
    text = None if first is None else first.extra(NAME, PREAMBLE_KEY)
    if not isinstance(text, str) or not text:
        return ""
    lines = text.splitlines(keepends=True)
    seps = [line for line in lines if _SEP_LINE.fullmatch(line)]
    if len(lines) > _MAX_PREAMBLE or len(seps) > 1 or not all(
        _blank(line) or _SEP_LINE.fullmatch(line) for line in lines
    ):
        return ""
    return text


def _write_records(
    records: Iterable[Record], stream: TextIO, report: ConversionReport,
    options: Mapping[str, Any],
) -> None:
    state: dict[str, Any] = {}

    def start(writer: _Writer, first: Event | None) -> None:
        terminator = options.get("line_terminator")
        if terminator is None:
            terminator = (None if first is None else first.extra(NAME, EOL_KEY)) or "\n"
        if terminator not in ("\n", "\r\n"):
            raise ConversionError("line_terminator must be '\\n' or '\\r\\n'")
        delimiter = "," if first is None else first.extra(NAME, DELIMITER_KEY) or ","
        if delimiter not in _DELIMITERS:
            delimiter = ","
        quoting = "minimal" if first is None else first.extra(NAME, QUOTING_KEY) or "minimal"
        safe = bool(options.get("spreadsheet_safe"))
        state.update(eol=terminator, delimiter=delimiter, safe=safe,
                     quoting="spaces" if quoting == "spaces" else "minimal")
        stream.write(_preamble_of(first))
        stream.write(line(list(writer.names)))

    def line(cells: list[str]) -> str:
        if state["safe"]:
            cells = [_csv.neutralise_formula(cell) for cell in cells]
        return _format_row(cells, state["delimiter"], state["quoting"])

    last: Event | None = None
    for cells, event in _rows(records, report, options, start):
        stream.write(state["eol"])
        stream.write(line(cells))
        last = event
    if last is None or last.extra(NAME, FINAL_NEWLINE_KEY) != "no":
        stream.write(state["eol"])


def write(
    records: Iterable[Record],
    target: Target,
    *,
    layout: str | Sequence[str] | None = None,
    line_terminator: str | None = None,
    derive: bool = False,
    spreadsheet_safe: bool = False,
    report: ConversionReport | None = None,
    date_style: str | None = None,
) -> ConversionReport:
    """Write events as ACLED-style CSV rows.

    :param records: events (claims and control changes are left out and counted).
    :param target: a path (``.gz`` is compressed) or a file object.
    :param layout: ``"current"`` (:data:`CURRENT_LAYOUT`), ``"legacy"``
        (:data:`LEGACY_LAYOUT`, numeric actor types) or a sequence of column names. By
        default, the layout of the file the first event was read from, else ``"current"``.
    :param line_terminator: ``"\\n"`` or ``"\\r\\n"``; by default, that of the file the first
        event was read from, else ``"\\n"``.
    :param derive: whether an event without a coded ACLED classification may take one
        derived through the CAMEO -> ACLED crosswalk (or an ACLED classification already
        marked derived); counted as ``derived["event_type"]``. Without it, such events are
        left out.
    :param spreadsheet_safe: prefix with ``'`` every cell a spreadsheet would run as a formula
        (one beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, unless it is
        a plain number), after OWASP's guidance on CSV injection. Off by default, because it
        changes the data: a file written so no longer reads back identically.
    :param report: a report to fill.
    :param date_style: how to write ``event_date``, in the tokens ``%Y %y %m %-m %d %-d %B
        %b`` (English month names): ``"%d %B %Y"`` writes ``05 December 2024``, as ACLED's
        export tool did in 2019-2024. By default the style of the file the first event was
        read from (when the layout is that file's), else ISO 8601 (``%Y-%m-%d``).
    :returns: the report: rows written, events left out (and why), fields dropped.
    :raises ConversionError: for an unknown layout name or line terminator.
    """
    options: dict[str, Any] = {"derive": derive, "spreadsheet_safe": spreadsheet_safe}
    if date_style is not None:
        options["date_style"] = date_style
    if layout is not None:
        options["layout"] = layout
    if line_terminator is not None:
        options["line_terminator"] = line_terminator
    return _write(records, target, NAME, report=report, **options)
