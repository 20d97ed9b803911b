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

from business_logic.columns import STATUSES
from business_logic.history.matching import Matching
from business_logic.metrics._common import day_number, day_numbers
from business_logic.metrics.filters import DealFilters, filter_mask
from business_logic.metrics.prepared import LOST, OPEN, WON, category_codes
from business_logic.stages import STAGE_ORDER

#: The changes of docs/history.md, in the order the counts and lists are given.
CHANGES: Final[tuple[str, ...]] = (
    "nouvelle", "disparue", "gagnee", "perdue", "rouverte", "avancee", "reculee",
    "montant_hausse", "montant_baisse", "glissee", "date_avancee", "inchangee",
)  # fmt: skip
#: Subset of `nouvelle`: created on or before A's export date (or no creation date).
APPARUE: Final = "apparue"

#: Taken from B, else from A (deals gone from B): who the deal is.
SHARED_COLUMNS: Final[tuple[str, ...]] = (
    "deal_id", "name", "company", "source", "owner", "sector", "segment", "created_date",
)  # fmt: skip
#: Taken from each side, suffixed `_a` / `_b` (missing when absent): what may change.
SIDE_COLUMNS: Final[tuple[str, ...]] = (
    "stage", "status", "amount", "probability", "expected_close_date",
)  # fmt: skip
_CATEGORIES: Final = {"stage": STAGE_ORDER, "status": STATUSES}


def _arrow(column: pd.Series) -> pa.Array | pa.ChunkedArray:
    array = column.array
    if hasattr(array, "__arrow_array__"):
        return array.__arrow_array__()
    return pa.array(column.astype(object).where(column.notna(), None), type=pa.string())


def _shared(column_b: pd.Series, rows_b: np.ndarray, column_a: pd.Series,
            rows_a: np.ndarray) -> pd.Series:
    """B's values at rows_b followed by A's at rows_a (one take per side, no nulls to
    insert: the table lists the deals present in B first)."""
    if column_b.dtype == "str" or column_a.dtype == "str":
        parts = [_arrow(column).take(pa.array(rows, type=pa.int64()))
                 for column, rows in ((column_b, rows_b), (column_a, rows_a)) if len(rows)]
        chunks = [chunk.cast(pa.large_string()) for part in parts
                  for chunk in (part.chunks if isinstance(part, pa.ChunkedArray) else [part])]
        joined = pa.chunked_array(chunks, type=pa.large_string())
        return pd.Series(pd.array(joined, dtype="str"))
    return pd.Series(np.concatenate([column_b.to_numpy()[rows_b], column_a.to_numpy()[rows_a]]))


def _side(column: pd.Series, positions: np.ndarray, categories: tuple[str, ...] | None
          ) -> pd.Series:
    """column[positions], missing where the position is −1; stage and status come back as
    Categoricals (integer codes: 20× cheaper than gathering Arrow strings)."""
    present = positions >= 0
    safe = np.where(present, positions, 0) if len(column) else np.zeros(0, dtype=np.int64)
    if categories is not None:
        codes = category_codes(column, categories)
        taken = codes[safe] if len(column) else np.full(len(positions), -1)
        return pd.Series(pd.Categorical.from_codes(np.where(present, taken, -1),
                                                   categories=list(categories)))
    values = column.to_numpy()
    taken = values[safe] if len(values) else np.zeros(len(positions), dtype=values.dtype)
    if not present.all():
        taken = taken.copy()
        taken[~present] = np.datetime64("NaT") if taken.dtype.kind == "M" else np.nan
    return pd.Series(taken)


