"""Totals never add two currencies (docs/definitions.md, Import rules).

Each deal keeps its currency; the dashboard works in the file's main currency — the most
frequent one, ties going to the one met first — and reports how many deals in other
currencies it leaves out of the totals, and which. A deal without a currency counts as one
in the main currency. The main currency is the snapshot's, whatever the filters keep.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class CurrencySplit:
    """`main`: the currency totals are in (None when no deal names one); `excluded`: each
    other currency → number of deals left out, most frequent first."""

    main: str | None
    excluded: dict[str, int] = field(default_factory=dict)

    @property
    def excluded_deals(self) -> int:
        return sum(self.excluded.values())

    def to_dict(self) -> dict[str, Any]:
        """The `kpis` JSON's additive keys: `currency` and `excluded_currencies`."""
        return {"currency": self.main, "excluded_currencies": dict(self.excluded)}


def _counts(deals: pd.DataFrame) -> pd.Series:
    """Deals per named currency, most frequent first, ties in order of first appearance."""
    currencies = deals["currency"].dropna()
    currencies = currencies[currencies != ""]
    if currencies.empty:
        return pd.Series(dtype="int64")
    codes, uniques = pd.factorize(currencies, sort=False)
    counts = np.bincount(codes)
    order = np.lexsort((np.arange(len(counts)), -counts))
    return pd.Series(counts[order], index=np.asarray(uniques, dtype=object)[order])


def main_currency(deals: pd.DataFrame) -> str | None:
    """The most frequent currency of `deals` (the file's, when given the whole snapshot)."""
    counts = _counts(deals)
    return str(counts.index[0]) if len(counts) else None


def split_by_currency(deals: pd.DataFrame, main: str | None = None
                      ) -> tuple[pd.DataFrame, CurrencySplit]:
    """The deals totals may add (main currency or none), and what was left out.

    `main` defaults to the main currency of `deals`; pass the snapshot's so that a filter
    does not change the currency the dashboard works in. Returns `deals` itself (no copy)
    when nothing is left out.
    """
    if main is None:
        main = main_currency(deals)
    currency = deals["currency"]
    other = (currency.notna() & (currency != "") & (currency != main)).to_numpy(dtype=bool)
    if main is None or not other.any():
        return deals, CurrencySplit(main=main)
    excluded = _counts(deals[other])
    split = CurrencySplit(main=main, excluded={str(k): int(v) for k, v in excluded.items()})
    return deals[~other].reset_index(drop=True), split
