"""The calibrated forecast is computed once per prepared frame and date (pages share one
PreparedDeals per snapshot and filters: components/state.py)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from business_logic.forecast import calibrated_forecast
from business_logic.forecast.tuning import Tuning
from business_logic.metrics import prepare_deals
from tests.forecast.history import END, sales_history


@pytest.fixture(scope="module")
def history() -> pd.DataFrame:
    return sales_history()


def test_a_second_call_on_the_same_prepared_deals_returns_the_first_result(history):
    prepared = prepare_deals(history)
    assert calibrated_forecast(prepared, END) is calibrated_forecast(prepared, END)


def test_another_date_is_computed_afresh(history):
    prepared = prepare_deals(history)
    earlier = END - dt.timedelta(days=30)
    assert calibrated_forecast(prepared, earlier) == calibrated_forecast(history, earlier)
    assert calibrated_forecast(prepared, earlier) is not calibrated_forecast(prepared, END)


def test_a_tuned_forecast_is_never_taken_from_the_memo(history):
    prepared = prepare_deals(history)
    baseline = calibrated_forecast(prepared, END)
    tuned = calibrated_forecast(prepared, END, tuning=Tuning(amount_factor=1.5))
    assert tuned[30].expected > baseline[30].expected
    assert calibrated_forecast(prepared, END) is baseline


def test_the_calendar_windows_read_the_replay_of_the_default_ones(history, monkeypatch):
    """Objectifs and Simulateur ask for the days left in the month, quarter and year: the
    one replay made for Accueil's 30/60/90 serves them (1M deals: ~0.4 s per page)."""
    from business_logic.forecast import engine

    prepared = prepare_deals(history)
    calibrated_forecast(prepared, END)
    calls = []
    monkeypatch.setattr(engine, "replay", lambda *args: calls.append(args) or {})
    calibrated_forecast(prepared, END, (4, 35))  # END is 26 Nov: to Nov 30, to Dec 31
    assert calls == []


def test_the_calendar_windows_end_with_the_month_quarter_and_year():
    from business_logic.forecast.engine import calendar_windows

    assert calendar_windows(dt.date(2026, 11, 30)) == (31,)
    assert calendar_windows(dt.date(2026, 2, 10)) == (18, 49, 324)
    assert calendar_windows(dt.date(2026, 12, 31)) == ()


def test_a_forecast_from_the_shared_replay_equals_one_computed_alone(history):
    prepared = prepare_deals(history)
    calibrated_forecast(prepared, END)
    assert calibrated_forecast(prepared, END, (45,)) == calibrated_forecast(history, END, (45,))


def _recording_raw_forecasts(monkeypatch) -> list[int]:  # noqa: ANN001 - MonkeyPatch
    """The windows `engine.raw_forecast` is asked for from now on."""
    from business_logic.forecast import engine

    computed: list[int] = []
    real = engine.raw_forecast
    monkeypatch.setattr(engine, "raw_forecast", lambda a, s, learned, days: (
        computed.append(days) or real(a, s, learned, days)))
    return computed


def test_a_window_already_forecast_is_not_forecast_again(history, monkeypatch):
    """Objectifs asks for 30 and 35 days after Accueil's 30/60/90: only 35 is computed."""
    prepared = prepare_deals(history)
    calibrated_forecast(prepared, END)
    computed = _recording_raw_forecasts(monkeypatch)
    calibrated_forecast(prepared, END, (30, 35))
    assert computed == [35]


def test_a_tuned_forecast_computes_every_window_afresh(history, monkeypatch):
    prepared = prepare_deals(history)
    calibrated_forecast(prepared, END)
    computed = _recording_raw_forecasts(monkeypatch)
    calibrated_forecast(prepared, END, (30,), tuning=Tuning(amount_factor=1.5))
    assert computed == [30]
