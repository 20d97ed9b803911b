"""Backtest windows and scores against pandas oracles; `rewind` (docs/forecast.md)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from business_logic.forecast import calibrated_forecast
from business_logic.forecast.backtest import backtest, rewind
from tests.forecast.history import END, sales_history


@pytest.fixture(scope="module")
def history() -> pd.DataFrame:
    return sales_history()


@pytest.fixture(scope="module")
def result(history):
    return backtest(history, END, (30,))[30]


def _won_between(frame, start, end, *, closed_left):
    closed = frame["closed_date"]
    lower = closed >= pd.Timestamp(start) if closed_left else closed > pd.Timestamp(start)
    upper = closed < pd.Timestamp(end) if closed_left else closed <= pd.Timestamp(end)
    return frame.loc[(frame["status"] == "won") & lower & upper, "amount"].sum()


def test_windows_are_weekly_and_end_before_the_last_date(result):
    dates = [w.as_of for w in result.windows]
    assert all((b - a).days == 7 for a, b in zip(dates[:-1], dates[1:], strict=True))
    assert dates[-1] + dt.timedelta(days=30) <= END


def test_realised_and_run_rate_are_the_won_values_around_each_date(history, result):
    for w in result.windows[::5]:
        t = w.as_of
        assert w.realised == pytest.approx(
            _won_between(history, t, t + dt.timedelta(days=30), closed_left=False))
        assert w.run_rate == pytest.approx(
            _won_between(history, t - dt.timedelta(days=30), t, closed_left=True))


def test_scores_are_computed_over_the_checked_windows(result):
    scored = [w for w in result.windows if w.band_checked]
    assert result.scored == len(scored) > 0
    assert result.coverage == pytest.approx(np.mean([w.p10 <= w.realised <= w.p90
                                                     for w in scored]))
    mape = np.mean([abs(w.expected - w.realised) / w.realised for w in scored])
    assert result.mape == pytest.approx(mape)
    mape_rr = np.mean([abs(w.run_rate - w.realised) / w.realised for w in scored])
    assert result.mape_run_rate == pytest.approx(mape_rr)


def test_every_window_keeps_p10_below_expected_below_p90(result):
    assert all(w.p10 <= w.expected <= w.p90 for w in result.windows)


def test_rewind_drops_later_deals_and_reopens_later_closes(history):
    t = END - dt.timedelta(days=100)
    past = rewind(history, t)
    ts = pd.Timestamp(t)
    assert len(past) == int((history["created_date"] <= ts).sum())
    reopened = past["deal_id"].isin(history.loc[history["closed_date"] > ts, "deal_id"])
    assert reopened.any()
    assert (past.loc[reopened, "status"] == "open").all()
    assert past.loc[reopened, ["stage", "expected_close_date", "closed_date"]].isna().all().all()
    probabilities = past.loc[reopened, "probability"]
    assert probabilities.between(0, 1).all() and probabilities.notna().all()
    assert not (past["closed_date"] > ts).any()


def test_the_rewound_frame_forecasts_like_the_full_one_at_its_date(history):
    t = END - dt.timedelta(days=70)
    assert calibrated_forecast(rewind(history, t), t)[30].expected == pytest.approx(
        calibrated_forecast(history, t)[30].expected)


def test_too_short_a_history_has_no_window():
    short = sales_history(n=30, days=40)
    result = backtest(short, END, (30,))[30]
    assert result.windows == () and result.coverage is None
