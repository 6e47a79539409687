"""Benchmarks of the analyses: quality of matching against the truth, and how time grows.

Run it from a checkout (``src`` on the path, hypothesis installed)::

    python benchmarks/matching.py                 # quality, then growth 10k..100k events
    python benchmarks/matching.py --max 1000000   # growth up to 1M events (minutes)
    python benchmarks/matching.py --only quality

Quality: :func:`conflictevents.strategies.rendering.render` draws true events and renders
them as ACLED, GDELT and UCDP would; :func:`conflictevents.dedupe.match_events` matches each
pair of datasets at the default settings; precision and recall are scored against the truth
(targets: precision >= 0.95, recall >= 0.90) at the generator's default density. Then the
same as the events per area and day grow to the growth runs' density, with what limits it:
the share of true events that have a twin (a false pair that scores at least as well), and
the exact maximum-weight assignment's figures (with scipy).

Growth: the CPU time to match ACLED against GDELT renderings of N true events in one month
(the ACLED records streamed), to find duplicates among the ACLED and GDELT renderings in one
list, to compare and grade N/10 claims (1k to 100k), and to list the conflicts of N/3
changes of control and answer ten holder queries per place at the end of the series, for N
from 10k; the growth exponent is the slope of log(time) over log(N) (target <= 1.2), and 1M
events of one month must match in under 5 minutes. CPU time, not wall time, because the
machine is shared: wall time is printed too. The rendered events keep a constant density
(more places and areas as N grows, see ``_towns`` and ``_world``): a fixed set of towns would
make the pairs that can match grow with the square of N, which no index can make linear.

This is not a test: timings depend on the machine. See docs/explanation/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import conflictevents as ce
from conflictevents import claims as cl
from conflictevents.control import ControlTimeline
from conflictevents.dedupe import (
    BASE_SCORE,
    MatchResult,
    PairScore,
    find_duplicates,
    match_events,
)
from conflictevents.strategies.rendering import _COUNTRIES, Rendered, render


def _slope(points: list[tuple[int, float]]) -> float:
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(max(t, 1e-6)) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else 0.0


_PAIRS = (("acled~gdelt", "acled", "gdelt"), ("acled~ucdp", "acled", "ucdp"),
          ("gdelt~ucdp", "gdelt", "ucdp"))


def quality(n: int, seeds: int) -> bool:
    """Precision and recall at the generator's default density (the targets)."""
    ok = True
    print(f"== quality at the default density ({n:,} true events in 30 days, {seeds} seeds)")
    for seed in range(seeds):
        world = render(n, seed=seed)
        for name, x, y in _PAIRS:
            a, b = getattr(world, x), getattr(world, y)
            result = match_events(a, b)
            p, r = world.score(a, b, result.pairs())
            good = p >= 0.95 and r >= 0.90
            ok &= good
            print(f"seed {seed} {name:12} precision {p:.3f} recall {r:.3f} "
                  f"({len(result.matches):,} matches) {'PASS' if good else 'FAIL'}", flush=True)
    return ok


def _exact(pairs: list[PairScore]) -> list[tuple[str, str]] | None:
    """The one-to-one assignment of the highest total weight (score minus BASE_SCORE), by
    the Hungarian method on each connected group of pairs (needs scipy), to compare with
    match_events' assignment."""
    try:
        import numpy as np
        from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped]
    except ImportError:
        return None
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x: tuple[str, str]) -> tuple[str, str]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in pairs:
        a, b = find(("L", pair.left)), find(("R", pair.right))
        if a != b:
            parent[a] = b
    groups: dict[tuple[str, str], list[PairScore]] = {}
    for pair in pairs:
        groups.setdefault(find(("L", pair.left)), []).append(pair)
    out = []
    for group in groups.values():
        lefts = sorted({p.left for p in group})
        rights = sorted({p.right for p in group})
        li = {x: i for i, x in enumerate(lefts)}
        ri = {x: i for i, x in enumerate(rights)}
        weight = np.zeros((len(lefts), len(rights)))
        for pair in group:
            weight[li[pair.left], ri[pair.right]] = (pair.score or 0.0) - BASE_SCORE
        rows, cols = linear_sum_assignment(weight, maximize=True)
        out += [(lefts[i], rights[j]) for i, j in zip(rows, cols, strict=True)
                if weight[i, j] > 0]
    return out


def _twins(world: Rendered, pairs: list[PairScore], wanted: set[str]) -> float:
    """The share of the true events both datasets render whose best true pair is not
    strictly better than some false pair of one of its two records: events that the records
    cannot tell from another (the same kind of event, nearby, on the same or the next day)."""
    best: dict[str, PairScore] = {}
    by_record: dict[str, list[PairScore]] = {}
    for pair in pairs:
        by_record.setdefault("L" + pair.left, []).append(pair)
        by_record.setdefault("R" + pair.right, []).append(pair)
        for t in world.truth[pair.left] & world.truth[pair.right]:
            if t not in best or (pair.score or 0.0) > (best[t].score or 0.0):
                best[t] = pair
    twins = 0
    for t, pair in best.items():
        if t not in wanted:
            continue
        rivals = by_record["L" + pair.left] + by_record["R" + pair.right]
        if any(not (world.truth[q.left] & world.truth[q.right])
               and (q.score or 0.0) >= (pair.score or 0.0) for q in rivals):
            twins += 1
    return twins / len(wanted) if wanted else 0.0


