"""Backtest of the calibrated forecast and `rewind` (docs/forecast.md, "Backtest").

Single-export reconstruction: at each weekly date t the forecast is made from what was known
at t (arrays.state_at: created after t → absent, closed after t → open with unknown stage,
no expected date, and an amount 0 of a lost deal unknown); realised = Σ amount of the deals
won with closed_date in (t, t + N]. The band of window t is calibrated only on the windows
that had ended by t, so every window is scored as it would have been shown at t. Scores are
over the windows whose band was checked (>= 8 earlier windows), or over all of them while
there are none: coverage of [P10, P90], MAPE of the expected value, and the same MAPE for
the simple forecast and the run-rate (won value in [t − N, t)). Windows with nothing
realised are kept in the list but left out of the MAPEs (a percentage of zero).
The stored-snapshot variant (two imports >= N days apart) is in snapshot_backtest.py; both
end in `summarise`, and `Backtest.source` says which one was used.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from business_logic.forecast.arrays import as_day, deal_arrays, state_at
from business_logic.forecast.engine import DEFAULT_WINDOWS, band_for
from business_logic.forecast.layers import learn
from business_logic.forecast.replay import MIN_CLOSED_DEALS, replay
from business_logic.metrics.prepared import Deals, prepare_deals

_EPOCH = dt.date(1970, 1, 1)


def day_to_date(day: float) -> dt.date:
    return _EPOCH + dt.timedelta(days=int(day))


@dataclass(frozen=True)
class BacktestWindow:
    as_of: dt.date
    expected: float
    p10: float
    p90: float
    realised: float
    simple_expected: float
    run_rate: float
    band_checked: bool

    @property
    def covered(self) -> bool:
        return self.p10 <= self.realised <= self.p90

    def to_dict(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(), "expected": self.expected, "p10": self.p10,
                "p90": self.p90, "realised": self.realised,
                "simple_expected": self.simple_expected, "run_rate": self.run_rate,
                "band_checked": self.band_checked}


@dataclass(frozen=True)
class Backtest:
    horizon: int
    method: str  # "calibrated", or "simple" when the history is too short to replay
    windows: tuple[BacktestWindow, ...]
    scored: int  # windows the scores are computed on
    coverage: float | None
    mape: float | None
    mape_simple: float | None
    mape_run_rate: float | None
    source: str = "export"  # "export" (single-export reconstruction) or "snapshots"

    def to_dict(self) -> dict[str, Any]:
        return {"horizon": self.horizon, "method": self.method, "source": self.source,
                "windows": [w.to_dict() for w in self.windows], "scored_windows": self.scored,
                "coverage": self.coverage, "mape": self.mape, "mape_simple": self.mape_simple,
                "mape_run_rate": self.mape_run_rate}


def _mape(predicted: np.ndarray, realised: np.ndarray) -> float | None:
    usable = realised > 0
    if not usable.any():
        return None
    return float(np.mean(np.abs(predicted[usable] - realised[usable]) / realised[usable]))


def summarise(days: int, method: str, windows: list[BacktestWindow],
              source: str = "export") -> Backtest:
    """The scores of the module docstring over `windows` (oldest first)."""
    scored = [w for w in windows if w.band_checked] or windows

    def column(name: str) -> np.ndarray:
        return np.array([getattr(w, name) for w in scored], dtype="float64")

    realised = column("realised")
    return Backtest(
        horizon=days,
        method=method,
        windows=tuple(windows),
        scored=len(scored),
        coverage=float(np.mean([w.covered for w in scored])) if scored else None,
        mape=_mape(column("expected"), realised) if scored else None,
        mape_simple=_mape(column("simple_expected"), realised) if scored else None,
        mape_run_rate=_mape(column("run_rate"), realised) if scored else None,
        source=source,
    )


def backtest(
    deals: Deals, as_of: dt.date | None = None, horizons: tuple[int, ...] = (30, 60, 90)
) -> dict[int, Backtest]:
    """Weekly windows ending by `as_of` (default: the export's last date), per horizon."""
    p = prepare_deals(deals)
    a = deal_arrays(p)
    end = as_day(as_of) if as_of is not None else a.last_day
    if np.isnan(end) or not a.has_dates:
        return {days: Backtest(days, "simple", (), 0, None, None, None, None)
                for days in horizons}
    every = tuple(sorted({*DEFAULT_WINDOWS, *horizons}))  # one replay serves every horizon
    replayed = p.memo(("forecast_replay", end, every), lambda: replay(a, end, every))
    out = {}
    for days in horizons:
        windows = []
        for w in replayed[days]:
            band = band_for(replayed[days], w.t, days)
            expected, p10, p90 = band.apply(w.raw.expected, w.raw.variance, w.raw.lumps)
            windows.append(BacktestWindow(day_to_date(w.t), expected, p10, p90, w.realised,
                                          w.simple_expected, w.run_rate, band.checked))
        out[days] = summarise(days, "calibrated" if windows else "simple", windows)
    return out


def rewind(deals: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """The export as it stood at `as_of` (docs/forecast.md, single-export reconstruction).

    Created after `as_of` → absent; closed after it → open, stage unknown, no expected or
    closed date, no lost reason, amount 0 of a lost deal unknown, activity after the date
    dropped, probability = the rate by age learned from the deals closed by then (the share
    of deals open at that age that were eventually won, Kaplan–Meier).
    """
    p = prepare_deals(deals)
    a = deal_arrays(p)
    s = state_at(a, as_day(as_of))
    frame = p.frame
    reopened = s.reopened[s.known]
    out = frame.loc[s.known].reset_index(drop=True).copy()
    learned = learn(a, s)
    rate = learned.curves.won_eventually(s.age[s.known][reopened])
    if learned.closed_deals < MIN_CLOSED_DEALS:
        closed = s.closed & (a.won | a.lost)
        rate = np.full(int(reopened.sum()), a.won[closed].mean() if closed.any() else np.nan)
    for column in ("stage", "stage_label", "stage_reached", "lost_reason"):
        out.loc[reopened, column] = np.nan
    out.loc[reopened, "status"] = "open"
    out.loc[reopened, ["expected_close_date", "closed_date"]] = pd.NaT
    out.loc[reopened, "probability"] = rate
    out.loc[reopened, "probability_explicit"] = False
    lost_zero = reopened & (out["amount"] == 0).to_numpy() & s.reopened[s.known] & a.lost[s.known]
    out.loc[lost_zero, "amount"] = np.nan
    late_activity = out["last_activity_date"] > pd.Timestamp(as_of)
    out.loc[late_activity, "last_activity_date"] = pd.NaT
    return out
