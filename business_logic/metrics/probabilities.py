"""Stage probabilities from the settings (metrics.md, "Status and probability")."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from business_logic.columns import STATUSES
from business_logic.metrics.prepared import LOST, OPEN, WON, category_codes


def apply_stage_probabilities(
    deals: pd.DataFrame, probabilities: Mapping[str, float]
) -> pd.DataFrame:
    """A new frame whose effective probabilities follow the given stage probabilities.

    metrics.md: won → 1, lost → 0; an open deal keeps its explicit probability
    (probability_explicit True), otherwise takes its stage's probability. Stages absent from
    `probabilities` keep their current value. Raises ValueError for a value outside 0..1.
    """
    for stage, value in probabilities.items():
        if not 0.0 <= float(value) <= 1.0:
            raise ValueError(f"probabilité hors de 0–1 pour l'étape {stage!r} : {value}")
    status = category_codes(deals["status"], STATUSES)
    is_open, is_won, is_lost = status == OPEN, status == WON, status == LOST
    current = deals["probability"].to_numpy(dtype="float64", na_value=np.nan)
    stage_value = (
        deals["stage"]
        .map({stage: float(v) for stage, v in probabilities.items()})
        .to_numpy(dtype="float64", na_value=np.nan)
    )
    explicit = deals["probability_explicit"].to_numpy(dtype=bool)
    replace = is_open & ~explicit & ~np.isnan(stage_value)
    updated = np.where(replace, stage_value, current)
    updated = np.where(is_won, 1.0, np.where(is_lost, 0.0, updated))
    out = deals.copy()
    out["probability"] = updated
    return out
