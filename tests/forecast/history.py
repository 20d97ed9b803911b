"""A generated sales history for the forecast tests (seeded; real canonical dtypes)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from business_logic.columns import coerce_canonical_dtypes

END = dt.date(2026, 11, 26)


def sales_history(n: int = 600, days: int = 400, seed: int = 3, end: dt.date = END,
                  open_stage: str | None = None) -> pd.DataFrame:
    """`n` deals created over `days` days before `end`; time to close ~ 10–90 days, half won.

    Deals whose close falls after `end` are open at `end` (stage `open_stage`, or unknown
    when None) with an expected close date on the day they would close."""
    rng = np.random.default_rng(seed)
    created = np.array([end - dt.timedelta(days=int(x)) for x in rng.integers(0, days, n)])
    duration = rng.integers(10, 90, n)
    pairs = zip(created, duration, strict=True)
    closes = np.array([c + dt.timedelta(days=int(d)) for c, d in pairs])
    won = rng.random(n) < 0.5
    is_open = closes > end
    status = np.where(is_open, "open", np.where(won, "won", "lost"))
    stage = np.where(is_open, open_stage if open_stage else None, status)
    amount = rng.integers(1, 20, n) * 500.0
    probability = np.where(status == "won", 1.0, np.where(status == "lost", 0.0, 0.3))
    frame = pd.DataFrame({
        "deal_id": [f"D{i}" for i in range(n)],
        "stage_label": stage, "stage": stage, "stage_reached": stage, "status": status,
        "amount": amount, "probability": probability,
        "probability_explicit": False,
        "created_date": pd.to_datetime(created),
        "expected_close_date": pd.to_datetime(closes),
        "closed_date": pd.to_datetime(np.where(is_open, None, closes)),
        "source_row": np.arange(n) + 2,
    })
    return coerce_canonical_dtypes(frame)


LARGE_AMOUNT = 200_000.0  # 40 × the median amount of sales_history (500–9,500)


def lumpy_history(wins_before: dt.date, *, seed: int = 3) -> pd.DataFrame:
    """sales_history with a few very large deals: three won before `wins_before`, one won
    after it, and two still open at END."""
    frame = sales_history(seed=seed).copy()
    ts = pd.Timestamp(wins_before)
    won = frame["status"] == "won"
    early = frame.index[won & (frame["closed_date"] < ts - pd.Timedelta(days=60))][:3]
    late = frame.index[won & (frame["closed_date"] > ts)][:1]
    still_open = frame.index[frame["status"] == "open"][:2]
    frame.loc[[*early, *late, *still_open], "amount"] = LARGE_AMOUNT
    return frame
