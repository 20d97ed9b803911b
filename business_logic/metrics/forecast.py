"""Forecast 30 / 60 / 90 days (docs/definitions.md, "Prévisions à 30, 60 et 90 jours")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np

from business_logic.metrics.conditions import closing_within_mask
from business_logic.metrics.prepared import Deals, prepare_deals
from business_logic.metrics.revenue_distribution import Method, revenue_quantiles

DEFAULT_WINDOWS: Final[tuple[int, ...]] = (30, 60, 90)


@dataclass(frozen=True)
class ForecastWindow:
    """Revenue expected from the open deals with D <= expected_close_date <= D + days.

    expected = Σ amount × probability; p10 / p90 = 10th / 90th percentiles of
    Σ amount × Bernoulli(probability) (deals independent). Shown values are clamped so that
    p10 <= expected <= p90 always holds: a percentile on the wrong side of the mean (very
    skewed windows, e.g. one deal at 95 %) is replaced by the mean, and the unclamped
    percentiles are kept in raw_p10 / raw_p90. `method` says how they were computed
    (see revenue_distribution).
    """

    days: int
    deals: int
    expected: float
    p10: float
    p90: float
    raw_p10: float
    raw_p90: float
    method: Method

    def to_dict(self) -> dict[str, Any]:
        return {
            "days": self.days,
            "deals": self.deals,
            "expected": self.expected,
            "p10": self.p10,
            "p90": self.p90,
            "method": self.method,
        }


@dataclass(frozen=True)
class Forecast(Mapping[int, ForecastWindow]):
    """The windows by their length in days: `forecast(...)[30].expected`."""

    windows: tuple[ForecastWindow, ...]

    def __getitem__(self, days: int) -> ForecastWindow:
        for window in self.windows:
            if window.days == days:
                return window
        raise KeyError(days)

    def __iter__(self) -> Iterator[int]:
        return (window.days for window in self.windows)

    def __len__(self) -> int:
        return len(self.windows)

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """Keyed by the window as a string ("30"), as docs/cli.md's `forecast` object."""
        return {str(window.days): window.to_dict() for window in self.windows}


def forecast_window(deals: Deals, as_of: dt.date, days: int) -> ForecastWindow:
    """One cumulative window (overdue deals are excluded: they are an alert, not a forecast)."""
    p = prepare_deals(deals)
    in_window = np.flatnonzero(closing_within_mask(p, as_of, days))
    value = p.amount0[in_window]
    prob = p.probability0[in_window]
    expected = float(p.weighted[in_window].sum())
    quantiles = revenue_quantiles(value, prob, (0.1, 0.9))
    raw_p10, raw_p90 = quantiles.values
    return ForecastWindow(
        days=days,
        deals=len(in_window),
        expected=expected,
        p10=min(raw_p10, expected),
        p90=max(raw_p90, expected),
        raw_p10=raw_p10,
        raw_p90=raw_p90,
        method=quantiles.method,
    )


def forecast(deals: Deals, as_of: dt.date, windows: Sequence[int] = DEFAULT_WINDOWS) -> Forecast:
    """Forecast windows of docs/definitions.md (default 30, 60 and 90 days, cumulative)."""
    p = prepare_deals(deals)
    return Forecast(tuple(forecast_window(p, as_of, days) for days in windows))
