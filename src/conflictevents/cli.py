"""The ``conflictevents`` command: convert, validate and describe conflict-event files.

Run ``conflictevents --help`` (or ``python -m conflictevents --help``) for the commands;
:doc:`/howto/command-line` shows them at work. Every command is a thin layer over
:func:`conflictevents.read` and :func:`conflictevents.write`: what the command line can do,
a program can do with the library.

Exit statuses: ``0`` success; ``1`` the data has problems (``validate`` found some, ``convert``
skipped rows, or a row could not be read under ``--on-error raise``); ``2`` the command could
not run (a usage error, a missing or unreadable file, an unknown or undetectable format);
``3`` ``validate --strict`` found warnings but no errors; ``130`` interrupted; ``141`` the
reader of standard output went away.

Warnings (a row read and kept as written, but odd: a code the code books lack, a range the
publisher's values contradict) are counted by code in every command's summary; they fail
only ``validate --strict``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TextIO

from conflictevents import _cli_options
from conflictevents._progress import StatusLine, is_terminal
from conflictevents._version import __version__
from conflictevents.errors import (
    ConflictEventsError,
    ConversionError,
    FormatError,
    OutputError,
    ParseError,
)
from conflictevents.formats._cells import is_reserved
from conflictevents.formats._io import (
    DEFAULT_MAX_DECOMPRESSED,
    DEFAULT_MAX_RATIO,
    atomic_output,
    open_input,
)
from conflictevents.formats._registry import (
    RecordStream,
    detect_format,
    format_names,
    get_format,
    read,
    suffix_format,
    write,
)
from conflictevents.formats.report import ConversionReport
from conflictevents.model import Claim, ControlChange, Event, Record

__all__ = ["main"]

PROG = "conflictevents"

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_WARNINGS = 3
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141

_POLICIES = ("raise", "skip", "collect")

_EPILOG = """\
examples:
  conflictevents convert acled-2024.csv events.gdelt2.csv --to gdelt2
  conflictevents convert acled-2024.csv events.geojson
  conflictevents convert 20241205.export.CSV.zip - --from gdelt2 --to jsonl | head
  conflictevents convert big.csv.gz out.jsonl.gz --on-error collect --report-json report.json
  conflictevents validate acled-2024.csv
  conflictevents info events.jsonl --json
  conflictevents formats

exit status:
  0  success
  1  problems in the data: validate found some, convert skipped rows, or a row could
     not be read under --on-error raise
  2  the command could not run: usage error, unreadable file, unknown format
  3  validate --strict: warnings, and no errors
  130 interrupted (Ctrl-C); 141 the reader of standard output went away
"""

_CONVERT_EPILOG = """\
Formats are detected from the content of IN (then its suffix) and from the suffix of OUT
(out.geojson, out.jsonl.gz); name them with --from and --to otherwise, and always for
standard input and output (-). Input may be gzip or zip compressed; an OUT ending in .gz is
written gzip-compressed. OUT is written to a temporary file beside it (.OUT.XXXXXXXX.part)
and renamed at the end, so a failed conversion leaves no half-written file, and OUT may be
IN itself; OUT keeps its permissions. A symbolic link is followed (its file is replaced),
and a FIFO or a device (/dev/stdout) is written through, never replaced.

The conversion report (records read, written, skipped; fields dropped or derived through a
crosswalk) is printed on standard error at the end.

examples:
  conflictevents convert acled-syria.csv syria.gdelt2.csv --to gdelt2
  conflictevents convert acled-syria.csv syria.geojson --no-derive
  conflictevents convert ged.csv ged.acled.csv --to acled --read-option derive=yes
  conflictevents convert acled.csv acled.export.CSV --to gdelt2 --option number_from=500
  gunzip -c events.csv.gz | conflictevents convert - - --from acled --to jsonl
"""


# -- progress -------------------------------------------------------------------------------


class _Progress(StatusLine):
    """Rows done and rows per second on a terminal's standard error, at most 5 times a second.

    Silent unless *enabled* (standard error is a terminal and ``--quiet`` was not given).
    """

    CHECK_EVERY = 256

    def __init__(self, stream: TextIO, enabled: bool, label: str = "") -> None:
        super().__init__(stream, enabled)
        self._label = label
        self._started = time.monotonic()

    def track(self, records: Iterator[Record], report: ConversionReport) -> Iterator[Record]:
        """Yield *records*, updating the display from *report* as they pass."""
        if not self.enabled:
            yield from records
            return
        countdown = self.CHECK_EVERY
        for record in records:
            countdown -= 1
            if not countdown:
                countdown = self.CHECK_EVERY
                rows = report.read + report.skipped
                elapsed = max(time.monotonic() - self._started, 1e-9)
                self.show(f"{self._label}{rows:,} rows  {rows / elapsed:,.0f} rows/s")
            yield record


def _progress(args: argparse.Namespace, label: str = "") -> _Progress:
    stream = sys.stderr
    enabled = not getattr(args, "quiet", False) and is_terminal(stream)
    return _Progress(stream, enabled, label)


# -- reading ----------------------------------------------------------------------------------


def _input_source(path: str) -> Any:
    """What to hand to :func:`read`: the path, or standard input's bytes for ``-``."""
    if path == "-":
        return getattr(sys.stdin, "buffer", sys.stdin)
    return path


