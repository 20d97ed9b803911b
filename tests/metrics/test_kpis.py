import math

import pytest

from business_logic.columns import empty_deals_frame
from business_logic.metrics import headline_kpis
from tests.metrics.frames import D, day, deals


def test_counts_sums_and_rates():
    frame = deals(
        {"stage": "proposal", "amount": 1000, "probability": 0.5},
        {"stage": "negotiation", "amount": None, "probability": 0.7},
        {"status": "won", "amount": 2000},
        {"status": "lost", "amount": 500},
        {"stage": "prospect", "amount": 3000},  # stage default 0.10
    )
    kpis = headline_kpis(frame, D)
    assert (kpis.deals_total, kpis.deals_open, kpis.deals_won, kpis.deals_lost) == (5, 3, 1, 1)
    assert kpis.pipeline_gross == 4000.0  # missing amount counts 0
    assert kpis.pipeline_weighted == pytest.approx(1000 * 0.5 + 3000 * 0.1)
    assert kpis.won_value == 2000.0
    assert kpis.conversion_rate == pytest.approx(1 / 5)
    assert kpis.win_rate == pytest.approx(1 / 2)
    assert kpis.average_deal_size == pytest.approx((1000 + 2000 + 500 + 3000) / 4)


def test_win_rate_is_none_without_closed_deal():
    kpis = headline_kpis(deals({"amount": 10}, {"stage": "qualified", "amount": 20}), D)
    assert kpis.win_rate is None
    assert kpis.conversion_rate == 0.0


def test_all_amounts_missing():
    kpis = headline_kpis(deals({"amount": None}, {"status": "won", "amount": None}), D)
    assert kpis.pipeline_gross == 0.0
    assert kpis.pipeline_weighted == 0.0
    assert kpis.won_value == 0.0
    assert kpis.average_deal_size is None


def test_empty_frame_gives_zeros_and_none():
    kpis = headline_kpis(empty_deals_frame(), D)
    assert kpis.to_dict() == {
        "deals_total": 0, "deals_open": 0, "deals_won": 0, "deals_lost": 0,
        "pipeline_gross": 0.0, "pipeline_weighted": 0.0, "won_value": 0.0,
        "conversion_rate": None, "win_rate": None, "average_deal_size": None,
        "overdue_deals": 0, "cold_deals": 0, "no_activity_data": 0, "untreated_leads": 0,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("row", "cold"),
    [
        ({"last_activity_date": day(-14)}, False),  # exactly 14 days: not cold (> 14)
        ({"last_activity_date": day(-15)}, True),
        ({"created_date": day(-15)}, True),  # no activity: falls back to created_date
        ({"created_date": day(-14)}, False),
        ({"created_date": day(-30), "last_activity_date": day(-3)}, False),
        ({"status": "won", "last_activity_date": day(-100)}, False),  # only open deals
    ],
)
def test_cold_boundary_is_strictly_more_than_14_days(row, cold):
    assert headline_kpis(deals(row), D).cold_deals == int(cold)


def test_deals_without_any_date_are_not_cold_but_reported():
    kpis = headline_kpis(deals({"amount": 1}, {"status": "lost"}), D)
    assert kpis.cold_deals == 0
    assert kpis.no_activity_data == 1  # the open one only


@pytest.mark.parametrize(
    ("row", "untreated"),
    [
        ({"created_date": day(-2)}, False),  # exactly 48 hours: not yet (< D − 2 days)
        ({"created_date": day(-3)}, True),
        ({"created_date": day(-3), "last_activity_date": day(-3)}, True),  # <= created
        ({"created_date": day(-3), "last_activity_date": day(-4)}, True),
        ({"created_date": day(-3), "last_activity_date": day(-2)}, False),  # treated
        ({"created_date": day(-10), "stage": "qualified"}, False),  # prospects only
        ({"created_date": day(-10), "status": "lost"}, False),  # open only
        ({}, False),  # unknown creation date
    ],
)
def test_untreated_leads_boundaries(row, untreated):
    assert headline_kpis(deals(row), D).untreated_leads == int(untreated)


@pytest.mark.parametrize(
    ("row", "overdue"),
    [
        ({"expected_close_date": day(-1)}, True),
        ({"expected_close_date": day(0)}, False),  # due today is not overdue
        ({"expected_close_date": None}, False),
        ({"status": "won", "expected_close_date": day(-10)}, False),
    ],
)
def test_overdue_is_expected_close_before_d(row, overdue):
    assert headline_kpis(deals(row), D).overdue_deals == int(overdue)


def test_as_of_datetime_compares_as_calendar_date():
    import datetime as dt

    moment = dt.datetime(2026, 11, 26, 23, 59)
    kpis = headline_kpis(deals({"last_activity_date": day(-14)}), moment)
    assert kpis.cold_deals == 0


def test_to_dict_has_no_nan():
    values = headline_kpis(deals({"amount": None}), D).to_dict().values()
    assert not any(isinstance(v, float) and math.isnan(v) for v in values)
