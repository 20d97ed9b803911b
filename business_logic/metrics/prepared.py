"""Numpy views of a canonical frame, computed once and shared by the calculators.

Reading a text column of a million deals costs ~10 ms; a dashboard page runs a dozen
calculators over the same frame, each needing `status`, `stage` or a dimension. Every
calculator therefore accepts either the canonical DataFrame or a `PreparedDeals` built from
it: `prepare_deals(frame)` once, then pass the result everywhere. Each view is computed on
first use only. A PreparedDeals is a snapshot: build it after the frame is final (the
calculators never modify the frame, and neither may the caller while the snapshot is used).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import cached_property
from typing import Any, Final, TypeAlias

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from business_logic.columns import STATUSES
from business_logic.metrics._common import day_numbers
from business_logic.stages import STAGE_ORDER

#: Label of a missing dimension value (docs/definitions.md, "Répartitions": missing source → this).
MISSING_LABEL: Final = "(non renseigné)"
OPEN, WON, LOST = 0, 1, 2  # positions in STATUSES


def _arrow(series: pd.Series) -> pa.ChunkedArray | pa.Array:
    """The column as Arrow data (zero-copy for the pyarrow-backed `str` dtype)."""
    array = series.array
    if hasattr(array, "__arrow_array__"):
        return array.__arrow_array__()
    return pa.array(series.astype(object).where(series.notna(), None), type=pa.string())


def _int_values(array: pa.Array | pa.ChunkedArray, fill: int) -> np.ndarray:
    """An Arrow integer array as int64 numpy, nulls replaced by `fill` (no Arrow kernel)."""
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    values = array.to_numpy(zero_copy_only=False) if not array.null_count else None
    if values is None:
        raw = np.frombuffer(array.buffers()[1], dtype=array.type.to_pandas_dtype())
        values = raw[array.offset : array.offset + len(array)]
        bitmap = np.frombuffer(array.buffers()[0], dtype=np.uint8)
        validity = np.unpackbits(bitmap, bitorder="little")
        valid = validity[array.offset : array.offset + len(array)].astype(bool)
        values = np.where(valid, values, fill)
    return values.astype(np.int64, copy=False)


def category_codes(series: pd.Series, categories: tuple[str, ...]) -> np.ndarray:
    """Position of each value in `categories` as int64, −1 when missing or not listed."""
    if len(series) == 0:
        return np.zeros(0, dtype=np.int64)
    codes = pc.index_in(_arrow(series), value_set=pa.array(categories, type=pa.string()))
    return _int_values(codes, -1)


def dimension_codes(series: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Integer codes of a text column and their labels, missing mapped to MISSING_LABEL."""
    if len(series) == 0:
        return np.zeros(0, dtype=np.int64), []
    encoded = pc.dictionary_encode(_arrow(series))
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.unify_dictionaries().combine_chunks()
    labels = [str(value) for value in encoded.dictionary.to_pylist()]
    codes = _int_values(encoded.indices, len(labels))
    if encoded.indices.null_count:
        labels.append(MISSING_LABEL)
    return codes, labels


class PreparedDeals:
    """Lazily computed numpy arrays of one canonical frame (see module docstring)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self._dimensions: dict[str, tuple[np.ndarray, list[str]]] = {}
        self._memo: dict[Hashable, Any] = {}

    def memo(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """`compute()` once per key (derived arrays shared by several calculators)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def __len__(self) -> int:
        return len(self.frame)

    @cached_property
    def status_code(self) -> np.ndarray:
        return category_codes(self.frame["status"], STATUSES)

    @cached_property
    def is_open(self) -> np.ndarray:
        return self.status_code == OPEN

    @cached_property
    def is_won(self) -> np.ndarray:
        return self.status_code == WON

    @cached_property
    def is_lost(self) -> np.ndarray:
        return self.status_code == LOST

    @cached_property
    def stage_code(self) -> np.ndarray:
        """Index in STAGE_ORDER (prospect 0 … lost 5), −1 when unknown."""
        return category_codes(self.frame["stage"], STAGE_ORDER)

    @cached_property
    def stage_reached_code(self) -> np.ndarray:
        return category_codes(self.frame["stage_reached"], STAGE_ORDER)

    @cached_property
    def amount(self) -> np.ndarray:
        """Amounts, NaN when missing (excluded from means)."""
        return self.frame["amount"].to_numpy(dtype="float64", na_value=np.nan)

    @cached_property
    def amount0(self) -> np.ndarray:
        """Amounts with missing counted 0, as sums require (docs/definitions.md, pipeline_gross)."""
        return np.nan_to_num(self.amount, nan=0.0)

    @cached_property
    def probability(self) -> np.ndarray:
        """Effective probabilities, NaN when missing."""
        return self.frame["probability"].to_numpy(dtype="float64", na_value=np.nan)

    @cached_property
    def probability0(self) -> np.ndarray:
        """Effective probabilities with missing counted 0 (an unknown chance adds nothing)."""
        return np.nan_to_num(self.probability, nan=0.0)

    @cached_property
    def weighted(self) -> np.ndarray:
        """amount × probability, missing factors counted 0."""
        return self.amount0 * self.probability0

    @cached_property
    def days_to_close(self) -> np.ndarray:
        """closed_date − created_date in days, NaN when either is missing."""
        return self.days("closed_date") - self.days("created_date")

    @cached_property
    def open_index(self) -> np.ndarray:
        """Positions of the open deals."""
        return np.flatnonzero(self.is_open)

    @cached_property
    def won_index(self) -> np.ndarray:
        """Positions of the won deals."""
        return np.flatnonzero(self.is_won)

    @cached_property
    def won_days_to_close(self) -> np.ndarray:
        """days_to_close of the won deals (aligned with won_index)."""
        return self.days_to_close[self.won_index]

    @cached_property
    def status_key(self) -> np.ndarray:
        """status code (0 open, 1 won, 2 lost, 3 other): `codes * 4 + status_key` groups any
        coded column by status in one bincount."""
        return np.where(self.status_code < 0, 3, self.status_code)

    def date(self, column: str) -> np.ndarray:
        """A date column as `datetime64[us]` (NaT when missing)."""
        return self.frame[column].to_numpy(dtype="datetime64[us]")

    def days(self, column: str) -> np.ndarray:
        """A date column as float64 days since 1970-01-01, NaN when missing (see day_numbers)."""
        return self.memo(("days", column), lambda: day_numbers(self.date(column)))

    def dimension(self, column: str) -> tuple[np.ndarray, list[str]]:
        """(codes, labels) of a text dimension; missing values → MISSING_LABEL."""
        if column not in self._dimensions:
            self._dimensions[column] = dimension_codes(self.frame[column])
        return self._dimensions[column]


Deals: TypeAlias = pd.DataFrame | PreparedDeals


def prepare_deals(deals: Deals) -> PreparedDeals:
    """The shared views of `deals` (returned unchanged when already prepared)."""
    if isinstance(deals, PreparedDeals):
        return deals
    return PreparedDeals(deals)
