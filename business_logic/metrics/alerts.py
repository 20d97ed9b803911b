"""Alert lists (docs/definitions.md: cold, overdue, untreated leads, quick wins, deadlines).

Each `*_list` function returns a DealList (rows in display order, materialised on demand,
see deal_list); the plain functions return its DataFrame: the columns a table needs
(DISPLAY_COLUMNS) plus computed day columns. Lists are sorted by value (amount, missing last)
descending unless docs/definitions.md fixes another order; ties keep the frame's order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from business_logic.metrics.conditions import (
    closing_within_mask,
    cold_mask,
    days_since_activity,
    days_since_creation,
    days_until_close,
    overdue_mask,
    untreated_mask,
)
from business_logic.metrics.deal_list import DealList, amount_descending, deal_list
from business_logic.metrics.prepared import Deals, PreparedDeals, prepare_deals
from business_logic.metrics.thresholds import DEFAULT_THRESHOLDS, Thresholds

T = Thresholds  # short alias for the signatures below
DEFAULT: Final = DEFAULT_THRESHOLDS


def _by_value(p: PreparedDeals) -> tuple[np.ndarray, ...]:
    return (amount_descending(p),)


def _by_close_date(p: PreparedDeals) -> tuple[np.ndarray, ...]:
    """By expected_close_date, then amount descending (docs/definitions.md quick wins,
    deadlines)."""
    return (p.days("expected_close_date"), amount_descending(p))


def cold_list(deals: Deals, as_of: dt.date, thresholds: T = DEFAULT) -> DealList:
    """Open deals without activity for more than cold_days, with `days_since_activity`."""
    p = prepare_deals(deals)
    extra = {"days_since_activity": days_since_activity(p, as_of)}
    return deal_list(p, cold_mask(p, as_of, thresholds), _by_value(p), extra)


def overdue_list(deals: Deals, as_of: dt.date, thresholds: T = DEFAULT) -> DealList:
    """Open deals with expected_close_date < D, with `days_overdue` (>= 1)."""
    p = prepare_deals(deals)
    extra = {"days_overdue": -days_until_close(p, as_of)}
    return deal_list(p, overdue_mask(p, as_of), _by_value(p), extra)


def untreated_list(deals: Deals, as_of: dt.date, thresholds: T = DEFAULT) -> DealList:
    """Prospects created more than untreated_days ago with no activity since,
    `days_since_creation`."""
    p = prepare_deals(deals)
    extra = {"days_since_creation": days_since_creation(p, as_of)}
    return deal_list(p, untreated_mask(p, as_of, thresholds), _by_value(p), extra)


def quick_win_list(deals: Deals, as_of: dt.date, thresholds: T = DEFAULT) -> DealList:
    """Open, probability >= quick_win_probability, closing in [D, D + soon_days]; by
    expected_close_date then amount ↓."""
    p = prepare_deals(deals)
    mask = closing_within_mask(p, as_of, thresholds.soon_days) & (
        p.probability >= thresholds.quick_win_probability
    )
    extra = {"days_until_close": days_until_close(p, as_of)}
    return deal_list(p, mask, _by_close_date(p), extra)


def deadline_list(deals: Deals, as_of: dt.date, thresholds: T = DEFAULT) -> DealList:
    """Overdue open deals and those due in [D, D + soon_days], by expected_close_date (then
    amount ↓).

    `overdue` is True for the red ones; `days_until_close` is negative for them.
    """
    p = prepare_deals(deals)
    overdue = overdue_mask(p, as_of)
    mask = overdue | closing_within_mask(p, as_of, thresholds.soon_days)
    extra = {"days_until_close": days_until_close(p, as_of), "overdue": overdue}
    return deal_list(p, mask, _by_close_date(p), extra)


def cold_deals(deals: Deals, as_of: dt.date, thresholds: T = DEFAULT) -> pd.DataFrame:
    """cold_list as a DataFrame."""
    return cold_list(deals, as_of, thresholds).frame


def overdue_deals(deals: Deals, as_of: dt.date, thresholds: T = DEFAULT) -> pd.DataFrame:
    """overdue_list as a DataFrame."""
    return overdue_list(deals, as_of, thresholds).frame


def untreated_leads(deals: Deals, as_of: dt.date, thresholds: T = DEFAULT) -> pd.DataFrame:
    """untreated_list as a DataFrame."""
    return untreated_list(deals, as_of, thresholds).frame


def quick_wins(deals: Deals, as_of: dt.date, thresholds: T = DEFAULT) -> pd.DataFrame:
    """quick_win_list as a DataFrame."""
    return quick_win_list(deals, as_of, thresholds).frame


def deadlines(deals: Deals, as_of: dt.date, thresholds: T = DEFAULT) -> pd.DataFrame:
    """deadline_list as a DataFrame."""
    return deadline_list(deals, as_of, thresholds).frame


@dataclass(frozen=True, eq=False)
class Alerts:
    """All alert lists as of one date. Each is a DealList: `len()`, `.head(n)`, `.frame`."""

    cold: DealList
    overdue: DealList
    untreated_leads: DealList
    quick_wins: DealList
    deadlines: DealList

    def to_dict(self, limit: int | None = None) -> dict[str, Any]:
        """Each list as {"count", "deals"} (at most `limit` deals each when given)."""
        return {
            "cold": self.cold.to_dict(limit),
            "overdue": self.overdue.to_dict(limit),
            "untreated_leads": self.untreated_leads.to_dict(limit),
            "quick_wins": self.quick_wins.to_dict(limit),
            "deadlines": self.deadlines.to_dict(limit),
        }


def alerts(deals: Deals, as_of: dt.date, thresholds: T = DEFAULT) -> Alerts:
    """Every alert list as of D under the thresholds in force (materialised on demand)."""
    p = prepare_deals(deals)
    return Alerts(
        cold=cold_list(p, as_of, thresholds),
        overdue=overdue_list(p, as_of, thresholds),
        untreated_leads=untreated_list(p, as_of, thresholds),
        quick_wins=quick_win_list(p, as_of, thresholds),
        deadlines=deadline_list(p, as_of, thresholds),
    )
