"""Year-end projection (business_logic/planning/projection.py)."""

import datetime as dt

import pandas as pd
import pytest

from business_logic.planning.projection import year_end_projection
from business_logic.planning.reach import won_distribution
from tests.forecast.history import sales_history
from tests.metrics.frames import deals

AS_OF = dt.date(2026, 11, 15)


def linear_months(first=dt.date(2025, 11, 1), months=12):
    """One won deal on the 10th of each month, worth 10,000 × (month index + 1)."""
    starts = pd.date_range(first, periods=months, freq="MS")
    return deals(*({"status": "won", "amount": 10_000.0 * (i + 1),
                    "created_date": (m + pd.Timedelta(days=4)).date().isoformat(),
                    "closed_date": (m + pd.Timedelta(days=9)).date().isoformat()}
                   for i, m in enumerate(starts)))


def test_trend_of_a_linear_series_is_that_line():
    trend = year_end_projection(linear_months(), AS_OF).trend
    assert trend.slope == pytest.approx(10_000)
    assert trend.intercept == pytest.approx(10_000)
    assert trend.months[0] == dt.date(2025, 11, 1)
    assert trend.months[-1] == dt.date(2026, 10, 1)


def test_trend_extrapolates_to_december():
    projection = year_end_projection(linear_months(), AS_OF)
    # won in 2026: 30k..120k = 750k; November: 130k × 15/30 days left; December: 140k
    assert projection.won_to_date == pytest.approx(750_000)
    assert projection.trend.year_end == pytest.approx(750_000 + 65_000 + 140_000)


def test_trend_leaves_out_months_before_the_first_deal():
    trend = year_end_projection(linear_months(dt.date(2026, 6, 1), 5), AS_OF).trend
    assert len(trend.months) == 5
    assert trend.slope == pytest.approx(10_000)


def test_no_trend_under_three_complete_months():
    assert year_end_projection(linear_months(dt.date(2026, 9, 1), 2), AS_OF).trend is None


def test_forecast_adds_the_forecast_to_december_to_the_won_value():
    history = sales_history()
    as_of = dt.date(2026, 11, 26)
    projection = year_end_projection(history, as_of)
    law = won_distribution(history, as_of, dt.date(2026, 12, 31))
    end = projection.year_end
    assert end.day == dt.date(2026, 12, 31)
    assert (end.expected, end.p10, end.p90) == pytest.approx(
        (projection.won_to_date + law.expected, projection.won_to_date + law.p10,
         projection.won_to_date + law.p90))
    assert [p.day for p in projection.forecast] == [as_of, dt.date(2026, 11, 30), end.day]


def test_actual_curve_is_cumulative_by_month_end():
    projection = year_end_projection(linear_months(), AS_OF)
    assert projection.actual[0] == (dt.date(2026, 1, 31), 30_000.0)
    assert projection.actual[1] == (dt.date(2026, 2, 28), 70_000.0)
    assert projection.actual[-1] == (AS_OF, 750_000.0)
