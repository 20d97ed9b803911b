"""The changes of each deal from snapshot A (earlier) to B (later) (docs/history.md,
« Les changements de A à B »).

One row per deal compared (matched pair, deal only in A, deal only in B) plus the deals
that could not be compared (`comparable` False, no change flag set). A deal can carry
several changes; `inchangee` is set only when none applies. Vectorised: the rows are
gathered by position, every rule is one numpy comparison.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import numpy as np
import pandas as pd
import pyarrow as pa

from business_logic.history.keys import text_array
from business_logic.history.matching import Matching
from business_logic.metrics._common import day_number, day_numbers
from business_logic.metrics.filters import DealFilters, filter_mask
from business_logic.metrics.prepared import category_codes
from business_logic.stages import STAGE_ORDER

#: The changes of docs/history.md, in the order the counts and lists are given.
CHANGES: Final[tuple[str, ...]] = (
    "nouvelle", "disparue", "gagnee", "perdue", "rouverte", "avancee", "reculee",
    "montant_hausse", "montant_baisse", "glissee", "date_avancee", "inchangee",
)  # fmt: skip
#: Subset of `nouvelle`: created on or before A's export date (or no creation date).
APPARUE: Final = "apparue"

SIDE_COLUMNS: Final[tuple[str, ...]] = (
    "deal_id", "name", "company", "stage", "status", "amount", "probability",
    "expected_close_date", "source", "owner", "sector", "segment", "created_date",
)  # fmt: skip


def _gather(column: pd.Series, positions: np.ndarray) -> pd.Series:
    """column[positions] with a missing value where the position is −1 (no pandas `where`:
    on Arrow strings it costs ~20 ms per 100k rows and column)."""
    present = positions >= 0
    if column.dtype == "str":
        indices = pa.array(positions, mask=~present, type=pa.int64())
        taken = text_array(column).take(indices) if len(column) else pa.nulls(
            len(positions), pa.large_string())
        return pd.Series(pd.array(taken.cast(pa.large_string()), dtype=column.dtype))
    values = column.to_numpy()
    if not len(values):
        values = np.zeros(1, dtype=values.dtype)
    taken = values[np.where(present, positions, 0)]
    if not present.all():
        taken = taken.copy()
        missing = np.datetime64("NaT") if taken.dtype.kind == "M" else np.nan
        if taken.dtype.kind == "b":
            taken = taken.astype(object)
            missing = None
        taken[~present] = missing
    return pd.Series(taken)


def _side(deals: pd.DataFrame, positions: np.ndarray, suffix: str) -> pd.DataFrame:
    """The SIDE_COLUMNS of the rows at `positions`, or missing values (−1 positions)."""
    return pd.DataFrame({f"{column}_{suffix}": _gather(deals[column], positions)
                         for column in SIDE_COLUMNS})


def _rows(matching: Matching) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions in A and in B (−1 = absent) of every output row, and `comparable`."""
    def none(n: int) -> np.ndarray:
        return np.full(n, -1, dtype=np.int64)

    pos_a = np.concatenate([matching.pairs_a, matching.only_a, none(len(matching.only_b)),
                            matching.ambiguous_a, none(len(matching.ambiguous_b))])
    pos_b = np.concatenate([matching.pairs_b, none(len(matching.only_a)), matching.only_b,
                            none(len(matching.ambiguous_a)), matching.ambiguous_b])
    comparable = np.concatenate([
        np.ones(len(matching.pairs_a) + len(matching.only_a) + len(matching.only_b), bool),
        np.zeros(len(matching.ambiguous_a) + len(matching.ambiguous_b), bool),
    ])
    return pos_a.astype(np.int64), pos_b.astype(np.int64), comparable


