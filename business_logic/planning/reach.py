"""Reaching a target by the end of a period (docs/objectifs.md).

- `reach_probability`: P(won to date + X >= target), X the won value forecast in
  (D, end of period] (distribution.py: the law behind the forecast's expected/P10/P90).
- `pipeline_to_create`: the open pipeline to add today so that the expected won value by
  the end of the period reaches the target. A euro of new pipeline is worth
  win rate × share of won deals that closed within the days left of their creation
  (the founder's own win rate and time to close, learned from deals closed by D).
- out of reach: the target is above won to date + P90.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np

from business_logic.metrics._common import day_number, ratio
from business_logic.metrics.prepared import Deals, prepare_deals
from business_logic.planning.distribution import WonDistribution, forecast_distributions


def won_distribution(deals: Deals, as_of: dt.date, period_end: dt.date) -> WonDistribution:
    """The law of the won value forecast in (as_of, period_end]."""
    days = (period_end - as_of).days
    return forecast_distributions(deals, as_of, (days,))[days]


def reach_probability(
    deals: Deals, as_of: dt.date, target: float, period_end: dt.date, won_to_date: float
) -> float:
    """P(won_to_date + X >= target), X the forecast of (as_of, period_end] (planning.md)."""
    return won_distribution(deals, as_of, period_end).probability_at_least(target - won_to_date)


def out_of_reach(target: float, won_to_date: float, distribution: WonDistribution) -> bool:
    """True when even the P90 of the forecast leaves the target unreached."""
    return target > won_to_date + distribution.p90


@dataclass(frozen=True)
class WinPace:
    """How much of a new open euro is won within `days`: win_rate × close_share.

    win_rate = won / (won + lost) over deals closed by D (closed_date <= D, or no closed
    date); close_share = share of the won deals with both dates whose created → closed
    duration is at most `days` (None without such deals: the time to close is unknown and
    the deal is assumed to close in time).
    """

    days: int
    win_rate: float | None
    close_share: float | None
    won_deals: int
    closed_deals: int

    @property
    def value_per_euro(self) -> float:
        if self.win_rate is None:
            return 0.0
        return self.win_rate * (1.0 if self.close_share is None else self.close_share)


def win_pace(deals: Deals, as_of: dt.date, days: int) -> WinPace:
    p = prepare_deals(deals)
    closed_date = p.days("closed_date")
    known = np.isnan(closed_date) | (closed_date <= day_number(as_of))
    won, lost = p.is_won & known, p.is_lost & known
    durations = p.days_to_close[won & ~np.isnan(p.days_to_close)]
    share = ratio(int((durations <= days).sum()), len(durations)) if days > 0 else 0.0
    return WinPace(days, ratio(int(won.sum()), int(won.sum() + lost.sum())), share,
                   int(won.sum()), int(won.sum() + lost.sum()))


@dataclass(frozen=True)
class PipelineToCreate:
    """`total` None: no new deal can be won in time (no win yet, or none ever closed that
    fast); 0 when the expected value already reaches the target."""

    total: float | None
    per_week: float | None
    weeks_left: int
    gap: float
    pace: WinPace

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "per_week": self.per_week, "weeks_left": self.weeks_left,
                "gap": self.gap, "win_rate": self.pace.win_rate,
                "close_share": self.pace.close_share}


def pipeline_to_create(
    deals: Deals,
    as_of: dt.date,
    target: float,
    period_end: dt.date,
    won_to_date: float,
    *,
    expected: float | None = None,
) -> PipelineToCreate:
    """Extra open pipeline bringing won_to_date + expected forecast up to `target`.

    `expected`: the forecast's expected value in (as_of, period_end] (computed when None).
    total = gap / (win rate × close share within the days left); per week = total / weeks
    left (rounded up, at least 1).
    """
    days = max(0, (period_end - as_of).days)
    weeks = max(1, -(-days // 7))
    if expected is None:
        expected = won_distribution(deals, as_of, period_end).expected
    gap = max(0.0, target - won_to_date - expected)
    pace = win_pace(deals, as_of, days)
    if gap == 0.0:
        return PipelineToCreate(0.0, 0.0, weeks, gap, pace)
    per_euro = pace.value_per_euro
    if per_euro <= 0:
        return PipelineToCreate(None, None, weeks, gap, pace)
    total = gap / per_euro
    return PipelineToCreate(total, total / weeks, weeks, gap, pace)
