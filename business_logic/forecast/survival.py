"""Time to close learned with censoring: Kaplan–Meier with two outcomes (won, lost).

Deals closed by t give their time to close (closed − created, in days) and outcome; deals
still open at t are censored at their age: they say "not closed after this many days",
which a plain average over closed deals would ignore (it would favour fast deals). The
discrete hazards per day of age are h_won(d) = won at d / at risk at d (and h_lost), with
at risk = deals whose time to close or age is >= d. Then

    S(d) = Π_{u<=d} (1 − h_won(u) − h_lost(u))       still open after d days
    W(d) = Σ_{u<=d} S(u − 1) · h_won(u)              won within d days (cumulative incidence)

(the Aalen–Johansen estimator for competing outcomes). A deal open at age a is won within
the next N days with probability (W(a + N) − W(a)) / S(a). Beyond the oldest age observed
the curves stay flat: such a deal adds nothing (nothing in the history closes that late).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

MAX_AGE_DAYS: Final = 3650  # ages beyond ten years are read as ten years


@dataclass(frozen=True)
class CloseCurves:
    """S, W and F (= closed within d days, won or lost) on days 0..len−1."""

    survival: np.ndarray
    won: np.ndarray
    closed: np.ndarray
    events: int  # closed deals the curves were learned from

    def _at(self, curve: np.ndarray, days: np.ndarray) -> np.ndarray:
        return curve[_index(days, len(curve))]

    def still_open(self, age: np.ndarray) -> np.ndarray:
        return self._at(self.survival, age)

    def won_within(self, days: np.ndarray) -> np.ndarray:
        return self._at(self.won, days)

    def won_in_next(self, age: np.ndarray, horizon: int) -> np.ndarray:
        """P(won within the next `horizon` days | open at `age`)."""
        return _conditional(self, self.won, age, horizon)

    def closed_in_next(self, age: np.ndarray, horizon: int) -> np.ndarray:
        """P(closed, won or lost, within the next `horizon` days | open at `age`)."""
        return _conditional(self, self.closed, age, horizon)

    def won_eventually(self, age: np.ndarray) -> np.ndarray:
        """P(won some day | open at `age`): the learned rate by age of a deal of unknown stage."""
        return _conditional(self, self.won, age, len(self.won))


def _index(days: np.ndarray, size: int) -> np.ndarray:
    """Day numbers as indexes into a curve of `size` days: NaN → 0, clipped to the curve."""
    days = np.asarray(days, dtype="float64")
    return np.clip(np.where(np.isnan(days), 0.0, days), 0, size - 1).astype(np.int64)


def _conditional(curves: CloseCurves, curve: np.ndarray, age: np.ndarray, horizon: int):
    age = np.asarray(age, dtype="float64")
    age = np.where(np.isnan(age), 0.0, age)
    now = _index(age, len(curve))  # one index for the two curves read at the age
    before = curve[now]
    alive = curves.survival[now]
    gained = curve[_index(age + horizon, len(curve))] - before
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(alive > 1e-12, gained / alive, 0.0)
    return np.clip(share, 0.0, 1.0)


def close_curves(
    durations: np.ndarray, won: np.ndarray, lost: np.ndarray, censored_ages: np.ndarray
) -> CloseCurves:
    """Curves from closed deals (`durations` with outcome flags) and open deals' ages."""
    durations = np.clip(np.asarray(durations, dtype="float64"), 0, MAX_AGE_DAYS).astype(np.int64)
    censored = np.clip(np.asarray(censored_ages, dtype="float64"), 0, MAX_AGE_DAYS)
    censored = censored.astype(np.int64)
    size = int(max(durations.max(initial=0), censored.max(initial=0))) + 2
    won_events = np.bincount(durations[won], minlength=size)[:size].astype("float64")
    lost_events = np.bincount(durations[lost], minlength=size)[:size].astype("float64")
    leaving = np.bincount(durations, minlength=size) + np.bincount(censored, minlength=size)
    # at risk at d = deals whose duration or age is >= d
    at_risk = np.cumsum(leaving[::-1])[::-1].astype("float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        h_won = np.where(at_risk > 0, won_events / at_risk, 0.0)
        h_lost = np.where(at_risk > 0, lost_events / at_risk, 0.0)
    survival = np.cumprod(np.clip(1.0 - h_won - h_lost, 0.0, 1.0))
    before = np.concatenate([[1.0], survival[:-1]])
    won_curve = np.cumsum(before * h_won)
    closed_curve = 1.0 - survival
    return CloseCurves(survival, won_curve, closed_curve, events=int(won.sum() + lost.sum()))
