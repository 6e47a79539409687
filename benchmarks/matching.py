"""Benchmarks of the analyses: quality of matching against the truth, and how time grows.

Run it from a checkout (``src`` on the path, hypothesis installed)::

    python benchmarks/matching.py                 # quality, then growth 10k..100k events
    python benchmarks/matching.py --max 1000000   # growth up to 1M events (minutes)
    python benchmarks/matching.py --only quality

Quality: :func:`conflictevents.strategies.rendering.render` draws true events and renders
them as ACLED, GDELT and UCDP would; :func:`conflictevents.dedupe.match_events` matches each
pair of datasets at the default settings; precision and recall are scored against the truth
(targets: precision >= 0.95, recall >= 0.90).

Growth: the CPU time to match ACLED against GDELT renderings of N true events in one month,
to find duplicates among the ACLED renderings of N events, to compare and grade N/10 claims
(1k to 100k), and to list the conflicts of N/3 changes of control and answer ten holder
queries per place at the end of the series, for N from 10k; the growth exponent is the slope
of log(time) over log(N) (target <= 1.2), and 1M events of one month must match in under 5
minutes. CPU time, not wall time, because the machine is shared: wall time is printed too.
The rendered events keep a constant density (more places and areas as N grows, see
``_towns`` and ``_world``): a fixed set of towns would make the pairs that can match grow
with the square of N, which no index can make linear.

This is not a test: timings depend on the machine. See docs/explanation/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import conflictevents as ce
from conflictevents import claims as cl
from conflictevents.control import ControlTimeline
from conflictevents.dedupe import find_duplicates, match_events
from conflictevents.strategies.rendering import render


def _slope(points: list[tuple[int, float]]) -> float:
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(max(t, 1e-6)) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else 0.0


def quality(n: int, seeds: int) -> bool:
    ok = True
    print(f"== quality: matching against the truth ({n:,} true events, {seeds} seeds)")
    for seed in range(seeds):
        world = render(n, seed=seed)
        for name, a, b in (("acled~gdelt", world.acled, world.gdelt),
                           ("acled~ucdp", world.acled, world.ucdp),
                           ("gdelt~ucdp", world.gdelt, world.ucdp)):
            result = match_events(a, b)
            p, r = world.score(a, b, result.pairs())
            good = p >= 0.95 and r >= 0.90
            ok &= good
            print(f"seed {seed} {name:12} precision {p:.3f} recall {r:.3f} "
                  f"({len(result.matches):,} matches) {'PASS' if good else 'FAIL'}")
    return ok


def _claims(n: int) -> list[ce.Claim]:
    out = []
    day0 = dt.date(2024, 12, 1)
    for k in range(n):
        place = ce.Location(f"town {k // 5}", country="SYR")
        holder = ce.Actor(f"side {k % 3}")
        out.append(ce.Claim(id=f"c{k}", statement="said", claimant=ce.Source(f"s{k % 50}"),
                            holder=holder, place=place, stance="asserts" if k % 4 else "denies",
                            date=ce.EventDate.day(day0 + dt.timedelta(days=k % 30))))
    return out


def _changes(n: int) -> list[ce.ControlChange]:
    out = []
    day0 = dt.date(2020, 1, 1)
    sides = [ce.Actor("army"), ce.Actor("rebels")]
    for k in range(n):
        place = ce.Location(f"town {k % max(1, n // 50)}", country="SYR")
        out.append(ce.ControlChange(id=f"x{k}", location=place,
                                    date=ce.EventDate.day(day0 + dt.timedelta(days=k // 3)),
                                    previous=sides[k % 2], new=sides[(k + 1) % 2]))
    return out


def _towns(n: int) -> int:
    """Places per country: 400 in each of its areas, so that a place sees about two events a
    month whatever N; a fixed set of towns would make every event a neighbour of more events
    as N grows, which no index can make linear."""
    return 400 * _world(n)


def _world(n: int) -> int:
    """Areas per country: the area grows with the events, so that the events per area and
    day (and with them the pairs that can match) stay constant."""
    return max(1, round(n / 10_000))


def growth(sizes: list[int], name: str, run: Callable[[int], Callable[[], object]]) -> float:
    points = []
    for n in sizes:
        job = run(n)
        start, cpu = time.perf_counter(), time.process_time()
        job()
        took, used = time.perf_counter() - start, time.process_time() - cpu
        points.append((n, used))
        print(f"{name:14} N={n:>9,}  {used:8.2f} s CPU  {took:8.2f} s wall", flush=True)
    slope = _slope(points)
    print(f"{name:14} growth exponent {slope:.2f} (CPU time) "
          f"{'PASS' if slope <= 1.2 else 'FAIL'}")
    return slope


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=100_000, help="largest N of events")
    parser.add_argument("--only", default="", help="run the measurements whose name has this")
    parser.add_argument("--quality-events", type=int, default=5000)
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    ok = True
    if not args.only or args.only in "quality":
        ok &= quality(args.quality_events, args.seeds)
    sizes = [n for n in (10_000, 30_000, 100_000, 300_000, 1_000_000) if n <= args.max]

    def matching(n: int) -> Callable[[], object]:
        world = render(n, seed=7, towns=_towns(n), world=_world(n))

        def job() -> object:
            result = match_events(world.acled, world.gdelt)
            p, r = world.score(world.acled, world.gdelt, result.pairs())
            print(f"{'':14} N={n:>9,}  precision {p:.3f} recall {r:.3f} at this density "
                  f"({len(world.acled):,} ACLED x {len(world.gdelt):,} GDELT records)")
            return result
        return job

    def duplicates(n: int) -> Callable[[], object]:
        world = render(n, seed=8, towns=_towns(n), world=_world(n))
        return lambda: find_duplicates(world.acled)

    def corroboration(n: int) -> Callable[[], object]:
        items = _claims(n // 10)
        return lambda: (cl.corroboration(items), cl.find_disagreements(items),
                        cl.group_claims(items))

    def control(n: int) -> Callable[[], object]:
        changes = _changes(n // 3)
        last = max(c.date.latest for c in changes)

        def job() -> object:
            timeline = ControlTimeline(changes)
            names = sorted({c.location.name for c in changes})
            return timeline.conflicts(), [timeline.holder(p, on=last) for p in names
                                          for _ in range(10)]
        return job

    for name, run in (("match", matching), ("duplicates", duplicates),
                      ("claims", corroboration), ("control", control)):
        if args.only and args.only not in name:
            continue
        print(f"== growth: {name}")
        ok &= growth(sizes, name, run) <= 1.2
    print("ALL PASS" if ok else "SOME FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
