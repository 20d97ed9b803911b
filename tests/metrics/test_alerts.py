import json

import pandas as pd
import pytest

from business_logic.columns import empty_deals_frame
from business_logic.metrics import (
    alerts,
    cold_deals,
    deadlines,
    headline_kpis,
    overdue_deals,
    quick_wins,
    untreated_leads,
)
from tests.metrics.frames import D, day, deals


def test_cold_list_sorted_by_value_with_days_since_activity():
    frame = deals(
        {"deal_id": "small", "amount": 100, "last_activity_date": day(-20)},
        {"deal_id": "unknown", "amount": None, "last_activity_date": day(-40)},
        {"deal_id": "big", "amount": 900, "created_date": day(-15)},
        {"deal_id": "warm", "amount": 5000, "last_activity_date": day(-14)},
    )
    cold = cold_deals(frame, D)
    assert cold["deal_id"].tolist() == ["big", "small", "unknown"]  # missing amount last
    assert cold["days_since_activity"].tolist() == [15.0, 20.0, 40.0]


def test_overdue_list_with_days_overdue():
    frame = deals(
        {"deal_id": "a", "amount": 10, "expected_close_date": day(-1)},
        {"deal_id": "b", "amount": 20, "expected_close_date": day(-9)},
        {"deal_id": "today", "amount": 30, "expected_close_date": day(0)},
    )
    overdue = overdue_deals(frame, D)
    assert overdue["deal_id"].tolist() == ["b", "a"]
    assert overdue["days_overdue"].tolist() == [9.0, 1.0]


def test_untreated_list_with_days_since_creation():
    frame = deals(
        {"deal_id": "new", "created_date": day(-2)},
        {"deal_id": "old", "created_date": day(-5), "last_activity_date": day(-6)},
    )
    leads = untreated_leads(frame, D)
    assert leads["deal_id"].tolist() == ["old"]
    assert leads["days_since_creation"].tolist() == [5.0]


def test_quick_wins_boundaries_and_order():
    frame = deals(
        {"deal_id": "p49", "probability": 0.49, "expected_close_date": day(5), "amount": 9},
        {"deal_id": "late", "probability": 0.8, "expected_close_date": day(31), "amount": 9},
        {"deal_id": "past", "probability": 0.8, "expected_close_date": day(-1), "amount": 9},
        {"deal_id": "d30", "probability": 0.5, "expected_close_date": day(30), "amount": 1},
        {"deal_id": "d0-small", "probability": 0.9, "expected_close_date": day(0), "amount": 5},
        {"deal_id": "d0-big", "probability": 0.6, "expected_close_date": day(0), "amount": 50},
        {"deal_id": "won", "status": "won", "expected_close_date": day(3), "amount": 99},
    )
    wins = quick_wins(frame, D)
    assert wins["deal_id"].tolist() == ["d0-big", "d0-small", "d30"]
    assert wins["days_until_close"].tolist() == [0.0, 0.0, 30.0]


def test_quick_wins_use_stage_default_probability():
    frame = deals(
        {"deal_id": "proposal", "stage": "proposal", "expected_close_date": day(3)},  # 0.50
        {"deal_id": "qualified", "stage": "qualified", "expected_close_date": day(3)},  # 0.30
    )
    assert quick_wins(frame, D)["deal_id"].tolist() == ["proposal"]


def test_deadlines_overdue_then_due_soon_by_date():
    frame = deals(
        {"deal_id": "soon", "expected_close_date": day(10), "amount": 1},
        {"deal_id": "overdue", "expected_close_date": day(-3), "amount": 1},
        {"deal_id": "today", "expected_close_date": day(0), "amount": 1},
        {"deal_id": "d30", "expected_close_date": day(30), "amount": 1},
        {"deal_id": "d31", "expected_close_date": day(31), "amount": 1},
        {"deal_id": "no-date", "amount": 1},
    )
    table = deadlines(frame, D)
    assert table["deal_id"].tolist() == ["overdue", "today", "soon", "d30"]
    assert table["overdue"].tolist() == [True, False, False, False]
    assert table["days_until_close"].tolist() == [-3.0, 0.0, 10.0, 30.0]


def test_lists_agree_with_headline_counts():
    frame = deals(
        {"created_date": day(-40), "expected_close_date": day(-2), "amount": 5},
        {"created_date": day(-3), "last_activity_date": day(-1), "amount": 7},
        {"created_date": day(-20), "stage": "proposal", "expected_close_date": day(4)},
    )
    kpis = headline_kpis(frame, D)
    lists = alerts(frame, D)
    assert len(lists.cold) == kpis.cold_deals == 2
    assert len(lists.overdue) == kpis.overdue_deals == 1
    assert len(lists.untreated_leads) == kpis.untreated_leads == 1


def test_alert_lists_are_lazy_and_json_ready():
    frame = deals(
        *({"deal_id": f"D{i}", "amount": float(i), "created_date": day(-30)} for i in range(5))
    )
    lists = alerts(frame, D)
    assert lists.cold.head(2)["deal_id"].tolist() == ["D4", "D3"]
    assert isinstance(lists.cold.frame, pd.DataFrame)
    payload = lists.to_dict(limit=1)
    assert payload["cold"]["count"] == 5
    assert payload["cold"]["deals"][0]["created_date"] == day(-30)
    assert payload["cold"]["deals"][0]["last_activity_date"] is None
    json.dumps(lists.to_dict(), allow_nan=False)


@pytest.mark.parametrize("function", [cold_deals, overdue_deals, untreated_leads, quick_wins])
def test_empty_frame_lists_are_empty(function):
    assert function(empty_deals_frame(), D).empty


def test_head_uses_the_same_order_as_the_full_list():
    rows = [
        {"deal_id": f"D{i}", "amount": [5.0, None, 5.0, 9.0, 1.0, 5.0][i % 6],
         "created_date": day(-30), "expected_close_date": day(-(i % 3) - 1)}
        for i in range(30)
    ]  # fmt: skip
    lists = alerts(deals(*rows), D)
    for deal_list in (lists.cold, lists.deadlines):
        for n in (1, 4, 7, 29):
            fresh = alerts(deals(*rows), D)  # head before any full sort
            head = getattr(fresh, "cold" if deal_list is lists.cold else "deadlines").head(n)
            expected = deal_list.frame["deal_id"].tolist()[:n]
            assert head["deal_id"].tolist() == expected
