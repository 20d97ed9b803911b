"""Status, stage and probability of every row, as small integer codes (docs/definitions.md).

- status: the explicit status wins; else stage `won` → won, `lost` → lost, else open.
- stage: `won`/`lost` for closed deals, else the stage the label names.
- probability: won 1, lost 0; open: the file's probability when given, else the stage's.
Codes keep a million rows to a few vectorised passes; names are put back at the end.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from business_logic import stages
from business_logic.columns import STATUSES
from business_logic.stages import STAGE_ORDER

NO_CODE = -1
STAGE_CODE = {stage: code for code, stage in enumerate(STAGE_ORDER)}
STATUS_CODE = {status: code for code, status in enumerate(STATUSES)}
_OPEN, _WON, _LOST = STATUS_CODE["open"], STATUS_CODE["won"], STATUS_CODE["lost"]


@dataclass
class Derived:
    status: np.ndarray  # codes into STATUSES
    stage: np.ndarray  # codes into STAGE_ORDER
    contradicted: np.ndarray  # open by its status, won/lost by its label → negotiation
    without_stage: np.ndarray  # open, no label → prospect

    @property
    def open(self) -> np.ndarray:
        return self.status == _OPEN

    @property
    def closed(self) -> np.ndarray:
        return self.status != _OPEN


def derive_status_and_stage(reached: np.ndarray, explicit_status: np.ndarray) -> Derived:
    """`reached`: stage codes of the labels (NO_CODE: no label); `explicit_status` likewise."""
    won_label, lost_label = reached == STAGE_CODE["won"], reached == STAGE_CODE["lost"]
    from_stage = np.where(won_label, _WON, np.where(lost_label, _LOST, _OPEN))
    status = np.where(explicit_status != NO_CODE, explicit_status, from_stage)
    stage = np.where(status == _WON, STAGE_CODE["won"],
                     np.where(status == _LOST, STAGE_CODE["lost"], reached))
    is_open = status == _OPEN
    contradicted = is_open & (won_label | lost_label)
    without_stage = is_open & (reached == NO_CODE)
    stage[contradicted] = STAGE_CODE["negotiation"]
    stage[without_stage] = STAGE_CODE["prospect"]
    return Derived(status=status, stage=stage, contradicted=contradicted,
                   without_stage=without_stage)


def effective_probability(
    derived: Derived, explicit: np.ndarray, stage_probabilities: Mapping[str, float] | None
) -> tuple[np.ndarray, np.ndarray]:
    """The probability of each deal (`stages.effective_probability`, the one rule), and
    whether it came from the file (open deals only)."""
    is_explicit = derived.open & ~np.isnan(explicit)
    values = stages.effective_probability(
        np.asarray(STATUSES, dtype=object)[derived.status],
        np.asarray(STAGE_ORDER, dtype=object)[derived.stage],
        np.where(is_explicit, explicit, np.nan),
        stage_probabilities,
    )
    return values, is_explicit


def names(codes: np.ndarray, table: tuple[str, ...]) -> pd.Series:
    """Codes back to a `str` column (NO_CODE → missing)."""
    indices = pa.array(codes, type=pa.int64(), mask=codes == NO_CODE)
    return pd.Series(pd.array(pa.array(table, pa.large_string()).take(indices), dtype="str"))
