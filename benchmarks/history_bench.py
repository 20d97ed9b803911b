"""Benchmark: `diff` of two snapshots (business_logic.history), compute only (after load).

Run: `.venv/bin/python benchmarks/history_bench.py [--deals 100000 1000000] [--repeat 3]`.
Snapshot B is A a week later: 2 % of deals gone, 3 % new, 10 % advanced, 5 % won or lost,
5 % with a new amount, 10 % with a later close date. Timed: matching by id and by deal key,
the change table and the four waterfalls, then the JSON payload; with `--history N`, also
`history_payload` over N weekly snapshots of the first size (trend, seasonality, time in
stage from snapshots, anomalies).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.kpis_bench import generate_deals  # noqa: E402
from business_logic.columns import coerce_canonical_dtypes  # noqa: E402
from business_logic.history import (  # noqa: E402
    Snapshot,
    diff_payload,
    diff_snapshots,
    history_payload,
)
from business_logic.stages import OPEN_STAGES  # noqa: E402

AS_OF = dt.date(2026, 11, 26)


def next_week(a: pd.DataFrame, seed: int = 7) -> pd.DataFrame:
    """Snapshot B: the same pipeline a week later (see module docstring)."""
    rng = np.random.default_rng(seed)
    n = len(a)
    b = a.copy()
    is_open = (b["status"] == "open").to_numpy()
    stage = b["stage"].to_numpy(dtype=object).copy()
    advance = is_open & (rng.random(n) < 0.10) & (stage != "negotiation")
    stage[advance] = np.array(OPEN_STAGES, dtype=object)[
        [OPEN_STAGES.index(s) + 1 for s in stage[advance]]]
    close = is_open & (rng.random(n) < 0.05)
    status = b["status"].to_numpy(dtype=object).copy()
    status[close] = rng.choice(np.array(["won", "lost"], dtype=object), int(close.sum()))
    stage[close] = status[close]
    b["stage"], b["status"] = stage, status
    amount = b["amount"].to_numpy().copy()
    change = rng.random(n) < 0.05
    amount[change] = np.round(amount[change] * rng.uniform(0.7, 1.4, int(change.sum())), 2)
    b["amount"] = amount
    slip = is_open & (rng.random(n) < 0.10)
    b.loc[slip, "expected_close_date"] += pd.Timedelta(days=14)
    b = b.loc[rng.random(n) >= 0.02]
    new = a.sample(frac=0.03, random_state=seed).copy()
    new["deal_id"] = "N" + new["deal_id"].astype(str)
    new["name"] = "Nouvelle " + new["name"].astype(str)
    b = pd.concat([b, new], ignore_index=True)
    b["source_row"] = np.arange(2, len(b) + 2)
    return coerce_canonical_dtypes(b)


def _median_seconds(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time of `run` (the box is shared: CPU time is the
    compute cost, wall time includes waiting for a core)."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def bench(n: int, repeat: int) -> str:
    """One line of results for two n-deal snapshots a week apart."""
    a = generate_deals(n, as_of=AS_OF - dt.timedelta(days=7))
    b = next_week(a)
    by_id = (Snapshot(1, AS_OF - dt.timedelta(days=7), a), Snapshot(2, AS_OF, b))
    by_key = (Snapshot(1, AS_OF - dt.timedelta(days=7), a, ids_from_file=False),
              Snapshot(2, AS_OF, b, ids_from_file=False))
    diff = diff_snapshots(*by_id)
    parts = [f"{n:>9,} deals"]
    for label, run in (("diff by id", partial(diff_snapshots, *by_id)),
                       ("diff by key", partial(diff_snapshots, *by_key)),
                       ("payload", partial(diff_payload, diff))):
        wall, cpu = _median_seconds(run, repeat)
        parts.append(f"{label} {cpu:.3f} s CPU ({wall:.3f} s wall)")
    return "  ".join(parts)


def bench_history(n: int, snapshots: int, repeat: int) -> str:
    """history_payload over `snapshots` weekly snapshots of n deals."""
    first = AS_OF - dt.timedelta(days=7 * (snapshots - 1))
    frames = [generate_deals(n, as_of=first)]
    for week in range(1, snapshots):
        frames.append(next_week(frames[-1], seed=week))
    series = [Snapshot(k + 1, first + dt.timedelta(days=7 * k), frame)
              for k, frame in enumerate(frames)]
    wall, cpu = _median_seconds(partial(history_payload, series), repeat)
    return (f"{n:>9,} deals x {snapshots} snapshots  history_payload {cpu:.3f} s CPU "
            f"({wall:.3f} s wall)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--history", type=int, default=0, metavar="N")
    args = parser.parse_args()
    for n in args.deals:
        print(bench(n, args.repeat), flush=True)
    if args.history:
        print(bench_history(args.deals[0], args.history, args.repeat), flush=True)


if __name__ == "__main__":
    main()
