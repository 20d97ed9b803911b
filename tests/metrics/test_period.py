import datetime as dt

import pytest

from business_logic.metrics import compare_periods, period_comparison
from tests.metrics.frames import D, day, deals


def _changes(comparison):
    return {change.metric: change for change in comparison.changes}


def test_seven_day_windows_and_changes():
    frame = deals(
        {"created_date": day(-6), "amount": 100},  # current: [D−6, D]
        {"created_date": day(-7), "amount": 40},  # previous: [D−13, D−7]
        {"created_date": day(-13), "amount": 10},
        {"created_date": day(-14), "amount": 999},  # neither
        {"status": "won", "closed_date": day(0), "amount": 300, "created_date": day(-60)},
        {"status": "lost", "closed_date": day(-1), "created_date": day(-60)},
        {"status": "won", "closed_date": day(-8), "amount": 200, "created_date": day(-60)},
    )
    comparison = period_comparison(frame, D, 7)
    assert (comparison.current.start, comparison.current.end) == (D - dt.timedelta(6), D)
    assert comparison.previous.start == D - dt.timedelta(13)
    current, previous = comparison.current, comparison.previous
    assert (current.deals_created, previous.deals_created) == (1, 2)
    assert (current.pipeline_created, previous.pipeline_created) == (100.0, 50.0)
    assert (current.deals_won, current.won_value, current.win_rate) == (1, 300.0, 0.5)
    assert (previous.deals_won, previous.won_value, previous.win_rate) == (1, 200.0, 1.0)
    changes = _changes(comparison)
    assert changes["pipeline_created"].change == 50.0
    assert changes["pipeline_created"].change_relative == pytest.approx(1.0)
    assert changes["win_rate"].change == pytest.approx(-0.5)
    assert changes["deals_created"].change_relative == pytest.approx(-0.5)


def test_relative_change_is_none_when_previous_is_zero():
    changes = _changes(period_comparison(deals({"created_date": day(0), "amount": 5}), D, 30))
    assert changes["deals_created"].change == 1
    assert changes["deals_created"].change_relative is None
    assert changes["win_rate"].change is None  # no deal closed in either period


def test_custom_range_compares_with_the_same_length_before():
    comparison = compare_periods(
        deals({"created_date": "2026-03-05"}), dt.date(2026, 3, 1), dt.date(2026, 3, 10)
    )
    assert comparison.previous.start == dt.date(2026, 2, 19)
    assert comparison.previous.end == dt.date(2026, 2, 28)
    assert comparison.current.deals_created == 1


def test_invalid_ranges_are_refused():
    with pytest.raises(ValueError):
        compare_periods(deals({}), dt.date(2026, 3, 2), dt.date(2026, 3, 1))
    with pytest.raises(ValueError):
        period_comparison(deals({}), D, 0)


def test_datetime_as_of_is_a_calendar_date():
    moment = dt.datetime(2026, 11, 26, 18, 30)
    comparison = period_comparison(deals({"created_date": day(-6)}), moment, 7)
    assert comparison.current.start == dt.date(2026, 11, 20)
    assert comparison.current.deals_created == 1
