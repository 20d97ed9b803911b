"""The law of the won value X in (D, D + N], consistent with the forecast's expected/P10/P90.

The probability of reaching a target (docs/objectifs.md) is P(won to date + X >= target).
X follows the forecast actually shown (business_logic.forecast.calibrated_forecast), so
that the probability agrees with its band:

- ``independent`` — the simple forecast (method "simple"): X = Σ amount × Bernoulli(p) over
  the open deals whose expected close date is in the window, deals independent (the model
  of docs/definitions.md). P(X >= x) is exact (enumeration of the distinct sums, amounts
  in cents) while the law has at most 65,536 distinct sums; beyond, the TOP_EXACT deals of
  largest variance are enumerated and the rest is a normal law of the same mean and
  variance (as revenue_distribution's percentiles).
- ``ratios`` — calibrated forecast with a checked band: the law the band was read from
  (business_logic.forecast.lumps.won_law, attached to the forecast's window): X = r ×
  the expected value without large deals, r drawn from the past ratios of the replayed
  windows widened as the band is for few windows, plus the large deals won one by one.
  `ratios` holds its values ÷ expected and `positions` their cumulative probabilities;
  the CDF is linear in between, the very interpolation of the P10/P90, so P(X >= P10) =
  0.9 and P(X >= P90) = 0.1 when the band is not clamped.
- ``normal`` — calibrated forecast whose band is not checked yet (model band): a normal
  law of mean expected and standard deviation (P90 − expected) / 1.2816, X >= 0.
- ``none`` — no day left: X = 0.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from business_logic.forecast import calibrated_forecast
from business_logic.forecast.calibration import Z_80
from business_logic.metrics.conditions import closing_within_mask
from business_logic.metrics.prepared import Deals, prepare_deals
from business_logic.metrics.revenue_distribution import (
    EXACT_MAX_SUPPORT,
    TOP_EXACT,
    _exact_support,
    _normal_cdf,
)

Shape = Literal["none", "independent", "ratios", "normal"]


def _empty() -> np.ndarray:
    return np.zeros(0)


@dataclass(frozen=True, eq=False)
class WonDistribution:
    """X, the won value of deals closing in (D, D + days] (module docstring)."""

    days: int
    method: str  # the forecast's: "calibrated" | "simple" | "none"
    expected: float
    p10: float
    p90: float
    shape: Shape
    amounts: np.ndarray = field(default_factory=_empty, repr=False)  # independent
    probabilities: np.ndarray = field(default_factory=_empty, repr=False)  # independent
    ratios: np.ndarray = field(default_factory=_empty, repr=False)  # sorted, ratios
    positions: np.ndarray | None = field(default=None, repr=False)  # their CDF (None: even)

    def probability_at_least(self, x: float) -> float:
        """P(X >= x)."""
        if x <= 0:
            return 1.0
        if self.shape == "independent":
            return independent_at_least(self.amounts, self.probabilities, x)
        if self.shape == "ratios":
            if self.expected <= 0:
                return 0.0
            return _ratios_at_least(self.ratios, x / self.expected, self.positions)
        if self.shape == "normal":
            sd = (self.p90 - self.expected) / Z_80
            if sd <= 0:
                return 1.0 if self.expected >= x else 0.0
            return 0.5 * math.erfc((x - self.expected) / (sd * math.sqrt(2.0)))
        return 0.0


def _ratios_at_least(ratios: np.ndarray, r: float, positions: np.ndarray | None = None) -> float:
    """1 − F(r), F linear between the sorted ratios r_i placed at `positions` (default
    i / (n − 1))."""
    n = len(ratios)
    i = int(np.searchsorted(ratios, r, side="right")) - 1  # last r_i <= r
    if i < 0:
        return 1.0
    if i >= n - 1:
        return 0.0
    at = positions if positions is not None else np.arange(n) / (n - 1)
    low, high = float(ratios[i]), float(ratios[i + 1])
    return 1.0 - float(at[i] + (r - low) / (high - low) * (at[i + 1] - at[i]))


def independent_at_least(amounts: np.ndarray, probabilities: np.ndarray, x: float) -> float:
    """P(Σ amount_i × Bernoulli(p_i) >= x), deals independent (module docstring)."""
    amount = np.nan_to_num(np.asarray(amounts, dtype="float64"), nan=0.0)
    prob = np.clip(np.nan_to_num(np.asarray(probabilities, dtype="float64"), nan=0.0), 0, 1)
    need = x - float(amount[prob >= 1.0].sum())
    uncertain = (amount > 0) & (prob > 0) & (prob < 1)
    a, p = amount[uncertain], prob[uncertain]
    if need <= 0:
        return 1.0
    if float(a.sum()) < need:
        return 0.0
    cents = np.round(a * 100).astype(np.int64)
    need_cents = math.ceil(round(need * 100, 6))
    law = _exact_support(cents, p, EXACT_MAX_SUPPORT)
    if law is not None:
        values, weights = law
        return float(min(1.0, weights[values >= need_cents].sum()))
    variance = a * a * p * (1 - p)
    top = np.argsort(-variance, kind="stable")[:TOP_EXACT]
    rest = np.ones(a.size, dtype=bool)
    rest[top] = False
    law = _exact_support(cents[top], p[top], 1 << TOP_EXACT)
    assert law is not None  # 2**TOP_EXACT sums at most
    support, weights = law[0] / 100.0 + float((a[rest] * p[rest]).sum()), law[1]
    sd = float(np.sqrt(variance[rest].sum()))
    if sd == 0.0:
        return float(weights[support >= need].sum())
    below = _normal_cdf((need - support) / sd)
    return float(np.clip(weights @ (1.0 - below), 0.0, 1.0))


def forecast_distributions(
    deals: Deals, as_of: dt.date, windows: Iterable[int]
) -> dict[int, WonDistribution]:
    """The law of X for each window length (days; <= 0 means no day left)."""
    p = prepare_deals(deals)
    wanted = sorted({int(days) for days in windows})
    positive = tuple(days for days in wanted if days > 0)
    out = {days: WonDistribution(days, "none", 0.0, 0.0, 0.0, "none") for days in wanted
           if days <= 0}
    if not positive:
        return out
    result = calibrated_forecast(p, as_of, positive)
    for days in positive:
        w = result[days]
        base = dict(days=days, method=w.method, expected=w.expected, p10=w.p10, p90=w.p90)
        if w.method == "simple":
            index = np.flatnonzero(closing_within_mask(p, as_of, days))
            out[days] = WonDistribution(**base, shape="independent", amounts=p.amount0[index],
                                        probabilities=p.probability0[index])
        elif w.band_checked and w.law is not None and w.expected > 0:
            values, cdf = w.law  # the law the band was read from (forecast.lumps)
            out[days] = WonDistribution(**base, shape="ratios", ratios=values / w.expected,
                                        positions=cdf)
        else:
            out[days] = WonDistribution(**base, shape="normal")
    return out
