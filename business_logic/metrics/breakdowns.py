"""Breakdowns by stage and by a dimension (docs/definitions.md, "Répartitions": by_stage, by_source,
by_sector, by_owner — and by segment, same shape)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Final, Literal

import numpy as np
import pandas as pd

from business_logic.metrics._common import (
    grouped_mean,
    grouped_mean_median,
    grouped_sum,
    json_float,
)
from business_logic.metrics.prepared import LOST, WON, Deals, prepare_deals
from business_logic.stages import STAGE_ORDER

Dimension = Literal["source", "sector", "owner", "segment"]
DIMENSIONS: Final[tuple[str, ...]] = ("source", "sector", "owner", "segment")


@dataclass(frozen=True)
class StageRow:
    stage: str
    count: int
    gross: float
    weighted: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class StageBreakdown:
    """One row per canonical stage, in pipeline order, empty stages included (count 0)."""

    rows: tuple[StageRow, ...]

    def to_dict(self) -> list[dict[str, Any]]:
        return [row.to_dict() for row in self.rows]


def by_stage(deals: Deals) -> StageBreakdown:
    """docs/definitions.md by_stage: per canonical stage count, gross (Σ amount, missing = 0) and
    weighted (Σ amount × probability). All six stages are listed (won and lost included), so
    the counts add up to deals_total."""
    p = prepare_deals(deals)
    n = len(STAGE_ORDER)
    codes = p.stage_code + 1  # 0: unknown stage, dropped below
    counts = np.bincount(codes, minlength=n + 1)[1:]
    gross = np.bincount(codes, weights=p.amount0, minlength=n + 1)[1:]
    weighted = np.bincount(codes, weights=p.weighted, minlength=n + 1)[1:]
    return StageBreakdown(
        tuple(
            StageRow(stage, int(counts[i]), float(gross[i]), float(weighted[i]))
            for i, stage in enumerate(STAGE_ORDER)
        )
    )


@dataclass(frozen=True)
class DimensionRow:
    """One value of a dimension (docs/definitions.md by_source shape).

    conversion_rate = won / deals; win_rate = won / (won + lost), None when nothing closed;
    average_won_deal_size = mean known amount of won deals; median/mean_days_to_win = days
    from created_date to closed_date over won deals with both dates (None when none).
    """

    value: str
    deals: int
    won: int
    lost: int
    conversion_rate: float | None
    win_rate: float | None
    won_value: float
    average_won_deal_size: float | None
    median_days_to_win: float | None
    mean_days_to_win: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# Column dtypes of DimensionBreakdown.to_frame(): one per DimensionRow field.
FRAME_DTYPES: Final[dict[str, str]] = {
    "value": "object",
    "deals": "int64",
    "won": "int64",
    "lost": "int64",
    "conversion_rate": "float64",
    "win_rate": "float64",
    "won_value": "float64",
    "average_won_deal_size": "float64",
    "median_days_to_win": "float64",
    "mean_days_to_win": "float64",
}


@dataclass(frozen=True)
class DimensionBreakdown:
    """Rows sorted by number of deals (descending), then value; missing → "(non renseigné)"."""

    dimension: str
    rows: tuple[DimensionRow, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"dimension": self.dimension, "rows": [row.to_dict() for row in self.rows]}

    def to_frame(self) -> pd.DataFrame:
        """The rows as a frame with declared dtypes: every rate, amount and delay is float64
        (NaN where the row says None). Built from the rows alone, a column where every value
        is None (no won deal, as in a pipeline-only export) would be `object` and break
        numeric operations such as `nlargest`."""
        frame = pd.DataFrame([row.to_dict() for row in self.rows], columns=list(FRAME_DTYPES))
        return frame.astype(FRAME_DTYPES)


def days_to_close(deals: Deals) -> np.ndarray:
    """closed_date − created_date in days (NaN when either is missing).

    Negative values (closed before created: an error in the CRM) are kept, not hidden.
    """
    return prepare_deals(deals).days_to_close


def days_to_win_by(deals: Deals, dimension: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per value of the dimension (codes of `PreparedDeals.dimension`): count, mean and median
    of days created → closed over won deals with both dates (shared with deal_velocity)."""
    p = prepare_deals(deals)

    def compute() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        codes, labels = p.dimension(dimension)
        return grouped_mean_median(codes[p.won_index], p.won_days_to_close, len(labels))

    return p.memo(("days_to_win_by", dimension), compute)


def by_dimension(deals: Deals, dimension: Dimension) -> DimensionBreakdown:
    """docs/definitions.md by_source / by_sector / by_owner (and segment): one row per value."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"dimension inconnue : {dimension!r} (attendu : {', '.join(DIMENSIONS)})")
    p = prepare_deals(deals)
    codes, labels = p.dimension(dimension)
    n = len(labels)
    # One bincount per figure over (value, status) keys, then the won deals only.
    by_status = np.bincount(codes * 4 + p.status_key, minlength=4 * n).reshape(n, 4)
    total, won, lost = by_status.sum(axis=1), by_status[:, WON], by_status[:, LOST]
    won_codes = codes[p.won_index]
    won_value = grouped_sum(won_codes, p.amount0[p.won_index], n)
    won_mean = grouped_mean(won_codes, p.amount[p.won_index], n)
    _, days_mean, days_median = days_to_win_by(p, dimension)
    order = sorted(range(n), key=lambda i: (-int(total[i]), labels[i]))
    rows = tuple(
        DimensionRow(
            value=labels[i],
            deals=int(total[i]),
            won=int(won[i]),
            lost=int(lost[i]),
            conversion_rate=float(won[i] / total[i]) if total[i] else None,
            win_rate=float(won[i] / (won[i] + lost[i])) if won[i] + lost[i] else None,
            won_value=float(won_value[i]),
            average_won_deal_size=json_float(won_mean[i]),
            median_days_to_win=json_float(days_median[i]),
            mean_days_to_win=json_float(days_mean[i]),
        )
        for i in order
    )
    return DimensionBreakdown(dimension, rows)
