"""Probability of reaching a target (business_logic/planning/distribution.py, reach.py)."""

import datetime as dt

import numpy as np
import pytest

from business_logic.forecast.calibration import Z_80
from business_logic.planning.distribution import (
    WonDistribution,
    _ratios_at_least,
    forecast_distributions,
    independent_at_least,
)
from business_logic.planning.reach import out_of_reach, reach_probability
from tests.forecast.history import sales_history
from tests.metrics.frames import D, day, deals


def brute_force_at_least(amounts, probabilities, x):
    """P(Σ a_i B_i >= x) by enumerating the 2**n outcomes (bit i of k: deal i won)."""
    a, p = np.asarray(amounts, dtype=float), np.asarray(probabilities, dtype=float)
    outcomes = (np.arange(2 ** len(a))[:, None] >> np.arange(len(a))) & 1
    weights = np.where(outcomes == 1, p, 1 - p).prod(axis=1)
    return float(weights[outcomes @ a >= x - 1e-9].sum())


@pytest.mark.parametrize("seed", range(8))
def test_independent_probability_matches_enumeration(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 9))
    amounts = rng.integers(1, 50, n) * 250.0
    probabilities = rng.choice([0.1, 0.25, 0.5, 0.8, 1.0], n)
    for x in (0.5, amounts.sum() / 3, amounts.sum() / 2, amounts.max(), amounts.sum()):
        assert independent_at_least(amounts, probabilities, x) == pytest.approx(
            brute_force_at_least(amounts, probabilities, x), abs=1e-12)


def test_large_windows_stay_close_to_enumeration():
    rng = np.random.default_rng(11)
    amounts = rng.uniform(100, 5000, 18).round(2)  # distinct cents: 2**18 sums, beyond exact
    probabilities = rng.uniform(0.1, 0.9, 18)
    for x in np.quantile([0, amounts.sum()], [0.3, 0.45, 0.6]):
        assert independent_at_least(amounts, probabilities, x) == pytest.approx(
            brute_force_at_least(amounts, probabilities, x), abs=0.03)


SMALL = deals(
    {"amount": 1000, "probability": 0.5, "expected_close_date": day(1)},
    {"amount": 3000, "probability": 0.2, "expected_close_date": day(3)},
    {"amount": 2000, "probability": 0.9, "expected_close_date": day(4)},
    {"amount": 5000, "probability": 0.7, "expected_close_date": day(10)},  # after month end
    {"status": "won", "amount": 800, "created_date": day(-30), "closed_date": day(-3)},
)
IN_MONTH = ([1000, 3000, 2000], [0.5, 0.2, 0.9])


@pytest.mark.parametrize(("target", "won"), [(3000, 0), (4000, 800), (2500, 800), (6000, 0),
                                             (6001, 0), (500, 800)])
def test_reach_probability_matches_enumeration_of_the_simple_forecast(target, won):
    month_end = dt.date(2026, 11, 30)
    expected = brute_force_at_least(*IN_MONTH, target - won)
    assert reach_probability(SMALL, D, target, month_end, won) == pytest.approx(expected)


def test_no_day_left_reaches_only_what_is_won():
    assert reach_probability(SMALL, D, 800, D, 800) == 1.0
    assert reach_probability(SMALL, D, 801, D, 800) == 0.0


@pytest.mark.parametrize(
    ("r", "probability"),
    [(-1.0, 1.0), (0.0, 1.0), (0.25, 0.875), (0.75, 0.625), (1.5, 0.25), (2.0, 0.0),
     (3.0, 0.0)],
)
def test_ratio_law_is_linear_between_sorted_ratios(r, probability):
    # ratios at positions 0, .25, .5, .75, 1; F(0.25) = 0.125 (half way from 0 to 0.5)
    assert _ratios_at_least(np.array([0.0, 0.5, 1.0, 1.5, 2.0]), r) == pytest.approx(probability)


def test_calibrated_law_agrees_with_the_shown_band():
    history = sales_history()
    law = forecast_distributions(history, dt.date(2026, 11, 26), (35,))[35]
    assert (law.method, law.shape) == ("calibrated", "ratios")
    assert law.p10 < law.expected < law.p90
    assert law.probability_at_least(law.p10) == pytest.approx(0.9)
    assert law.probability_at_least(law.p90) == pytest.approx(0.1)


def test_model_band_is_a_normal_law_of_the_band():
    law = WonDistribution(30, "calibrated", 100.0, 100 - Z_80 * 10, 100 + Z_80 * 10, "normal")
    assert law.probability_at_least(100.0) == pytest.approx(0.5)
    assert law.probability_at_least(100 + Z_80 * 10) == pytest.approx(0.1)


def test_out_of_reach_above_won_plus_p90():
    law = WonDistribution(30, "simple", 50.0, 0.0, 100.0, "none")
    assert out_of_reach(1000.1, 900.0, law)
    assert not out_of_reach(1000.0, 900.0, law)
