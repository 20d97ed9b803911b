"""The pipeline waterfall from snapshot A to snapshot B (docs/history.md, « La cascade du
pipeline »).

    début + nouvelles + rouvertes + montant↑ − montant↓ − gagnées − perdues − disparues
          − non comparables (sortie) + non comparables (entrée) = fin

Each open deal of A and of B lands in exactly one term, with A's value for deals leaving,
B's for deals entering and the difference for deals open in both, so the identity is exact
up to float rounding (sums are `math.fsum`, correctly rounded: far below the cent). The two
"non comparables" terms are zero unless some deals could not be matched; they keep `début`
and `fin` equal to the pipelines of the two snapshots. For the weighted pipeline a
probability change counts with the amount change. The 30-day version (close date between
the export date and 30 days later) adds `entrees` / `sorties` for deals open in both whose
close date came into / left the window.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from business_logic.metrics._common import day_number, day_numbers

WINDOW_DAYS: Final = 30


@dataclass(frozen=True)
class Waterfall:
    """The terms of the waterfall, each a positive amount (signs are those of the identity)."""

    start: float
    nouvelles: float
    rouvertes: float
    montant_hausse: float
    montant_baisse: float
    gagnees: float
    perdues: float
    disparues: float
    non_comparables_sortie: float
    non_comparables_entree: float
    end: float
    entrees: float = 0.0
    sorties: float = 0.0

    def identity_gap(self) -> float:
        """Left side minus right side of the identity (0 up to float rounding)."""
        return (self.start + self.nouvelles + self.rouvertes + self.montant_hausse
                - self.montant_baisse - self.gagnees - self.perdues - self.disparues
                - self.non_comparables_sortie + self.non_comparables_entree
                + self.entrees - self.sorties - self.end)

    def to_dict(self, *, window: bool = False) -> dict[str, float]:
        """The JSON of docs/cli.md `diff` (`entrees` / `sorties` for the 30-day window)."""
        out = {
            "start": self.start, "nouvelles": self.nouvelles, "rouvertes": self.rouvertes,
            "montant_hausse": self.montant_hausse, "montant_baisse": self.montant_baisse,
            "gagnees": self.gagnees, "perdues": self.perdues, "disparues": self.disparues,
            "non_comparables_sortie": self.non_comparables_sortie,
            "non_comparables_entree": self.non_comparables_entree,
        }  # fmt: skip
        if window:
            out["entrees"], out["sorties"] = self.entrees, self.sorties
        out["end"] = self.end
        return out


def _is(column: pd.Series, *values: str) -> np.ndarray:
    return column.isin(values).to_numpy(dtype=bool)


def _sum(values: np.ndarray, mask: np.ndarray) -> float:
    return math.fsum(values[mask]) + 0.0  # + 0.0 turns -0.0 into 0.0


def _in_window(close_dates: pd.Series, exported_on: dt.date) -> np.ndarray:
    days = day_numbers(close_dates.to_numpy(dtype="datetime64[us]"))
    start = day_number(exported_on)
    return (days >= start) & (days <= start + WINDOW_DAYS)


def pipeline_values(changes: pd.DataFrame, side: str, *, weighted: bool) -> np.ndarray:
    """Each row's value on one side: amount (missing = 0), × probability when weighted."""
    amount = changes[f"amount_{side}"].fillna(0.0).to_numpy(dtype="float64")
    if weighted:
        amount = amount * changes[f"probability_{side}"].fillna(0.0).to_numpy(dtype="float64")
    return amount


def waterfall(changes: pd.DataFrame, *, weighted: bool = False,
              window_from: tuple[dt.date, dt.date] | None = None) -> Waterfall:
    """The waterfall of a change table (business_logic.history.changes.compare_snapshots).

    `window_from=(exported_a, exported_b)` restricts each side to the deals closing within
    30 days of its own export date (the "next 30 days" waterfall).
    """
    in_a = changes["in_a"].to_numpy(dtype=bool)
    in_b = changes["in_b"].to_numpy(dtype=bool)
    comparable = changes["comparable"].to_numpy(dtype=bool)
    open_a, open_b = _is(changes["status_a"], "open"), _is(changes["status_b"], "open")
    counted_a, counted_b = in_a & open_a, in_b & open_b
    if window_from is not None:
        counted_a &= _in_window(changes["expected_close_date_a"], window_from[0])
        counted_b &= _in_window(changes["expected_close_date_b"], window_from[1])
    value_a = pipeline_values(changes, "a", weighted=weighted)
    value_b = pipeline_values(changes, "b", weighted=weighted)
    both = in_a & in_b & comparable
    stays = both & counted_a & counted_b
    difference = np.where(stays, value_b - value_a, 0.0)
    return Waterfall(
        start=_sum(value_a, counted_a),
        nouvelles=_sum(value_b, counted_b & ~in_a & comparable),
        rouvertes=_sum(value_b, counted_b & both & _is(changes["status_a"], "won", "lost")),
        montant_hausse=_sum(difference, difference > 0),
        montant_baisse=-_sum(difference, difference < 0) + 0.0,
        gagnees=_sum(value_a, counted_a & both & _is(changes["status_b"], "won")),
        perdues=_sum(value_a, counted_a & both & _is(changes["status_b"], "lost")),
        disparues=_sum(value_a, counted_a & ~in_b & comparable),
        non_comparables_sortie=_sum(value_a, counted_a & ~comparable),
        non_comparables_entree=_sum(value_b, counted_b & ~comparable),
        end=_sum(value_b, counted_b),
        entrees=_sum(value_b, both & counted_b & ~counted_a & open_a),
        sorties=_sum(value_a, both & counted_a & ~counted_b & open_b),
    )
