import pytest

from business_logic.columns import empty_deals_frame
from business_logic.metrics import deal_velocity, lead_velocity, sales_velocity
from tests.metrics.frames import D, day, deals


def test_lead_velocity_iso_weeks_ending_at_d():
    frame = deals(
        {"created_date": day(0)},  # Thursday of 2026-W48
        {"created_date": "2026-11-23"},  # Monday of 2026-W48
        {"created_date": day(1)},  # after D: ignored
        {"created_date": "2026-09-07"},  # Monday of the first current week (2026-W37)
        {"created_date": "2026-09-06"},  # previous 12 weeks
        {"created_date": "2026-06-15"},  # first day of the previous 12 weeks
        {"created_date": "2026-06-14"},  # too old
    )
    velocity = lead_velocity(frame, D)
    assert len(velocity.weeks) == 12
    assert (velocity.weeks[0].week, velocity.weeks[-1].week) == ("2026-W37", "2026-W48")
    assert velocity.weeks[-1].created == 2
    assert velocity.weeks[0].created == 1
    assert (velocity.current_total, velocity.previous_total) == (3, 2)
    assert velocity.change == 1
    assert velocity.change_relative == pytest.approx(0.5)


def test_lead_velocity_change_is_none_without_previous_deals():
    velocity = lead_velocity(deals({"created_date": day(0)}), D)
    assert velocity.change_relative is None


def test_deal_velocity_overall_and_per_source():
    frame = deals(
        {"status": "won", "source": "A", "created_date": day(-50), "closed_date": day(-40)},
        {"status": "won", "source": "A", "created_date": day(-50), "closed_date": day(-30)},
        {"status": "won", "source": "B", "created_date": day(-50), "closed_date": day(-10)},
        {"status": "won", "source": "B"},  # no dates: not counted
        {"status": "lost", "created_date": day(-50), "closed_date": day(-49)},
    )
    velocity = deal_velocity(frame)
    assert (velocity.won_deals, velocity.median_days) == (3, 20.0)
    assert velocity.mean_days == pytest.approx(70 / 3)
    rows = {row.value: row for row in velocity.by_dimension["source"]}
    assert (rows["A"].won_deals, rows["A"].mean_days, rows["A"].median_days) == (2, 15.0, 15.0)
    assert (rows["B"].won_deals, rows["B"].mean_days) == (1, 40.0)


def test_sales_velocity_formula():
    frame = deals(
        {"amount": 1},
        {"amount": 1},
        {"status": "won", "amount": 1000, "created_date": day(-30), "closed_date": day(-20)},
        {"status": "won", "amount": 3000, "created_date": day(-30), "closed_date": day(0)},
        {"status": "lost"},
        {"status": "lost"},
    )
    # 2 open × 0.5 win rate × 2000 average won ÷ 20 days = 100 € per day
    assert sales_velocity(frame).value == pytest.approx(100.0)


def test_sales_velocity_undefined_without_won_deal():
    result = sales_velocity(deals({"amount": 5}, {"status": "lost"}))
    assert result.value is None
    assert sales_velocity(empty_deals_frame()).value is None
