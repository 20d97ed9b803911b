"""What the user did with an action: done, or snoozed until a date (docs/actions.md).

The states are read from the database by the caller; here only the rule of what they hide
as of the reference date D (never the clock): a done deal is hidden, a snoozed one is hidden
while D < until and comes back from `until` on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np

SNOOZE_DAYS: Final = 7
StateName = Literal["done", "snoozed"]


@dataclass(frozen=True)
class ActionState:
    """`until`: the first day a snoozed deal shows again (None for done)."""

    deal_key: str
    state: StateName
    until: dt.date | None = None

    def hides(self, as_of: dt.date) -> bool:
        if self.state == "done":
            return True
        return self.until is not None and as_of < self.until


def snooze_until(as_of: dt.date, days: int = SNOOZE_DAYS) -> dt.date:
    """« Reporter d'une semaine »: back in the list 7 days after the reference date."""
    return as_of + dt.timedelta(days=days)


def hidden_mask(keys: np.ndarray, states: Mapping[str, ActionState],
                as_of: dt.date) -> np.ndarray:
    """True where the deal's key has a state that hides it as of D."""
    hiding = {key for key, state in states.items() if state.hides(as_of)}
    if not hiding:
        return np.zeros(len(keys), dtype=bool)
    return np.fromiter((key in hiding for key in keys), dtype=bool, count=len(keys))
