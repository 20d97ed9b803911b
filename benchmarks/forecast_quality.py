"""Quality of the calibrated forecast (docs/forecast.md): the backtest table.

Run: `.venv/bin/python benchmarks/forecast_quality.py [--maven PATH] [--deals 1000000]
[--seeds 20]`. For each history — the Maven CRM export (path given, or found in a `shared`
folder next to the repository), the demo export at 300 and 1,000 deals, the demo button's 8
weekly exports (the last one alone, then all of them as stored imports) — and each
horizon: the windows scored, the coverage of [P10, P90] (target 70–90 % at 30 days), the
MAPE of the expected value and of the two baselines (simple forecast, run-rate), and the
backtest time. `--seeds N`: the demo export's 30-day scores over N seeds (one seed is a
year of ~25 scored, overlapping windows: its coverage swings by ±15 points). Then the time
of one forecast on a generated 1M-deal frame (target <= 1 s; benchmarks/forecast_speed.py
measures it properly).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from business_logic.demo import demo_export  # noqa: E402
from business_logic.demo_history import demo_history  # noqa: E402
from business_logic.forecast import calibrated_forecast  # noqa: E402
from business_logic.forecast.backtest import backtest  # noqa: E402
from business_logic.forecast.snapshot_backtest import choose_backtest  # noqa: E402
from business_logic.importing import import_bytes  # noqa: E402
from business_logic.metrics import prepare_deals  # noqa: E402

MAVEN_FILE = Path("datasets") / "maven_crm_sales_opportunities" / "sales_pipeline.csv"


def find_maven() -> Path | None:
    """The Maven CRM export in a `shared` folder next to the repository or one level up
    (a git worktree sits one level deeper than the main checkout)."""
    for parent in Path(__file__).resolve().parents[1:4]:
        candidate = parent / "shared" / MAVEN_FILE
        if candidate.exists():
            return candidate
    return None
DEMO_AS_OF = dt.date(2026, 11, 26)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def quality_rows(name: str, deals, as_of: dt.date | None, run=None) -> list[str]:
    """The table's rows for one history: `backtest(deals, as_of)`, or `run()` if given."""
    started = time.perf_counter()
    results = run() if run is not None else backtest(deals, as_of)
    seconds = time.perf_counter() - started
    rows = []
    for days, r in results.items():
        rows.append(f"| {name} | {days} | {len(r.windows)} | {r.scored} | {_pct(r.coverage)} | "
                    f"{_pct(r.mape)} | {_pct(r.mape_simple)} | {_pct(r.mape_run_rate)} | "
                    f"{seconds:.2f} s |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--maven", type=Path, default=None)
    parser.add_argument("--deals", type=int, default=1_000_000,
                        help="size of the frame timed at the end (0: no timing)")
    parser.add_argument("--seeds", type=int, default=0,
                        help="also the 30-day scores of the demo export over this many seeds")
    args = parser.parse_args()
    print("| history | horizon | windows | scored | coverage | MAPE | MAPE simple "
          "| MAPE run-rate | backtest time |")
    print("|---|---|---|---|---|---|---|---|---|")
    maven_path = args.maven or find_maven()
    if maven_path is not None and maven_path.exists():
        maven = import_bytes(maven_path.read_bytes(), maven_path.name).deals
        print("\n".join(quality_rows("Maven CRM (8,800)", maven, None)))
    else:
        print("(Maven CRM absent: pass --maven PATH)")
    for n in (300, 1000):
        demo = import_bytes(demo_export(DEMO_AS_OF, n_deals=n), "demo.csv").deals
        print("\n".join(quality_rows(f"démo ({n})", demo, DEMO_AS_OF)))
    snapshots = [(s.exported_on, import_bytes(s.data, s.file_name).deals)
                 for s in demo_history(DEMO_AS_OF)]
    print("\n".join(quality_rows("démo, bouton (dernier des 8 exports)", snapshots[-1][1],
                                 DEMO_AS_OF)))
    print("\n".join(quality_rows("démo, bouton, depuis les 8 imports", None, DEMO_AS_OF,
                                 lambda: choose_backtest(snapshots, DEMO_AS_OF))))
    if args.seeds:
        print(f"\nDemo export, {args.seeds} seeds, 30 days (mean; share of seeds on target):")
        print("| deals | coverage | in 70–90 % | below 70 % | above 90 % | MAPE | MAPE simple "
              "| MAPE run-rate | MAPE below both |")
        print("|---|---|---|---|---|---|---|---|---|")
        for n in (300, 1000):
            rows = []
            for seed in range(args.seeds):
                frame = import_bytes(demo_export(DEMO_AS_OF, n, seed), "demo.csv").deals
                r = backtest(frame, DEMO_AS_OF, (30,))[30]
                rows.append((r.coverage, r.mape, r.mape_simple, r.mape_run_rate))
            a = np.array(rows, dtype="float64")
            on_band = ((a[:, 0] >= 0.7) & (a[:, 0] <= 0.9)).mean()
            below = ((a[:, 1] < a[:, 2]) & (a[:, 1] < a[:, 3])).mean()
            print(f"| {n} | {_pct(a[:, 0].mean())} | {_pct(on_band)} | "
                  f"{_pct((a[:, 0] < 0.7).mean())} | {_pct((a[:, 0] > 0.9).mean())} | "
                  f"{_pct(a[:, 1].mean())} | {_pct(a[:, 2].mean())} | {_pct(a[:, 3].mean())} "
                  f"| {_pct(below)} |")
    if args.deals <= 0:
        return

    from benchmarks.kpis_bench import generate_deals

    frame = generate_deals(args.deals)
    prepared = prepare_deals(frame)
    started = time.perf_counter()
    calibrated_forecast(prepared, dt.date(2026, 11, 26))
    first = time.perf_counter() - started
    started = time.perf_counter()
    calibrated_forecast(prepared, dt.date(2026, 11, 26))
    again = time.perf_counter() - started
    print(f"\n1 forecast on {args.deals:,} deals: {first:.2f} s with the calibration replay, "
          f"{again:.2f} s once the replay is memoised for the frame.")


if __name__ == "__main__":
    main()
