"""The Simulateur's per-deal list (components/simulator_levers.py `deal_options`): built
without copying every open deal (issue 8), the same deals and order as such a copy gave."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from business_logic.metrics import prepare_deals
from components import simulator_levers
from tests.metrics.frames import deals


def _frame(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    statuses = rng.choice(["open", "won", "lost"], n)
    return deals(*[
        {"deal_id": f"D{i}", "name": f"Affaire {i}" if i % 7 else None, "company": "ACME",
         "status": status, "stage": "proposal" if status == "open" else status,
         "amount": float(rng.integers(0, 50)) * 1000 if i % 11 else None,
         "probability": 0.5 if status == "open" else (1.0 if status == "won" else 0.0)}
        for i, status in enumerate(statuses)
    ])


def _expected(frame: pd.DataFrame, chosen: set[str]) -> list[str]:
    """The former implementation's ids: the open deals, largest weighted amount first."""
    open_deals = frame[frame["status"] == "open"]
    weight = (open_deals["amount"].fillna(0) * open_deals["probability"].fillna(0)).to_numpy()
    keep = open_deals.iloc[np.argsort(-weight, kind="stable")[:simulator_levers.MAX_DEAL_OPTIONS]]
    if chosen:
        keep = pd.concat([keep, open_deals[open_deals["deal_id"].isin(chosen)]])
    return keep.drop_duplicates("deal_id")["deal_id"].tolist()


@pytest.mark.parametrize("with_choices", [False, True])
def test_the_options_are_the_largest_open_deals_then_the_chosen_ones(
    monkeypatch: pytest.MonkeyPatch, with_choices: bool,
) -> None:
    frame = _frame(1000)
    unlisted = frame.loc[(frame["status"] == "open") & frame["amount"].isna(), "deal_id"]
    chosen = {*unlisted.iloc[-3:], "D0", "unknown"} if with_choices else set()
    monkeypatch.setattr(simulator_levers.st, "session_state",
                        {simulator_levers.DEALS_KEY: sorted(chosen)})
    options = simulator_levers.deal_options(prepare_deals(frame))
    assert list(options) == _expected(frame, chosen)
    shown = simulator_levers.MAX_DEAL_OPTIONS + (3 if with_choices else 0)
    assert len(options) >= shown