def _kept(pos_a: np.ndarray, pos_b: np.ndarray, a: pd.DataFrame, b: pd.DataFrame,
          filters: DealFilters | None) -> np.ndarray:
    """Filters judge B's values, and A's for deals absent from B (docs/history.md)."""
    if filters is None:
        return np.ones(len(pos_a), dtype=bool)
    mask_a, mask_b = filter_mask(a, filters), filter_mask(b, filters)
    in_b = pos_b >= 0
    return np.where(in_b, mask_b[np.where(in_b, pos_b, 0)] if len(b) else False,
                    mask_a[np.where(in_b, 0, pos_a)] if len(a) else False)


def _stage_rank(stages: pd.Series) -> np.ndarray:
    """Position of the canonical stage in pipeline order, NaN when missing."""
    codes = category_codes(stages, STAGE_ORDER).astype("float64")
    codes[codes < 0] = np.nan
    return codes


def _days(values: pd.Series) -> np.ndarray:
    return day_numbers(values.to_numpy(dtype="datetime64[us]"))


def compare_snapshots(a: pd.DataFrame, b: pd.DataFrame, matching: Matching, *,
                      exported_a: dt.date, filters: DealFilters | None = None) -> pd.DataFrame:
    """The change table of docs/history.md, one row per deal (see module docstring).

    Columns: `deal_id`, `name`, `company` (B's values, else A's), `in_a`, `in_b`,
    `comparable`, the SIDE_COLUMNS suffixed `_a` / `_b` (missing when absent),
    `amount_change` (B − A, missing amounts counting 0), `close_days_change` (days, NaN
    when a date is missing), then one boolean column per change of CHANGES and `apparue`.
    """
    pos_a, pos_b, comparable = _rows(matching)
    keep = _kept(pos_a, pos_b, a, b, filters)
    pos_a, pos_b, comparable = pos_a[keep], pos_b[keep], comparable[keep]
    side_a, side_b = _side(a, pos_a, "a"), _side(b, pos_b, "b")
    in_a, in_b = pos_a >= 0, pos_b >= 0
    shown = pd.DataFrame({column: side_b[f"{column}_b"].where(in_b, side_a[f"{column}_a"])
                          for column in ("deal_id", "name", "company")})
    frame = pd.concat([shown, side_a, side_b], axis=1)
    frame["in_a"], frame["in_b"], frame["comparable"] = in_a, in_b, comparable

    both = in_a & in_b & comparable
    status_a = frame["status_a"].to_numpy(dtype=object, na_value=None)
    status_b = frame["status_b"].to_numpy(dtype=object, na_value=None)
    open_a, open_b = status_a == "open", status_b == "open"
    closed_a = (status_a == "won") | (status_a == "lost")
    amount_change = (frame["amount_b"].fillna(0.0).to_numpy() -
                     frame["amount_a"].fillna(0.0).to_numpy())
    amount_change = np.where(both, np.round(amount_change, 2), np.nan)
    close_change = np.where(both, _days(frame["expected_close_date_b"]) -
                            _days(frame["expected_close_date_a"]), np.nan)
    rank_change = _stage_rank(frame["stage_b"]) - _stage_rank(frame["stage_a"])
    frame["amount_change"], frame["close_days_change"] = amount_change, close_change

    flags = {
        "nouvelle": in_b & ~in_a & comparable,
        "disparue": in_a & ~in_b & comparable,
        "gagnee": both & open_a & (status_b == "won"),
        "perdue": both & open_a & (status_b == "lost"),
        "rouverte": both & closed_a & open_b,
        "avancee": both & open_a & open_b & (rank_change > 0),
        "reculee": both & open_a & open_b & (rank_change < 0),
        "montant_hausse": both & (amount_change > 0),
        "montant_baisse": both & (amount_change < 0),
        "glissee": both & (close_change > 0),
        "date_avancee": both & (close_change < 0),
    }
    changed = np.zeros(len(frame), dtype=bool)
    for name in CHANGES[:-1]:
        changed |= flags[name]
    flags["inchangee"] = both & ~changed
    created_b = _days(frame["created_date_b"])
    after_export = created_b > day_number(exported_a)
    flags[APPARUE] = flags["nouvelle"] & ~after_export
    for name, values in flags.items():
        frame[name] = values
    return frame