def _rows(matching: Matching) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions in A and in B (−1 = absent) of every output row, and `comparable`.

    Order: pairs, new in B, not comparable in B, then gone from B, not comparable in A —
    every deal present in B comes first."""
    def none(n: int) -> np.ndarray:
        return np.full(n, -1, dtype=np.int64)

    pos_a = np.concatenate([matching.pairs_a, none(len(matching.only_b)),
                            none(len(matching.ambiguous_b)), matching.only_a,
                            matching.ambiguous_a])
    pos_b = np.concatenate([matching.pairs_b, matching.only_b, matching.ambiguous_b,
                            none(len(matching.only_a)), none(len(matching.ambiguous_a))])
    comparable = np.concatenate([
        np.ones(len(matching.pairs_a) + len(matching.only_b), bool),
        np.zeros(len(matching.ambiguous_b), bool), np.ones(len(matching.only_a), bool),
        np.zeros(len(matching.ambiguous_a), bool),
    ])
    return pos_a.astype(np.int64), pos_b.astype(np.int64), comparable


def _kept(pos_a: np.ndarray, pos_b: np.ndarray, a: pd.DataFrame, b: pd.DataFrame,
          filters: DealFilters | None) -> np.ndarray:
    """Filters judge B's values, and A's for deals absent from B (docs/history.md)."""
    if filters is None:
        return np.ones(len(pos_a), dtype=bool)
    # one spare False at the end: position −1 (absent) reads it
    mask_a = np.append(filter_mask(a, filters), False)
    mask_b = np.append(filter_mask(b, filters), False)
    in_b = pos_b >= 0
    return np.where(in_b, mask_b[pos_b], mask_a[pos_a])


def _stage_rank(stages: pd.Series) -> np.ndarray:
    """Position of the canonical stage in pipeline order, NaN when missing."""
    codes = stages.cat.codes.to_numpy().astype("float64")
    codes[codes < 0] = np.nan
    return codes


def _days(values: pd.Series) -> np.ndarray:
    return day_numbers(values.to_numpy(dtype="datetime64[us]"))


def compare_snapshots(a: pd.DataFrame, b: pd.DataFrame, matching: Matching, *,
                      exported_a: dt.date, filters: DealFilters | None = None) -> pd.DataFrame:
    """The change table of docs/history.md, one row per deal (see module docstring).

    Columns: SHARED_COLUMNS (B's values, else A's), the SIDE_COLUMNS suffixed `_a` / `_b`
    (missing when absent; stage and status as Categoricals), `in_a`, `in_b`, `comparable`,
    `amount_change` (B − A, missing amounts counting 0), `close_days_change` (days, NaN
    when a date is missing), then one boolean column per change of CHANGES and `apparue`.
    """
    pos_a, pos_b, comparable = _rows(matching)
    keep = _kept(pos_a, pos_b, a, b, filters)
    pos_a, pos_b, comparable = pos_a[keep], pos_b[keep], comparable[keep]
    in_a, in_b = pos_a >= 0, pos_b >= 0
    columns = {name: _shared(b[name], pos_b[in_b], a[name], pos_a[~in_b])
               for name in SHARED_COLUMNS}
    for suffix, deals, positions in (("a", a, pos_a), ("b", b, pos_b)):
        for name in SIDE_COLUMNS:
            columns[f"{name}_{suffix}"] = _side(deals[name], positions, _CATEGORIES.get(name))
    frame = pd.DataFrame(columns)
    frame["in_a"], frame["in_b"], frame["comparable"] = in_a, in_b, comparable

    both = in_a & in_b & comparable
    status_a = frame["status_a"].cat.codes.to_numpy()  # positions in STATUSES, −1 missing
    status_b = frame["status_b"].cat.codes.to_numpy()
    open_a, open_b = status_a == OPEN, status_b == OPEN
    closed_a = (status_a == WON) | (status_a == LOST)
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
        "gagnee": both & open_a & (status_b == WON),
        "perdue": both & open_a & (status_b == LOST),
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
    created_b = _days(frame["created_date"])
    after_export = created_b > day_number(exported_a)
    flags[APPARUE] = flags["nouvelle"] & ~after_export
    for name, values in flags.items():
        frame[name] = values
    return frame