def _open_records(
    args: argparse.Namespace,
    *,
    on_error: str,
    report: ConversionReport,
) -> RecordStream[Record]:
    """Start reading ``args.input``: by ``--from``, else detected from its content, else by
    its suffix; with the reading options of the command line."""
    path: str = args.input
    fmt: str | None = args.source_format
    source = _input_source(path)
    options: dict[str, Any] = {
        "on_error": on_error, "report": report, "member": args.member,
        "encoding": args.encoding, "dayfirst": args.dayfirst,
        "max_bytes": args.max_bytes, "max_ratio": args.max_ratio,
    }
    options.update(getattr(args, "reader_options", {}))  # --read-option (_cli_options)
    try:
        return read(source, fmt, **options)
    except FormatError:
        if fmt is not None or path == "-":
            raise
        guessed = suffix_format(path)
        if guessed is None:
            raise
    return read(path, guessed, **options)


_SIZE_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}


def _size(text: str) -> int:
    """A byte count given as ``1000``, ``64M``, ``2G`` or ``1.5GiB``."""
    cleaned = text.strip().upper().removesuffix("IB").removesuffix("B")
    unit = cleaned[-1:] if cleaned[-1:] in _SIZE_UNITS else ""
    number = cleaned[: len(cleaned) - len(unit)]
    try:
        value = float(number) * _SIZE_UNITS[unit]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (try 500M or 2G)") from None
    if not value >= 1 or value != value or value == float("inf"):
        raise argparse.ArgumentTypeError(f"not a positive size: {text!r}")
    return int(value)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a positive number: {text!r}")
    return value


