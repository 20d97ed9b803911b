"""Deal age (docs/definitions.md, "Répartitions": deal age)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from business_logic.metrics._common import (
    grouped_mean_median,
    json_float,
    mean_median,
)
from business_logic.metrics.conditions import days_since_creation
from business_logic.metrics.deal_list import DealList, amount_descending, deal_list
from business_logic.metrics.prepared import Deals, prepare_deals
from business_logic.metrics.thresholds import DEFAULT_THRESHOLDS, Thresholds
from business_logic.stages import OPEN_STAGES


@dataclass(frozen=True)
class StageAge:
    stage: str
    deals: int  # open deals of the stage with a known created_date
    mean_days: float | None
    median_days: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, eq=False)
class DealAge:
    """Age = D − created_date of open deals. Open deals without created_date are counted in
    `unknown_age` and left out of the statistics. `stale` lists the deals older than
    `stale_days` (strictly), oldest first (then amount descending), as a DealList."""

    mean_days: float | None
    median_days: float | None
    by_stage: tuple[StageAge, ...]
    stale_count: int
    unknown_age: int
    stale: DealList = field(repr=False)
    stale_days: int = 90

    def to_dict(self, limit: int | None = None) -> dict[str, Any]:
        """JSON-able; the stale list as {"count", "deals"} (at most `limit` deals when given)."""
        return {
            "mean_days": self.mean_days,
            "median_days": self.median_days,
            "by_stage": [row.to_dict() for row in self.by_stage],
            "stale_days": self.stale_days,
            "stale_count": self.stale_count,
            "unknown_age": self.unknown_age,
            "stale": self.stale.to_dict(limit),
        }


def deal_age(
    deals: Deals, as_of: dt.date, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> DealAge:
    """Deal age: mean and median per open stage, stale deals (> stale_days)."""
    p = prepare_deals(deals)
    rows = p.open_index
    age = days_since_creation(p, as_of)[rows]
    codes = p.stage_code[rows]  # OPEN_STAGES are the first codes of STAGE_ORDER
    in_stats = (codes >= 0) & (codes < len(OPEN_STAGES))
    counts, means, medians = grouped_mean_median(codes[in_stats], age[in_stats], len(OPEN_STAGES))
    mean, median = mean_median(age)
    stale_mask = p.is_open & (days_since_creation(p, as_of) > thresholds.stale_days)
    keys = (-days_since_creation(p, as_of), amount_descending(p))  # oldest, then largest
    stale = deal_list(p, stale_mask, keys, {"age_days": days_since_creation(p, as_of)})
    return DealAge(
        mean_days=mean,
        median_days=median,
        by_stage=tuple(
            StageAge(stage, int(counts[i]), json_float(means[i]), json_float(medians[i]))
            for i, stage in enumerate(OPEN_STAGES)
        ),
        stale_count=len(stale),
        unknown_age=int(np.isnan(age).sum()),
        stale=stale,
        stale_days=thresholds.stale_days,
    )
