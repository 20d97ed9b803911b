"""What-if adjustments of what the history teaches (the Simulateur: docs/objectifs.md,
section « Simulateur »).

The simulator's levers act in two places: on the open deals themselves (amount,
probability, close date: business_logic.planning.whatif changes a copy of the frame) and
on what the forecast learned from the closed deals, which no frame change can reach — the
mean won amount and the creation rate of the new-business layer, the learned win curve of
deals of unknown stage and of new deals, and the time to close. `Tuning` holds the latter;
its default changes nothing (`Tuning()` gives exactly the forecast without it).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from business_logic.forecast.layers import Learned
from business_logic.forecast.survival import CloseCurves


@dataclass(frozen=True)
class Tuning:
    """`amount_factor`: × the mean won amount (new business, open deals without amount);
    `win_shift`: points added to the eventual win rate of the learned curve (kept in
    0–1); `cycle_days`: every deal closes that many days later (negative: earlier);
    `creation_factor`: × the number of deals created per day."""

    amount_factor: float = 1.0
    win_shift: float = 0.0
    cycle_days: float = 0.0
    creation_factor: float = 1.0

    @property
    def is_identity(self) -> bool:
        return self == Tuning()

    def apply(self, learned: Learned) -> Learned:
        """The learned history as the scenario reads it (identity returns it unchanged)."""
        if self.is_identity:
            return learned
        factor = self.amount_factor
        return replace(
            learned,
            curves=shift_win_rate(learned.curves, self.win_shift),
            won_value=learned.won_value * factor,
            won_value_square=learned.won_value_square * factor * factor,
            large_value=learned.large_value * factor,
            creation_rate=learned.creation_rate * self.creation_factor,
            cycle_days=learned.cycle_days + self.cycle_days,
        )


def shift_win_rate(curves: CloseCurves, points: float) -> CloseCurves:
    """The won curve W scaled so that the eventual win rate W(∞) moves by `points`
    (clipped to 0–1): every "won within d days" keeps its shape, times the same factor.
    A history without any win has no curve to scale and is returned unchanged."""
    eventual = float(curves.won[-1]) if len(curves.won) else 0.0
    if points == 0 or eventual <= 0:
        return curves
    factor = float(np.clip(eventual + points, 0.0, 1.0)) / eventual
    return replace(curves, won=np.minimum(curves.won * factor, 1.0))
