"""Time in stage (docs/history.md, « Temps par étape »; seed: "temps moyen par étape").

Two sources, the first one preferred:
- per-stage entry dates read from the export (HubSpot's "Date entered <stage>" and the
  like, canonical fields `entered_<stage>`): time in s = entry date of the next stage
  reached − entry date of s, exact to the day;
- snapshots: a deal seen in s at export date t₁, at an earlier stage at the export before
  (t₀), and at a later stage at the export after s was last seen (t₂ after t₃…): it entered
  s between t₀ and t₁ and left between its last sighting in s and t₂. The estimate uses
  the middle of both intervals; its precision is the spacing of the snapshots, stated.
Deals still in s (not left yet) are not counted: their time is not known.
Per stage, the entry dates win when they measure that stage at all; the other stages keep
the snapshot estimate (method "mixed"), each row saying which one it comes from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

import numpy as np
import pandas as pd

from business_logic.columns import ENTRY_DATE_FIELDS
from business_logic.history.diff import Snapshot
from business_logic.history.panel import lookup, snapshot_panel, stage_runs
from business_logic.history.trends import ordered
from business_logic.metrics._common import day_numbers
from business_logic.metrics.prepared import MISSING_LABEL
from business_logic.stages import OPEN_STAGES, STAGE_ORDER

ENTRY_FIELDS: Final[dict[str, str]] = ENTRY_DATE_FIELDS
StageTimeMethod = Literal["entry_dates", "snapshots", "mixed"]


@dataclass(frozen=True)
class StageTimes:
    """Durations (days) per deal and stage, and their summaries per stage / per source.

    `precision_days`: None for entry dates (exact), else the median spacing of the
    snapshots (each duration is known to within about that many days)."""

    method: StageTimeMethod
    precision_days: float | None
    durations: pd.DataFrame  # deal_id, source, stage, days (and method when mixed)

    def by_stage(self) -> pd.DataFrame:
        """stage, deals, median_days, mean_days — open stages in pipeline order."""
        return _summary(self.durations, ["stage"])

    def by_source(self) -> pd.DataFrame:
        """source, stage, deals, median_days, mean_days (missing source: MISSING_LABEL)."""
        frame = self.durations.assign(source=self.durations["source"].fillna(MISSING_LABEL))
        return _summary(frame, ["source", "stage"])

    def stage_methods(self) -> dict[str, str]:
        """Per stage measured: "entry_dates" (exact) or "snapshots" (± precision_days)."""
        if "method" not in self.durations.columns:
            return dict.fromkeys(self.durations["stage"].unique(), self.method)
        return dict(zip(self.durations["stage"], self.durations["method"], strict=True))

    def medians(self) -> dict[str, float]:
        """Median days per stage (the stages with at least one duration)."""
        return {row.stage: float(row.median_days) for row in self.by_stage().itertuples()}

    def to_dict(self) -> dict[str, Any]:
        methods = self.stage_methods()

        def rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
            return [{**{key: str(row[key]) for key in ("source", "stage") if key in row},
                     "deals": int(row["deals"]), "median_days": float(row["median_days"]),
                     "mean_days": float(row["mean_days"]), "method": methods[row["stage"]]}
                    for row in frame.to_dict("records")]

        return {"method": self.method, "precision_days": self.precision_days,
                "by_stage": rows(self.by_stage()), "by_source": rows(self.by_source())}


def _summary(durations: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    if durations.empty:
        return pd.DataFrame(columns=[*keys, "deals", "median_days", "mean_days"])
    summary = (durations.groupby(keys, sort=False)["days"]
               .agg(deals="count", median_days="median", mean_days="mean").reset_index())
    summary["_order"] = summary["stage"].map({s: i for i, s in enumerate(STAGE_ORDER)})
    sort_keys = [k for k in keys if k != "stage"] + ["_order"]
    return summary.sort_values(sort_keys).drop(columns="_order").reset_index(drop=True)


def has_entry_dates(deals: pd.DataFrame) -> bool:
    """True when the frame carries at least one per-stage entry date."""
    return any(name in deals.columns and deals[name].notna().any()
               for name in ENTRY_FIELDS.values())


def time_in_stage_from_entry_dates(deals: pd.DataFrame) -> StageTimes:
    """Exact durations from the `entered_<stage>` columns (absent columns = no date)."""
    matrix = np.column_stack([
        day_numbers(pd.to_datetime(deals[name]).to_numpy(dtype="datetime64[us]"))
        if name in deals.columns else np.full(len(deals), np.nan)
        for name in ENTRY_FIELDS.values()
    ]) if len(deals) else np.zeros((0, len(STAGE_ORDER)))
    next_entry = np.full(len(deals), np.nan)
    parts = []
    for position in range(len(STAGE_ORDER) - 1, -1, -1):  # over stages, not deals
        stage = STAGE_ORDER[position]
        entered = matrix[:, position]
        if stage in OPEN_STAGES:
            days = next_entry - entered
            known = np.isfinite(days) & (days >= 0)
            rows = np.flatnonzero(known)  # text of those rows only, not of every deal
            parts.append(pd.DataFrame({
                "deal_id": deals["deal_id"].take(rows).to_numpy(dtype=object),
                "source": deals["source"].take(rows).to_numpy(dtype=object)
                if "source" in deals.columns else None,
                "stage": stage, "days": days[known]}))
        next_entry = np.where(np.isfinite(entered), entered, next_entry)
    durations = pd.concat(parts[::-1], ignore_index=True) if parts else _no_durations()
    return StageTimes("entry_dates", None, durations)


def _no_durations() -> pd.DataFrame:
    return pd.DataFrame({"deal_id": [], "source": [], "stage": [], "days": []})


def snapshot_spacing(snapshots: Sequence[Snapshot]) -> float | None:
    """Median number of days between consecutive export dates (None below 2 snapshots)."""
    dates = [s.exported_on for s in ordered(snapshots)]
    gaps = [(later - earlier).days for earlier, later in zip(dates, dates[1:], strict=False)]
    return float(np.median(gaps)) if gaps else None


def time_in_stage_from_snapshots(snapshots: Sequence[Snapshot],
                                 panel: pd.DataFrame | None = None) -> StageTimes:
    """Estimated durations from stage changes seen between snapshots (module docstring).
    `panel`: snapshot_panel(snapshots) when the caller already has it."""
    spacing = snapshot_spacing(snapshots)
    if len(snapshots) < 2:
        return StageTimes("snapshots", spacing, _no_durations())
    runs = stage_runs(snapshot_panel(snapshots) if panel is None else panel)
    known = (runs["entered_after"].notna() & runs["left_before"].notna()
             & runs["rank"].between(0, len(OPEN_STAGES) - 1)).to_numpy()
    runs = runs.loc[known]
    entered = (runs["entered_after"] + runs["first_exported"]) / 2
    left = (runs["last_exported"] + runs["left_before"]) / 2
    snaps, rows = runs["last_snap"].to_numpy(), runs["last_row"].to_numpy()
    durations = pd.DataFrame({
        "deal_id": lookup(snapshots, snaps, rows, "deal_id"),
        "source": lookup(snapshots, snaps, rows, "source"),
        "stage": np.asarray(STAGE_ORDER, dtype=object)[runs["rank"].to_numpy()],
        "days": (left - entered).to_numpy(dtype="float64"),
    })
    return StageTimes("snapshots", spacing, durations)


def time_in_stage(snapshots: Sequence[Snapshot], selected: Snapshot,
                  panel: pd.DataFrame | None = None) -> StageTimes | None:
    """Entry dates of the selected snapshot where they measure a stage, the snapshots for
    the other stages (None when there is a single snapshot and no entry date: nothing can
    be measured)."""
    exact = (time_in_stage_from_entry_dates(selected.deals)
             if has_entry_dates(selected.deals) else None)
    if len(snapshots) < 2:
        return exact
    estimated = time_in_stage_from_snapshots(snapshots, panel)
    if exact is None or exact.durations.empty:
        return estimated if exact is None or not estimated.durations.empty else exact
    missing = ~estimated.durations["stage"].isin(exact.durations["stage"].unique())
    if not missing.any():
        return exact
    durations = pd.concat([exact.durations.assign(method="entry_dates"),
                           estimated.durations.loc[missing].assign(method="snapshots")],
                          ignore_index=True)
    return StageTimes("mixed", estimated.precision_days, durations)
