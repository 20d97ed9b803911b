"""The three layers of the forecast at one date, before the band is calibrated.

For a reference day t and a window of N days (won value of deals closing in (t, t + N]):

1. ``in_window`` — open deals whose expected close date is in [t, t + N] (as metrics.md):
   amount × stage probability × the share of past deals that closed no later than that
   date allows (how far close dates slip, learned from closed deals whose expected and
   actual dates differ; without such evidence, no slip).
2. ``late`` — overdue deals and deals without a close date (including, in a
   reconstruction, deals whose later close is not known at t): amount × P(won and closed
   within N days | open at its age), from the Kaplan–Meier curves (survival.py). A deal
   with a known stage uses its stage probability × P(closed within N days | age).
3. ``new_business`` — deals not created yet: creation rate of the last 90 days × mean won
   amount × Σ_{s=1..N} W(N − s) (created on day t + s, won within N − s days).

`Learned.cycle_days` (0 except in a what-if, tuning.py) delays every close: ages are read
that many days younger and new deals need that many days more.

An open deal without an amount counts at the mean won amount (an unknown amount is not
zero). Variances (for the model band): Σ v² P (1 − P) for layers 1–2 (independent deals),
λ · E[v²] · Σ W for layer 3 (compound Poisson).

Each layer also lists its large deals (lumps.py: value > LARGE_DEAL_FACTOR × the median won
amount known at t), counted in its expected value as any other and kept apart for the
band: open ones with their chance, and in layer 3 the share of new wins that are large.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from business_logic.forecast.arrays import DealArrays, StateAt
from business_logic.forecast.lumps import LARGE_DEAL_FACTOR, NO_LUMPS, Lumps, combine
from business_logic.forecast.survival import CloseCurves, close_curves

LAYERS: Final[tuple[str, ...]] = ("in_window", "late", "new_business")
CREATION_RATE_DAYS: Final = 90
WON_VALUE_DAYS: Final = 365
MIN_SLIP_EVIDENCE: Final = 30
MIN_LARGE_EVIDENCE: Final = 5  # wins needed to say what a usual won amount is


@dataclass(frozen=True)
class Learned:
    """What the history known at t teaches (only deals closed by t)."""

    curves: CloseCurves
    closed_deals: int  # closed by t with both dates (the evidence of the curves)
    won_value: float  # mean won amount (recent year)
    won_value_square: float  # mean squared won amount
    creation_rate: float  # deals created per day, last 90 days
    slip: np.ndarray | None  # sorted closed − expected (days), None = no evidence
    cycle_days: float = 0.0  # what-if only (tuning.py): every close that many days later
    large_from: float = np.inf  # a deal worth more is large (lumps.py); inf = none
    large_share: float = 0.0  # share of the wins (same ones as won_value) that are large
    large_value: float = 0.0  # their mean amount


def learn(a: DealArrays, s: StateAt, *, lumpy: bool = True) -> Learned:
    """What the deals closed by `s.t` teach. `lumpy` False: no deal is set apart as large
    (histories replayed on a sample, replay.py, where one deal weighs nothing)."""
    timed = s.closed & ~np.isnan(a.created) & ~np.isnan(a.closed)
    durations = a.closed[timed] - a.created[timed]
    open_aged = s.open & ~np.isnan(s.age)
    curves = close_curves(durations, a.won[timed], a.lost[timed], s.age[open_aged])
    won = s.closed & a.won & (a.amount > 0)
    recent = won & (a.closed > s.t - WON_VALUE_DAYS)
    values = a.amount[recent if recent.sum() >= 10 else won]
    won_value = float(values.mean()) if len(values) else 0.0
    won_value_square = float((values**2).mean()) if len(values) else 0.0
    created_recently = s.known & (a.created > s.t - CREATION_RATE_DAYS)
    slip_known = s.closed & ~np.isnan(a.expected) & ~np.isnan(a.closed)
    slip = a.closed[slip_known] - a.expected[slip_known]
    slip = np.sort(slip[:: max(1, len(slip) // 20_000)])  # a CDF needs no more points
    if len(slip) < MIN_SLIP_EVIDENCE or not slip.any():
        slip = None
    large_from, large_share, large_value = np.inf, 0.0, 0.0
    if lumpy and len(values) >= MIN_LARGE_EVIDENCE:
        large_from = LARGE_DEAL_FACTOR * float(np.median(values))
        large = values > large_from
        large_share = float(large.mean())
        large_value = float(values[large].mean()) if large.any() else 0.0
    return Learned(
        curves=curves,
        closed_deals=int(timed.sum()),
        won_value=won_value,
        won_value_square=won_value_square,
        creation_rate=float(created_recently.sum()) / CREATION_RATE_DAYS,
        slip=slip,
        large_from=large_from,
        large_share=large_share,
        large_value=large_value,
    )


@dataclass(frozen=True)
class LayerRaw:
    expected: float  # large deals included
    variance: float
    deals: int
    lumps: Lumps = NO_LUMPS  # its large deals (part of `expected`), for the band


@dataclass(frozen=True)
class RawForecast:
    """Model layers of one window (expected and independent-deals variance)."""

    days: int
    layers: dict[str, LayerRaw]

    @property
    def expected(self) -> float:
        return sum(layer.expected for layer in self.layers.values())

    @property
    def variance(self) -> float:
        return sum(layer.variance for layer in self.layers.values())

    @property
    def lumps(self) -> Lumps:
        return combine([layer.lumps for layer in self.layers.values()])


def open_values(a: DealArrays, s: StateAt, learned: Learned, index: np.ndarray) -> np.ndarray:
    """Value if won of the open deals at `index`: the amount, the mean won amount when
    unknown. A deal lost after t with amount 0 is unknown at t (exports zero the amount of
    lost deals)."""
    amount = a.amount[index]
    hidden = s.reopened[index] & a.lost[index] & (amount == 0)
    amount = np.where(hidden, np.nan, amount)
    return np.where(np.isnan(amount), learned.won_value, amount)


def _slip_share(learned: Learned, days_left: np.ndarray) -> np.ndarray:
    """Share of past deals whose close came at most `days_left` days after the date."""
    if learned.slip is None:
        return np.ones_like(days_left)
    index = np.searchsorted(learned.slip, days_left, side="right")
    return index / len(learned.slip)


def _layer(values: np.ndarray, chances: np.ndarray, large_from: float) -> LayerRaw:
    lumps = NO_LUMPS
    if np.isfinite(large_from):
        large = values > large_from
        lumps = Lumps(values[large], chances[large]) if large.any() else NO_LUMPS
    return LayerRaw(
        expected=float(values @ chances),
        variance=float((values**2) @ (chances * (1.0 - chances))),
        deals=int((chances > 0).sum()),
        lumps=lumps,
    )


def raw_forecast(a: DealArrays, s: StateAt, learned: Learned, days: int) -> RawForecast:
    """The three layers for the window (t, t + days] (see module docstring)."""
    t = s.t
    opened = np.flatnonzero(s.open)  # only open deals are read below (speed at 1M deals)
    reopened = s.reopened[opened]
    expected = np.where(reopened, np.nan, a.expected[opened])  # the export's date: its close
    stage_p = np.where(reopened, np.nan, a.stage_probability[opened])
    ages = s.age[opened] - learned.cycle_days  # a longer cycle reads a deal as younger

    dated = (expected >= t) & (expected <= t + days)
    dated_p = stage_p[dated]
    win_chance = np.where(
        np.isnan(dated_p), learned.curves.won_eventually(ages[dated]), dated_p
    )
    in_window = win_chance * _slip_share(learned, t + days - expected[dated])

    late = ~(expected >= t)  # overdue or without a date
    age = ages[late]
    known = ~np.isnan(stage_p[late])
    chance_late = np.where(
        known,
        np.nan_to_num(stage_p[late]) * learned.curves.closed_in_next(age, days),
        learned.curves.won_in_next(age, days),
    )

    horizon = np.arange(days - 1, -1, -1, dtype="float64") - learned.cycle_days  # N − s
    won_share = float(learned.curves.won_within(horizon[horizon >= 0]).sum())
    new_count = learned.creation_rate * won_share
    new_lumps = NO_LUMPS
    if learned.large_share > 0:
        new_lumps = Lumps(new_rate=new_count * learned.large_share,
                          new_value=learned.large_value)
    new_layer = LayerRaw(
        expected=new_count * learned.won_value,
        variance=new_count * learned.won_value_square,
        deals=int(round(learned.creation_rate * days)),
        lumps=new_lumps,
    )
    return RawForecast(
        days=days,
        layers={
            "in_window": _layer(open_values(a, s, learned, opened[dated]), in_window,
                                learned.large_from),
            "late": _layer(open_values(a, s, learned, opened[late]), chance_late,
                           learned.large_from),
            "new_business": new_layer,
        },
    )
