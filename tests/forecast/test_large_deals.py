"""Large deals in the calibrated forecast: set apart from the band's ratios, counted one by
one (business_logic/forecast/lumps.py, replay.py, engine.py)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from business_logic.forecast import calibrated_forecast
from business_logic.forecast.arrays import as_day, deal_arrays, state_at
from business_logic.forecast.engine import band_for, replayed_windows
from business_logic.forecast.layers import learn
from business_logic.metrics import prepare_deals
from business_logic.planning import forecast_distributions
from tests.forecast.history import END, LARGE_AMOUNT, lumpy_history, sales_history
from tests.forecast.test_engine import _future_changed

T = END - dt.timedelta(days=70)


@pytest.fixture(scope="module")
def lumpy() -> pd.DataFrame:
    return lumpy_history(T)


def test_a_deal_many_times_the_median_win_is_large(lumpy):
    a = deal_arrays(prepare_deals(lumpy))
    learned = learn(a, state_at(a, as_day(END)))
    assert 5_000 < learned.large_from < LARGE_AMOUNT
    assert learned.large_share > 0 and learned.large_value == pytest.approx(LARGE_AMOUNT)


def test_the_large_deal_split_adds_up(lumpy):
    a = deal_arrays(prepare_deals(lumpy))
    windows = replayed_windows(lumpy, END)[30]
    assert any(w.large_realised > 0 for w in windows)
    for w in windows:
        assert w.rest_expected + w.raw.lumps.expected == pytest.approx(w.raw.expected)
        assert w.rest_realised + w.large_realised == pytest.approx(w.realised)
        inside = a.won & (a.closed > w.t) & (a.closed <= w.t + 30)
        threshold = learn(a, state_at(a, w.t)).large_from
        big = a.amount[inside][a.amount[inside] > threshold]
        assert w.large_realised == pytest.approx(big.sum())


def test_a_large_win_does_not_widen_the_band_of_the_windows_it_is_not_in(lumpy):
    plain = sales_history()
    # the three large early wins are in past windows of END, none is open at END
    with_large = band_for(replayed_windows(lumpy, END)[30], as_day(END), 30)
    without = band_for(replayed_windows(plain, END)[30], as_day(END), 30)
    assert with_large.checked and without.checked
    assert with_large.high == pytest.approx(without.high, rel=0.15)
    assert with_large.low == pytest.approx(without.low, rel=0.15, abs=0.05)


def test_a_large_open_deal_widens_the_band_by_its_own_chance(lumpy):
    result = calibrated_forecast(lumpy, END)[90]
    plain = calibrated_forecast(sales_history(), END)[90]
    assert result.expected > plain.expected
    assert result.p90 - result.expected > plain.p90 - plain.expected


def test_no_look_ahead_with_large_deals(lumpy):
    before = calibrated_forecast(lumpy, T)
    after = calibrated_forecast(_future_changed(lumpy, T), T)
    for days in (30, 60, 90):
        assert (after[days].expected, after[days].p10, after[days].p90) == pytest.approx(
            (before[days].expected, before[days].p10, before[days].p90))


def test_p10_expected_p90_ordered_in_every_layer_with_large_deals(lumpy):
    result = calibrated_forecast(lumpy, END)
    for window in result.values():
        assert window.band_checked
        assert window.p10 <= window.expected <= window.p90
        for layer in window.layers.values():
            assert 0 <= layer.p10 <= layer.expected <= layer.p90


def test_the_planning_law_agrees_with_a_band_with_large_deals(lumpy):
    law = forecast_distributions(lumpy, END, (60,))[60]
    window = calibrated_forecast(lumpy, END)[60]
    assert (law.p10, law.p90) == (window.p10, window.p90)
    assert law.probability_at_least(law.p10) == pytest.approx(0.9, abs=1e-6)
    assert law.probability_at_least(law.p90) == pytest.approx(0.1, abs=1e-6)
    assert np.all(np.diff(law.ratios) >= 0)
