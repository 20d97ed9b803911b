"""The alert thresholds in force, for the pages (saved on Réglages, database/thresholds.py).

Read on each rerun (one tiny query), so a change on Réglages shows on every page at once.
"""

from __future__ import annotations

import database
from business_logic.metrics import Thresholds
from components import state


def current() -> Thresholds:
    """The thresholds every count, list and text of this run uses."""
    return database.get_thresholds(state.engine())
