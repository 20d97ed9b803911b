"""The Simulateur's levers and the scenario they make (docs/objectifs.md, « Simulateur »).

A scenario is a copy: `apply_levers` never changes the frame it is given (nor anything
stored); it returns new columns for the open deals and the `Tuning` of what the forecast
learned (business_logic.forecast.tuning), which a frame cannot express. Every lever at
zero gives back the same values, so the scenario's forecast is exactly the baseline's.

The levers, for the deals open in the export:
- average deal size ± x %: amount × (1 + x/100) — of every deal open at the reference
  date, including those the export shows closed later (the forecast reads them as open
  then) — and the mean won amount the forecast gives new deals and deals without amount;
- win rate ± y points: probability + y/100, kept in 0–1, and the eventual win rate of the
  learned curve (deals of unknown stage, new deals) moved by as many points;
- sales cycle ± z days: a future close date moves z days (never before the reference
  date); every other deal reads z days younger, and new deals need z days more to close;
- new deals per week ± w %: × (1 + w/100) the creation rate of the new-business layer;
- per deal (by deal_id): "won" — won for sure, on its close date when it is after the
  reference date, else the day after (its amount counted whole, no uncertainty); "lost"
  — counts nothing; "slip" — its close date one month later (from the reference date when
  it is overdue or missing). Forced deals stay open at probability 0 in the forecast's
  frame, so what the history teaches is the baseline's; their wins are `certain_wins`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

import numpy as np
import pandas as pd

from business_logic.forecast.tuning import Tuning
from business_logic.metrics.prepared import Deals, prepare_deals

Override = Literal["won", "lost", "slip"]
OVERRIDES: Final[tuple[Override, ...]] = ("won", "lost", "slip")

# Accepted range of each lever (a scenario outside them is refused in French).
LEVER_LIMITS: Final[dict[str, tuple[float, float]]] = {
    "basket_percent": (-100.0, 1000.0),
    "win_rate_points": (-100.0, 100.0),
    "cycle_days": (-365.0, 365.0),
    "new_deals_percent": (-100.0, 1000.0),
}
LEVER_NAMES: Final[dict[str, str]] = {
    "basket_percent": "panier moyen (%)",
    "win_rate_points": "taux de réussite (points)",
    "cycle_days": "cycle de vente (jours)",
    "new_deals_percent": "nouvelles affaires par semaine (%)",
}


@dataclass(frozen=True)
class Levers:
    """One scenario's settings, in the units the page shows (%, points, days)."""

    basket_percent: float = 0.0
    win_rate_points: float = 0.0
    cycle_days: float = 0.0
    new_deals_percent: float = 0.0
    overrides: Mapping[str, Override] = field(default_factory=dict)  # deal_id -> choice

    def __post_init__(self) -> None:
        for name, (low, high) in LEVER_LIMITS.items():
            value = getattr(self, name)
            if not isinstance(value, int | float) or not low <= float(value) <= high:
                raise ValueError(f"{LEVER_NAMES[name]} : valeur {value!r} hors de "
                                 f"{low:g} à {high:g}")
        if float(self.cycle_days) != round(float(self.cycle_days)):
            raise ValueError(f"{LEVER_NAMES['cycle_days']} : valeur {self.cycle_days!r} — "
                             "un nombre entier de jours est attendu")
        for deal_id, choice in self.overrides.items():
            if choice not in OVERRIDES:
                raise ValueError(f"affaire {deal_id!r} : choix {choice!r} inconnu "
                                 "(attendu won, lost ou slip)")
        object.__setattr__(self, "overrides", dict(self.overrides))

    @property
    def tuning(self) -> Tuning:
        return Tuning(
            amount_factor=1.0 + self.basket_percent / 100.0,
            win_shift=self.win_rate_points / 100.0,
            cycle_days=float(self.cycle_days),
            creation_factor=1.0 + self.new_deals_percent / 100.0,
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON stored with a named scenario."""
        return {**{name: float(getattr(self, name)) for name in LEVER_LIMITS},
                "overrides": dict(sorted(self.overrides.items()))}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Levers:
        """Back from `to_dict` (missing levers = 0); ValueError in French otherwise."""
        unknown = set(data) - {*LEVER_LIMITS, "overrides"}
        if unknown:
            raise ValueError(f"levier inconnu : {', '.join(sorted(unknown))}")
        overrides = data.get("overrides") or {}
        if not isinstance(overrides, Mapping):
            raise ValueError("overrides : attendu un objet {deal_id: won|lost|slip}")
        return cls(**{name: data.get(name, 0.0) for name in LEVER_LIMITS},
                   overrides={str(k): v for k, v in overrides.items()})


@dataclass(frozen=True)
class Scenario:
    """The forecast's input under the levers: `deals` (a new frame), `tuning`, and the
    forced wins (`certain_wins`: deal_id, name, amount, win_date), counted apart."""

    deals: pd.DataFrame
    tuning: Tuning
    certain_wins: pd.DataFrame

    def certain_between(self, start: dt.date, end: dt.date) -> float:
        """Value of the forced wins dated in (start, end]."""
        if self.certain_wins.empty:
            return 0.0
        dates = self.certain_wins["win_date"].to_numpy(dtype="datetime64[D]")
        inside = (dates > np.datetime64(start, "D")) & (dates <= np.datetime64(end, "D"))
        return float(self.certain_wins["amount"].to_numpy()[inside].sum())


_NO_WINS: Final = pd.DataFrame({"deal_id": np.array([], dtype=object),
                                "name": np.array([], dtype=object),
                                "amount": np.array([], dtype="float64"),
                                "win_date": np.array([], dtype="datetime64[us]")})


def apply_levers(deals: Deals, levers: Levers, as_of: dt.date) -> Scenario:
    """The scenario of `levers` at `as_of` (module docstring); `deals` is left as it was.

    Numpy on copies of the four changed columns (a lever change must stay well under
    0.5 s at 100k deals: benchmarks/simulator_bench.py); the per-deal choices touch only
    their rows."""
    prepared = prepare_deals(deals)
    frame = prepared.frame
    is_open = prepared.is_open
    today = np.datetime64(as_of, "us")
    amount = prepared.amount.copy()
    probability = prepared.probability.copy()
    explicit = frame["probability_explicit"].to_numpy(dtype=bool, copy=True)
    expected = frame["expected_close_date"].to_numpy(dtype="datetime64[us]", copy=True)

    if levers.basket_percent:
        # open at the reference date: open in the export, or closed after that date
        closed = frame["closed_date"].to_numpy(dtype="datetime64[us]")
        open_then = is_open | ((prepared.is_won | prepared.is_lost) & (closed > today))
        amount[open_then] *= 1.0 + levers.basket_percent / 100.0
    if levers.win_rate_points:
        probability[is_open] = np.clip(probability[is_open] + levers.win_rate_points / 100.0,
                                       0.0, 1.0)
    if levers.cycle_days:
        future = is_open & (expected >= today)  # NaT compares False
        moved = expected[future] + np.timedelta64(round(levers.cycle_days), "D")
        expected[future] = np.maximum(moved, today)

    certain = _NO_WINS  # shared, read-only
    if levers.overrides:
        rows = np.flatnonzero(is_open & frame["deal_id"].isin(list(levers.overrides))
                              .to_numpy(dtype=bool, na_value=False))
        ids = frame["deal_id"].iloc[rows].tolist()
        choices = np.array([levers.overrides[str(d)] for d in ids], dtype=object)
        slipped = rows[choices == "slip"]
        if len(slipped):
            start = np.where(expected[slipped] >= today, expected[slipped], today)
            expected[slipped] = (pd.DatetimeIndex(start) + pd.DateOffset(months=1)).to_numpy(
                dtype="datetime64[us]")
        won = rows[choices == "won"]
        if len(won):
            certain = pd.DataFrame({
                "deal_id": frame["deal_id"].iloc[won].tolist(),
                "name": frame["name"].iloc[won].tolist(),
                "amount": np.nan_to_num(amount[won]),
                "win_date": np.where(expected[won] > today, expected[won],
                                     today + np.timedelta64(1, "D")),
            })
        forced = rows[(choices == "won") | (choices == "lost")]
        probability[forced] = 0.0
        explicit[forced] = True

    scenario = frame.assign(amount=amount, probability=probability,
                            probability_explicit=explicit, expected_close_date=expected)
    return Scenario(deals=scenario, tuning=levers.tuning, certain_wins=certain)
