"""Baseline vs scenario, side by side (the Simulateur, docs/objectifs.md, « Simulateur »).

For one reference date D, each side gives: the forecast 30 / 60 / 90 days (expected, P10,
P90, business_logic.forecast), the year-end projection (won since January 1 + forecast to
December 31, as projection.py's last point) and the probability of reaching the current
month's target (as reach.py: P(won to date + X >= target)), when a target exists — all
from one call of distribution.forecast_distributions. The scenario is the baseline's
deals under the levers (whatif.py): its forecast learns with the levers' tuning and keeps
the baseline's band (`forecast.what_if`); the forced wins are certain and added to every
figure whose window contains their date (zero uncertainty: P10 and P90 move by as much).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from business_logic.forecast import DEFAULT_WINDOWS, what_if
from business_logic.metrics.prepared import Deals, prepare_deals
from business_logic.planning.distribution import forecast_distributions
from business_logic.planning.objectives import won_between
from business_logic.planning.periods import month_of
from business_logic.planning.whatif import Levers, Scenario, apply_levers


@dataclass(frozen=True)
class Estimate:
    expected: float
    p10: float
    p90: float

    def plus(self, certain: float) -> Estimate:
        return Estimate(self.expected + certain, self.p10 + certain, self.p90 + certain)

    def to_dict(self) -> dict[str, float]:
        return {"expected": self.expected, "p10": self.p10, "p90": self.p90}


@dataclass(frozen=True)
class Outlook:
    """One side: `forecast` by window (days), `year_end` (cumulative since January 1),
    `reach` = P(reaching the month's target) or None without a target."""

    method: str
    forecast: dict[int, Estimate]
    year_end: Estimate
    won_this_month: float
    reach: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"method": self.method,
                "forecast": {str(days): e.to_dict() for days, e in self.forecast.items()},
                "year_end": self.year_end.to_dict(), "won_this_month": self.won_this_month,
                "reach": self.reach}


@dataclass(frozen=True)
class Comparison:
    baseline: Outlook
    scenario: Outlook
    target: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"target": self.target, "baseline": self.baseline.to_dict(),
                "scenario": self.scenario.to_dict()}


def _outlook(deals: Deals, as_of: dt.date, target: float | None,
             windows: Sequence[int], scenario: Scenario | None) -> Outlook:
    """One forecast call for every window: 30/60/90, to the month's end (the target) and to
    December 31 (the year end: projection.py's last point, won since January 1 + X)."""
    def certain(end: dt.date) -> float:
        return scenario.certain_between(as_of, end) if scenario is not None else 0.0

    month = month_of(as_of)
    december = dt.date(as_of.year, 12, 31)
    to_month_end, to_year_end = (month.end - as_of).days, (december - as_of).days
    laws = forecast_distributions(deals, as_of, {*windows, to_month_end, to_year_end})
    forecast = {
        days: Estimate(laws[days].expected, laws[days].p10, laws[days].p90).plus(
            certain(as_of + dt.timedelta(days)))
        for days in windows
    }
    won_this_year = won_between(deals, dt.date(as_of.year, 1, 1), as_of)
    end = laws[to_year_end]
    year_end = Estimate(end.expected, end.p10, end.p90).plus(won_this_year + certain(december))
    won = won_between(deals, month.start, as_of)
    reach = None
    if target is not None:
        reach = laws[to_month_end].probability_at_least(target - won - certain(month.end))
    method = next((law.method for law in laws.values() if law.method != "none"), "none")
    return Outlook(method, forecast, year_end, won, reach)


def baseline_outlook(deals: Deals, as_of: dt.date, target: float | None = None,
                     windows: Sequence[int] = DEFAULT_WINDOWS) -> Outlook:
    """The figures without any lever (the page caches them per snapshot and filters)."""
    return _outlook(prepare_deals(deals), as_of, target, windows, None)


def scenario_outlook(deals: Deals, levers: Levers, as_of: dt.date,
                     target: float | None = None,
                     windows: Sequence[int] = DEFAULT_WINDOWS) -> Outlook:
    """The same figures under `levers` (`deals` is left unchanged)."""
    baseline = prepare_deals(deals)
    scenario = apply_levers(baseline, levers, as_of)
    prepared = what_if(scenario.deals, baseline, scenario.tuning)
    return _outlook(prepared, as_of, target, windows, scenario)


def compare(deals: Deals, levers: Levers, as_of: dt.date, target: float | None = None,
            windows: Sequence[int] = DEFAULT_WINDOWS) -> Comparison:
    """Baseline and scenario for the 30/60/90 forecast, the year end and the month's
    target (module docstring). Pass the same PreparedDeals again to reuse the replay."""
    baseline = prepare_deals(deals)
    return Comparison(baseline_outlook(baseline, as_of, target, windows),
                      scenario_outlook(baseline, levers, as_of, target, windows), target)
