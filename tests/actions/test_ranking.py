"""The ranked to-do list of Actions prioritaires (docs/actions.md): each deal once, its
reasons as tags, score = amount × probability × urgency, done and snoozed deals hidden."""

from __future__ import annotations

import datetime as dt

import pytest

from business_logic.actions import ActionState, action_keys, rank_actions, snooze_until
from business_logic.metrics import Thresholds
from tests.metrics.frames import D, day, deals

# A: 10 000 € in proposal (50 %), overdue by 5 days and cold (30 days without activity):
#    urgency 1 + 0,5 (second reason) + 1 (overdue) = 2,5 → score 12 500.
# B: 20 000 € in negotiation (70 %), cold, closing in 100 days: urgency 1 → 14 000.
# C: 5 000 € in proposal (50 %), quick win closing in 15 days of 30: urgency 1,5 → 3 750.
# E: nothing to do (recent activity, closing in 100 days, low probability).
A = {"deal_id": "A", "name": "Alpha", "company": "Acme", "owner": "Léa", "stage": "proposal",
     "amount": 10_000, "expected_close_date": day(-5), "last_activity_date": day(-30),
     "created_date": day(-90)}
B = {"deal_id": "B", "name": "Bravo", "owner": "Marc", "stage": "negotiation",
     "amount": 20_000, "expected_close_date": day(100), "last_activity_date": day(-20),
     "created_date": day(-90)}
C = {"deal_id": "C", "name": "Charlie", "owner": "Léa", "stage": "proposal", "amount": 5_000,
     "expected_close_date": day(15), "last_activity_date": day(-1), "created_date": day(-60)}
E = {"deal_id": "E", "name": "Echo", "stage": "qualified", "amount": 90_000,
     "expected_close_date": day(100), "last_activity_date": day(-1), "created_date": day(-60)}


def test_order_follows_the_score_with_urgency_as_documented() -> None:
    ranking = rank_actions(deals(C, A, B, E), D)
    visible = ranking.visible
    assert visible["deal_id"].tolist() == ["B", "A", "C"]
    assert visible["urgency"].tolist() == pytest.approx([1.0, 2.5, 1.5])
    assert visible["score"].tolist() == pytest.approx([14_000, 12_500, 3_750])


def test_each_deal_appears_once_with_all_its_reasons_as_tags() -> None:
    visible = rank_actions(deals(A, B, C), D).visible
    assert visible["deal_id"].is_unique
    tags = dict(zip(visible["deal_id"], visible["tags"], strict=True))
    assert tags == {"A": ("en retard", "froide"), "B": ("froide",), "C": ("gain rapide",)}


def test_untreated_lead_is_tagged() -> None:
    lead = {"deal_id": "L", "name": "Lead", "amount": 1_000, "created_date": day(-3)}
    visible = rank_actions(deals(lead), D).visible
    assert visible["tags"].tolist() == [("lead non traité",)]


def test_closed_deals_and_deals_without_reason_are_not_listed() -> None:
    won = {**A, "deal_id": "W", "status": "won"}
    assert rank_actions(deals(won, E), D).visible.empty


def test_thresholds_in_force_decide_the_reasons() -> None:
    visible = rank_actions(deals(A, B), D, Thresholds(cold_days=25)).visible
    assert dict(zip(visible["deal_id"], visible["tags"], strict=True)) == {
        "A": ("en retard", "froide")}


def test_history_anomalies_are_reasons() -> None:
    visible = rank_actions(deals(A, E), D, stuck_ids={"E"}, slipping_ids={"A"}).visible
    tags = dict(zip(visible["deal_id"], visible["tags"], strict=True))
    assert tags == {"A": ("en retard", "froide", "glissement répété"), "E": ("bloquée",)}


def test_missing_amount_scores_zero_and_comes_last() -> None:
    unknown = {**B, "deal_id": "U", "amount": None}
    visible = rank_actions(deals(unknown, C), D).visible
    assert visible["deal_id"].tolist() == ["C", "U"]
    assert visible["score"].iloc[1] == 0


def test_done_deal_leaves_the_list_for_the_hidden_one() -> None:
    ranking = rank_actions(deals(A, B), D, states={"A": ActionState("A", "done")})
    assert ranking.visible["deal_id"].tolist() == ["B"]
    assert ranking.hidden[["deal_id", "state"]].values.tolist() == [["A", "done"]]


@pytest.mark.parametrize(("offset", "listed"), [(0, False), (6, False), (7, True), (30, True)])
def test_snoozed_deal_comes_back_on_its_date(offset: int, listed: bool) -> None:
    state = ActionState("B", "snoozed", snooze_until(D))
    assert state.until == dt.date(2026, 12, 3)
    as_of = D + dt.timedelta(days=offset)
    frame = deals({**B, "expected_close_date": (as_of + dt.timedelta(days=100)).isoformat()})
    ranking = rank_actions(frame, as_of, states={"B": state})
    assert (ranking.visible["deal_id"].tolist() == ["B"]) is listed
    assert len(ranking.hidden) == (0 if listed else 1)


def test_filter_per_owner_keeps_the_order() -> None:
    ranking = rank_actions(deals(C, A, B), D)
    assert ranking.owners() == ["Léa", "Marc"]
    assert ranking.for_owner("Léa")["deal_id"].tolist() == ["A", "C"]
    assert ranking.for_owner(None)["deal_id"].tolist() == ["B", "A", "C"]


def test_file_ids_are_the_keys() -> None:
    assert action_keys(deals(A, B)).tolist() == ["A", "B"]


def test_without_ids_the_key_is_name_and_company_whatever_the_row() -> None:
    first = deals({**A, "deal_id": "L2", "name": "Alpha  Étude"},
                  {**B, "deal_id": "L3"})
    later = deals({**B, "deal_id": "L2", "source_row": 2},
                  {**A, "deal_id": "L3", "source_row": 3, "name": "alpha etude"})
    assert action_keys(first).tolist() == ["clé:alphaetude\x1facme", "clé:bravo\x1f"]
    assert action_keys(later).tolist()[::-1] == action_keys(first).tolist()