def _ratio(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 1 <= value < float("inf"):
        raise argparse.ArgumentTypeError(f"a ratio is at least 1: {text!r}")
    return value


# -- convert ----------------------------------------------------------------------------------


def _output_format(path: str, given: str | None) -> str:
    if given is not None:
        return get_format(given).name
    if path == "-":
        raise FormatError("cannot tell the output format of standard output; pass --to")
    guessed = suffix_format(path)
    if guessed is None:
        raise FormatError(
            f"{path}: cannot tell the output format from the file name; pass --to "
            f"(one of {', '.join(format_names())})"
        )
    return guessed


def _make_folder(path: str) -> None:
    """Make the folder of output *path* if it does not exist (the command line does that)."""
    if path == "-":
        return
    directory = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(directory, exist_ok=True)
    except OSError as error:
        raise OutputError(error.strerror or str(error), path=directory,
                          errno=error.errno) from None


def _same_file(a: str, b: str) -> bool:
    if a == "-" or b == "-":
        return a == b
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _convert(args: argparse.Namespace) -> int:
    """Convert, and save the report (``--report-json``) however the conversion ends."""
    if args.report_json:
        _check_report_path(args)
    report = ConversionReport()
    facts: dict[str, str | None] = {"from": args.source_format, "to": args.to}
    try:
        return _convert_into(args, report, facts)
    except BaseException as error:
        if args.report_json:
            with contextlib.suppress(Exception):  # the error itself matters more
                _save_report(args, facts, report, _status_of(error), error)
        raise


def _check_report_path(args: argparse.Namespace) -> None:
    if _same_file(args.report_json, args.output):
        raise FormatError(
            f"--report-json {args.report_json} is the output itself; name another file"
            if args.output != "-" else
            "--report-json - and OUT - would mix the report into the data on standard output"
        )
    _make_folder(args.report_json)
    if os.path.isdir(args.report_json):
        raise OutputError("is a directory", path=args.report_json)


def _save_report(args: argparse.Namespace, facts: Mapping[str, str | None],
                 report: ConversionReport, status: int,
                 error: BaseException | None = None) -> None:
    """Save the report as JSON (valid against ``conversion-report-1.schema.json``)."""
    failure = None if error is None else {"code": _failure_code(error),
                                          "message": _failure_message(error)}
    _save_json(args.report_json, {
        "input": args.input, "output": args.output, "from": facts.get("from"),
        "to": facts.get("to"), "status": status, "failure": failure, **report.as_dict(),
    })


def _failure_code(error: BaseException) -> str:
    if isinstance(error, ParseError):
        return error.code
    if isinstance(error, (KeyboardInterrupt, _Terminated)):
        return "interrupted"
    for kind, code in ((ConversionError, "conversion-error"), (FormatError, "format-error"),
                       (OutputError, "output-error")):
        if isinstance(error, kind):
            return code
    return "error"


def _failure_message(error: BaseException) -> str:
    if isinstance(error, _Terminated):
        return f"stopped by signal {error.signum}"
    if isinstance(error, KeyboardInterrupt):
        return "interrupted"
    if isinstance(error, OSError) and not isinstance(error, ConflictEventsError):
        return _os_message(error)
    return str(error)


def _convert_into(args: argparse.Namespace, report: ConversionReport,
                  facts: dict[str, str | None]) -> int:
    target_format = _output_format(args.output, args.to)
    facts["to"] = target_format
    spec = get_format(target_format)
    options = _cli_options.write_options(args, spec)  # and the reader's: checked before output
    _make_folder(args.output)
    if target_format == "parquet" and args.input != "-":
        source_format = _columnar_to_parquet(args, report, options)
        if source_format is not None:
            return _converted(args, source_format, target_format, spec, report)
    progress = _progress(args)
    try:
        with _open_records(
            args, on_error=args.on_error, report=report,
        ) as stream:
            facts["from"] = stream.format
            write(progress.track(stream, report), args.output, target_format, report=report,
                  **options)
            source_format = stream.format
    finally:
        progress.clear()
    return _converted(args, source_format, target_format, spec, report)


def _columnar_to_parquet(args: argparse.Namespace, report: ConversionReport,
                         options: Mapping[str, Any]) -> str | None:
    """Convert to Parquet through the event table (:func:`conflictevents.tables.iter_batches`),
    batch by batch; return the
    source format, or ``None`` when pyarrow is not installed or the format cannot be told from
    the content (the record path then tries the file's suffix)."""
    try:
        from conflictevents import tables
        from conflictevents.formats import parquet
    except ImportError:
        return None
    fmt = args.source_format
    if fmt is None:
        try:
            with open_input(args.input, member=args.member) as opened:
                fmt = detect_format(opened.head(2), args.input)
        except FormatError:
            return None
    reading = {"encoding": args.encoding, "dayfirst": args.dayfirst,
               **getattr(args, "reader_options", {})}  # the command line's (_cli_options)
    batches = tables.iter_batches(args.input, fmt, on_error=args.on_error, report=report,
                                  member=args.member, **reading)
    writing = {name: value for name, value in options.items()
               if name in ("compression", "row_group_size")}
    parquet.write_batches(batches, args.output, report=report, **writing)
    return str(fmt)


def _converted(args: argparse.Namespace, source_format: str, target_format: str,
               spec: Any, report: ConversionReport) -> int:
    status = EXIT_DATA if report.skipped else EXIT_OK
    if args.report_json:
        _save_report(args, {"from": source_format, "to": target_format}, report, status)
    if not args.quiet:
        print(f"{PROG}: {args.input} ({source_format}) -> {args.output} ({target_format})",
              file=sys.stderr)
        if "derive" in spec.write_options.names() and not args.derive:
            print("crosswalk derivation off (--no-derive)", file=sys.stderr)
        print(report, file=sys.stderr)
    return status


def _save_json(path: str, data: object) -> None:
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if path == "-":
        sys.stdout.write(text)
        return
    with atomic_output(path) as out:
        out.write(text.encode("utf-8"))


# -- validate ---------------------------------------------------------------------------------


_EXAMPLES = 3
"""How many examples of each kind of problem the summaries show."""

_LISTED = 10
"""How many error lines of each kind ``validate`` prints before it only counts them."""


class _Problems:
    """The errors of a read, grouped by kind (code and column), counted, with the first few
    of each kept as examples: constant memory however many there are."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.examples: dict[str, list[ParseError]] = {}

    @staticmethod
    def kind(error: ParseError) -> str:
        return error.code if error.column is None else f"{error.code} (column {error.column})"

    def add(self, error: ParseError) -> bool:
        """Count *error*; whether it is among the first :data:`_LISTED` of its kind."""
        kind = self.kind(error)
        self.counts[kind] += 1
        kept = self.examples.setdefault(kind, [])
        if len(kept) < _EXAMPLES:
            kept.append(error)
        return self.counts[kind] <= _LISTED

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def text(self) -> str:
        lines = [f"errors: {self.total}"]
        for kind, count in self.counts.most_common():
            more = f" ({_LISTED} listed)" if count > _LISTED else ""
            lines.append(f"  {kind}: {count}{more}")
        return "\n".join(lines) + "\n"

    def as_dict(self) -> dict[str, Any]:
        return {"total": self.total, "by_kind": {
            kind: {"count": count, "examples": [e.as_dict() for e in self.examples[kind]]}
            for kind, count in self.counts.most_common()}}


def _validate(args: argparse.Namespace) -> int:
    _cli_options.read_options(args)  # checked before reading
    report = ConversionReport()
    progress = _progress(args)
    problems = _Problems()
    out = sys.stdout
    stopped = False

    def take_errors() -> bool:
        """Count (and list) the errors collected so far; whether to stop."""
        if report.errors:
            progress.clear()
            for error in report.errors:
                if problems.add(error) and not args.json:
                    out.write(f"{error}\n")
            report.errors.clear()  # counted: constant memory however many there are
        return args.max_errors is not None and problems.total >= args.max_errors

    fmt = args.source_format or ""
    try:
        with _open_records(args, on_error="collect", report=report) as stream:
            fmt = stream.format
            for _ in progress.track(stream, report):
                if take_errors():
                    stopped = True
                    break
            if not stopped:
                take_errors()  # the last rows' errors: the whole file was read
    finally:
        progress.clear()
    if problems.total:
        status = EXIT_DATA
    else:
        status = EXIT_WARNINGS if args.strict and report.warned else EXIT_OK
    if args.json:
        json.dump({
            "input": args.input, "format": fmt, "read": report.read, "status": status,
            "stopped_early": stopped, "errors": problems.as_dict(),
            "warnings": _warnings_dict(report),
        }, out, indent=2, ensure_ascii=False)
        out.write("\n")
        out.flush()
        return status
    if report.warning_counts:
        out.write(_warnings_text(report))
    out.flush()
    if not args.quiet:
        if problems.total:
            sys.stderr.write(problems.text())
        verdict = "no problems" if not problems.total else f"{problems.total} problem(s)"
        if report.warned:
            verdict += f", {report.warned} warning(s)"
        if stopped:
            verdict += f"; stopped after {args.max_errors} error(s) (--max-errors)"
        print(f"{PROG}: {args.input} ({fmt}): {report.read} record(s) read, {verdict}",
              file=sys.stderr)
    return status


def _warnings_dict(report: ConversionReport) -> dict[str, Any]:
    by_code: dict[str, Any] = {}
    for code, count in report.warning_counts.most_common():
        shown = [w.as_dict() for w in report.warnings if w.code == code][:_EXAMPLES]
        by_code[code] = {"count": count, "examples": shown}
    return {"total": report.warned, "by_code": by_code}


def _warnings_text(report: ConversionReport, examples: int = 3) -> str:
    """The warnings of *report* by code, with counts and the first few of each."""
    lines = [f"warnings: {report.warned} (rows read and kept as written)"]
    for code, count in sorted(report.warning_counts.items()):
        lines.append(f"  {code}: {count}")
        shown = [w for w in report.warnings if w.code == code][:examples]
        lines.extend(f"    {warning}" for warning in shown)
    return "\n".join(lines) + "\n"


# -- info -------------------------------------------------------------------------------------


class _Summary:
    """What ``info`` tells about a file, gathered one record at a time."""

    def __init__(self) -> None:
        self.types: Counter[str] = Counter()
        self.countries: Counter[str] = Counter()
        self.schemes: dict[str, Counter[str]] = {}
        self.first: dt.date | None = None
        self.last: dt.date | None = None
        self.first_event: Event | None = None
        self.last_event: Event | None = None
        self.facts: dict[str, str] = {}

    def file_facts(self, fmt: str) -> None:
        """The facts of the whole file its reader recorded: the reserved ``@`` extras of the
        first event (layout, line ends, encoding, date style...), less those the last event
        holds with another value (a key that differs belongs to one record, not the file)."""
        if self.first_event is None:
            return
        def reserved(event: Event) -> Mapping[str, str]:
            # acled-api records keep their facts with the CSV's, under "acled"
            found: Mapping[str, str] = (event.extras.get(fmt)
                                        or event.extras.get(fmt.partition("-")[0]) or {})
            return found

        first = reserved(self.first_event)
        last = reserved(self.last_event) if self.last_event is not None else first
        self.facts = {key[1:]: value for key, value in first.items()
                      if is_reserved(key) and last.get(key, value) == value}

    def add(self, record: Record) -> None:
        if isinstance(record, Event):
            if self.first_event is None:
                self.first_event = record
            self.last_event = record
            self.types["event"] += 1
            for item in record.classifications:
                scheme = item.scheme + (" (derived)" if item.derived else "")
                label = item.code if item.parent is None else f"{item.parent} / {item.code}"
                self.schemes.setdefault(scheme, Counter())[label] += 1
            self._place(record.location)
            self._date(record.date)
        elif isinstance(record, Claim):
            self.types["claim"] += 1
            self._place(record.place)
            self._date(record.date or record.made_on)
        elif isinstance(record, ControlChange):
            self.types["control_change"] += 1
            self._place(record.location)
            self._date(record.date)

    def _place(self, location: Any) -> None:
        if location is not None and location.country is not None:
            self.countries[location.country] += 1

    def _date(self, date: Any) -> None:
        if date is None:
            return
        if self.first is None or date.start < self.first:
            self.first = date.start
        if self.last is None or date.end > self.last:
            self.last = date.end


def _info(args: argparse.Namespace) -> int:
    _cli_options.read_options(args)  # checked before reading
    report = ConversionReport()
    summary = _Summary()
    progress = _progress(args)
    try:
        with _open_records(args, on_error="skip", report=report) as stream:
            for record in progress.track(stream, report):
                summary.add(record)
            fmt = stream.format
            summary.file_facts(fmt)
    finally:
        progress.clear()
    spec = get_format(fmt)
    data: dict[str, Any] = {
        "input": args.input,
        "format": fmt,
        "title": spec.title,
        "records": report.read,
        "skipped": report.skipped,
        "first_date": summary.first.isoformat() if summary.first else None,
        "last_date": summary.last.isoformat() if summary.last else None,
        "records_by_type": dict(summary.types.most_common()),
        "countries": dict(summary.countries.most_common()),
        "event_types": {scheme: dict(counter.most_common())
                        for scheme, counter in sorted(summary.schemes.items())},
        "file": summary.facts,
        "warnings": dict(report.warning_counts),
    }
    if args.json:
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(_info_text(data, summary))
    return EXIT_OK


def _top(counter: Counter[str], limit: int = 15) -> str:
    shown = ", ".join(f"{key} {n}" for key, n in counter.most_common(limit))
    if len(counter) > limit:
        shown += f", ... ({len(counter) - limit} more)"
    return shown or "-"


def _info_text(data: dict[str, Any], summary: _Summary) -> str:
    lines = [
        f"file:        {data['input']}",
        f"format:      {data['format']} ({data['title']})",
        f"records:     {data['records']}"
        + (f" ({_top(summary.types)})" if summary.types else ""),
    ]
    if data["skipped"]:
        lines.append(f"skipped:     {data['skipped']} row(s) could not be read "
                     f"(see: {PROG} validate {data['input']})")
    if summary.first is not None:
        lines.append(f"dates:       {data['first_date']} to {data['last_date']}")
    lines.append(f"countries:   {_top(summary.countries)}")
    for key, value in sorted(data["file"].items()):
        shown = value.replace("\r", "\\r").replace("\n", "\\n")
        if len(shown) > 100:
            shown = shown[:97] + "..."
        lines.append(f"{key + ':':13}{shown}")
    if data["warnings"]:
        counts = ", ".join(f"{code} {n}" for code, n in sorted(data["warnings"].items()))
        lines.append(f"warnings:    {counts} (see: {PROG} validate {data['input']})")
    if summary.schemes:
        lines.append("event types:")
        for scheme, counter in sorted(summary.schemes.items()):
            lines.append(f"  {scheme}: {_top(counter, 10)}")
    return "\n".join(lines) + "\n"


# -- fetch ------------------------------------------------------------------------------------


def _date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _fetch(args: argparse.Namespace) -> int:
    from conflictevents import sources

    store = sources.Store(args.store)
    shown = _FetchProgress(sys.stderr, not args.quiet and is_terminal(sys.stderr))
    http = sources.Http(timeout=args.timeout)
    url = {"base_url": args.base_url} if args.base_url else {}
    try:
        if args.source == "acled":
            acled = sources.AcledClient(http=http, **url)
            query: dict[str, Any] = {"countries": args.country or None,
                                     "event_types": args.event_type or None,
                                     "start": args.start, "end": args.end}
            if args.update:
                update = acled.update(store, progress=shown.rows, **query)
                lines = [f"since timestamp {update.since}: {len(update.pages)} page(s), "
                         f"{update.changed} changed row(s), {update.deleted} deletion(s)"]
            else:
                pages = acled.fetch(store, progress=shown.rows, **query)
                rows = sum(int(p.facts.get("rows", "0")) for p in pages)
                lines = [f"{len(pages)} page(s), {rows} row(s)"]
        elif args.source == "gdelt":
            if args.start is None:
                raise FormatError("fetch gdelt needs --start (and --end)")
            gdelt = sources.GdeltClient(http=http, concurrency=args.concurrency, **url)
            listing = gdelt.files(args.start, args.end or args.start, version=args.version,
                                  translingual=args.translingual)
            entries = gdelt.download(listing.files, store, progress=shown.add)
            lines = [f"{len(entries)} file(s)"]
            if listing.missing:
                lines.append(f"{len(listing.missing)} 15-minute slot(s) have no file in "
                             f"GDELT's list (first: {listing.missing[0].isoformat()})")
        else:
            ucdp = sources.UcdpClient(http=http, **url)
            releases = args.release or [v.name for v in ucdp.latest()]
            lines = []
            for release in releases:
                pages = ucdp.fetch(release, store, progress=shown.rows)
                rows = sum(int(p.facts.get("rows", "0")) for p in pages)
                lines.append(f"release {release}: {len(pages)} page(s), {rows} row(s)")
    finally:
        shown.clear()
        http.close()
    if not args.quiet:
        print(f"{PROG}: fetched from {args.source} into {args.store}", file=sys.stderr)
        for line in lines:
            print(f"  {line}", file=sys.stderr)
    return EXIT_OK


class _FetchProgress(StatusLine):
    """Bytes downloaded (GDELT) or pages and rows fetched (ACLED, UCDP), on a terminal's
    standard error, at most 5 times a second."""

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        super().__init__(stream, enabled)
        self._bytes = 0
        self._pages = 0
        self._rows = 0

    def add(self, count: int) -> None:
        """Count *count* more bytes downloaded."""
        self._bytes += count
        self.show(f"{self._bytes / 1e6:,.1f} MB")

    def rows(self, count: int) -> None:
        """Count one more page, of *count* rows."""
        self._pages += 1
        self._rows += count
        self.show(f"{self._pages:,} page(s), {self._rows:,} row(s)", force=True)


# -- formats ----------------------------------------------------------------------------------


def _formats(args: argparse.Namespace) -> int:
    sys.stdout.write(_cli_options.formats_listing(args.verbose))
    return EXIT_OK


# -- the parser -------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Convert, validate and describe conflict-event data "
        "(ACLED, GDELT, ICEWS, UCDP GED, GeoJSON, HXL, JSON Lines).",
        epilog=_EPILOG,
        formatter_class=raw,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def input_options(command: argparse.ArgumentParser) -> None:
        command.add_argument("input", metavar="IN",
                             help="input file (gzip or zip compressed too), or - for stdin")
        command.add_argument("--from", dest="source_format", metavar="F",
                             help="input format (default: detected from the content, then "
                             "the suffix)")
        command.add_argument("--member", metavar="NAME",
                             help="the member to read from a zip file with several")
        command.add_argument("--max-bytes", type=_size, default=DEFAULT_MAX_DECOMPRESSED,
                             metavar="SIZE",
                             help="refuse an input longer than SIZE bytes once decompressed "
                             "(500M, 2G; default 16G)")
        command.add_argument("--max-ratio", type=_ratio, default=DEFAULT_MAX_RATIO,
                             metavar="N",
                             help="refuse a compressed input that expands more than N times "
                             f"its size, past its first 16 MiB (default {DEFAULT_MAX_RATIO})")
        command.add_argument("--encoding", metavar="ENC",
                             help="the input's text encoding (default: UTF-8 with or without "
                             "a byte order mark, UTF-16 with one, else cp1252 with a warning)")
        order = command.add_mutually_exclusive_group()
        order.add_argument("--dayfirst", dest="dayfirst", action="store_const", const=True,
                           default=None, help="read numeric dates such as 12/5/2024 day "
                           "first (default: as the file's unambiguous dates show)")
        order.add_argument("--monthfirst", dest="dayfirst", action="store_const", const=False,
                           help="read numeric dates such as 12/5/2024 month first")

    def quiet_option(command: argparse.ArgumentParser) -> None:
        command.add_argument("-q", "--quiet", action="store_true",
                             help="print nothing on standard error but errors (no progress, "
                             "no summary)")

    convert = commands.add_parser(
        "convert", help="convert a file from one format to another",
        description="Convert IN to OUT, streaming, and report what could not be carried.",
        epilog=_CONVERT_EPILOG, formatter_class=raw,
    )
    input_options(convert)
    _cli_options.add_flags(convert, writing=True)
    convert.add_argument("output", metavar="OUT", help="output file (.gz is compressed), or - "
                         "for stdout")
    convert.add_argument("--to", metavar="F",
                         help="output format (default: from the suffix of OUT)")
    convert.add_argument("--on-error", choices=_POLICIES, default="raise",
                         help="a row that cannot be read: stop with its error (raise, the "
                         "default), skip it and count it (skip), or skip it and list it in "
                         "the report (collect); exit status 1 if any row was skipped")
    convert.add_argument("--derive", action=argparse.BooleanOptionalAction, default=True,
                         help="let writers that need a classification the input lacks (the "
                         "acled and gdelt writers) derive it through a crosswalk; on by "
                         "default, and the report counts every derived value")
    convert.add_argument("--spreadsheet-safe", action="store_true",
                         help="prefix with ' every cell a spreadsheet would run as a formula "
                         "(CSV and TSV outputs: acled, ucdp-ged, hxl, gdelt1, gdelt2, "
                         "icews); off by default because it changes the data")
    convert.add_argument("--report-json", metavar="FILE",
                         help="also save the conversion report as JSON to FILE")
    quiet_option(convert)
    convert.set_defaults(run=_convert)

    validate = commands.add_parser(
        "validate", help="check every row of a file and list the problems",
        description="Read every row of IN and print each problem as "
        "'file:line: column C: reason (value ...)' (the first "
        f"{_LISTED} of each kind), then a summary by kind with counts on standard error. "
        "Exit status 1 if there are any.",
        formatter_class=raw,
        epilog="examples:\n  conflictevents validate acled-2024.csv\n"
        "  conflictevents validate export.CSV.zip --from gdelt2 | head\n"
        "  conflictevents validate big.csv --max-errors 100 --json\n",
    )
    input_options(validate)
    _cli_options.add_flags(validate, writing=False)
    validate.add_argument("--strict", action="store_true",
                          help="warnings fail too (exit status 3 when there are warnings "
                          "and no errors)")
    validate.add_argument("--max-errors", type=_positive, metavar="N",
                          help="stop reading after N errors (default: read the whole file)")
    validate.add_argument("--json", action="store_true",
                          help="print a JSON summary on standard output instead: errors and "
                          "warnings by kind, with counts and the first examples")
    quiet_option(validate)
    validate.set_defaults(run=_validate)

    info = commands.add_parser(
        "info", help="describe a file: format, records, dates, countries, event types",
        description="Read IN and describe it: its format, how many records of each type, "
        "the date range, the countries and the event types in each coding scheme.",
        formatter_class=raw,
        epilog="examples:\n  conflictevents info acled-2024.csv\n"
        "  conflictevents info events.jsonl --json\n",
    )
    input_options(info)
    _cli_options.add_flags(info, writing=False)
    info.add_argument("--json", action="store_true", help="machine-readable output")
    quiet_option(info)
    info.set_defaults(run=_info)

    fetch = commands.add_parser(
        "fetch", help="fetch from ACLED's API, GDELT's file lists or UCDP's API into a store",
        description="Fetch a publisher's data into STORE, a folder that keeps every file as "
        "published with a manifest (source, URL, size, MD5, time, version). The files read "
        "with the other commands (conflictevents convert STORE/gdelt/...zip out.csv). "
        "Credentials come from the environment: ACLED_USERNAME (or ACLED_EMAIL) and "
        "ACLED_PASSWORD for ACLED, UCDP_ACCESS_TOKEN for UCDP.",
        formatter_class=raw,
        epilog="examples:\n"
        "  conflictevents fetch gdelt store --start 2024-12-05 --end 2024-12-06\n"
        "  conflictevents fetch acled store --country Syria --start 2024-11-27\n"
        "  conflictevents fetch acled store --country Syria --update\n"
        "  conflictevents fetch ucdp store            # the newest final and Candidate data\n",
    )
    fetch.add_argument("source", choices=("acled", "gdelt", "ucdp"), help="the publisher")
    fetch.add_argument("store", metavar="STORE", help="the folder to fetch into")
    fetch.add_argument("--start", type=_date_arg, metavar="DATE",
                       help="first day (YYYY-MM-DD)")
    fetch.add_argument("--end", type=_date_arg, metavar="DATE",
                       help="last day (YYYY-MM-DD)")
    fetch.add_argument("--country", action="append", metavar="NAME",
                       help="acled: a country to fetch (repeat for several)")
    fetch.add_argument("--event-type", action="append", metavar="TYPE",
                       help="acled: an event type to fetch (repeat for several)")
    fetch.add_argument("--update", action="store_true",
                       help="acled: fetch only what changed since the store's newest "
                       "timestamp, and the deletions")
    fetch.add_argument("--version", type=int, choices=(1, 2), default=2,
                       help="gdelt: GDELT 1.0 daily files or 2.0 15-minute files (default 2)")
    fetch.add_argument("--translingual", action="store_true",
                       help="gdelt: the GDELT 2.0 translingual files")
    fetch.add_argument("--concurrency", type=int, default=4, metavar="N",
                       help="gdelt: downloads at once (default 4)")
    fetch.add_argument("--release", action="append", metavar="V",
                       help="ucdp: a GED release (25.1, 25.0.3...; default: discovered)")
    fetch.add_argument("--base-url", metavar="URL",
                       help="the publisher's server (for mirrors and tests)")
    fetch.add_argument("--timeout", type=float, default=60.0, metavar="S",
                       help="seconds to wait for a connection or a read (default 60)")
    quiet_option(fetch)
    fetch.set_defaults(run=_fetch)

    listing = commands.add_parser(
        "formats", help="list the formats", description="List the formats this version "
        "reads and writes, with their titles and file suffixes, and with -v the options of "
        "each format's reader and writer (name, type, default, what it does).",
    )
    listing.add_argument("-v", "--verbose", action="store_true",
                         help="list each format's reader and writer options")
    listing.set_defaults(run=_formats)
    _add_analysis_commands(commands, quiet_option)
    return parser


def _add_analysis_commands(commands: Any, quiet_option: Any) -> None:
    """The ``match`` and ``dedupe`` commands (:mod:`conflictevents._cli_analyses`)."""
    from conflictevents import _cli_analyses
    _cli_analyses.add_commands(commands, quiet_option)


def _fail(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)


def _quiet_broken_pipe() -> None:
    """Point standard output at /dev/null so that the interpreter's last flush is silent."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``conflictevents`` command with *argv* (default: ``sys.argv[1:]``).

    :returns: the exit status (``0`` success, ``1`` problems in the data, ``2`` the command
        could not run, ``130`` interrupted, ``141`` standard output closed early).
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version and usage errors
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    try:
        with _signals_as_exceptions():
            status: int = args.run(args)
            sys.stdout.flush()
        return status
    except _Terminated as stop:
        print(f"{PROG}: stopped by signal {stop.signum}", file=sys.stderr)
        return _status_of(stop)
    except KeyboardInterrupt as stop:
        print(file=sys.stderr)
        return _status_of(stop)
    except BrokenPipeError as error:
        _quiet_broken_pipe()
        return _status_of(error)
    except (ConflictEventsError, OSError) as error:
        _fail(_os_message(error) if isinstance(error, OSError)
              and not isinstance(error, ConflictEventsError) else str(error))
        return _status_of(error)


def _status_of(error: BaseException) -> int:
    """The exit status for a command that ended with *error*."""
    if isinstance(error, _Terminated):
        return 128 + error.signum
    if isinstance(error, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    if isinstance(error, BrokenPipeError):
        return EXIT_BROKEN_PIPE
    if isinstance(error, ParseError):
        # A row that could not be read is a problem in the data; an input that could not be
        # opened at all is one of the command's own.
        return EXIT_DATA if error.line is not None else EXIT_USAGE
    if isinstance(error, ConversionError):
        return EXIT_DATA  # records that could not be written: a problem in the data
    return EXIT_USAGE


class _Terminated(BaseException):  # not an error: like KeyboardInterrupt
    """SIGTERM or SIGHUP arrived: unwind (removing temporary files), then exit 128 + N."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum: int, frame: object) -> None:
    raise _Terminated(signum)


@contextlib.contextmanager
def _signals_as_exceptions() -> Iterator[None]:
    """While the command runs, SIGTERM and SIGHUP unwind like Ctrl-C does."""
    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous: dict[int, Any] = {}
    try:
        for number in wanted:
            previous[number] = signal.signal(number, _raise_terminated)
    except ValueError:  # not the main thread: leave the signals alone
        pass
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _os_message(error: OSError) -> str:
    if error.strerror and error.filename:
        return f"{error.filename}: {error.strerror}"
    return error.strerror or str(error)
