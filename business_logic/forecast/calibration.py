"""The band calibrated on the founder's own past errors.

Wins are not independent (a good month lifts every deal, a slow summer delays them all), so
the band of independent deals is far too narrow. Rather than guess the correlation, the
band is read from the forecast's own past: at each past weekly date t_i whose window has
ended by today, the ratio realised / expected of the model. P10 and P90 are then the
expected value times the 10th and 90th percentiles of those ratios, so that about 80 % of
past windows fall inside [P10, P90] by construction — widening the band when the past was
more volatile than the model thinks, narrowing it when calmer. The expected value itself
is not rescaled: on the Maven history and the demo, correcting it by the median past ratio
made its error larger (the early windows' bias does not persist).

With fewer than MIN_WINDOWS past windows the model's own band is used (normal
approximation of the independent-deals variance) and said to be not yet checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

MIN_WINDOWS: Final = 8
Z_80: Final = 1.2815515655446004  # P(|N(0,1)| <= z) = 0.8


@dataclass(frozen=True)
class Band:
    """Multipliers of the model's expected value; `checked` False = model band."""

    scale: float
    low: float
    high: float
    windows: int
    checked: bool

    def apply(self, expected: float, variance: float) -> tuple[float, float, float]:
        """(expected, p10, p90) with p10 <= expected <= p90, all >= 0."""
        if not self.checked:
            spread = Z_80 * float(np.sqrt(max(variance, 0.0)))
            return expected, max(0.0, expected - spread), expected + spread
        calibrated = expected * self.scale
        low, high = expected * self.low, expected * self.high
        return calibrated, min(low, calibrated), max(high, calibrated)


MODEL_BAND: Final = Band(scale=1.0, low=1.0, high=1.0, windows=0, checked=False)


def band_from_past(expected: np.ndarray, realised: np.ndarray) -> Band:
    """The band learned from past windows (model expected vs realised won value)."""
    usable = expected > 0
    if usable.sum() < MIN_WINDOWS:
        return Band(1.0, 1.0, 1.0, int(usable.sum()), checked=False)
    ratios = realised[usable] / expected[usable]
    low, high = np.quantile(ratios, (0.1, 0.9))
    return Band(scale=1.0, low=float(low), high=float(high), windows=int(usable.sum()),
                checked=True)
