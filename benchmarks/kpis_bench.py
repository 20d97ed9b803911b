"""Benchmark: every calculator of business_logic.metrics on a 1,000,000-deal frame.

Run: `.venv/bin/python benchmarks/kpis_bench.py [--deals N] [--repeat 5]`.
`time_compute(frame, as_of)` returns the per-metric median timings so a DB-load section
(`load_deals` timing) can be added in front of it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from business_logic import metrics  # noqa: E402
from business_logic.columns import coerce_canonical_dtypes  # noqa: E402
from business_logic.stages import DEFAULT_PROBABILITIES, OPEN_STAGES  # noqa: E402

AS_OF = dt.date(2026, 11, 26)
TARGET_SECONDS = 0.5
PAGE_ROWS = 50


def generate_deals(n: int = 1_000_000, seed: int = 42, as_of: dt.date = AS_OF) -> pd.DataFrame:
    """A realistic canonical frame (seeded).

    Three years of history: 30 % open, 30 % won, 40 % lost. Closed deals are spread over
    the three years (sales cycle ~ gamma, mean 60 days); open deals are recent (age ~
    exponential, mean 120 days), last activity ~ 15 days ago on average (8 % never logged),
    expected close from 45 days overdue to 150 days ahead. Amounts log-normal (median
    ~8,100), 5 % missing; 20 % of open deals carry an explicit probability.
    """
    rng = np.random.default_rng(seed)
    d = np.datetime64(as_of, "D")

    def days(values: np.ndarray) -> np.ndarray:
        return values.astype("int64").astype("timedelta64[D]")

    status = rng.choice(np.array(["open", "won", "lost"], dtype=object), n, p=[0.3, 0.3, 0.4])
    is_open = status == "open"
    open_stage = rng.choice(np.array(OPEN_STAGES, dtype=object), n, p=[0.4, 0.3, 0.2, 0.1])
    stage = np.where(is_open, open_stage, status)
    reached = np.where(status == "lost", open_stage, stage)
    open_age = np.minimum(rng.exponential(120.0, n), 3 * 365)
    created = d - days(np.where(is_open, open_age, rng.integers(0, 3 * 365, n)))
    closed = np.minimum(created + days(rng.gamma(2.0, 30.0, n)), d)
    closed = np.where(is_open, np.datetime64("NaT"), closed)
    expected_close = np.where(is_open, d + days(rng.integers(-45, 151, n)), closed)
    open_activity = np.maximum(d - days(rng.exponential(15.0, n)), created)
    closed_activity = closed - days(rng.integers(0, 10, n))
    activity = np.where(is_open, open_activity, np.maximum(closed_activity, created))
    activity = np.where(rng.random(n) < 0.08, np.datetime64("NaT"), activity)
    amount = np.round(rng.lognormal(9.0, 1.0, n), 2)
    amount[rng.random(n) < 0.05] = np.nan
    explicit = (status == "open") & (rng.random(n) < 0.2)
    stage_probability = pd.Series(stage).map(DEFAULT_PROBABILITIES).to_numpy(dtype="float64")
    probability = np.where(explicit, np.round(rng.random(n), 2), stage_probability)

    def pick(values: list[str | None], weights: list[float]) -> np.ndarray:
        return rng.choice(np.array(values, dtype=object), n, p=weights)

    frame = pd.DataFrame(
        {
            "deal_id": np.char.add("D", np.arange(n).astype(str)).astype(object),
            "name": np.char.add("Affaire ", np.arange(n).astype(str)).astype(object),
            "company": np.char.add("Société ", (np.arange(n) % 50_000).astype(str)).astype(object),
            "stage_label": stage,
            "stage": stage,
            "stage_reached": reached,
            "status": status,
            "amount": amount,
            "currency": "EUR",
            "probability": probability,
            "probability_explicit": explicit,
            "source": pick(
                ["LinkedIn", "Salon", "Site web", "Référence", "Emailing", None],
                [0.25, 0.15, 0.25, 0.15, 0.1, 0.1],
            ),
            "owner": pick([f"Commercial {i}" for i in range(20)] + [None], [0.045] * 20 + [0.1]),
            "sector": pick(
                ["Industrie", "Santé", "SaaS", "Commerce", "BTP", None],
                [0.2, 0.15, 0.25, 0.2, 0.1, 0.1],
            ),
            "segment": pick(["TPE", "PME", "ETI", "GE", None], [0.3, 0.3, 0.2, 0.1, 0.1]),
            "created_date": created,
            "expected_close_date": expected_close,
            "closed_date": closed,
            "last_activity_date": activity,
            "notes": pick(["relancer", "devis envoyé", None], [0.2, 0.2, 0.6]),
            "source_row": np.arange(2, n + 2),
        }
    )
    return coerce_canonical_dtypes(frame)


def _show(lists: metrics.Alerts) -> list[pd.DataFrame]:
    """What a page draws: the first PAGE_ROWS deals of each list (and the counts)."""
    return [
        getattr(lists, name).head(PAGE_ROWS)
        for name in ("cold", "overdue", "untreated_leads", "quick_wins", "deadlines")
    ]


def _computations(as_of: dt.date) -> dict[str, Callable[[pd.DataFrame], Any]]:
    return {
        "kpis_payload": lambda f: metrics.kpis_payload(f, as_of, 1),
        "alerts (+50 rows)": lambda f: _show(metrics.alerts(f, as_of)),
        "by_dimension x4": lambda f: [
            metrics.by_dimension(f, name) for name in ("source", "sector", "owner", "segment")
        ],
        "funnel": metrics.funnel,
        "lead_velocity": lambda f: metrics.lead_velocity(f, as_of),
        "deal_velocity": metrics.deal_velocity,
        "sales_velocity": metrics.sales_velocity,
        "period x3": lambda f: [metrics.period_comparison(f, as_of, n) for n in (7, 30, 90)],
        "deal_age (+50 rows)": lambda f: metrics.deal_age(f, as_of).stale.head(PAGE_ROWS),
        "forecast": lambda f: metrics.forecast(f, as_of),
    }


def time_compute(frame: pd.DataFrame, as_of: dt.date = AS_OF, repeat: int = 5) -> dict[str, float]:
    """Median seconds per computation, as a page does it: `prepare_deals` once (shared numpy
    views; text columns are encoded lazily, inside the first calculator that needs them),
    then every calculator on the prepared deals. "total" is the median of the whole
    sequence; "total (best run)" its minimum, the least disturbed by other processes."""
    steps = _computations(as_of)
    samples: dict[str, list[float]] = {"prepare_deals": [], **{name: [] for name in steps}}
    totals = []
    for _ in range(repeat):
        start_all = time.perf_counter()
        prepared = metrics.prepare_deals(frame)
        samples["prepare_deals"].append(time.perf_counter() - start_all)
        for name, compute in steps.items():
            start = time.perf_counter()
            compute(prepared)
            samples[name].append(time.perf_counter() - start)
        totals.append(time.perf_counter() - start_all)
    figures = {name: statistics.median(values) for name, values in samples.items()}
    figures["total"] = statistics.median(totals)
    figures["total (best run)"] = min(totals)
    return figures


def time_full_lists(frame: pd.DataFrame, as_of: dt.date = AS_OF, repeat: int = 5) -> float:
    """Median seconds to sort and build every alert list and the stale list in full (what
    an export of all the lists costs; not part of the page total)."""
    samples = []
    for _ in range(repeat):
        prepared = metrics.prepare_deals(frame)
        lists = metrics.alerts(prepared, as_of)
        stale = metrics.deal_age(prepared, as_of).stale
        start = time.perf_counter()
        for deal_list in (*(getattr(lists, f.name) for f in fields(lists)), stale):
            _ = deal_list.frame
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def print_table(title: str, figures: dict[str, float]) -> None:
    print(f"\n{title}")
    print(f"{'computation':<20} {'median (ms)':>12}")
    print("-" * 33)
    for name, seconds in figures.items():
        print(f"{name:<20} {seconds * 1000:>12.1f}")


def _plain_copy_read(engine, import_id: int) -> pd.DataFrame:
    """The reference path of the issue: COPY (SELECT …) TO STDOUT + pandas read_csv."""
    import io

    from business_logic.columns import CANONICAL_COLUMNS, DATE_COLUMNS

    columns = list(CANONICAL_COLUMNS)
    buffer = io.BytesIO()
    with engine.connect() as connection:
        cursor = connection.connection.driver_connection.cursor()
        query = (f"COPY (SELECT {', '.join(columns)} FROM deals WHERE import_id = {import_id}"
                 " ORDER BY source_row) TO STDOUT (FORMAT csv)")
        with cursor.copy(query) as copy:
            for block in copy:
                buffer.write(block)
    buffer.seek(0)
    return pd.read_csv(buffer, header=None, names=columns, parse_dates=list(DATE_COLUMNS))


def time_database_load(frame: pd.DataFrame, repeat: int) -> dict[str, float]:
    """Median seconds of `database.load_deals` vs the plain COPY + read_csv, same rows."""
    import tempfile
    from pathlib import Path

    from business_logic.columns import coerce_canonical_dtypes
    from database import load_deals, make_engine, save_import
    from database.embedded import embedded_url

    url = os.environ.get("DATABASE_URL") or embedded_url(Path(tempfile.mkdtemp()))
    engine = make_engine(url)
    import_id = save_import(engine, file_name="bench", sha256="", report={},
                            deals=coerce_canonical_dtypes(frame))
    ours, plain = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        loaded = load_deals(engine, import_id)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        _plain_copy_read(engine, import_id)
        plain.append(time.perf_counter() - start)
    assert len(loaded) == len(frame)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"DELETE FROM imports WHERE id = {import_id}")
    engine.dispose()
    return {"load_deals": statistics.median(ours), "copy_read_csv": statistics.median(plain)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deals", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-db", action="store_true", help="calculators only")
    args = parser.parse_args()
    start = time.perf_counter()
    frame = generate_deals(args.deals)
    print(f"generated {len(frame):,} deals in {time.perf_counter() - start:.1f} s")
    prepared = metrics.prepare_deals(frame)
    windows = metrics.forecast(prepared, AS_OF)
    print("forecast (deals, method):", {d: (w.deals, w.method) for d, w in windows.items()})
    lists = metrics.alerts(prepared, AS_OF)
    print(
        "alert rows:",
        {
            name: len(getattr(lists, name))
            for name in ("cold", "overdue", "untreated_leads", "quick_wins", "deadlines")
        },
        "stale:",
        metrics.deal_age(prepared, AS_OF).stale_count,
    )
    if not args.skip_db:
        load = time_database_load(frame, args.repeat)
        ratio = load["load_deals"] / load["copy_read_csv"]
        print(f"\nload from PostgreSQL, median of {args.repeat}: load_deals "
              f"{load['load_deals']:.2f} s vs COPY + read_csv {load['copy_read_csv']:.2f} s "
              f"= {ratio:.2f}x (target <= 1.3x)")
    figures = time_compute(frame, AS_OF, args.repeat)
    print_table(f"calculators, median of {args.repeat} (as of {AS_OF})", figures)
    full = time_full_lists(frame, AS_OF, args.repeat)
    print(f"\n(outside the total) every list built in full: {full * 1000:.1f} ms")
    print(f"load average during the run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    verdict = "OK" if figures["total"] <= TARGET_SECONDS else "OVER TARGET"
    print(f"\ntotal {figures['total']:.3f} s (target <= {TARGET_SECONDS} s): {verdict}")


if __name__ == "__main__":
    main()
