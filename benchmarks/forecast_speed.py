"""Speed of the calibrated forecast (issue 10): targets 1 forecast on 1M deals <= 1 s (after
the load) and the backtest of the 8,800-deal Maven history <= 10 s.

Run: `.venv/bin/python benchmarks/forecast_speed.py [--deals 1000000] [--runs 5]
[--maven PATH] [--profile]`. Each figure is the median of `--runs` fresh runs (a fresh
frame each time, so nothing memoised from the previous run is reused): wall time and the
process's CPU time, printed with the machine's load average (on a shared machine the wall
time grows with the load; the CPU time is about what an idle machine's wall time is).

- forecast 1M: `calibrated_forecast(prepare_deals(frame), as_of)` on the 1M-deal frame of
  kpis_bench.generate_deals — arrays, Kaplan–Meier, the three layers for 30/60/90 days,
  and the calibration replay (52 weekly past dates, on a systematic 1-in-k sample);
- the same once the replay is memoised on the frame (a page rerun);
- backtest Maven: `backtest(deals)` of the import of sales_pipeline.csv, 30/60/90 days;
- `--profile`: cProfile of one 1M forecast, the 15 costliest functions.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.forecast_quality import find_maven  # noqa: E402
from benchmarks.kpis_bench import generate_deals  # noqa: E402
from business_logic.forecast import calibrated_forecast  # noqa: E402
from business_logic.forecast.backtest import backtest  # noqa: E402
from business_logic.importing import import_bytes  # noqa: E402
from business_logic.metrics import prepare_deals  # noqa: E402

AS_OF = dt.date(2026, 11, 26)


def _load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def _median(fn, runs: int) -> str:
    """Median wall time and median CPU time of the process: on a shared machine the CPU
    time is what the same run costs when the cores are free."""
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return f"{statistics.median(wall):.3f} s (CPU {statistics.median(cpu):.3f} s)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--deals", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--maven", type=Path, default=None)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    frame = generate_deals(args.deals)
    print(f"{_load()} (before)")
    cold = _median(lambda: calibrated_forecast(prepare_deals(frame), AS_OF), args.runs)
    prepared = prepare_deals(frame)
    calibrated_forecast(prepared, AS_OF)
    warm = _median(lambda: calibrated_forecast(prepared, AS_OF), args.runs)
    print(f"| forecast, {args.deals:,} deals (prepare + arrays + replay + layers) | "
          f"{cold} | <= 1 s |")
    print(f"| the same, replay memoised on the frame | {warm} | — |")

    maven_path = args.maven or find_maven()
    if maven_path is not None and maven_path.exists():
        maven = import_bytes(maven_path.read_bytes(), maven_path.name).deals
        seconds = _median(lambda: backtest(prepare_deals(maven)), args.runs)
        print(f"| backtest of the Maven history ({len(maven):,} deals, 30/60/90 days) | "
              f"{seconds} | <= 10 s |")
    else:
        print("(Maven CRM absent: pass --maven PATH)")
    print(f"{_load()} (after)")

    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        calibrated_forecast(prepare_deals(frame), AS_OF)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(15)


if __name__ == "__main__":
    main()
