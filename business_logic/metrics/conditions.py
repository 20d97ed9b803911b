"""The per-deal conditions behind the headline counts and the alert lists
(docs/definitions.md; thresholds: metrics.thresholds, the values in force).

Each function returns a boolean numpy array aligned with the frame's rows, so the count
(`headline_kpis`) and the list (`alerts`) can never disagree.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import numpy as np

from business_logic.metrics._common import day_number
from business_logic.metrics.prepared import Deals, prepare_deals
from business_logic.metrics.thresholds import DEFAULT_THRESHOLDS, Thresholds
from business_logic.stages import STAGE_ORDER

_PROSPECT: Final = STAGE_ORDER.index("prospect")


def days_since_activity(deals: Deals, as_of: dt.date) -> np.ndarray:
    """D − coalesce(last_activity_date, created_date) in days; NaN when both are missing."""
    p = prepare_deals(deals)

    def compute() -> np.ndarray:
        last = p.days("last_activity_date")
        return day_number(as_of) - np.where(np.isnan(last), p.days("created_date"), last)

    return p.memo(("days_since_activity", as_of), compute)


def days_since_creation(deals: Deals, as_of: dt.date) -> np.ndarray:
    """D − created_date in days (deal age); NaN when unknown."""
    p = prepare_deals(deals)
    return p.memo(
        ("days_since_creation", as_of), lambda: day_number(as_of) - p.days("created_date")
    )


def days_until_close(deals: Deals, as_of: dt.date) -> np.ndarray:
    """expected_close_date − D in days (negative when overdue; NaN when unknown)."""
    p = prepare_deals(deals)
    return p.memo(
        ("days_until_close", as_of),
        lambda: p.days("expected_close_date") - day_number(as_of),
    )


def overdue_mask(deals: Deals, as_of: dt.date) -> np.ndarray:
    """docs/definitions.md overdue_deals: open deals with expected_close_date < D."""
    p = prepare_deals(deals)
    return p.memo(
        ("overdue", as_of), lambda: p.is_open & (p.days("expected_close_date") < day_number(as_of))
    )


def cold_mask(
    deals: Deals, as_of: dt.date, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> np.ndarray:
    """cold_deals: open, D − coalesce(last_activity, created) > cold_days (strictly)."""
    p = prepare_deals(deals)
    return p.is_open & (days_since_activity(p, as_of) > thresholds.cold_days)


def no_activity_data_mask(deals: Deals) -> np.ndarray:
    """Open deals with neither last_activity_date nor created_date (reported, never cold)."""
    p = prepare_deals(deals)
    return p.is_open & np.isnan(p.days("last_activity_date")) & np.isnan(p.days("created_date"))


def untreated_mask(
    deals: Deals, as_of: dt.date, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> np.ndarray:
    """untreated_leads: open prospect, created_date < D − untreated_days, and
    last_activity_date empty or <= created_date."""
    p = prepare_deals(deals)
    created = p.days("created_date")
    last = p.days("last_activity_date")
    limit = day_number(as_of) - thresholds.untreated_days
    return (
        p.is_open
        & (p.stage_code == _PROSPECT)
        & (created < limit)  # NaN compares False: an unknown creation date is not "old"
        & (np.isnan(last) | (last <= created))
    )


def closing_within_mask(deals: Deals, as_of: dt.date, days: int) -> np.ndarray:
    """Open deals with D <= expected_close_date <= D + days (forecast windows, quick wins)."""
    p = prepare_deals(deals)

    def compute() -> np.ndarray:
        close = p.days("expected_close_date")  # NaN (unknown) fails both tests
        start = day_number(as_of)
        return p.is_open & (close >= start) & (close <= start + days)

    return p.memo(("closing_within", as_of, days), compute)
