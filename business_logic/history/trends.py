"""Trend per snapshot and seasonality of won deals (docs/history.md, « Tendances »)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from business_logic.history.diff import Snapshot
from business_logic.metrics._common import day_number, day_numbers
from business_logic.metrics.filters import DealFilters, filter_mask

MIN_SEASONALITY_MONTHS = 12


def ordered(snapshots: Sequence[Snapshot]) -> list[Snapshot]:
    """Snapshots by export date, then import id (docs/history.md)."""
    return sorted(snapshots, key=lambda s: (s.exported_on, s.import_id))


@dataclass(frozen=True)
class TrendPoint:
    """One snapshot's headline figures, as of its export date."""

    import_id: int
    exported_on: dt.date
    open_deals: int
    pipeline_gross: float
    pipeline_weighted: float
    won_value: float

    def to_dict(self) -> dict[str, Any]:
        return {"import_id": self.import_id, "exported_on": self.exported_on.isoformat(),
                "open_deals": self.open_deals, "pipeline_gross": self.pipeline_gross,
                "pipeline_weighted": self.pipeline_weighted, "won_value": self.won_value}


def status_is(deals: pd.DataFrame, status: str) -> np.ndarray:
    """Rows whose status is `status`, as booleans (a missing status is none of them):
    compared where the column lives, not through a million Python strings (issue 8)."""
    return deals["status"].eq(status).to_numpy(dtype=bool, na_value=False)


def trend_point(snapshot: Snapshot, filters: DealFilters | None = None) -> TrendPoint:
    """Open deals, gross and weighted pipeline, won value (sum of won amounts) of one
    snapshot (docs/definitions.md), over the deals that pass `filters`."""
    deals = snapshot.deals
    keep = filter_mask(deals, filters) if filters is not None else np.ones(len(deals), bool)
    amount = deals["amount"].fillna(0.0).to_numpy(dtype="float64")
    probability = deals["probability"].fillna(0.0).to_numpy(dtype="float64")
    is_open = keep & status_is(deals, "open")
    return TrendPoint(
        import_id=snapshot.import_id,
        exported_on=snapshot.exported_on,
        open_deals=int(is_open.sum()),
        pipeline_gross=float(amount[is_open].sum()),
        pipeline_weighted=float((amount * probability)[is_open].sum()),
        won_value=float(amount[keep & status_is(deals, "won")].sum()),
    )


def trend(snapshots: Sequence[Snapshot], filters: DealFilters | None = None) -> list[TrendPoint]:
    """One point per snapshot, in snapshot order."""
    return [trend_point(snapshot, filters) for snapshot in ordered(snapshots)]


def iso_week(day: dt.date) -> str:
    """`2026-W48`: ISO year and week (weeks start on Monday)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def weekly(points: Sequence[TrendPoint]) -> list[TrendPoint]:
    """The last snapshot of each ISO week (points already in snapshot order)."""
    last: dict[str, TrendPoint] = {}
    for point in points:  # one per import, not per deal
        last[iso_week(point.exported_on)] = point
    return list(last.values())


@dataclass(frozen=True)
class Seasonality:
    """Won value and won deals per calendar month of closed_date, and their mean per month
    of the year. `available` is False, with a French `reason`, below 12 months of closed
    history (from the first closing to the reference date, partial current month included)."""

    available: bool
    reason: str | None
    months: pd.DataFrame  # month "YYYY-MM", year, month_number, won_value, won_deals
    month_of_year: pd.DataFrame  # month_number, mean_won_value, mean_won_deals, years

    def to_dict(self) -> dict[str, Any]:
        return {
            "available": self.available,
            "reason": self.reason,
            "months": [{"month": r.month, "won_value": float(r.won_value),
                        "won_deals": int(r.won_deals)} for r in self.months.itertuples()],
            "month_of_year": [
                {"month": int(r.month_number), "mean_won_value": float(r.mean_won_value),
                 "mean_won_deals": float(r.mean_won_deals), "years": int(r.years)}
                for r in self.month_of_year.itertuples()],
        }


def _month_index(days: np.ndarray) -> np.ndarray:
    months = days.astype("int64").astype("datetime64[D]").astype("datetime64[M]")
    return months.astype("int64")  # months since 1970-01


def seasonality(deals: pd.DataFrame, as_of: dt.date,
                filters: DealFilters | None = None) -> Seasonality:
    """Seasonality of docs/history.md over the deals closed on or before `as_of`.

    The mean per month of the year is taken over the complete months of the history
    (the month of `as_of` is shown but left out of the means: it is not over).
    """
    keep = filter_mask(deals, filters) if filters is not None else np.ones(len(deals), bool)
    closed_days = day_numbers(deals["closed_date"].to_numpy(dtype="datetime64[us]"))
    as_of_month = int(np.datetime64(as_of, "M").astype("int64"))
    is_won = status_is(deals, "won")
    closed = keep & (is_won | status_is(deals, "lost")) & (closed_days <= day_number(as_of))
    empty_months = pd.DataFrame({"month": [], "year": [], "month_number": [],
                                 "won_value": [], "won_deals": []})
    empty_means = pd.DataFrame({"month_number": [], "mean_won_value": [],
                                "mean_won_deals": [], "years": []})
    if not closed.any():
        return Seasonality(False, "Saisonnalité indisponible : aucune affaire close avec "
                           "une date de clôture.", empty_months, empty_means)
    first = int(_month_index(closed_days[closed]).min())
    span = as_of_month - first + 1
    won = closed & is_won
    position = _month_index(closed_days[won]) - first
    amount = deals["amount"].fillna(0.0).to_numpy(dtype="float64")[won]
    value = np.bincount(position, weights=amount, minlength=span)
    count = np.bincount(position, minlength=span)
    month_numbers = (np.arange(first, first + span) % 12) + 1
    years = 1970 + np.arange(first, first + span) // 12
    months = pd.DataFrame({
        "month": [f"{y}-{m:02d}" for y, m in zip(years, month_numbers, strict=True)],
        "year": years, "month_number": month_numbers, "won_value": value, "won_deals": count,
    })
    complete = months.iloc[:-1]
    means = (complete.groupby("month_number")
             .agg(mean_won_value=("won_value", "mean"), mean_won_deals=("won_deals", "mean"),
                  years=("year", "nunique"))
             .reset_index())
    if span < MIN_SEASONALITY_MONTHS:
        return Seasonality(False, f"Saisonnalité indisponible : {span} mois d'historique de "
                           f"clôtures, il en faut au moins {MIN_SEASONALITY_MONTHS}.",
                           months, means)
    return Seasonality(True, None, months, means)
