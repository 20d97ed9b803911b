"""Lead velocity, deal velocity and sales velocity (docs/definitions.md, "Répartitions")."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any, Final

import numpy as np

from business_logic.metrics._common import (
    calendar_date,
    day_number,
    json_float,
    mean_median,
    ratio,
)
from business_logic.metrics.breakdowns import days_to_close, days_to_win_by
from business_logic.metrics.prepared import Deals, prepare_deals

LEAD_VELOCITY_WEEKS: Final = 12
VELOCITY_DIMENSIONS: Final[tuple[str, ...]] = ("source", "sector", "owner")


@dataclass(frozen=True)
class WeekCount:
    week: str  # ISO week, "2026-W48"
    week_start: dt.date  # its Monday
    created: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "week": self.week,
            "week_start": self.week_start.isoformat(),
            "created": self.created,
        }


@dataclass(frozen=True)
class LeadVelocity:
    """Deals created per ISO week over the 12 weeks ending with D's week (that week counts
    only up to D), and the change vs the 12 weeks before. Deals created after D are ignored.
    change_relative is None when the previous 12 weeks had no deal."""

    weeks: tuple[WeekCount, ...]
    current_total: int
    previous_total: int
    change: int
    change_relative: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "weeks": [week.to_dict() for week in self.weeks],
            "current_total": self.current_total,
            "previous_total": self.previous_total,
            "change": self.change,
            "change_relative": self.change_relative,
        }


def lead_velocity(deals: Deals, as_of: dt.date, weeks: int = LEAD_VELOCITY_WEEKS) -> LeadVelocity:
    """docs/definitions.md lead velocity: deals created per ISO week, last 12 weeks vs the 12
    before."""
    as_of = calendar_date(as_of)
    monday = as_of - dt.timedelta(days=as_of.weekday())
    first_monday = day_number(monday - dt.timedelta(weeks=2 * weeks - 1))
    created = prepare_deals(deals).days("created_date")
    counted = created[(created >= first_monday) & (created <= day_number(as_of))]
    week_index = ((counted - first_monday) // 7).astype(np.int64)
    per_week = np.bincount(week_index, minlength=2 * weeks)
    previous_total, current_total = int(per_week[:weeks].sum()), int(per_week[weeks:].sum())
    rows = []
    for i in range(weeks, 2 * weeks):
        start = monday - dt.timedelta(weeks=2 * weeks - 1 - i)
        year, number, _ = start.isocalendar()
        rows.append(WeekCount(f"{year}-W{number:02d}", start, int(per_week[i])))
    return LeadVelocity(
        weeks=tuple(rows),
        current_total=current_total,
        previous_total=previous_total,
        change=current_total - previous_total,
        change_relative=(
            (current_total - previous_total) / previous_total if previous_total else None
        ),
    )


@dataclass(frozen=True)
class VelocityRow:
    value: str
    won_deals: int  # won deals with both dates known
    mean_days: float | None
    median_days: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class DealVelocity:
    """Days from created_date to closed_date for won deals (both dates known): overall and
    per source / sector / owner (rows by number of won deals, descending)."""

    won_deals: int
    mean_days: float | None
    median_days: float | None
    by_dimension: dict[str, tuple[VelocityRow, ...]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "won_deals": self.won_deals,
            "mean_days": self.mean_days,
            "median_days": self.median_days,
            "by_dimension": {
                name: [row.to_dict() for row in rows] for name, rows in self.by_dimension.items()
            },
        }


def deal_velocity(deals: Deals) -> DealVelocity:
    """docs/definitions.md deal velocity: mean and median days created → closed for won deals."""
    p = prepare_deals(deals)
    days = p.won_days_to_close
    mean, median = mean_median(days)
    per_dimension = {}
    for dimension in VELOCITY_DIMENSIONS:
        labels = p.dimension(dimension)[1]
        counts, means, medians = days_to_win_by(p, dimension)
        order = sorted(range(len(labels)), key=lambda i: (-int(counts[i]), labels[i]))
        per_dimension[dimension] = tuple(
            VelocityRow(labels[i], int(counts[i]), json_float(means[i]), json_float(medians[i]))
            for i in order
            if counts[i]
        )
    return DealVelocity(int((~np.isnan(days)).sum()), mean, median, per_dimension)


def _mean(values: np.ndarray) -> float | None:
    known = values[~np.isnan(values)]
    return float(known.mean()) if known.size else None


@dataclass(frozen=True)
class SalesVelocity:
    """docs/definitions.md: € per day = deals_open × win_rate × average won deal size ÷ mean days to
    win. None when any factor is undefined or the mean days to win is not positive."""

    value: float | None
    deals_open: int
    win_rate: float | None
    average_won_deal_size: float | None
    mean_days_to_win: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def sales_velocity(deals: Deals) -> SalesVelocity:
    """Sales velocity (€ per day) over `deals`; see SalesVelocity."""
    p = prepare_deals(deals)
    won, lost = int(p.is_won.sum()), int(p.is_lost.sum())
    win_rate = ratio(won, won + lost)
    average_won = _mean(p.amount[p.is_won])
    mean_days = _mean(days_to_close(p)[p.is_won])
    deals_open = int(p.is_open.sum())
    value = None
    if win_rate is not None and average_won is not None and mean_days and mean_days > 0:
        value = deals_open * win_rate * average_won / mean_days
    return SalesVelocity(value, deals_open, win_rate, average_won, mean_days)
