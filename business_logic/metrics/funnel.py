"""Conversion funnel (docs/definitions.md, "Répartitions": funnel)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Final

import numpy as np

from business_logic.metrics.prepared import LOST, OPEN, Deals, prepare_deals
from business_logic.stages import OPEN_STAGES, STAGE_ORDER

FUNNEL_STAGES: Final[tuple[str, ...]] = (*OPEN_STAGES, "won")


@dataclass(frozen=True)
class FunnelStep:
    """`reached`: deals that reached at least this stage; `conversion` = reached / reached
    at the previous stage (None for the first stage or when the previous one is 0);
    `share_of_first` = reached / reached at the first stage."""

    stage: str
    reached: int
    conversion: float | None
    share_of_first: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Funnel:
    steps: tuple[FunnelStep, ...]

    def to_dict(self) -> list[dict[str, Any]]:
        return [step.to_dict() for step in self.steps]


def funnel(deals: Deals) -> Funnel:
    """Deals that reached at least each stage, prospect → qualified → proposal → negotiation → won.

    docs/definitions.md: won deals reached every stage; open deals reached their stage and those
    before (an unknown open stage counts at the first stage); lost deals reached
    `stage_reached` when it names an open stage. A lost deal whose stage_reached is unknown
    (or names won/lost) is counted at the first stage only: it entered the pipeline, where
    it stopped is unknown. Deals of another status are not counted.
    """
    p = prepare_deals(deals)
    last = len(FUNNEL_STAGES) - 1  # won
    n_stages = len(STAGE_ORDER) + 1  # code + 1: 0 = unknown stage
    # STAGE_ORDER starts with FUNNEL_STAGES, so a stage code below `last` is a funnel level.
    assert STAGE_ORDER[: len(FUNNEL_STAGES)] == FUNNEL_STAGES

    def counts_by_status(codes: np.ndarray) -> np.ndarray:
        keys = p.status_key * n_stages + codes + 1
        return np.bincount(keys, minlength=4 * n_stages).reshape(4, n_stages)

    def as_levels(stage_counts: np.ndarray) -> np.ndarray:
        """Counts per funnel level; unknown or closed stages fall to the first level."""
        levels = np.zeros(len(FUNNEL_STAGES), dtype=np.int64)
        levels[:last] = stage_counts[1 : last + 1]
        levels[0] += stage_counts[0] + stage_counts[last + 1 :].sum()
        return levels

    at_level = as_levels(counts_by_status(p.stage_code)[OPEN])
    at_level += as_levels(counts_by_status(p.stage_reached_code)[LOST])
    at_level[last] += int(p.is_won.sum())
    reached = np.cumsum(at_level[::-1])[::-1]
    first = int(reached[0])
    steps = []
    for i, stage in enumerate(FUNNEL_STAGES):
        previous = int(reached[i - 1]) if i else 0
        steps.append(
            FunnelStep(
                stage=stage,
                reached=int(reached[i]),
                conversion=float(reached[i] / previous) if i and previous else None,
                share_of_first=float(reached[i] / first) if first else None,
            )
        )
    return Funnel(tuple(steps))
