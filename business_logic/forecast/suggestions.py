"""Stage probabilities suggested by the founder's own closed deals (docs/forecast.md).

Per open canonical stage: the closed deals that reached it (funnel rule of
docs/definitions.md: a won deal reached every stage; a lost deal the stage its label names,
an unknown one the first stage only) and how many of them were won, shrunk toward the
probability in force with a Beta prior worth PRIOR_WEIGHT deals:

    suggested = (p · 10 + won) / (10 + closed)

which is the mean of the posterior Beta(p·10 + won, (1 − p)·10 + lost). Its 10th and 90th
percentiles give the 80 % interval. scipy is not a dependency: the Beta quantile is read
from the CDF integrated numerically on a fine grid (beta_quantile, tested against the
closed forms of Beta(a, 1) and Beta(1, 1)). Only deals closed by `as_of` count.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, Final

import numpy as np

from business_logic.forecast.arrays import as_day, deal_arrays
from business_logic.metrics.prepared import Deals, prepare_deals
from business_logic.stages import OPEN_STAGES, STAGE_ORDER

PRIOR_WEIGHT: Final = 10.0
#: Past the first stage, a suggestion needs to know where lost deals stopped: when more than
#: this share of lost deals has no known stage (an export that only says "Perdu"), they all
#: count at the first stage and later stages would look almost always won — not suggested.
UNKNOWN_LOST_SHARE: Final = 0.1
_GRID: Final = 20_000


def beta_quantile(alpha: float, beta: float, q: float) -> float:
    """q-quantile of Beta(alpha, beta) (alpha, beta > 0), error below 1e-4."""
    x = (np.arange(_GRID) + 0.5) / _GRID  # midpoints: no infinite density at 0 or 1
    log_pdf = (alpha - 1) * np.log(x) + (beta - 1) * np.log1p(-x)
    log_pdf += math.lgamma(alpha + beta) - math.lgamma(alpha) - math.lgamma(beta)
    cdf = np.cumsum(np.exp(log_pdf)) / _GRID
    cdf /= cdf[-1]
    edges = np.arange(1, _GRID + 1) / _GRID
    return float(np.interp(q, np.concatenate([[0.0], cdf]), np.concatenate([[0.0], edges])))


@dataclass(frozen=True)
class StageSuggestion:
    stage: str
    current: float
    suggested: float
    won: int
    closed: int
    low: float  # 80 % interval
    high: float
    lost_stage_unknown: int  # lost deals whose stopping stage is unknown (first stage only)
    reliable: bool  # False past the first stage when many lost deals have no known stage


    @property
    def evidence(self) -> str:
        """"7 gagnées sur 19 affaires arrivées à cette étape"."""
        gagnees = "gagnée" if self.won <= 1 else "gagnées"
        affaires = "affaire arrivée" if self.closed <= 1 else "affaires arrivées"
        return f"{self.won} {gagnees} sur {self.closed} {affaires} à cette étape"

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "evidence": self.evidence}


def suggest_probabilities(
    deals: Deals, as_of: dt.date, current: Mapping[str, float]
) -> list[StageSuggestion]:
    """One suggestion per open stage, in pipeline order (see module docstring)."""
    p = prepare_deals(deals)
    a = deal_arrays(p)
    closed_by = ~(a.closed > as_day(as_of))
    won = p.is_won & closed_by
    lost = p.is_lost & closed_by
    level = np.where(np.isin(p.stage_reached_code, np.arange(len(OPEN_STAGES))),
                     p.stage_reached_code, 0)
    unknown_lost = int((lost & ~np.isin(p.stage_reached_code, np.arange(len(OPEN_STAGES)))).sum())
    out = []
    for i, stage in enumerate(OPEN_STAGES):
        n_won = int(won.sum())
        n_closed = n_won + int((lost & (level >= i)).sum())
        prior = float(current.get(stage, 0.0))
        alpha = prior * PRIOR_WEIGHT + n_won
        beta = (1 - prior) * PRIOR_WEIGHT + (n_closed - n_won)
        suggested = alpha / (alpha + beta)
        if alpha <= 0 or beta <= 0:
            low = high = suggested
        else:
            low, high = beta_quantile(alpha, beta, 0.1), beta_quantile(alpha, beta, 0.9)
        reliable = i == 0 or unknown_lost <= UNKNOWN_LOST_SHARE * int(lost.sum())
        out.append(StageSuggestion(stage, prior, suggested, n_won, n_closed, low, high,
                                   unknown_lost, reliable))
    assert STAGE_ORDER[: len(OPEN_STAGES)] == OPEN_STAGES
    return out
