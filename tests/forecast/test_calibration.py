"""The band read from past windows, widened for how few independent windows it rests on
(business_logic/forecast/calibration.py)."""

from __future__ import annotations

import numpy as np
import pytest

from business_logic.forecast.calibration import (
    MIN_WINDOWS,
    Z_80,
    band_from_past,
    small_sample_widening,
)


def _ratios(n: int) -> tuple[np.ndarray, np.ndarray]:
    ratios = np.linspace(0.5, 1.5, n)
    return np.full(n, 100.0), 100.0 * ratios


def test_eight_overlapping_30_day_windows_widen_the_band_beyond_their_quantiles():
    expected, realised = _ratios(MIN_WINDOWS)
    band = band_from_past(expected, realised, days=30)
    low, middle, high = np.quantile(realised / expected, (0.1, 0.5, 0.9))
    # 8 weekly windows of 30 days ≈ 1.5 · 8 · 7 / 30 = 2.8 independent outcomes
    factor = small_sample_widening(MIN_WINDOWS, 30)
    assert factor > 1.5
    assert band.high == pytest.approx(middle + factor * (high - middle))
    assert band.low == pytest.approx(max(0.0, middle - factor * (middle - low)))
    assert band.high > high and band.low < low


def test_the_widening_fades_as_the_windows_pile_up():
    factors = [small_sample_widening(n, 30) for n in (8, 20, 52, 500)]
    assert factors == sorted(factors, reverse=True)
    assert factors[-1] == pytest.approx(1.0, abs=0.02)


def test_a_longer_horizon_counts_fewer_independent_windows():
    assert small_sample_widening(30, 90) > small_sample_widening(30, 30)


def test_the_widening_is_the_prediction_interval_of_a_normal_sample():
    # 40 windows of 7 days: 60 independent draws, beyond the t table: z·√(1 + 1/60)
    assert small_sample_widening(40, 7) == pytest.approx(np.sqrt(1 + 1 / 60))
    # 8 windows of 7 days: m = 12, t₀.₉(11) = 1.363
    assert small_sample_widening(8, 7) == pytest.approx(1.363 * np.sqrt(1 + 1 / 12) / Z_80)


def test_the_low_end_of_the_band_is_never_negative():
    expected = np.full(8, 100.0)
    realised = np.array([0.0, 0, 0, 10, 300, 400, 500, 600])
    assert band_from_past(expected, realised, days=30).low == 0.0
