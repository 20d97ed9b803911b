"""Kaplan–Meier curves against hand-computed values."""

import numpy as np
import pytest

from business_logic.forecast.survival import close_curves


def test_without_censoring_curves_are_the_empirical_shares():
    durations = np.array([1, 2, 2, 4])
    won = np.array([True, False, True, True])
    curves = close_curves(durations, won, ~won, np.array([]))
    # won within 2 days: 2 of 4; closed within 2 days: 3 of 4
    assert curves.won_within(np.array([2.0]))[0] == pytest.approx(0.5)
    assert curves.still_open(np.array([2.0]))[0] == pytest.approx(0.25)
    assert curves.won_within(np.array([10.0]))[0] == pytest.approx(0.75)


def test_an_open_deal_is_at_risk_until_its_age_only():
    # Closed: won at 1 day, lost at 3 days; one deal open at age 2 (censored).
    curves = close_curves(np.array([1, 3]), np.array([True, False]), np.array([False, True]),
                          np.array([2]))
    # day 1: 1 won of 3 at risk -> S = 2/3; day 3: 1 lost of 1 at risk -> S = 0
    assert curves.won_within(np.array([1.0]))[0] == pytest.approx(1 / 3)
    assert curves.still_open(np.array([2.0]))[0] == pytest.approx(2 / 3)
    assert curves.still_open(np.array([3.0]))[0] == pytest.approx(0.0)


def test_chance_of_winning_in_the_next_days_is_conditional_on_the_age():
    durations = np.array([5, 5, 20, 20])
    won = np.array([True, False, True, True])
    curves = close_curves(durations, won, ~won, np.array([]))
    # open at age 10: only the two 20-day deals remain, both won
    assert curves.won_in_next(np.array([10.0]), 15)[0] == pytest.approx(1.0)
    assert curves.won_in_next(np.array([0.0]), 10)[0] == pytest.approx(0.25)
    assert curves.won_eventually(np.array([0.0]))[0] == pytest.approx(0.75)
