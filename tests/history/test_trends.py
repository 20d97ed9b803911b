"""Trend per snapshot, weekly series and seasonality (docs/history.md, « Tendances »)."""

import datetime as dt

from business_logic.history import Snapshot, seasonality, trend, weekly
from business_logic.metrics.filters import DealFilters
from tests.metrics.frames import D, deals


def test_trend_point_figures_and_order():
    late = Snapshot(7, D, deals({"stage": "proposal", "amount": 100},
                                {"status": "won", "amount": 40},
                                {"status": "lost", "amount": 99},
                                {"stage": "prospect", "amount": None}))
    early = Snapshot(9, D - dt.timedelta(days=3), deals({"stage": "prospect", "amount": 10}))
    points = trend([late, early])
    assert [p.import_id for p in points] == [9, 7]
    assert (points[1].open_deals, points[1].pipeline_gross, points[1].pipeline_weighted,
            points[1].won_value) == (2, 100.0, 50.0, 40.0)


def test_trend_applies_filters():
    snapshot = Snapshot(1, D, deals({"amount": 100, "owner": "Léa"},
                                    {"amount": 5, "owner": "Hugo"}))
    (point,) = trend([snapshot], DealFilters(owners=("Hugo",)))
    assert (point.open_deals, point.pipeline_gross) == (1, 5.0)


def test_weekly_series_keeps_the_last_snapshot_of_each_iso_week():
    # D = Thursday 2026-11-26 (week 48, from Monday 23); Sunday 22 closes week 47
    dates = {1: dt.date(2026, 11, 23), 2: dt.date(2026, 11, 22), 3: D, 4: dt.date(2026, 11, 16)}
    snaps = [Snapshot(i, day, deals({"amount": i})) for i, day in dates.items()]
    assert [p.import_id for p in weekly(trend(snaps))] == [2, 3]


def _won_every_month(months: int) -> list[dict]:
    rows = []
    for k in range(months):
        year, month = divmod(10 + k, 12)  # from 2025-11 onwards
        rows.append({"status": "won", "amount": 100 * (month + 1),
                     "closed_date": dt.date(2025 + year, month + 1, 15).isoformat()})
    return rows


def test_seasonality_needs_twelve_months_of_closed_history():
    # closings from 2025-12 to as_of 2026-10: 11 months
    short = seasonality(deals(*_won_every_month(11)[1:]), dt.date(2026, 10, 20))
    assert short.available is False
    assert short.reason == ("Saisonnalité indisponible : 11 mois d'historique de clôtures, "
                            "il en faut au moins 12.")
    full = seasonality(deals(*_won_every_month(12)), dt.date(2026, 10, 20))
    assert (full.available, full.reason) == (True, None)


def test_seasonality_without_closed_deals_says_why():
    result = seasonality(deals({"stage": "prospect"}), D)
    assert result.available is False and "aucune affaire close" in result.reason


def test_seasonality_months_and_mean_per_month_of_year():
    rows = [{"status": "won", "amount": 10, "closed_date": "2024-03-05"},
            {"status": "won", "amount": 30, "closed_date": "2025-03-20"},
            {"status": "won", "amount": 5, "closed_date": "2025-03-21"},
            {"status": "lost", "amount": 999, "closed_date": "2024-01-02"},
            {"status": "won", "amount": 7, "closed_date": "2026-12-01"}]  # after as_of
    result = seasonality(deals(*rows), dt.date(2025, 6, 10))
    assert result.available is True  # 2024-01 .. 2025-06: 18 months
    months = result.months.set_index("month")
    assert (months.loc["2024-03", "won_value"], months.loc["2025-03", "won_value"],
            months.loc["2025-03", "won_deals"], months.loc["2024-01", "won_deals"]) == (
        10.0, 35.0, 2, 0)
    means = result.month_of_year.set_index("month_number")
    assert (means.loc[3, "mean_won_value"], means.loc[3, "years"]) == (22.5, 2)
    assert means.loc[6, "years"] == 1  # 2025-06 is the partial current month: left out
