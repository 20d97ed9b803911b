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
