"""Baseline vs scenario (business_logic.planning.comparison, docs/objectifs.md, « Simulateur »)."""

from __future__ import annotations

import pytest

from business_logic.metrics import prepare_deals
from business_logic.planning.comparison import compare
from business_logic.planning.distribution import forecast_distributions
from business_logic.planning.whatif import Levers
from tests.forecast.history import END, sales_history
from tests.metrics.frames import D, day, deals

TARGET = 143_000.0 + 9_150.0  # won this month + the 4-day expected value (≈ 50 %)


@pytest.fixture(scope="module")
def history():
    return prepare_deals(sales_history(open_stage="proposal"))


def test_no_lever_gives_exactly_the_baseline(history):
    result = compare(history, Levers(), END, target=TARGET)
    assert result.scenario.to_dict() == result.baseline.to_dict()
    assert result.baseline.reach is not None and 0 < result.baseline.reach < 1


def test_basket_scales_the_forecast_part_of_the_year_end_exactly(history):
    result = compare(history, Levers(basket_percent=10), END, target=TARGET)
    base, scenario = result.baseline, result.scenario
    won_this_year = base.year_end.expected - _forecast_to_year_end(history)
    for field in ("expected", "p10", "p90"):
        forecast_part = getattr(base.year_end, field) - won_this_year
        assert getattr(scenario.year_end, field) - won_this_year == pytest.approx(
            1.1 * forecast_part, rel=1e-9)
    assert scenario.forecast[30].expected == pytest.approx(1.1 * base.forecast[30].expected)
    assert scenario.won_this_month == base.won_this_month


def _forecast_to_year_end(history) -> float:
    days = (END.replace(month=12, day=31) - END).days
    return forecast_distributions(history, END, (days,))[days].expected


@pytest.mark.parametrize(("lever", "values"), [
    ("basket_percent", (-20, 0, 20)),
    ("win_rate_points", (-20, 0, 20)),
    ("cycle_days", (20, 0, -20)),  # a shorter cycle
])
def test_the_chance_of_reaching_the_target_grows_with_the_levers(history, lever, values):
    chances = [compare(history, Levers(**{lever: v}), END, target=TARGET).scenario.reach
               for v in values]
    assert chances[0] <= chances[1] <= chances[2]
    assert chances[0] < chances[2]


def test_new_deals_cannot_help_when_none_closes_that_fast(history):
    """Four days left in November; every past deal took 10 days or more to close."""
    chances = {v: compare(history, Levers(new_deals_percent=v), END, target=TARGET)
               for v in (0, 200)}
    assert chances[200].scenario.reach == chances[0].scenario.reach
    assert chances[200].scenario.forecast[30].expected > chances[0].scenario.forecast[30].expected


def test_without_target_there_is_no_probability(history):
    result = compare(history, Levers(basket_percent=10), END)
    assert result.baseline.reach is None and result.scenario.reach is None


def test_a_forced_win_is_certain_in_every_figure_containing_its_date():
    # simple method: 1000 at 30 % on December 16, 4000 at 60 % on December 26
    frame = deals({"amount": 1000.0, "probability": 0.3, "expected_close_date": day(20)},
                  {"amount": 4000.0, "probability": 0.6, "expected_close_date": day(30)},
                  {"amount": 500.0, "status": "won", "closed_date": day(-2)})
    result = compare(frame, Levers(overrides={"D2": "won"}), D, target=4000.0,
                     windows=(29, 30))
    base, scenario = result.baseline, result.scenario
    assert [base.forecast[d].expected for d in (29, 30)] == pytest.approx([300, 2700])
    assert [scenario.forecast[d].expected for d in (29, 30)] == pytest.approx([300, 4300])
    # P10: both lost has 0.7 × 0.4 = 28 % > 10 %; with D2 certain, D1 lost has 70 %
    assert (base.forecast[30].p10, scenario.forecast[30].p10) == (0.0, 4000.0)
    assert base.year_end.expected == pytest.approx(500 + 300 + 2400)
    assert scenario.year_end.expected == pytest.approx(500 + 300 + 4000)
    # the month (November 26 → 30) holds neither deal: 500 won, 4000 out of reach
    assert base.won_this_month == 500.0
    assert base.reach == 0.0 and scenario.reach == 0.0


def test_the_forced_win_reaches_the_month_target_for_sure():
    frame = deals({"amount": 3000.0, "probability": 0.2, "expected_close_date": day(3)},
                  {"amount": 500.0, "status": "won", "closed_date": day(-2)})
    result = compare(frame, Levers(overrides={"D1": "won"}), D, target=3500.0)
    assert result.baseline.reach == pytest.approx(0.2)
    assert result.scenario.reach == 1.0
