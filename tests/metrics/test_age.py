import pytest

from business_logic.columns import empty_deals_frame
from business_logic.metrics import deal_age
from tests.metrics.frames import D, day, deals


def test_age_per_stage_and_stale_boundary():
    frame = deals(
        {"deal_id": "a", "stage": "prospect", "created_date": day(-10)},
        {"deal_id": "b", "stage": "prospect", "created_date": day(-90)},  # not stale (> 90)
        {"deal_id": "c", "stage": "prospect", "created_date": day(-91), "amount": 5},
        {"deal_id": "d", "stage": "proposal", "created_date": day(-200), "amount": 1},
        {"deal_id": "e", "stage": "proposal"},  # unknown age
        {"deal_id": "f", "status": "won", "created_date": day(-500)},  # closed: ignored
    )
    age = deal_age(frame, D)
    stages = {row.stage: row for row in age.by_stage}
    assert stages["prospect"].deals == 3
    assert stages["prospect"].mean_days == pytest.approx((10 + 90 + 91) / 3)
    assert stages["prospect"].median_days == 90.0
    assert (stages["proposal"].deals, stages["proposal"].median_days) == (1, 200.0)
    assert stages["qualified"].mean_days is None
    assert age.median_days == 90.5  # 10, 90, 91, 200
    assert age.unknown_age == 1
    assert age.stale_count == 2
    assert age.stale.frame["deal_id"].tolist() == ["d", "c"]  # oldest first
    assert age.stale.frame["age_days"].tolist() == [200.0, 91.0]


def test_empty_age():
    age = deal_age(empty_deals_frame(), D)
    assert (age.mean_days, age.median_days, age.stale_count) == (None, None, 0)
