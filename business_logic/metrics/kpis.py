"""Headline KPIs (docs/definitions.md, "Indicateurs clés")."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from business_logic.metrics._common import json_float, ratio
from business_logic.metrics.conditions import (
    cold_mask,
    no_activity_data_mask,
    overdue_mask,
    untreated_mask,
)
from business_logic.metrics.prepared import Deals, prepare_deals
from business_logic.metrics.thresholds import DEFAULT_THRESHOLDS, Thresholds


@dataclass(frozen=True)
class HeadlineKpis:
    """The headline numbers; each field is the docs/definitions.md key of the same name.

    `no_activity_data` is the count of open deals with neither last_activity_date nor
    created_date: docs/definitions.md excludes them from cold_deals and asks to report them apart.
    Rates are None when undefined (division by zero).
    """

    deals_total: int
    deals_open: int
    deals_won: int
    deals_lost: int
    pipeline_gross: float
    pipeline_weighted: float
    won_value: float
    conversion_rate: float | None
    win_rate: float | None
    average_deal_size: float | None
    overdue_deals: int
    cold_deals: int
    no_activity_data: int
    untreated_leads: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def headline_kpis(
    deals: Deals, as_of: dt.date, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> HeadlineKpis:
    """Headline KPIs over `deals` as of D (docs/definitions.md, "Indicateurs clés").

    - pipeline_gross: Σ amount over open deals (missing amount counts 0);
    - pipeline_weighted: Σ amount × probability over open deals;
    - conversion_rate: won / total; win_rate: won / (won + lost), None when nothing closed;
    - average_deal_size: mean amount over deals whose amount is known, None when none is;
    - cold_deals and untreated_leads under `thresholds` (the values in force).
    """
    p = prepare_deals(deals)
    is_open, is_won = p.is_open, p.is_won
    known = p.amount[~np.isnan(p.amount)]
    won, lost = int(is_won.sum()), int(p.is_lost.sum())
    total = len(p)
    return HeadlineKpis(
        deals_total=total,
        deals_open=int(is_open.sum()),
        deals_won=won,
        deals_lost=lost,
        pipeline_gross=float(p.amount0[is_open].sum()),
        pipeline_weighted=float(p.weighted[is_open].sum()),
        won_value=float(p.amount0[is_won].sum()),
        conversion_rate=ratio(won, total),
        win_rate=ratio(won, won + lost),
        average_deal_size=json_float(known.mean()) if known.size else None,
        overdue_deals=int(overdue_mask(p, as_of).sum()),
        cold_deals=int(cold_mask(p, as_of, thresholds).sum()),
        no_activity_data=int(no_activity_data_mask(p).sum()),
        untreated_leads=int(untreated_mask(p, as_of, thresholds).sum()),
    )
