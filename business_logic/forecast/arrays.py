"""The deal columns the forecast needs, as numpy arrays, and the state of each deal at a date.

The calibrated forecast, its backtest and `rewind` all ask the same question: what was
known at date t? A deal is known at t when it was created by t (or has no creation date but
is not proven to come later); it is closed at t only if its closed_date is <= t. A deal closed
after t was open at t, and what the export says about it (stage label, expected close date
= the CRM's close date, amount 0 on a lost deal) tells its future, so none of it is used
(docs/forecast.md, "Pas de regard vers l'avenir").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from business_logic.metrics._common import day_number
from business_logic.metrics.prepared import Deals, prepare_deals
from business_logic.stages import OPEN_STAGES, STAGE_ORDER

_OPEN_STAGE_CODES = np.array([STAGE_ORDER.index(s) for s in OPEN_STAGES])


@dataclass(frozen=True)
class DealArrays:
    """Aligned float64 day numbers (days since 1970-01-01, NaN = missing) and flags."""

    created: np.ndarray
    closed: np.ndarray  # closed_date of won/lost deals, NaN otherwise
    expected: np.ndarray  # expected_close_date
    won: np.ndarray  # final status won
    lost: np.ndarray  # final status lost
    amount: np.ndarray  # NaN when missing
    stage_probability: np.ndarray  # open deals with a known stage or explicit probability
    probability: np.ndarray  # effective probability, missing = 0 (the simple forecast's)

    @cached_property
    def closed_status(self) -> np.ndarray:
        return self.won | self.lost

    @cached_property
    def last_day(self) -> float:
        """The last date the export knows of (latest created or closed date)."""
        values = np.concatenate([self.created, self.closed])
        values = values[~np.isnan(values)]
        return float(values.max()) if len(values) else float("nan")

    @cached_property
    def has_dates(self) -> bool:
        """Creation and close dates are both present somewhere (needed to learn timing)."""
        return bool((~np.isnan(self.created) & ~np.isnan(self.closed)).any())


def every_kth(a: DealArrays, k: int) -> DealArrays:
    """One deal in k (a systematic sample): the replay of very large histories."""
    fields = ("created", "closed", "expected", "won", "lost", "amount", "stage_probability",
              "probability")
    return DealArrays(**{name: getattr(a, name)[::k].copy() for name in fields})


def deal_arrays(deals: Deals) -> DealArrays:
    """The arrays of a canonical frame (or PreparedDeals), built once per frame."""
    p = prepare_deals(deals)

    def build() -> DealArrays:
        closed_status = p.is_won | p.is_lost
        known_stage = np.isin(p.stage_code, _OPEN_STAGE_CODES) | p.frame[
            "probability_explicit"
        ].to_numpy(dtype=bool)
        stage_probability = np.where(p.is_open & known_stage, p.probability, np.nan)
        return DealArrays(
            created=p.days("created_date"),
            closed=np.where(closed_status, p.days("closed_date"), np.nan),
            expected=p.days("expected_close_date"),
            won=p.is_won,
            lost=p.is_lost,
            amount=p.amount,
            stage_probability=stage_probability,
            probability=p.probability0,
        )

    return p.memo("forecast_arrays", build)


@dataclass(frozen=True)
class StateAt:
    """What was known at day `t` (see module docstring). Masks are over all deals."""

    t: float
    known: np.ndarray  # existed at t
    closed: np.ndarray  # known and closed by t (won or lost, date <= t or no date)
    open: np.ndarray  # known and open at t
    reopened: np.ndarray  # open at t but closed later in the export
    age: np.ndarray  # t − created for known deals (NaN when unknown)


def state_at(a: DealArrays, t: float) -> StateAt:
    """The deals as they stood at day `t`: created after t → absent; closed after t → open."""
    created_by_t = a.created <= t
    no_created = np.isnan(a.created)
    closed_by_t = a.closed_status & ~(a.closed > t)  # closed with date <= t, or without date
    # A deal without creation date is known at t when it closed by t, or when it is still
    # open in the export and t is its last day (nothing proves it existed earlier).
    undated_open_now = no_created & ~a.closed_status & (t >= a.last_day)
    known = created_by_t | (no_created & closed_by_t & ~np.isnan(a.closed)) | undated_open_now
    closed = known & closed_by_t
    opened = known & ~closed
    reopened = opened & a.closed_status
    age = np.where(known, t - a.created, np.nan)
    return StateAt(t=t, known=known, closed=closed, open=opened, reopened=reopened, age=age)


def as_day(as_of: dt.date) -> float:
    return day_number(as_of)
