"""Actions prioritaires: one ranked to-do list of open deals (docs/actions.md).

Pure (no Streamlit, no SQL, no clock): the page, the weekly review and the tests share
`rank_actions`; what the user marked done or snoozed arrives as `ActionState`s read by
database/action_states.py.
"""

from business_logic.actions.keys import action_keys
from business_logic.actions.ranking import REASONS, ActionRanking, rank_actions
from business_logic.actions.states import SNOOZE_DAYS, ActionState, snooze_until

__all__ = [
    "REASONS",
    "SNOOZE_DAYS",
    "ActionRanking",
    "ActionState",
    "action_keys",
    "rank_actions",
    "snooze_until",
]
