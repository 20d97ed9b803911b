"""Tiny canonical frames for the calculator tests (real dtypes via coerce_canonical_dtypes)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from business_logic.columns import coerce_canonical_dtypes
from business_logic.stages import DEFAULT_PROBABILITIES

D = dt.date(2026, 11, 26)  # a Thursday; ISO week 2026-W48 starts on Monday 2026-11-23


def day(offset: int) -> str:
    """D + offset days as an ISO string (the frame builder parses it)."""
    return (D + dt.timedelta(days=offset)).isoformat()


def deals(*rows: dict[str, Any]) -> pd.DataFrame:
    """A canonical frame from partial rows. Defaults: open prospect; stage follows a closed
    status; probability = won 1, lost 0, else the stage default (explicit when given)."""
    completed = []
    for number, row in enumerate(rows, start=1):
        row = dict(row)
        status = row.setdefault("status", "open")
        row.setdefault("stage", status if status in ("won", "lost") else "prospect")
        row.setdefault("stage_label", row["stage"])
        row.setdefault("stage_reached", row["stage"])
        row.setdefault("deal_id", f"D{number}")
        row.setdefault("source_row", number + 1)
        if "probability" in row and status == "open":
            row.setdefault("probability_explicit", True)
        elif status == "won":
            row["probability"] = 1.0
        elif status == "lost":
            row["probability"] = 0.0
        else:
            row["probability"] = DEFAULT_PROBABILITIES[row["stage"]]
        completed.append(row)
    if not completed:
        return coerce_canonical_dtypes(pd.DataFrame({"deal_id": []}))
    return coerce_canonical_dtypes(pd.DataFrame(completed))
