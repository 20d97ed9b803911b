"""The weekly review lists the actions with the Actions prioritaires ranking, done and
snoozed deals left out as on the page (docs/actions.md)."""

from __future__ import annotations

from business_logic.actions import ActionState
from business_logic.weekly_review import build_weekly_review
from tests.reporting.frames import WEEK, D


def test_review_ranks_the_actions_like_the_page() -> None:
    review = build_weekly_review(WEEK, D)
    assert review.ranked["name"].tolist() == ["Alpha", "Charlie", "Bravo"]
    assert review.ranked_count == 3


def test_review_leaves_out_done_and_snoozed_deals() -> None:
    ids = dict(zip(WEEK["name"], WEEK["deal_id"], strict=True))
    states = {ids["Alpha"]: ActionState(ids["Alpha"], "done"),
              ids["Bravo"]: ActionState(ids["Bravo"], "snoozed", D)}  # back from D on
    review = build_weekly_review(WEEK, D, action_states=states)
    assert review.ranked["name"].tolist() == ["Charlie", "Bravo"]
    assert review.ranked_count == 2
