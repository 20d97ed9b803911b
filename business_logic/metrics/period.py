"""Period comparison (docs/definitions.md, "Répartitions": period comparison)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from business_logic.metrics._common import calendar_date, day_number, ratio
from business_logic.metrics.prepared import LOST, WON, Deals, prepare_deals


@dataclass(frozen=True)
class PeriodValues:
    """Figures of one period [start, end] (inclusive).

    deals_created: created_date in the period; deals_won / won_value: won deals whose
    closed_date is in the period; win_rate: won / (won + lost) among deals closed in the
    period (None when none closed); pipeline_created: Σ amount of the deals created in the
    period, whatever their status today (value that entered the pipeline).
    """

    start: dt.date
    end: dt.date
    deals_created: int
    deals_won: int
    won_value: float
    win_rate: float | None
    pipeline_created: float

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["start"], out["end"] = self.start.isoformat(), self.end.isoformat()
        return out


@dataclass(frozen=True)
class Change:
    metric: str
    current: float | None
    previous: float | None
    change: float | None  # current − previous (for win_rate: in rate points, 0..1)
    change_relative: float | None  # change / previous; None when previous is 0 or None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PeriodComparison:
    current: PeriodValues
    previous: PeriodValues
    changes: tuple[Change, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "current": self.current.to_dict(),
            "previous": self.previous.to_dict(),
            "changes": [change.to_dict() for change in self.changes],
        }


_COMPARED = ("deals_created", "deals_won", "won_value", "win_rate", "pipeline_created")


def _in(values: np.ndarray, start: dt.date, end: dt.date) -> np.ndarray:
    """start <= value <= end on day numbers (a missing date, NaN, is never in)."""
    return (values >= day_number(start)) & (values <= day_number(end))


def period_values(deals: Deals, start: dt.date, end: dt.date) -> PeriodValues:
    """The figures of one inclusive period (see PeriodValues)."""
    p = prepare_deals(deals)
    created = np.flatnonzero(_in(p.days("created_date"), start, end))
    closed = np.flatnonzero(_in(p.days("closed_date"), start, end))
    closed_status = p.status_code[closed]
    won_rows = closed[closed_status == WON]
    won, lost = len(won_rows), int((closed_status == LOST).sum())
    return PeriodValues(
        start=start,
        end=end,
        deals_created=len(created),
        deals_won=won,
        won_value=float(p.amount0[won_rows].sum()),
        win_rate=ratio(won, won + lost),
        pipeline_created=float(p.amount0[created].sum()),
    )


def _change(metric: str, current: float | None, previous: float | None) -> Change:
    if current is None or previous is None:
        return Change(metric, current, previous, None, None)
    difference = current - previous
    return Change(metric, current, previous, difference, ratio(difference, previous))


def compare_periods(deals: Deals, start: dt.date, end: dt.date) -> PeriodComparison:
    """Custom range [start, end] vs the previous range of the same length just before it."""
    start, end = calendar_date(start), calendar_date(end)
    if end < start:
        raise ValueError("la date de fin précède la date de début")
    length = (end - start).days + 1
    current = period_values(deals, start, end)
    previous = period_values(deals, start - dt.timedelta(days=length), start - dt.timedelta(days=1))
    changes = tuple(
        _change(name, getattr(current, name), getattr(previous, name)) for name in _COMPARED
    )
    return PeriodComparison(current, previous, changes)


def period_comparison(deals: Deals, as_of: dt.date, days: int = 30) -> PeriodComparison:
    """docs/definitions.md: current [D − N + 1, D] vs previous [D − 2N + 1, D − N] (N = 7, 30,
    90…)."""
    if days < 1:
        raise ValueError("la période doit durer au moins un jour")
    as_of = calendar_date(as_of)
    return compare_periods(deals, as_of - dt.timedelta(days=days - 1), as_of)