def density(sizes: list[int], world_areas: int) -> None:
    """Precision and recall as the events per area and day grow (the growth runs' geometry:
    *world_areas* areas of 4 by 8 degrees per country, 400 places per area), with what
    limits them: the share of true events with a twin, and the exact assignment's figures."""
    towns = 400 * world_areas
    print(f"== quality as density grows ({world_areas} areas of 4x8 degrees per country, "
          f"{towns} places per country, 30 days; the growth runs are at the last density)")
    for n in sizes:
        per_day = n / (len(_COUNTRIES) * world_areas * 30)
        world = render(n, seed=7, towns=towns, world=world_areas)
        for name, x, y in _PAIRS:
            a, b = getattr(world, x), getattr(world, y)
            result = match_events(a, b)
            p, r = world.score(a, b, result.pairs())
            scored = [*result.matches, *result.runners_up]
            wanted = world.true_pairs(a, b)
            exact = _exact(scored)
            best = "" if exact is None else \
                "exact assignment {:.3f}/{:.3f}".format(*world.score(a, b, exact))
            print(f"{per_day:5.1f} events/area/day {name:12} precision {p:.3f} recall {r:.3f}"
                  f"  twins {_twins(world, scored, wanted):.3f}  {best}", flush=True)


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


def _claims_job(items: list[ce.Claim]) -> object:
    return cl.corroboration(items), cl.find_disagreements(items), cl.group_claims(items)


def _control_job(changes: list[ce.ControlChange]) -> object:
    last = max(c.date.latest for c in changes)
    timeline = ControlTimeline(changes)
    places = sorted({c.location.name for c in changes})
    return timeline.conflicts(), [timeline.holder(x, on=last) for x in places
                                  for _ in range(10)]


def _timed(name: str, n: int, job: Callable[[], object]) -> tuple[object, float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    result = job()
    took, used = time.perf_counter() - start, time.process_time() - cpu
    print(f"{name:14} N={n:>9,}  {used:8.2f} s CPU  {took:8.2f} s wall", flush=True)
    return result, used, took


def growth(sizes: list[int], only: str) -> bool:
    """Time each analysis at each N (the N outside, so that each N's rendering serves the
    matching and the duplicates), then fit the growth exponents."""
    names = [x for x in ("match", "duplicates", "claims", "control") if not only or only in x]
    points: dict[str, list[tuple[int, float, float]]] = {x: [] for x in names}
    for n in sizes:
        print(f"== growth: N = {n:,}", flush=True)
        world = render(n, seed=7, towns=_towns(n), world=_world(n)) \
            if {"match", "duplicates"} & set(names) else None
        if "match" in names and world is not None:
            # the first dataset is streamed past the index of the second, as a reader would be
            result, used, took = _timed("match", n, partial(
                match_events, iter(world.acled), world.gdelt))
            assert isinstance(result, MatchResult)
            p, r = world.score(world.acled, world.gdelt, result.pairs())
            print(f"{'':14} {len(world.acled):,} ACLED x {len(world.gdelt):,} GDELT records;"
                  f" precision {p:.3f} recall {r:.3f} at this density", flush=True)
            points["match"].append((n, used, took))
        if "duplicates" in names and world is not None:
            both = [*world.acled, *world.gdelt]
            result, used, took = _timed("duplicates", n, partial(find_duplicates, both))
            assert isinstance(result, list)
            print(f"{'':14} {len(both):,} ACLED and GDELT records in one list: "
                  f"{len(result):,} groups", flush=True)
            points["duplicates"].append((n, used, took))
            del both, result
        del world
        if "claims" in names:
            _, used, took = _timed("claims", n // 10, partial(_claims_job, _claims(n // 10)))
            points["claims"].append((n // 10, used, took))
        if "control" in names:
            _, used, took = _timed("control", n // 3, partial(_control_job, _changes(n // 3)))
            points["control"].append((n // 3, used, took))
    ok = True
    print("== growth exponents (slope of log CPU time over log N; target <= 1.2)")
    for name, found in points.items():
        if len(found) < 2:
            continue
        slope = _slope([(n, used) for n, used, _ in found])
        ok &= slope <= 1.2
        sizes_seen = f"{found[0][0]:,} to {found[-1][0]:,}"
        print(f"{name:14} {slope:.2f} ({sizes_seen}) {'PASS' if slope <= 1.2 else 'FAIL'}")
    for n, used, took in points.get("match", []):
        if n == 1_000_000:
            good = used < 300
            ok &= good
            print(f"match 1M events of one month: {used:.1f} s CPU, {took:.1f} s wall "
                  f"(target < 300 s) {'PASS' if good else 'FAIL'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=100_000, help="largest N of events")
    parser.add_argument("--only", default="",
                        help="run the measurements whose name has this (quality, density, "
                             "match, duplicates, claims, control)")
    parser.add_argument("--quality-events", type=int, default=5000)
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    ok = True
    if not args.only or args.only in "quality":
        ok &= quality(args.quality_events, args.seeds)
    if not args.only or args.only in "density":
        density([7_500, 15_000, 30_000], 3)
    sizes = [n for n in (10_000, 30_000, 100_000, 300_000, 1_000_000) if n <= args.max]
    if not args.only or args.only not in ("quality", "density"):
        ok &= growth(sizes, args.only)
    print("ALL PASS" if ok else "SOME FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
