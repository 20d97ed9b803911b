"""One ranked to-do list: each open deal that needs something at most once, with its
reasons as tags, ordered by score = amount × probability × urgency (docs/actions.md).

Urgency (docs/actions.md, « Le score »):
    urgence = 1 + 0,5 × (nombre de raisons − 1) + échéance
    échéance = 1 when the expected close date is today or past; 1 − days left / soon_days
               when it falls within the next soon_days days; 0 otherwise (later or unknown).
So a deal with one reason and no near date has urgency 1, and the most pressing (every
reason, overdue) 1 + 0,5 × 5 + 1 = 4,5. A missing amount counts 0 € (the deal stays listed,
last). The reasons are the alert rules of docs/definitions.md under the thresholds in
force (one mask per rule: metrics.conditions), plus the history anomalies when the caller
has them (docs/history.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from business_logic.actions.keys import action_keys
from business_logic.actions.states import ActionState, hidden_mask
from business_logic.metrics.conditions import (
    closing_within_mask,
    cold_mask,
    days_since_activity,
    days_until_close,
    overdue_mask,
    untreated_mask,
)
from business_logic.metrics.prepared import Deals, prepare_deals
from business_logic.metrics.thresholds import DEFAULT_THRESHOLDS, Thresholds

#: Reason key → the tag shown (French), in the order tags are listed.
REASONS: Final[dict[str, str]] = {
    "overdue": "en retard",
    "cold": "froide",
    "untreated": "lead non traité",
    "quick_win": "gain rapide",
    "stuck": "bloquée",
    "slipping": "glissement répété",
}
EXTRA_REASON_WEIGHT: Final = 0.5

COLUMNS: Final = (
    "deal_key", "deal_id", "name", "company", "owner", "stage", "amount", "probability",
    "expected_close_date", "last_activity_date", "days_until_close", "days_since_activity",
    "tags", "reasons", "deadline", "urgency", "score",
)


@dataclass(frozen=True, eq=False)
class ActionRanking:
    """`visible`: the to-do list, best score first; `hidden`: deals of the list the user
    marked done or snoozed (same columns plus `state` and `until`), in the same order."""

    visible: pd.DataFrame
    hidden: pd.DataFrame

    def owners(self) -> list[str]:
        """Owners with at least one action, alphabetical (the page's per-owner filter)."""
        return sorted(self.visible["owner"].dropna().unique().tolist())

    def for_owner(self, owner: str | None) -> pd.DataFrame:
        """The visible list of one owner (None: everybody), order kept."""
        if owner is None:
            return self.visible
        return self.visible.loc[(self.visible["owner"] == owner).to_numpy()]


def _deadline(until_close: np.ndarray, soon_days: int) -> np.ndarray:
    """1 when due today or overdue, falling linearly to 0 at D + soon_days; 0 when later or
    unknown (NaN compares False)."""
    with np.errstate(invalid="ignore"):
        closeness = np.clip(1.0 - until_close / soon_days, 0.0, 1.0)
    return np.where(np.isnan(until_close), 0.0, closeness)


def _reason_masks(p, as_of: dt.date, t: Thresholds, stuck_ids: Collection[str],
                  slipping_ids: Collection[str]) -> dict[str, np.ndarray]:
    ids = p.frame["deal_id"]
    quick = closing_within_mask(p, as_of, t.soon_days) & (p.probability0 >= t.quick_win_probability)
    return {
        "overdue": overdue_mask(p, as_of),
        "cold": cold_mask(p, as_of, t),
        "untreated": untreated_mask(p, as_of, t),
        "quick_win": quick,
        "stuck": p.is_open & ids.isin(list(stuck_ids)).to_numpy(dtype=bool),
        "slipping": p.is_open & ids.isin(list(slipping_ids)).to_numpy(dtype=bool),
    }


def rank_actions(
    deals: Deals,
    as_of: dt.date,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    *,
    states: Mapping[str, ActionState] | None = None,
    stuck_ids: Collection[str] = (),
    slipping_ids: Collection[str] = (),
) -> ActionRanking:
    """The to-do list as of D. `states`: action key → what the user did (done deals and
    deals snoozed past D leave `visible` for `hidden`); `stuck_ids` / `slipping_ids`: the
    deal_id values of the history anomalies of this snapshot (docs/history.md)."""
    p = prepare_deals(deals)
    masks = _reason_masks(p, as_of, thresholds, stuck_ids, slipping_ids)
    rows = np.flatnonzero(np.logical_or.reduce(list(masks.values())))
    flags = {key: mask[rows] for key, mask in masks.items()}
    reasons = np.sum(list(flags.values()), axis=0) if len(rows) else np.zeros(0, dtype=int)
    until_close = days_until_close(p, as_of)[rows]
    deadline = _deadline(until_close, thresholds.soon_days)
    urgency = 1.0 + EXTRA_REASON_WEIGHT * (reasons - 1) + deadline
    amount = p.amount[rows]
    probability = p.probability0[rows]
    score = np.nan_to_num(amount) * probability * urgency
    # Each combination of reasons is a bit pattern: at most 2^6 tuples, mapped in one pass.
    bits = np.zeros(len(rows), dtype=np.int64)
    for position, key in enumerate(REASONS):
        bits |= flags[key].astype(np.int64) << position
    tags = pd.Series(bits).map({
        code: tuple(label for position, label in enumerate(REASONS.values())
                    if code >> position & 1) for code in np.unique(bits).tolist()})

    needed = ["deal_id", "source_row", "name", "company", "owner", "stage",
              "expected_close_date", "last_activity_date"]
    source = p.frame[needed].take(rows).reset_index(drop=True)
    frame = pd.DataFrame({
        "deal_key": action_keys(source),
        **{c: source[c] for c in ("deal_id", "name", "company", "owner", "stage")},
        "amount": amount, "probability": probability,
        "expected_close_date": source["expected_close_date"],
        "last_activity_date": source["last_activity_date"],
        "days_until_close": until_close,
        "days_since_activity": days_since_activity(p, as_of)[rows],
        "tags": tags.to_numpy(dtype=object), "reasons": reasons, "deadline": deadline,
        "urgency": urgency, "score": score,
    }, columns=list(COLUMNS))
    # Score ↓, then urgency ↓, then amount ↓ (missing last); ties keep the frame's order.
    order = np.lexsort((-np.nan_to_num(amount, nan=-1.0), -urgency, -score))
    frame = frame.iloc[order].reset_index(drop=True)

    states = states or {}
    hidden = hidden_mask(frame["deal_key"].to_numpy(), states, as_of)
    shelved = frame.loc[hidden].reset_index(drop=True)
    shelved["state"] = [states[k].state for k in shelved["deal_key"]]
    shelved["until"] = [states[k].until for k in shelved["deal_key"]]
    return ActionRanking(visible=frame.loc[~hidden].reset_index(drop=True), hidden=shelved)
