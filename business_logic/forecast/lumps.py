"""Large deals counted one by one in the band (docs/forecast.md, « Les grosses affaires »).

A deal worth many times the usual won amount moves a month's total on its own. Read as a
ratio realised / expected, one such win makes the ratios of the few windows it falls in
~5, and they stay in the band's past: every later band is far too wide (and a window with
a large deal open but the past free of them, too narrow). So the band separates them:

- a deal is *large* when its value exceeds LARGE_DEAL_FACTOR × the median won amount known
  at the date (layers.learn: the same wins as the mean won amount, nothing closed later);
- the past ratios are learned on the rest only (replay.py: expected and realised without
  the large deals of each window, the threshold of that window's date);
- the forecast's law is then X = r · E_rest + Σ v_i · B_i + v_new · N: r drawn from the
  past ratios (the month's « climate »: good months lift every deal), each large open deal
  won with its own chance times r (B_i Bernoulli, capped at 1), and the large deals not yet
  created as a Poisson count N of mean r · λ at their mean value. The expected value is
  unchanged (E[r] is not applied to it: calibration.py).

`won_law` returns that law as sorted values with their cumulative probabilities, linear in
between: the band's P10/P90 and the planning law (business_logic.planning.distribution)
read the same arrays. Without large deals it is exactly r · E (np.quantile's positions).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Final

import numpy as np

LARGE_DEAL_FACTOR: Final = 8.0  # × the median won amount: measured on the demo, see docs
CLIMATE_POINTS: Final = 64  # r is read at this many quantiles when large deals are present
MAX_SUPPORT: Final = 512  # distinct sums of large deals enumerated (the rest: expected)
MAX_NEW_LUMPS: Final = 4.0  # more large new deals expected than this: no longer lumpy


def _empty() -> np.ndarray:
    return np.zeros(0)


@dataclass(frozen=True, eq=False)
class Lumps:
    """The large deals of a window: open ones (value if won, chance) and the Poisson mean
    `new_rate` of large deals not created yet that will be won in it, at `new_value`."""

    values: np.ndarray = field(default_factory=_empty)
    chances: np.ndarray = field(default_factory=_empty)
    new_rate: float = 0.0
    new_value: float = 0.0

    @property
    def expected(self) -> float:
        return float(self.values @ self.chances) + self.new_rate * self.new_value

    @property
    def empty(self) -> bool:
        return not (self.chances > 0).any() and self.new_rate * self.new_value <= 0


NO_LUMPS: Final = Lumps()


def combine(parts: list[Lumps]) -> Lumps:
    """The lumps of several layers together (the total's)."""
    parts = [p for p in parts if not p.empty]
    if not parts:
        return NO_LUMPS
    rate = sum(p.new_rate for p in parts)
    value = sum(p.new_rate * p.new_value for p in parts) / rate if rate > 0 else 0.0
    return Lumps(np.concatenate([p.values for p in parts]),
                 np.concatenate([p.chances for p in parts]), rate, value)


def _poisson(mean: np.ndarray, top: int) -> np.ndarray:
    """P(N = k), k = 0..top (the last one takes the tail), per mean (rows)."""
    k = np.arange(top + 1)
    log_factorial = np.array([math.lgamma(j + 1) for j in k])
    positive = np.maximum(mean, 1e-300)[:, None]
    law = np.exp(k * np.log(positive) - positive - log_factorial)
    law[mean <= 0] = np.eye(1, top + 1)[0]
    law[:, -1] += np.clip(1.0 - law.sum(axis=1), 0.0, None)
    return law


def _lump_law(lumps: Lumps, climate: np.ndarray):
    """Sums of the large deals: support (S,), weights (G, S) per climate r, and the
    expected value of the deals beyond MAX_SUPPORT (G,), added as they are."""
    values, chances = lumps.values, lumps.chances
    keep = chances > 0
    values, chances = values[keep], chances[keep]
    order = np.argsort(-(values**2) * chances * (1 - chances), kind="stable")
    values, chances = values[order], chances[order]
    top_new = 0
    new_mean = lumps.new_rate * climate
    if lumps.new_value > 0 and 0 < lumps.new_rate * climate.max() <= MAX_NEW_LUMPS:
        top_new = int(math.ceil(lumps.new_rate * climate.max() * 3 + 3))
    enumerated = int(math.log2(MAX_SUPPORT // (top_new + 1)))
    support, weights = np.zeros(1), np.ones((len(climate), 1))
    rest = np.zeros(len(climate))
    for i, (value, chance) in enumerate(zip(values, chances, strict=True)):
        c = np.minimum(chance * climate, 1.0)
        if i >= enumerated:
            rest += value * c
            continue
        support = np.concatenate([support, support + value])
        weights = np.concatenate([weights * (1 - c)[:, None], weights * c[:, None]], axis=1)
    if top_new:
        law = _poisson(new_mean, top_new)
        support = (support[:, None] + np.arange(top_new + 1) * lumps.new_value).ravel()
        weights = (weights[:, :, None] * law[:, None, :]).reshape(len(climate), -1)
    else:
        rest += new_mean * lumps.new_value
    return support, weights, rest


def won_law(rest: float, ratios: np.ndarray, lumps: Lumps = NO_LUMPS):
    """(values, cdf): the law of the won value (module docstring), `rest` the expected
    value without the large deals, `ratios` the past ratios (widened) of that rest."""
    ratios = np.sort(np.asarray(ratios, dtype="float64"))
    positions = np.linspace(0.0, 1.0, len(ratios))
    if lumps.empty:
        return max(rest, 0.0) * ratios, positions
    climate = np.interp((np.arange(CLIMATE_POINTS) + 0.5) / CLIMATE_POINTS, positions, ratios)
    climate = np.maximum(climate, 0.0)
    support, weights, extra = _lump_law(lumps, climate)
    values = ((climate * max(rest, 0.0) + extra)[:, None] + support[None, :]).ravel()
    weights = (weights / CLIMATE_POINTS).ravel()
    keep = weights > 1e-12
    values, weights = values[keep], weights[keep]
    order = np.argsort(values, kind="stable")
    values, weights = values[order], weights[order]
    cdf = (np.cumsum(weights) - weights / 2) / weights.sum()
    return values, cdf


def quantile(law: tuple[np.ndarray, np.ndarray], q: float) -> float:
    values, cdf = law
    return float(np.interp(q, cdf, values))


def at_least(law: tuple[np.ndarray, np.ndarray], x: float) -> float:
    """P(X >= x), the CDF linear between the law's points."""
    values, cdf = law
    if x <= values[0]:
        return 1.0
    if x > values[-1]:
        return 0.0
    return float(1.0 - np.interp(x, values, cdf))
