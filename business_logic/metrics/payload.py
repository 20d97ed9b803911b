"""The `kpis` JSON of docs/cli.md, built from the calculators (one place, CLI and tests alike).

The first keys are exactly those of docs/cli.md's `kpis` object; the "Additions" keys follow
(every other number of docs/definitions.md, for the same filters), then `thresholds`: the
values in force behind cold_deals, untreated_leads, deal_age, quick_wins and deadlines.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from business_logic.choices import (  # noqa: F401 - PERIOD_CHOICES re-exported
    DEFAULT_PERIOD_DAYS,
    PERIOD_CHOICES,
)
from business_logic.metrics._common import calendar_date
from business_logic.metrics.age import deal_age
from business_logic.metrics.alerts import deadline_list, quick_win_list
from business_logic.metrics.breakdowns import DimensionRow, by_dimension, by_stage
from business_logic.metrics.deal_list import DealList
from business_logic.metrics.forecast import DEFAULT_WINDOWS
from business_logic.metrics.funnel import funnel
from business_logic.metrics.kpis import headline_kpis
from business_logic.metrics.period import period_comparison
from business_logic.metrics.prepared import Deals, prepare_deals
from business_logic.metrics.thresholds import DEFAULT_THRESHOLDS, Thresholds
from business_logic.metrics.velocity import deal_velocity, lead_velocity, sales_velocity

_HEADLINE_KEYS = (
    "deals_total",
    "deals_open",
    "deals_won",
    "deals_lost",
    "pipeline_gross",
    "pipeline_weighted",
    "won_value",
    "conversion_rate",
    "win_rate",
    "average_deal_size",
    "overdue_deals",
    "cold_deals",
    "untreated_leads",
)


def _dimension_row(dimension: str, row: DimensionRow) -> dict[str, Any]:
    """docs/cli.md by_source shape, plus average_won_deal_size and median_days_to_win."""
    return {
        dimension: row.value,
        "deals": row.deals,
        "won": row.won,
        "lost": row.lost,
        "conversion_rate": row.conversion_rate,
        "win_rate": row.win_rate,
        "won_value": row.won_value,
        "average_won_deal_size": row.average_won_deal_size,
        "median_days_to_win": row.median_days_to_win,
    }


def _ids(deals: DealList) -> list[str]:
    """The deal ids of a list, in the list's order (docs/definitions.md order)."""
    positions = deals.rows[deals.order]
    return [str(value) for value in deals.deals.frame["deal_id"].to_numpy()[positions]]


def _count_and_ids(deals: DealList) -> dict[str, Any]:
    return {"count": deals.count, "deal_ids": _ids(deals)}


def kpis_payload(
    deals: Deals,
    as_of: dt.date,
    import_id: int,
    *,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    period_days: int = DEFAULT_PERIOD_DAYS,
) -> dict[str, Any]:
    """docs/cli.md's `kpis --json` object: its keys, order and types, then the Additions.

    Amounts are floats, counts ints, rates floats or None. by_stage lists the six canonical
    stages in pipeline order; by_source / by_sector / by_owner are sorted by number of deals
    (descending). quick_wins and deadlines give counts and deal ids in docs/definitions.md order
    (deadlines: overdue first, then due within `soon_days`).
    """
    deals = prepare_deals(deals)
    headline = headline_kpis(deals, as_of, thresholds).to_dict()
    as_of = calendar_date(as_of)
    payload: dict[str, Any] = {"import_id": int(import_id), "as_of": as_of.isoformat()}
    payload.update({key: headline[key] for key in _HEADLINE_KEYS})
    from business_logic.forecast import calibrated_forecast  # the forecast builds on metrics

    windows = calibrated_forecast(deals, as_of, DEFAULT_WINDOWS)
    payload["forecast"] = {
        str(window.days): {"expected": window.expected, "p10": window.p10, "p90": window.p90,
                           **window.to_dict()}
        for window in windows.windows
    }
    payload["by_stage"] = by_stage(deals).to_dict()
    for dimension in ("source", "sector", "owner"):
        rows = by_dimension(deals, dimension).rows
        payload[f"by_{dimension}"] = [_dimension_row(dimension, row) for row in rows]
    payload["funnel"] = funnel(deals).to_dict()
    payload["lead_velocity"] = lead_velocity(deals, as_of).to_dict()
    age = deal_age(deals, as_of, thresholds)
    payload["deal_age"] = {
        **{key: value for key, value in age.to_dict(0).items() if key != "stale"},
        "stale_deal_ids": _ids(age.stale),
    }
    payload["deal_velocity"] = deal_velocity(deals).to_dict()
    payload["sales_velocity"] = sales_velocity(deals).to_dict()
    payload["period_comparison"] = {
        "days": period_days,
        **period_comparison(deals, as_of, period_days).to_dict(),
    }
    payload["quick_wins"] = _count_and_ids(quick_win_list(deals, as_of, thresholds))
    payload["deadlines"] = _deadlines(deadline_list(deals, as_of, thresholds), thresholds)
    payload["thresholds"] = thresholds.to_dict()
    return payload


def _deadlines(listed: DealList, thresholds: Thresholds) -> dict[str, Any]:
    """Overdue (red) and due within the window, each with its count and ids, by date."""
    order = listed.order
    overdue = listed.extra["overdue"][order]
    ids = _ids(listed)
    late = [deal_id for deal_id, is_late in zip(ids, overdue, strict=True) if is_late]
    due = [deal_id for deal_id, is_late in zip(ids, overdue, strict=True) if not is_late]
    return {
        "window_days": thresholds.soon_days,
        "count": listed.count,
        "overdue": {"count": len(late), "deal_ids": late},
        "due": {"count": len(due), "deal_ids": due},
    }
