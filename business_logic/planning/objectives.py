"""Objectives vs actual for the month, quarter and year containing D (docs/objectifs.md).

Targets are monthly won-value amounts (first day of month → amount); a quarter's or a
year's target is the sum of its months' targets (a month without a target counts 0; a
period none of whose months has one has no target). Whose targets: when the filters select
exactly one owner, that owner's targets against that owner's deals; otherwise the company
targets (no owner) against the deals the filters keep (`targets_in_force`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from business_logic.metrics._common import day_number
from business_logic.metrics.prepared import Deals, prepare_deals
from business_logic.planning.distribution import WonDistribution, forecast_distributions
from business_logic.planning.periods import PERIOD_KINDS, Period, PeriodKind, period_of
from business_logic.planning.reach import PipelineToCreate, out_of_reach, pipeline_to_create

Targets = Mapping[dt.date, float]
OwnerTargets = Mapping[tuple[dt.date, str | None], float]


def targets_in_force(
    rows: OwnerTargets, owners: Sequence[str] | None
) -> tuple[dict[dt.date, float], str | None]:
    """(monthly targets, owner or None): one selected owner → theirs, else the company's."""
    owner = owners[0] if owners is not None and len(owners) == 1 else None
    return {month: float(amount) for (month, who), amount in rows.items() if who == owner}, owner


def won_between(deals: Deals, start: dt.date, end: dt.date) -> float:
    """Σ amount of won deals with closed_date in [start, end]."""
    p = prepare_deals(deals)
    closed = p.days("closed_date")
    inside = p.is_won & (closed >= day_number(start)) & (closed <= day_number(end))
    return float(p.amount0[inside].sum())


@dataclass(frozen=True)
class PeriodProgress:
    """One period at D. target None: no objective set for any of its months (then
    remaining, probability and pipeline are None too). remaining = target − won to date
    (negative once exceeded)."""

    period: Period
    as_of: dt.date
    target: float | None
    won_to_date: float
    forecast: WonDistribution
    probability: float | None
    pipeline: PipelineToCreate | None
    target_months: int = 0  # months of the period that have a target

    @property
    def remaining(self) -> float | None:
        return None if self.target is None else self.target - self.won_to_date

    @property
    def progress(self) -> float | None:
        """won to date / target (0..∞), None without a positive target."""
        if self.target is None or self.target <= 0:
            return None
        return self.won_to_date / self.target

    @property
    def out_of_reach(self) -> bool:
        return self.target is not None and out_of_reach(self.target, self.won_to_date,
                                                        self.forecast)

    @property
    def weeks_left(self) -> int:
        return self.period.weeks_left(self.as_of)

    def to_dict(self) -> dict[str, Any]:
        """docs/cli.md `objectives --json` keys first, then the details."""
        pipeline = self.pipeline
        return {
            "period": self.period.label,
            "kind": self.period.kind,
            "target": self.target,
            "won_to_date": self.won_to_date,
            "remaining": self.remaining,
            "probability": self.probability,
            "pipeline_to_create": None if pipeline is None else pipeline.total,
            "pipeline_per_week": None if pipeline is None else pipeline.per_week,
            "weeks_left": self.weeks_left,
            "start": self.period.start.isoformat(),
            "end": self.period.end.isoformat(),
            "expected": self.forecast.expected,
            "p10": self.forecast.p10,
            "p90": self.forecast.p90,
            "method": self.forecast.method,
            "out_of_reach": self.out_of_reach,
        }


def period_target(period: Period, targets: Targets) -> float | None:
    amounts = [float(targets[m]) for m in period.months if m in targets]
    return float(np.sum(amounts)) if amounts else None


def objective_progress(
    deals: Deals, as_of: dt.date, targets: Targets,
    kinds: Sequence[PeriodKind] = PERIOD_KINDS,
) -> list[PeriodProgress]:
    """Month, quarter and year containing `as_of` (or only `kinds`), against the monthly
    `targets`."""
    p = prepare_deals(deals)
    periods = [period_of(kind, as_of) for kind in kinds]
    laws = forecast_distributions(p, as_of, [period.days_left(as_of) for period in periods])
    out = []
    for period in periods:
        target = period_target(period, targets)
        won = won_between(p, period.start, as_of)
        law = laws[period.days_left(as_of)]
        probability = pipeline = None
        if target is not None:
            probability = law.probability_at_least(target - won)
            pipeline = pipeline_to_create(p, as_of, target, period.end, won,
                                          expected=law.expected)
        months = sum(month in targets for month in period.months)
        out.append(PeriodProgress(period, as_of, target, won, law, probability, pipeline,
                                  months))
    return out


def objectives_payload(deals: Deals, as_of: dt.date, targets: Targets) -> dict[str, Any]:
    """The JSON of docs/cli.md `objectives --json`."""
    progress = objective_progress(deals, as_of, targets)
    return {"as_of": as_of.isoformat(), "periods": [item.to_dict() for item in progress]}
