"""The fixed choices of the domain, in plain Python (no pandas, no numpy): canonical stages
and their defaults (docs/definitions.md), the periods of the comparison (docs/cli.md).

`cli.py` builds its parser from them, so a light command (`imports`, `delete-import`) does
not import the frame code (issue 8: `delete-import` ≤ 1 s as a whole process).
`business_logic.stages` and `business_logic.metrics.payload` re-export them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class StageSetting:
    stage: str
    label_fr: str
    order: int
    probability: float


DEFAULT_STAGES: Final[tuple[StageSetting, ...]] = (
    StageSetting("prospect", "Prospect", 1, 0.10),
    StageSetting("qualified", "Qualifié", 2, 0.30),
    StageSetting("proposal", "Proposition", 3, 0.50),
    StageSetting("negotiation", "Négociation", 4, 0.70),
    StageSetting("won", "Gagné", 5, 1.00),
    StageSetting("lost", "Perdu", 6, 0.00),
)
STAGE_ORDER: Final[tuple[str, ...]] = tuple(s.stage for s in DEFAULT_STAGES)

#: docs/cli.md, "Additions": `--period 7|30|90`, default 30.
PERIOD_CHOICES: Final[tuple[int, ...]] = (7, 30, 90)
DEFAULT_PERIOD_DAYS: Final = 30
