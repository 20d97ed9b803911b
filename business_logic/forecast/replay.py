"""Replay the model at weekly past dates: the raw material of the backtest and of the band.

One pass over the dates serves every horizon: at each date t the history known at t is
learned once (arrays.state_at, layers.learn) and the three windows are computed from it.
Histories of more than REPLAY_MAX_DEALS deals are replayed on one deal in k (a systematic
sample) and every value is scaled by k: an unbiased estimate whose sampling noise is small
next to the window-to-window swings it measures, and which keeps a 1M-deal replay to
seconds (the band only needs the ratios realised / expected).
The realised value of a window (t, t + N] is read from the export (won deals closed in it);
the two baselines of docs/forecast.md are computed alongside: the simple forecast of
docs/definitions.md on what was known at t, and the run-rate (won value in [t − N, t)).
Each window also keeps the part of its expected and realised values due to large deals
(lumps.py, the threshold known at t), which the band's ratios leave out; a sampled replay
sets none apart (one deal weighs nothing among the thousands of such a history).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np

from business_logic.forecast.arrays import DealArrays, every_kth, state_at
from business_logic.forecast.layers import LayerRaw, RawForecast, learn, raw_forecast

STEP_DAYS: Final = 7
MAX_WINDOWS: Final = 52  # one year of weekly dates
MIN_CLOSED_DEALS: Final = 30
REPLAY_MAX_DEALS: Final = 20_000


@dataclass(frozen=True)
class ReplayWindow:
    t: float
    raw: RawForecast
    realised: float
    simple_expected: float
    run_rate: float
    large_realised: float = 0.0  # won value of the large deals signed in the window

    @property
    def rest_expected(self) -> float:
        """Expected value without the large deals (the band's ratios, calibration.py)."""
        return self.raw.expected - self.raw.lumps.expected

    @property
    def rest_realised(self) -> float:
        return self.realised - self.large_realised


def won_between(a: DealArrays, start: float, end: float, *, include_start: bool,
                above: float = -np.inf) -> float:
    """Won value with closed date in (start, end] (or [start, end)), deals worth > above."""
    lower = a.closed >= start if include_start else a.closed > start
    inside = a.won & lower & (a.closed <= end if not include_start else a.closed < end)
    amounts = np.nan_to_num(a.amount[inside])
    return float(amounts[amounts > above].sum())


def simple_at(a: DealArrays, t: float, opened: np.ndarray, reopened: np.ndarray, days: int):
    """metrics.md's forecast on what was known at t (reopened deals have no date at t)."""
    dated = opened & ~reopened & (a.expected >= t) & (a.expected <= t + days)
    return float(np.nan_to_num(a.amount[dated]) @ a.probability[dated])


def replay(a: DealArrays, end: float, horizons: Sequence[int]) -> dict[int, list[ReplayWindow]]:
    """Windows (t, t + N] with t = end − 7k (k >= 1) and t + N <= end, oldest first, from
    the first date with at least MIN_CLOSED_DEALS closed deals (the calibrated method)."""
    out: dict[int, list[ReplayWindow]] = {days: [] for days in horizons}
    sample = -(-len(a.created) // REPLAY_MAX_DEALS)  # one deal in `sample` is replayed
    if sample > 1:
        a = every_kth(a, sample)
    for weeks in range(MAX_WINDOWS + max(horizons) // STEP_DAYS + 1, 0, -1):
        t = end - STEP_DAYS * weeks
        wanted = [days for days in horizons if t + days <= end]
        if not wanted:
            continue
        s = state_at(a, t)
        learned = learn(a, s, lumpy=sample == 1)
        if learned.closed_deals < MIN_CLOSED_DEALS:
            continue
        for days in wanted:
            raw = raw_forecast(a, s, learned, days)
            k = sample
            if k > 1:
                raw = RawForecast(days, {name: LayerRaw(layer.expected * k, layer.variance * k,
                                                        layer.deals * k)
                                         for name, layer in raw.layers.items()})
            out[days].append(
                ReplayWindow(
                    t=t,
                    raw=raw,
                    realised=k * won_between(a, t, t + days, include_start=False),
                    simple_expected=k * simple_at(a, t, s.open, s.reopened, days),
                    run_rate=k * won_between(a, t - days, t, include_start=True),
                    large_realised=won_between(a, t, t + days, include_start=False,
                                               above=learned.large_from)
                    if np.isfinite(learned.large_from) else 0.0,
                )
            )
    return {days: windows[-MAX_WINDOWS:] for days, windows in out.items()}
