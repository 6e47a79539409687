"""The ``match`` and ``dedupe`` commands of :mod:`conflictevents.cli`.

Private: kept apart so that the analyses add two commands to the CLI with one call.

``conflictevents match A B`` matches the events of two files one to one
(:func:`conflictevents.dedupe.match_events`) and prints one line per match: the two ids and
the score (``--explain`` prints every criterion of every match, then why each event that
matched nothing did not). B is held in memory (in the index); A is
streamed past it. ``conflictevents dedupe IN OUT`` merges
the duplicates of one file (:func:`conflictevents.dedupe.dedupe`) and writes the events.
Progress goes to standard error.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from conflictevents._progress import StatusLine, is_terminal
from conflictevents.dedupe import DEFAULT_DAYS, dedupe, match_events
from conflictevents.formats._registry import read, write
from conflictevents.model import Event


def _events(path: str, fmt: str | None) -> list[Event]:
    return [r for r in read(path, fmt) if isinstance(r, Event)]


class _Progress(StatusLine):
    """Events done, on a terminal's standard error, at most twice a second."""

    def __init__(self, label: str, quiet: bool) -> None:
        super().__init__(sys.stderr, not quiet and is_terminal(sys.stderr), interval=0.5)
        self._label = label

    def __call__(self, done: int) -> None:
        self.show(f"{self._label}: {done:,} events")


def _match(args: argparse.Namespace) -> int:
    right = _events(args.right, args.right_format)
    left = (r for r in read(args.left, args.left_format) if isinstance(r, Event))
    progress = _Progress(f"matching {args.left}", args.quiet)
    result = match_events(left, right, days=args.days, min_score=args.min_score,
                          progress=progress)
    progress.clear()
    if args.json:
        print(json.dumps({
            "matches": [{"left": m.left, "right": m.right, "score": m.score}
                         for m in result.matches],
            "unmatched_left": list(result.unmatched_left),
            "unmatched_right": list(result.unmatched_right),
        }, indent=2))
    else:
        for m in result.matches:
            print(m.explain() if args.explain else f"{m.left}\t{m.right}\t{m.score:.3f}")
        if args.explain:
            for event_id, why in result.explain_unmatched():
                print(f"unmatched {event_id}: " + why.removeprefix(f"{event_id}: "))
    if not args.quiet:
        print(f"{len(result.matches):,} matches; {len(result.unmatched_left):,} of {args.left} "
              f"and {len(result.unmatched_right):,} of {args.right} unmatched",
              file=sys.stderr)
    return 0


def _dedupe(args: argparse.Namespace) -> int:
    events = _events(args.input, args.source_format)
    if not args.quiet:
        print(f"dedupe: {len(events):,} events read", file=sys.stderr)
    progress = _Progress(f"deduplicating {args.input}", args.quiet)
    merged, merges = dedupe(events, progress=progress)
    progress.clear()
    report = write(merged, args.output, args.to)
    if args.explain:
        for merge in merges:
            print(merge.explain())
    if not args.quiet:
        print(f"{len(merges):,} merges; {report.written:,} events written", file=sys.stderr)
    return 0


def add_commands(commands: Any, quiet_option: Any) -> None:
    """Add ``match`` and ``dedupe`` to the CLI's sub-commands."""
    raw = argparse.RawDescriptionHelpFormatter
    match = commands.add_parser(
        "match", help="match the events of two files one to one (scored, explained)",
        description="Match the events of A and B one to one, in the manner of MELTT: "
        "windows in time and space widened by each record's precision, event types through "
        "the crosswalks, actors through names, codes and kinds. Prints 'A-id<TAB>B-id<TAB>"
        "score' per match.", formatter_class=raw,
        epilog="examples:\n  conflictevents match acled.csv gdelt.export.CSV --from-b gdelt2\n"
        "  conflictevents match a.jsonl b.jsonl --explain\n")
    match.add_argument("left", metavar="A", help="the first file")
    match.add_argument("right", metavar="B", help="the second file")
    match.add_argument("--from-a", dest="left_format", metavar="F", help="format of A")
    match.add_argument("--from-b", dest="right_format", metavar="F", help="format of B")
    match.add_argument("--days", type=int, default=DEFAULT_DAYS,
                       help=f"temporal window in days (default {DEFAULT_DAYS})")
    match.add_argument("--min-score", type=float, default=0.0, help="lowest score kept")
    match.add_argument("--explain", action="store_true",
                       help="print every criterion, and why the unmatched did not match")
    match.add_argument("--json", action="store_true", help="machine-readable output")
    quiet_option(match)
    match.set_defaults(run=_match)

    merge = commands.add_parser(
        "dedupe", help="merge the events of a file that describe one happening",
        description="Find the events of IN that describe one happening, merge them, and "
        "write the events to OUT.", formatter_class=raw,
        epilog="examples:\n  conflictevents dedupe all.jsonl merged.jsonl --explain\n")
    merge.add_argument("input", metavar="IN", help="input file")
    merge.add_argument("output", metavar="OUT", help="output file")
    merge.add_argument("--from", dest="source_format", metavar="F", help="input format")
    merge.add_argument("--to", metavar="F", help="output format (default: from OUT)")
    merge.add_argument("--explain", action="store_true", help="print every merge and why")
    quiet_option(merge)
    merge.set_defaults(run=_dedupe)
