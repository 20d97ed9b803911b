"""Anomalies across snapshots (docs/history.md, « Anomalies »): stuck deals, repeated
slippage of the close date, drop in performance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from business_logic.history.diff import Snapshot
from business_logic.history.panel import snapshot_panel, stage_runs, with_neighbours
from business_logic.history.stage_time import ENTRY_FIELDS
from business_logic.history.trends import ordered, status_is
from business_logic.metrics._common import day_number, day_numbers
from business_logic.metrics.prepared import OPEN
from business_logic.stages import STAGE_ORDER

STUCK_DAYS: Final = 30
SLIP_STREAK: Final = 3
RECENT_WEEKS: Final = 4
BASELINE_WEEKS: Final = 12


def _shown(latest: Snapshot, rows: np.ndarray) -> dict[str, np.ndarray]:
    """deal_id, name and company of the latest snapshot's `rows`."""
    return {column: latest.deals[column].take(rows).astype(object).pipe(
        lambda v: v.where(v.notna(), None)).to_numpy() for column in ("deal_id", "name",
                                                                     "company")}


def stuck_deals(snapshots: Sequence[Snapshot], stage_medians: Mapping[str, float] | None = None,
                panel: pd.DataFrame | None = None) -> pd.DataFrame:
    """Open deals of the latest snapshot that are stuck (docs/history.md).

    `same_stage`: in the same stage in every snapshot over more than STUCK_DAYS days
    (`days_in_stage` then counts from the first of those snapshots: a lower bound);
    `over_twice_median`: days in the current stage (from its `entered_<stage>` date when
    the export has it, else that lower bound) above twice the stage's median time.
    `panel`: snapshot_panel(snapshots) when the caller already has it.
    Columns: deal_id, name, company, stage, days_in_stage, median_days, same_stage,
    over_twice_median.
    """
    series = ordered(snapshots)
    columns = ["deal_id", "name", "company", "stage", "days_in_stage", "median_days",
               "same_stage", "over_twice_median"]
    if not series:
        return pd.DataFrame(columns=columns)
    latest, last = series[-1], len(series) - 1
    runs = stage_runs(snapshot_panel(series) if panel is None else panel)
    # Arrays of the open deals' current runs only, not two filtered copies of `runs` (one
    # row per deal and stage: ~100 MB less peak at 1M deals, issue 8).
    last_row = runs["last_row"].to_numpy()
    current = runs["last_snap"].to_numpy() == last
    current[current] = status_is(latest.deals, "open")[last_row[current]]
    rows = last_row[current]
    ranks = runs["rank"].to_numpy()[current]
    stage = np.asarray(STAGE_ORDER, dtype=object)[ranks]
    observed = (runs["last_exported"].to_numpy()[current]
                - runs["first_exported"].to_numpy()[current]).astype(float)
    del runs
    same_stage = observed > STUCK_DAYS
    entry = _entry_days(latest.deals, rows, stage)
    days = np.where(np.isfinite(entry), day_number(latest.exported_on) - entry, observed)
    medians = np.array([(stage_medians or {}).get(s, np.nan) for s in STAGE_ORDER])
    median = medians[ranks]
    over = np.isfinite(median) & (days > 2 * median)
    flagged = same_stage | over
    return pd.DataFrame({
        **_shown(latest, rows[flagged]),  # text of the flagged rows only (1M: −250 MB peak)
        "stage": stage[flagged], "days_in_stage": days[flagged], "median_days": median[flagged],
        "same_stage": same_stage[flagged], "over_twice_median": over[flagged],
    }, columns=columns)


def _entry_days(deals: pd.DataFrame, rows: np.ndarray, stages: np.ndarray) -> np.ndarray:
    """The `entered_<stage>` day number of each (row, current stage), NaN when unknown."""
    result = np.full(len(rows), np.nan)
    for stage, field in ENTRY_FIELDS.items():  # over stages, not deals
        wanted = stages == stage
        if field in deals.columns and wanted.any():
            dates = pd.to_datetime(deals[field].take(rows[wanted]))
            result[wanted] = day_numbers(dates.to_numpy(dtype="datetime64[us]"))
    return result


