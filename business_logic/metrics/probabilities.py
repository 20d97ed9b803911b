"""Stage probabilities from the settings (docs/definitions.md, "Statut et probabilité")."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from business_logic.metrics.prepared import Deals, prepare_deals
from business_logic.stages import effective_probability, with_stage_probabilities


def apply_stage_probabilities(
    deals: pd.DataFrame, probabilities: Mapping[str, float]
) -> pd.DataFrame:
    """A new frame whose effective probabilities follow the given stage probabilities.

    The rule itself lives once, in `business_logic.stages.effective_probability`: won → 1,
    lost → 0, an open deal keeps its explicit probability, otherwise takes its stage's.
    Raises ValueError for a value outside 0..1.
    """
    return with_stage_probabilities(deals, probabilities)


def weighted_pipeline_under(deals: Deals, probabilities: Mapping[str, float]) -> float:
    """The weighted pipeline (Σ amount × probability over open deals, docs/definitions.md)
    the deals would have under these stage probabilities: Réglages shows it while the values
    are edited, before anything is saved. Equals `headline_kpis(apply_stage_probabilities(
    deals, probabilities)).pipeline_weighted` without copying the frame."""
    prepared = prepare_deals(deals)
    is_open = prepared.is_open
    frame = prepared.frame
    explicit = np.where(
        frame["probability_explicit"].to_numpy(dtype=bool, na_value=False)[is_open],
        frame["probability"].to_numpy(dtype="float64", na_value=np.nan)[is_open],
        np.nan,
    )
    probability = effective_probability(
        frame["status"].to_numpy()[is_open], frame["stage"].to_numpy()[is_open], explicit,
        probabilities,
    )
    return float((prepared.amount0[is_open] * np.nan_to_num(probability, nan=0.0)).sum())
