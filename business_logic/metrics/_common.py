"""Shared vectorised helpers of the calculators (private: not part of the public API).

Everything here works on numpy arrays taken from the canonical frame (business_logic.columns)
so that each calculator stays a few vectorised lines and never loops over deals.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any, Final

import numpy as np
import pandas as pd

NAT_INT: Final = np.iinfo(np.int64).min  # NaT as an int64 view
_MICROSECONDS_PER_DAY: Final = 86_400_000_000


def calendar_date(as_of: dt.date) -> dt.date:
    """The calendar date of `as_of` (docs/definitions.md: dates compare as dates, times dropped)."""
    return as_of.date() if isinstance(as_of, dt.datetime) else as_of


_EPOCH: Final = dt.date(1970, 1, 1)


def day_number(when: dt.date) -> float:
    """A calendar date as days since 1970-01-01, the unit of `PreparedDeals.days`."""
    return float((calendar_date(when) - _EPOCH).days)


def day_numbers(values: np.ndarray) -> np.ndarray:
    """`datetime64[us]` dates (at midnight) as float64 days since 1970-01-01, NaN for NaT.

    With dates as plain floats, every date rule of docs/definitions.md is one float comparison or
    subtraction, and a missing date (NaN) fails every comparison like NaT does.
    """
    integers = np.asarray(values, dtype="datetime64[us]").view("int64")
    # Microsecond counts of real dates (years 1685–2255) are below 2**53, so the float
    # conversion is exact; floor keeps the calendar day should a time of day slip in.
    days = np.floor(integers.astype("float64") / _MICROSECONDS_PER_DAY)
    days[integers == NAT_INT] = np.nan
    return days


def ratio(numerator: float, denominator: float) -> float | None:
    """numerator / denominator, None when the denominator is 0 (undefined rate)."""
    if not denominator:
        return None
    return float(numerator) / float(denominator)


def json_float(value: Any) -> float | None:
    """A plain float, None for None/NaN/inf (JSON has no NaN)."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def grouped_sum(codes: np.ndarray, values: np.ndarray, n_groups: int) -> np.ndarray:
    return np.bincount(codes, weights=values, minlength=n_groups)[:n_groups]


def grouped_mean(codes: np.ndarray, values: np.ndarray, n_groups: int) -> np.ndarray:
    """Per-group mean of `values`, NaN values ignored; NaN for empty groups."""
    known = ~np.isnan(values)
    counts = np.bincount(codes[known], minlength=n_groups)[:n_groups]
    sums = np.bincount(codes[known], weights=values[known], minlength=n_groups)[:n_groups]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)


_HISTOGRAM_MAX_CELLS: Final = 4_000_000


def grouped_median(codes: np.ndarray, values: np.ndarray, n_groups: int) -> np.ndarray:
    """Per-group median of `values` (mean of the two middle values for even counts), NaN
    values ignored; NaN for empty groups.

    Day counts are whole numbers within a few thousand: a (group × value) histogram gives
    the medians in linear time. Other values fall back to one lexsort.
    """
    known = ~np.isnan(values)
    codes, values = codes[known], values[known]
    medians = np.full(n_groups, np.nan)
    if values.size == 0 or n_groups == 0:
        return medians
    low, high = values.min(), values.max()
    span = int(high - low) + 1
    counts = np.bincount(codes, minlength=n_groups)[:n_groups]
    lower_rank, upper_rank = (counts - 1) // 2, counts // 2  # 0-based ranks of the middle
    present = counts > 0
    if np.all(values == np.round(values)) and span * n_groups <= _HISTOGRAM_MAX_CELLS:
        offsets = (values - low).astype(np.int64)
        histogram = np.bincount(codes * span + offsets, minlength=n_groups * span)
        cumulative = histogram.reshape(n_groups, span).cumsum(axis=1)
        lower = (cumulative > lower_rank[:, None]).argmax(axis=1)
        upper = (cumulative > upper_rank[:, None]).argmax(axis=1)
        medians[present] = low + (lower[present] + upper[present]) / 2.0
        return medians
    ordered = values[np.lexsort((values, codes))]
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    medians[present] = (
        ordered[starts[present] + lower_rank[present]]
        + ordered[starts[present] + upper_rank[present]]
    ) / 2.0
    return medians


def grouped_mean_median(
    codes: np.ndarray, values: np.ndarray, n_groups: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-group (count of known values, mean, median); NaN for empty groups."""
    known = ~np.isnan(values)
    counts = np.bincount(codes[known], minlength=n_groups)[:n_groups]
    return counts, grouped_mean(codes, values, n_groups), grouped_median(codes, values, n_groups)


def mean_median(values: np.ndarray) -> tuple[float | None, float | None]:
    """(mean, median) of the known values, None when there are none."""
    values = values[~np.isnan(values)]
    if values.size == 0:
        return None, None
    median = grouped_median(np.zeros(values.size, dtype=np.int64), values, 1)[0]
    return float(values.mean()), float(median)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """JSON-able rows of a result frame: dates as ISO strings, NaN/NaT as None, plain scalars."""
    columns: dict[str, Sequence[Any]] = {}
    for name in frame.columns:
        series = frame[name]
        if pd.api.types.is_datetime64_any_dtype(series.dtype):
            values = series.dt.strftime("%Y-%m-%d")
            columns[name] = [v if isinstance(v, str) else None for v in values.tolist()]
        elif pd.api.types.is_bool_dtype(series.dtype):
            columns[name] = [bool(v) for v in series.tolist()]
        elif pd.api.types.is_integer_dtype(series.dtype):
            columns[name] = [None if pd.isna(v) else int(v) for v in series.tolist()]
        elif pd.api.types.is_float_dtype(series.dtype):
            columns[name] = [json_float(v) for v in series.tolist()]
        else:
            columns[name] = [None if pd.isna(v) else str(v) for v in series.tolist()]
    names = list(columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns.values(), strict=True)]