def slipping_deals(snapshots: Sequence[Snapshot], streak: int = SLIP_STREAK,
                   panel: pd.DataFrame | None = None) -> pd.DataFrame:
    """Open deals of the latest snapshot whose close date slipped (moved later) in each of
    the last `streak` consecutive snapshots ("glissement répété").
    Columns: deal_id, name, company, slips (length of the current streak), close_days_added."""
    series = ordered(snapshots)
    columns = ["deal_id", "name", "company", "slips", "close_days_added"]
    if len(series) <= streak:
        return pd.DataFrame(columns=columns)
    rows = with_neighbours(snapshot_panel(series) if panel is None else panel)
    slipped = (rows["close"] > rows["prev_close"]).to_numpy()
    # Runs of consecutive slips ending at each row: counted from the last row without a
    # slip (a deal's first row never slips, so a run never crosses two deals).
    last_reset = np.maximum.accumulate(np.where(~slipped, np.arange(len(rows)), 0))
    counter = np.cumsum(slipped)
    run = counter - counter[last_reset]
    added = np.cumsum(np.where(slipped, (rows["close"] - rows["prev_close"]).to_numpy(), 0.0))
    total = added - added[last_reset]
    latest_open = ((rows["snap"] == len(series) - 1) & (rows["status"] == OPEN)).to_numpy()
    flagged = latest_open & (run >= streak)
    return pd.DataFrame({
        **_shown(series[-1], rows["row"].to_numpy()[flagged]),
        "slips": run[flagged].astype(int), "close_days_added": total[flagged],
    }, columns=columns)


@dataclass(frozen=True)
class PerformanceDrop:
    """One measure per ISO week: mean of the last RECENT_WEEKS complete weeks against the
    mean − 2 standard deviations of the BASELINE_WEEKS weeks before (docs/history.md)."""

    measure: str  # "won_value" | "deals_created"
    recent_mean: float
    baseline_mean: float
    baseline_std: float
    threshold: float
    drop: bool

    def to_dict(self) -> dict[str, Any]:
        return {"measure": self.measure, "recent_mean": self.recent_mean,
                "baseline_mean": self.baseline_mean, "baseline_std": self.baseline_std,
                "threshold": self.threshold, "drop": self.drop}


def weekly_values(days: np.ndarray, weights: np.ndarray | None, as_of: dt.date,
                  weeks: int) -> np.ndarray:
    """Sum of `weights` (or count) per complete ISO week, the `weeks` weeks before the week
    of `as_of`, oldest first."""
    monday = day_number(as_of - dt.timedelta(days=as_of.weekday()))
    start = monday - 7 * weeks
    inside = (days >= start) & (days < monday)
    index = ((days[inside] - start) // 7).astype(np.int64)
    chosen = None if weights is None else weights[inside]
    return np.bincount(index, weights=chosen, minlength=weeks).astype(float)


def performance_drops(deals: pd.DataFrame, as_of: dt.date) -> list[PerformanceDrop]:
    """Won value (by closed_date) and deals created (by created_date) per week."""
    closed = day_numbers(deals["closed_date"].to_numpy(dtype="datetime64[us]"))
    created = day_numbers(deals["created_date"].to_numpy(dtype="datetime64[us]"))
    amount = deals["amount"].fillna(0.0).to_numpy(dtype="float64")
    weeks = RECENT_WEEKS + BASELINE_WEEKS
    series = {
        "won_value": weekly_values(np.where(status_is(deals, "won"), closed, np.nan), amount, as_of,
                                   weeks),
        "deals_created": weekly_values(created, None, as_of, weeks),
    }
    out = []
    for measure, values in series.items():  # two measures
        baseline, recent = values[:BASELINE_WEEKS], values[BASELINE_WEEKS:]
        mean, std = float(baseline.mean()), float(baseline.std(ddof=1))
        threshold = mean - 2 * std
        recent_mean = float(recent.mean())
        out.append(PerformanceDrop(measure, recent_mean, mean, std, threshold,
                                   bool(recent_mean < threshold)))
    return out
