"""Stage probabilities from the settings (docs/definitions.md, "Statut et probabilité")."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from business_logic.stages import with_stage_probabilities


def apply_stage_probabilities(
    deals: pd.DataFrame, probabilities: Mapping[str, float]
) -> pd.DataFrame:
    """A new frame whose effective probabilities follow the given stage probabilities.

    The rule itself lives once, in `business_logic.stages.effective_probability`: won → 1,
    lost → 0, an open deal keeps its explicit probability, otherwise takes its stage's.
    Raises ValueError for a value outside 0..1.
    """
    return with_stage_probabilities(deals, probabilities)
