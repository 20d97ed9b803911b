"""Anomalies: stuck deals, repeated slippage, performance drop (docs/history.md)."""

import datetime as dt

import pandas as pd

from business_logic.history import performance_drops, slipping_deals, stuck_deals
from business_logic.history.diff import Snapshot
from tests.metrics.frames import D, day, deals

WEEK = dt.timedelta(days=7)


def _weekly(*frames):
    return [Snapshot(k + 1, D + k * WEEK, frame) for k, frame in enumerate(frames)]


def test_a_deal_in_the_same_stage_over_more_than_30_days_is_stuck():
    still = {"deal_id": "S", "stage": "proposal"}
    moving = [{"deal_id": "M", "stage": s} for s in
              ("prospect", "qualified", "qualified", "proposal", "proposal", "proposal")]
    snaps = _weekly(*[deals(still, moving[k]) for k in range(6)])  # 35 days
    stuck = stuck_deals(snaps)
    assert stuck["deal_id"].tolist() == ["S"]
    assert (stuck.loc[0, "days_in_stage"], bool(stuck.loc[0, "same_stage"])) == (35.0, True)
    assert stuck_deals(snaps[:5]).empty  # 28 days: not yet


def test_a_closed_deal_is_never_stuck():
    snaps = _weekly(*[deals({"deal_id": "W", "status": "won"}) for _ in range(6)])
    assert stuck_deals(snaps).empty


def test_more_than_twice_the_stage_median_is_stuck():
    snaps = _weekly(deals({"deal_id": "A", "stage": "prospect"}),
                    deals({"deal_id": "A", "stage": "qualified"}),
                    deals({"deal_id": "A", "stage": "qualified"}),
                    deals({"deal_id": "A", "stage": "qualified"}))  # 14 days seen in qualified
    stuck = stuck_deals(snaps, {"qualified": 6.0})
    assert stuck["deal_id"].tolist() == ["A"]
    assert (bool(stuck.loc[0, "over_twice_median"]), bool(stuck.loc[0, "same_stage"])) == (
        True, False)
    assert stuck_deals(snaps, {"qualified": 7.0}).empty  # 14 is not above 2 × 7


def test_entry_date_of_the_current_stage_counts_when_the_export_has_it():
    frame = deals({"deal_id": "A", "stage": "qualified"}).assign(
        entered_qualified=pd.to_datetime([day(-50)]))
    stuck = stuck_deals([Snapshot(1, D, frame)], {"qualified": 20.0})
    assert stuck.loc[0, "days_in_stage"] == 50.0


def _closing(*offsets):
    return [deals({"deal_id": "A", "stage": "proposal", "expected_close_date": day(k)})
            for k in offsets]


def test_three_consecutive_slips_are_a_repeated_slippage():
    slipping = slipping_deals(_weekly(*_closing(10, 20, 25, 40)))
    assert slipping["deal_id"].tolist() == ["A"]
    assert (int(slipping.loc[0, "slips"]), slipping.loc[0, "close_days_added"]) == (3, 30.0)


def test_two_slips_or_a_broken_streak_are_not():
    assert slipping_deals(_weekly(*_closing(10, 10, 20, 25))).empty
    assert slipping_deals(_weekly(*_closing(10, 20, 25, 25, 30))).empty
    assert slipping_deals(_weekly(*_closing(10, 20, 15, 25, 30))).empty


def test_a_deal_missing_from_one_snapshot_breaks_the_streak():
    frames = _closing(10, 20, 30, 40)
    frames[2] = deals({"deal_id": "other"})
    assert slipping_deals(_weekly(*frames)).empty


def _won_per_week(values_by_week_ago: dict[int, float]):
    # D is a Thursday; week k ago (k = 1..16) starts on Monday D − 3 − 7k
    rows = []
    for k, amount in values_by_week_ago.items():
        closed = D - dt.timedelta(days=3 + 7 * k - 2)  # that week's Wednesday
        rows.append({"status": "won", "amount": amount, "closed_date": closed.isoformat(),
                     "created_date": closed.isoformat()})
    return deals(*rows)


def test_won_value_below_mean_minus_two_deviations_is_a_drop():
    baseline = {k: 1000.0 + (10 if k % 2 else -10) for k in range(5, 17)}
    drops = {d.measure: d for d in performance_drops(
        _won_per_week({**baseline, 1: 900.0, 2: 900.0, 3: 900.0, 4: 900.0}), D)}
    assert drops["won_value"].drop is True
    assert drops["won_value"].recent_mean == 900.0
    assert drops["won_value"].baseline_mean == 1000.0


def test_won_value_within_two_deviations_is_not_a_drop():
    baseline = {k: 1000.0 + (100 if k % 2 else -100) for k in range(5, 17)}
    drops = {d.measure: d for d in performance_drops(
        _won_per_week({**baseline, 1: 900.0, 2: 900.0, 3: 900.0, 4: 900.0}), D)}
    assert drops["won_value"].drop is False


def test_deals_created_drop_and_current_week_is_left_out():
    baseline = {k: 1.0 for k in range(5, 17)}
    frame = _won_per_week({**baseline})
    current_week = deals(*[{"created_date": day(-1)} for _ in range(20)])
    drops = {d.measure: d for d in performance_drops(pd.concat([frame, current_week]), D)}
    assert (drops["deals_created"].recent_mean, drops["deals_created"].baseline_mean) == (
        0.0, 1.0)
    assert drops["deals_created"].drop is True
