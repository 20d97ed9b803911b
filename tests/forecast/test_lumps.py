"""The law of the won value with large deals counted one by one
(business_logic/forecast/lumps.py)."""

from __future__ import annotations

import numpy as np
import pytest

from business_logic.forecast.calibration import Band
from business_logic.forecast.lumps import NO_LUMPS, Lumps, at_least, combine, quantile, won_law

RATIOS = np.array([0.4, 0.7, 0.9, 1.0, 1.1, 1.2, 1.5, 2.2])


def _mean(law: tuple[np.ndarray, np.ndarray]) -> float:
    """Mean of the law linear between its points (trapezoids of the quantile function)."""
    values, cdf = law
    grid = np.linspace(0, 1, 20_001)
    return float(np.interp(grid, cdf, values).mean())


def test_without_large_deals_the_band_is_the_quantiles_of_the_ratios():
    values, cdf = won_law(1000.0, RATIOS)
    assert quantile((values, cdf), 0.1) == pytest.approx(1000 * np.quantile(RATIOS, 0.1))
    assert quantile((values, cdf), 0.9) == pytest.approx(1000 * np.quantile(RATIOS, 0.9))


def test_a_large_deal_is_won_with_its_chance_scaled_by_the_month():
    # nothing else to win, a steady past (every ratio 1): the deal is won 3 times in 10
    steady = won_law(0.0, np.ones(8), Lumps(np.array([50_000.0]), np.array([0.3])))
    assert at_least(steady, 49_000) == pytest.approx(0.3, abs=0.01)
    # a month twice as good as usual half of the time: won 0.6 then, 0 in the others
    swinging = won_law(0.0, np.array([0.0] * 4 + [2.0] * 4),
                       Lumps(np.array([50_000.0]), np.array([0.3])))
    assert _mean(swinging) == pytest.approx(50_000 * 0.3 * 1.0, rel=0.05)


def test_in_a_steady_past_a_deal_certain_to_sign_adds_its_value():
    steady = np.ones(8)
    with_sure = won_law(1000.0, steady, Lumps(np.array([5_000.0]), np.array([1.0])))
    assert quantile(with_sure, 0.1) == pytest.approx(6_000)
    assert quantile(with_sure, 0.9) == pytest.approx(6_000)


def test_large_new_deals_are_a_poisson_count_at_their_mean_value():
    law = won_law(0.0, np.ones(8), Lumps(new_rate=0.5, new_value=80_000.0))
    assert at_least(law, 79_000) == pytest.approx(1 - np.exp(-0.5), abs=0.01)
    assert _mean(law) == pytest.approx(0.5 * 80_000, rel=0.02)


def test_the_law_is_a_distribution_with_the_expected_mean():
    lumps = Lumps(np.array([40_000.0, 90_000.0, 60_000.0]), np.array([0.2, 0.5, 0.05]),
                  new_rate=0.1, new_value=70_000.0)
    ones = np.ones(10)
    values, cdf = won_law(20_000.0, ones, lumps)
    assert np.all(np.diff(values) >= 0) and np.all(np.diff(cdf) >= 0)
    assert cdf[0] >= 0 and cdf[-1] <= 1
    assert _mean((values, cdf)) == pytest.approx(20_000 + lumps.expected, rel=0.03)


def test_combined_lumps_add_up():
    a = Lumps(np.array([10.0, 20.0]), np.array([0.5, 0.1]), new_rate=0.2, new_value=30.0)
    b = Lumps(np.array([40.0]), np.array([0.25]), new_rate=0.3, new_value=50.0)
    both = combine([a, b, NO_LUMPS])
    assert both.expected == pytest.approx(a.expected + b.expected)
    assert len(both.values) == 3 and both.new_rate == pytest.approx(0.5)


def test_the_band_keeps_p10_expected_p90_ordered_around_a_rare_large_deal():
    # a 1-in-20 chance of a huge deal: its expected share is above what P90 sees
    band = Band(np.sort(RATIOS), windows=8, checked=True)
    lumps = Lumps(np.array([1_000_000.0]), np.array([0.05]))
    expected = 1000.0 + lumps.expected
    e, p10, p90 = band.apply(expected, 0.0, lumps)
    assert e == expected and p10 <= e <= p90
