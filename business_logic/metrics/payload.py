"""The `kpis` JSON of cli.md, built from the calculators (one place, CLI and tests alike)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from business_logic.metrics._common import calendar_date
from business_logic.metrics.breakdowns import by_dimension, by_stage
from business_logic.metrics.forecast import DEFAULT_WINDOWS, forecast
from business_logic.metrics.kpis import headline_kpis
from business_logic.metrics.prepared import Deals, prepare_deals

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


def kpis_payload(deals: Deals, as_of: dt.date, import_id: int) -> dict[str, Any]:
    """Exactly the keys, order and types of cli.md's `kpis --json` object.

    Amounts are floats, counts ints, rates floats or None. by_stage lists the six canonical
    stages in pipeline order; by_source is sorted by number of deals (descending).
    """
    deals = prepare_deals(deals)
    headline = headline_kpis(deals, as_of).to_dict()
    as_of = calendar_date(as_of)
    payload: dict[str, Any] = {"import_id": int(import_id), "as_of": as_of.isoformat()}
    payload.update({key: headline[key] for key in _HEADLINE_KEYS})
    windows = forecast(deals, as_of, DEFAULT_WINDOWS)
    payload["forecast"] = {
        str(window.days): {"expected": window.expected, "p10": window.p10, "p90": window.p90}
        for window in windows.windows
    }
    payload["by_stage"] = by_stage(deals).to_dict()
    payload["by_source"] = [
        {
            "source": row.value,
            "deals": row.deals,
            "won": row.won,
            "lost": row.lost,
            "conversion_rate": row.conversion_rate,
            "win_rate": row.win_rate,
            "won_value": row.won_value,
        }
        for row in by_dimension(deals, "source").rows
    ]
    return payload
