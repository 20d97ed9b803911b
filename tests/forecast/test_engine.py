"""Mechanics of the calibrated forecast: layers add up, ordered band, fallback, no look-ahead,
monotone in its levers (docs/forecast.md)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from business_logic.forecast import LAYERS, calibrated_forecast
from business_logic.forecast.backtest import backtest
from business_logic.metrics import forecast as simple_forecast
from tests.forecast.history import END, sales_history


@pytest.fixture(scope="module")
def history() -> pd.DataFrame:
    return sales_history()


def test_layers_add_up_to_the_total(history):
    result = calibrated_forecast(history, END)
    assert result.method == "calibrated"
    for window in result.values():
        assert window.expected == pytest.approx(
            sum(window.layers[name].expected for name in LAYERS))


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_p10_expected_p90_are_ordered_in_every_layer_and_total(seed):
    result = calibrated_forecast(sales_history(seed=seed), END)
    for window in result.values():
        assert window.p10 <= window.expected <= window.p90
        for layer in window.layers.values():
            assert 0 <= layer.p10 <= layer.expected <= layer.p90


def test_band_is_checked_when_enough_past_windows(history):
    result = calibrated_forecast(history, END)
    assert result[30].band_checked and result[30].band_windows >= 8
    short = sales_history(n=300, days=80)
    assert not calibrated_forecast(short, END)[30].band_checked


def test_fewer_than_30_closed_deals_fall_back_to_the_simple_forecast():
    frame = sales_history(n=40, days=60, open_stage="proposal")
    assert (frame["status"] != "open").sum() < 30
    result = calibrated_forecast(frame, END)
    simple = simple_forecast(frame, END)
    assert result.method == "simple"
    assert [result[d].expected for d in (30, 60, 90)] == [simple[d].expected
                                                           for d in (30, 60, 90)]


def test_without_creation_dates_the_forecast_is_simple(history):
    frame = history.assign(created_date=pd.NaT).astype({"created_date": "datetime64[us]"})
    assert calibrated_forecast(frame, END).method == "simple"


def test_overdue_and_undated_deals_count_in_the_late_layer(history):
    t = END - dt.timedelta(days=60)
    result = calibrated_forecast(history, t)  # deals closed after t are open and undated at t
    assert result[30].layers["late"].expected > 0


def _future_changed(frame: pd.DataFrame, t: dt.date) -> pd.DataFrame:
    """Same past, another future: deals created after t removed, outcomes after t flipped."""
    ts = pd.Timestamp(t)
    out = frame.loc[~(frame["created_date"] > ts)].copy()
    later = (out["closed_date"] > ts).to_numpy()
    flipped = out.loc[later, "status"].map({"won": "lost", "lost": "won"})
    out.loc[later, "status"] = flipped
    out.loc[later, "stage"] = flipped
    out.loc[later, "closed_date"] = out.loc[later, "closed_date"] + pd.Timedelta(days=3)
    return out.reset_index(drop=True)


def test_no_look_ahead_the_forecast_at_t_ignores_what_happened_after(history):
    t = END - dt.timedelta(days=70)
    before = calibrated_forecast(history, t)
    after = calibrated_forecast(_future_changed(history, t), t)
    for days in (30, 60, 90):
        assert after[days].expected == pytest.approx(before[days].expected)
        assert after[days].p10 == pytest.approx(before[days].p10)
        assert after[days].p90 == pytest.approx(before[days].p90)


def test_a_backtest_window_is_the_forecast_made_at_its_date(history):
    result = backtest(history, END, (30,))[30]
    window = result.windows[-5]
    t = window.as_of
    alone = calibrated_forecast(_future_changed(history, t), t)[30]
    assert (alone.expected, alone.p10, alone.p90) == pytest.approx(
        (window.expected, window.p10, window.p90))


def test_a_larger_open_amount_never_lowers_the_forecast(history):
    base = calibrated_forecast(history, END)
    bigger = history.copy()
    bigger.loc[bigger["status"] == "open", "amount"] *= 2
    raised = calibrated_forecast(bigger, END)
    for days in (30, 60, 90):
        assert raised[days].expected > base[days].expected


def test_a_higher_stage_probability_never_lowers_the_forecast():
    frame = sales_history(open_stage="proposal")
    base = calibrated_forecast(frame, END)
    higher = frame.assign(probability=np.where(frame["status"] == "open", 0.9,
                                               frame["probability"]))
    raised = calibrated_forecast(higher, END)
    assert raised[30].layers["in_window"].expected > base[30].layers["in_window"].expected
    assert raised[90].expected >= base[90].expected


def test_more_recently_created_deals_raise_the_new_business_layer(history):
    base = calibrated_forecast(history, END)[30].layers["new_business"].expected
    recent = history.loc[history["created_date"] > pd.Timestamp(END - dt.timedelta(days=30))]
    recent = recent.assign(deal_id=recent["deal_id"] + "b", status="lost", stage="lost",
                           closed_date=pd.Timestamp(END), probability=0.0)
    more = pd.concat([history, recent], ignore_index=True)
    assert calibrated_forecast(more, END)[30].layers["new_business"].expected > base
