"""Benchmark: one lever change of the Simulateur (apply the levers + compare) at 100k deals.

Run: `.venv/bin/python benchmarks/simulator_bench.py [--deals 100000] [--repeat 5]`.
The page keeps the baseline (its figures and the replayed past its band is read from) per
snapshot and filters (components/simulator.py), so a lever change costs
`scenario_outlook`: apply_levers, then one forecast for 30/60/90 days, the month's end
and December 31 on the scenario. Target: ≤ 0.5 s (issue 11). The baseline's first
computation is shown too (paid once per snapshot, filters and reference date).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from kpis_bench import AS_OF, generate_deals  # noqa: E402

from business_logic.metrics import prepare_deals  # noqa: E402
from business_logic.planning.comparison import baseline_outlook, scenario_outlook  # noqa: E402
from business_logic.planning.whatif import Levers  # noqa: E402

TARGET_SECONDS = 0.5
TARGET = 1_000_000.0


def lever_changes(deals) -> list[Levers]:
    """One of each lever, then all of them with three forced deals."""
    ids = deals.loc[deals["status"] == "open", "deal_id"].head(3).tolist()
    return [
        Levers(basket_percent=10),
        Levers(win_rate_points=5),
        Levers(cycle_days=14),
        Levers(new_deals_percent=25),
        Levers(basket_percent=10, win_rate_points=5, cycle_days=14, new_deals_percent=25,
               overrides=dict(zip(ids, ("won", "lost", "slip"), strict=False))),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    deals = generate_deals(args.deals)
    baseline = prepare_deals(deals)
    start = time.perf_counter()
    base = baseline_outlook(baseline, AS_OF, TARGET)
    print(f"{args.deals:,} deals, method {base.method}; baseline (once): "
          f"{time.perf_counter() - start:.2f} s")
    worst = 0.0
    for levers in lever_changes(deals):
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            scenario_outlook(baseline, levers, AS_OF, TARGET)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        worst = max(worst, median)
        shown = {k: v for k, v in levers.to_dict().items() if v}
        print(f"  {shown}: median {median:.3f} s (min {min(times):.3f} s)")
    verdict = "OK" if worst <= TARGET_SECONDS else "OVER"
    print(f"worst median {worst:.3f} s — target ≤ {TARGET_SECONDS} s: {verdict}")


if __name__ == "__main__":
    main()
