"""A list of deals to display (alerts, stale deals), materialised only when asked.

Alert lists over a large frame can hold a hundred thousand deals while a page shows the
first fifty and the count; sorting them and copying every text column of every listed deal
would cost more than all the metrics together. A DealList keeps the row positions and their
sort keys: `len()` is free, `.head(n)` selects the first n with a partial sort
(np.partition on the primary key, then a full sort of the few candidates), and `.frame`
sorts and builds the whole DataFrame once. The order is the same either way: keys
ascending, ties in frame order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Final

import numpy as np
import pandas as pd

from business_logic.metrics._common import records
from business_logic.metrics.prepared import PreparedDeals

#: Columns a deal table needs; computed day columns are added after them.
DISPLAY_COLUMNS: Final[tuple[str, ...]] = (
    "deal_id",
    "name",
    "company",
    "stage",
    "owner",
    "source",
    "amount",
    "probability",
    "created_date",
    "expected_close_date",
    "last_activity_date",
)


@dataclass(frozen=True, eq=False)
class DealList:
    """Deals of one list. `rows`: ascending positions in the source frame; `keys`: sort keys
    aligned with `rows`, primary first, ascending, no NaN; `extra`: computed columns aligned
    with `rows`."""

    deals: PreparedDeals = field(repr=False)
    rows: np.ndarray = field(repr=False)
    keys: tuple[np.ndarray, ...] = field(repr=False)
    extra: dict[str, np.ndarray] = field(repr=False)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def count(self) -> int:
        return len(self.rows)

    @cached_property
    def order(self) -> np.ndarray:
        """Indices into `rows` in display order (stable: ties keep the frame's order)."""
        return np.lexsort(self.keys[::-1]) if self.keys else np.arange(len(self.rows))

    def _first(self, n: int) -> np.ndarray:
        if n >= len(self.rows) or not self.keys or "order" in self.__dict__:
            return self.order[:n]
        primary = self.keys[0]
        cutoff = np.partition(primary, n - 1)[n - 1]
        candidates = np.flatnonzero(primary <= cutoff)
        ranked = np.lexsort(tuple(key[candidates] for key in self.keys[::-1]))
        return candidates[ranked[:n]]

    def head(self, n: int) -> pd.DataFrame:
        """The first `n` deals as a DataFrame (DISPLAY_COLUMNS + computed columns)."""
        return self._build(self._first(max(n, 0)) if n > 0 else self.order[:0])

    @cached_property
    def frame(self) -> pd.DataFrame:
        """All the deals, in order, as a DataFrame (built once)."""
        return self._build(self.order)

    def _build(self, positions: np.ndarray) -> pd.DataFrame:
        rows = self.rows[positions]
        out = self.deals.frame[list(DISPLAY_COLUMNS)].take(rows).reset_index(drop=True)
        for name, values in self.extra.items():
            out[name] = values[positions]
        return out

    def to_dict(self, limit: int | None = None) -> dict[str, Any]:
        """{"count": n, "deals": [JSON-able rows]} (the first `limit` rows when given)."""
        shown = self.frame if limit is None else self.head(limit)
        return {"count": self.count, "deals": records(shown)}


def descending(values: np.ndarray) -> np.ndarray:
    """Sort key putting large values first and NaN (unknown) last."""
    return np.where(np.isnan(values), np.inf, -values)


def amount_descending(deals: PreparedDeals) -> np.ndarray:
    """The "by value" sort key of docs/definitions.md lists, computed once per prepared frame."""
    return deals.memo("amount_descending", lambda: descending(deals.amount))


def deal_list(
    deals: PreparedDeals,
    mask: np.ndarray,
    keys: tuple[np.ndarray, ...],
    extra: dict[str, np.ndarray] | None = None,
) -> DealList:
    """The deals where `mask` is True, to be ordered by `keys` (frame-aligned arrays, primary
    first, ascending); `extra` arrays are frame-aligned too and subset here."""
    rows = np.flatnonzero(mask)
    return DealList(
        deals,
        rows,
        tuple(key[rows] for key in keys),
        {name: values[rows] for name, values in (extra or {}).items()},
    )
