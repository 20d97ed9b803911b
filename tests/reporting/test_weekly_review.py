"""The weekly review's content on a hand-computed week (metrics.md definitions)."""

from __future__ import annotations

import pytest

from business_logic.metrics import Thresholds
from business_logic.weekly_review import build_weekly_review
from tests.reporting.frames import WEEK, D, day, deals
from utils.formatting import format_eur
from utils.pdf_review import forecast_sentence


@pytest.fixture(scope="module")
def review():
    return build_weekly_review(WEEK, D, "n° 7 · export.csv")


def test_headline_kpis_are_those_of_the_frame(review):
    k = review.kpis
    assert (k.deals_total, k.deals_open, k.deals_won, k.deals_lost) == (6, 3, 2, 1)
    assert k.pipeline_gross == pytest.approx(15_000)
    assert k.pipeline_weighted == pytest.approx(7_000 + 100 + 1_200)
    assert k.won_value == pytest.approx(7_000)
    assert k.win_rate == pytest.approx(2 / 3)


def test_period_compares_the_last_7_days_with_the_7_before(review):
    current, previous = review.period.current, review.period.previous
    assert (current.start, current.end) == (D.replace(day=20), D)
    assert (previous.start, previous.end) == (D.replace(day=13), D.replace(day=19))
    assert (current.deals_won, current.won_value, current.win_rate) == (1, 5_000, 0.5)
    assert (previous.deals_won, previous.won_value, previous.win_rate) == (1, 2_000, 1.0)
    assert (current.deals_created, previous.deals_created) == (1, 0)


def test_forecast_windows_are_cumulative_and_ordered(review):
    expected = {days: window.expected for days, window in review.forecast.items()}
    assert expected == pytest.approx({30: 7_000, 60: 8_200, 90: 8_200})
    # 30 days: Alpha 10 000 € at 0.7, P(0) = 0.3; 60 days: + Charlie 4 000 € at 0.3, so the
    # outcomes 0 / 4 000 / 10 000 / 14 000 have probabilities 0.21 / 0.09 / 0.49 / 0.21
    bounds = {days: (window.p10, window.p90) for days, window in review.forecast.items()}
    assert bounds == {30: (0, 10_000), 60: (0, 14_000), 90: (0, 14_000)}


def test_forecast_sentence_names_the_30_day_worst_case(review):
    p10 = format_eur(review.forecast[30].p10)
    assert forecast_sentence(review) == (
        f"9 chances sur 10 de signer au moins {p10} d'ici 30 jours."
    )


def test_each_action_list_counts_its_deals(review):
    counts = {action.key: action.count for action in review.actions}
    assert counts == {"overdue": 1, "cold": 1, "quick_wins": 1, "untreated_leads": 1}
    assert review.action("overdue").top["name"].tolist() == ["Bravo"]
    assert review.action("cold").top["name"].tolist() == ["Charlie"]
    assert review.action("quick_wins").top["name"].tolist() == ["Alpha"]
    assert review.action("cold").top["days_since_activity"].tolist() == [20]


def test_action_lists_keep_the_count_but_show_the_five_largest():
    overdue = deals(*(
        {"name": f"R{i}", "amount": 1_000 * i, "created_date": day(-3),
         "expected_close_date": day(-1), "last_activity_date": day(-1)}
        for i in range(1, 8)
    ))  # fmt: skip
    action = build_weekly_review(overdue, D).action("overdue")
    assert action.count == 7
    assert action.top["name"].tolist() == ["R7", "R6", "R5", "R4", "R3"]


def test_pipeline_by_stage_lists_every_stage(review):
    stages = {row.stage: (row.count, row.gross, row.weighted) for row in review.stages.rows}
    assert list(stages) == ["prospect", "qualified", "proposal", "negotiation", "won", "lost"]
    assert stages["negotiation"] == (1, 10_000, pytest.approx(7_000))
    assert stages["proposal"] == (0, 0, 0)


def test_top_sources_are_ranked_by_won_value_and_skip_sources_that_won_nothing(review):
    assert [(row.value, row.won_value) for row in review.top_sources] == [
        ("LinkedIn", 5_000), ("Salon", 2_000)]


def test_an_empty_frame_gives_an_empty_review():
    review = build_weekly_review(deals(), D)
    assert review.kpis.deals_total == 0
    assert all(action.count == 0 and action.top.empty for action in review.actions)
    assert review.top_sources == ()
    assert review.forecast[30].expected == 0


def test_changed_thresholds_change_the_counts_and_the_titles():
    # Charlie: 20 days without activity; Bravo: prospect created 5 days ago
    strict = Thresholds(cold_days=25, untreated_days=7)
    review = build_weekly_review(WEEK, D, thresholds=strict)
    assert (review.action("cold").count, review.action("untreated_leads").count) == (0, 0)
    assert review.action("cold").title == "Affaires froides (plus de 25\u00a0jours sans activité)"
    assert review.action("untreated_leads").title == (
        "Leads non traités depuis plus de 7\u00a0jours")
    loose = build_weekly_review(WEEK, D, thresholds=Thresholds(cold_days=1))
    assert loose.action("cold").count == 2  # Bravo (5 days), Charlie; Alpha's 1 day is not > 1


def _with_currencies(*codes: str):
    frame = WEEK.copy()
    frame["currency"] = list(codes)
    return frame


def test_review_totals_leave_out_deals_in_another_currency_and_name_them():
    # Alpha (10 000, open) is in USD: out of every number, named once.
    frame = _with_currencies("USD", "EUR", "EUR", "EUR", "EUR", "EUR")
    review = build_weekly_review(frame, D, currency="EUR")
    assert (review.kpis.deals_total, review.kpis.pipeline_gross) == (5, pytest.approx(5_000))
    assert (review.currencies.main, review.currencies.excluded) == ("EUR", {"USD": 1})


def test_workbook_lists_every_deal_but_sums_only_the_main_currency():
    from business_logic.workbook import workbook_sheets

    frame = _with_currencies("USD", "EUR", "EUR", "EUR", "EUR", "EUR")
    sheets = workbook_sheets(frame, D, currency="EUR")
    summary = dict(sheets["Synthèse"].itertuples(index=False, name=None))
    assert summary["Pipeline brut (€)"] == pytest.approx(5_000)
    assert summary["Hors totaux (autres devises)"] == (
        "1\u00a0affaire en USD est exclue des totaux (devise principale : EUR).")
    assert len(sheets["Affaires"]) == 6
