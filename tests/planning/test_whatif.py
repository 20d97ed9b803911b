"""The Simulateur's levers (business_logic.planning.whatif, docs/objectifs.md, « Simulateur »)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from business_logic.forecast import Tuning, calibrated_forecast, what_if
from business_logic.forecast.arrays import as_day, deal_arrays, state_at
from business_logic.forecast.layers import learn
from business_logic.metrics import prepare_deals
from business_logic.planning.whatif import Levers, apply_levers
from tests.forecast.history import END, sales_history
from tests.metrics.frames import D, day, deals


def _with_missing_amounts(frame: pd.DataFrame) -> pd.DataFrame:
    amount = frame["amount"].copy()
    amount.iloc[::17] = np.nan  # open deals without amount count at the mean won amount
    return frame.assign(amount=amount)


DATASETS = {
    "staged": lambda: _with_missing_amounts(sales_history(open_stage="proposal")),
    "unknown stage": lambda: _with_missing_amounts(sales_history(seed=5)),
    "simple": lambda: deals(
        {"amount": 1000.0, "probability": 0.3, "expected_close_date": day(20)},
        {"amount": 4000.0, "probability": 0.6, "expected_close_date": day(45)},
        {"amount": 2500.0, "stage": "negotiation", "expected_close_date": day(80)},
        {"amount": 900.0, "status": "won", "created_date": day(-40), "closed_date": day(-3)},
    ),
}


def _forecast(frame, levers: Levers, as_of: dt.date = END):
    """The scenario's 30/60/90 forecast (the forced wins excluded)."""
    scenario = apply_levers(frame, levers, as_of)
    return calibrated_forecast(what_if(scenario.deals, frame, scenario.tuning), as_of)


@pytest.fixture(params=list(DATASETS))
def history(request):
    frame = DATASETS[request.param]()
    as_of = D if request.param == "simple" else END
    return prepare_deals(frame), as_of


def test_datasets_cover_both_methods():
    assert calibrated_forecast(DATASETS["staged"](), END).method == "calibrated"
    assert calibrated_forecast(DATASETS["unknown stage"](), END).method == "calibrated"
    assert calibrated_forecast(DATASETS["simple"](), D).method == "simple"


@pytest.mark.parametrize("levers", [
    Levers(),
    Levers(basket_percent=0.0, win_rate_points=0.0, cycle_days=0, new_deals_percent=0.0),
    Levers(overrides={"no-such-deal": "won"}),
])
def test_levers_at_zero_give_exactly_the_baseline(history, levers):
    p, as_of = history
    baseline = calibrated_forecast(p, as_of)
    scenario = _forecast(p, levers, as_of)
    assert scenario.to_dict() == baseline.to_dict()


@pytest.mark.parametrize("percent", [10.0, -25.0, 100.0])
def test_basket_scales_the_expected_forecast_exactly(history, percent):
    p, as_of = history
    baseline = calibrated_forecast(p, as_of)
    scenario = _forecast(p, Levers(basket_percent=percent), as_of)
    factor = 1 + percent / 100
    for days, window in baseline.items():
        assert scenario[days].expected == pytest.approx(window.expected * factor, rel=1e-12)
        if baseline.method == "calibrated":  # the band is linear in the values too
            assert scenario[days].p10 == pytest.approx(window.p10 * factor, rel=1e-12)
            assert scenario[days].p90 == pytest.approx(window.p90 * factor, rel=1e-12)


@pytest.mark.parametrize("dataset", ["staged", "unknown stage"])
def test_basket_scales_exactly_at_a_past_reference_date(dataset):
    """At a date before the export, deals closed later count as open then: scaled too."""
    p = prepare_deals(DATASETS[dataset]())
    as_of = END - dt.timedelta(days=75)
    baseline = calibrated_forecast(p, as_of)
    scenario = _forecast(p, Levers(basket_percent=10), as_of)
    assert baseline.method == "calibrated"
    for days, window in baseline.items():
        assert scenario[days].expected == pytest.approx(window.expected * 1.1, rel=1e-12)


def test_basket_ten_percent_on_a_literal_case():
    frame = DATASETS["simple"]()
    scenario = _forecast(frame, Levers(basket_percent=10.0), D)
    # 1000 × 0.3 = 300 in 30 days; + 4000 × 0.6 in 60; + 2500 × 0.7 in 90 (then +10 %)
    assert scenario[30].expected == pytest.approx(330.0)
    assert scenario[60].expected == pytest.approx(2970.0)
    assert scenario[90].expected == pytest.approx(4895.0)


@pytest.mark.parametrize(("probability", "points", "expected"), [
    (0.3, 50.0, 0.8),
    (0.7, 50.0, 1.0),
    (0.3, -50.0, 0.0),
    (0.6, -10.0, 0.5),
    (1.0, 100.0, 1.0),
    (0.0, -100.0, 0.0),
])
def test_win_rate_points_move_open_probabilities_within_0_and_1(probability, points, expected):
    frame = deals({"amount": 1000.0, "probability": probability, "expected_close_date": day(9)},
                  {"amount": 500.0, "status": "won", "closed_date": day(-1)},
                  {"amount": 500.0, "status": "lost", "closed_date": day(-1)})
    out = apply_levers(frame, Levers(win_rate_points=points), D).deals
    assert out["probability"].tolist() == pytest.approx([expected, 1.0, 0.0])


def test_win_rate_points_move_the_learned_win_rate_by_as_many_points():
    frame = DATASETS["unknown stage"]()
    a = deal_arrays(prepare_deals(frame))
    learned = learn(a, state_at(a, as_day(END)))
    tuned = Tuning(win_shift=0.1).apply(learned)
    assert tuned.curves.won[-1] == pytest.approx(learned.curves.won[-1] + 0.1)
    assert Tuning().apply(learned) is learned


def test_force_won_counts_the_deal_whole_on_its_date_and_changes_nothing_else():
    frame = DATASETS["simple"]()
    scenario = apply_levers(frame, Levers(overrides={"D3": "won"}), D)
    changed = scenario.deals.compare(frame)
    assert changed.index.tolist() == [2]
    assert sorted({column for column, _ in changed.columns}) == [
        "probability", "probability_explicit"]
    assert scenario.deals.loc[2, "probability"] == 0.0  # counted apart, for sure
    assert scenario.certain_wins[["deal_id", "amount"]].values.tolist() == [["D3", 2500.0]]
    assert scenario.certain_wins["win_date"].tolist() == [pd.Timestamp(day(80))]
    assert scenario.certain_between(D, D + dt.timedelta(days=79)) == 0.0
    assert scenario.certain_between(D, D + dt.timedelta(days=80)) == 2500.0


def test_force_won_of_an_overdue_deal_is_won_the_next_day():
    frame = deals({"amount": 700.0, "probability": 0.5, "expected_close_date": day(-10)})
    scenario = apply_levers(frame, Levers(overrides={"D1": "won"}), D)
    assert scenario.certain_wins["win_date"].tolist() == [pd.Timestamp(day(1))]


def test_force_lost_removes_exactly_that_deal_from_the_forecast():
    frame = DATASETS["simple"]()
    forecast = _forecast(frame, Levers(overrides={"D2": "lost"}), D)
    assert [forecast[d].expected for d in (30, 60, 90)] == pytest.approx([300, 300, 2050])
    scenario = apply_levers(frame, Levers(overrides={"D2": "lost"}), D)
    assert scenario.deals.compare(frame).index.tolist() == [1]
    assert scenario.certain_wins.empty


@pytest.mark.parametrize(("close", "slipped"), [
    (day(20), "2027-01-16"),  # one month later
    (day(-10), "2026-12-26"),  # overdue: one month after the reference date
    (None, "2026-12-26"),  # no date: likewise
])
def test_slip_moves_exactly_that_deal_one_month(close, slipped):
    frame = deals({"amount": 1000.0, "probability": 0.3, "expected_close_date": close},
                  {"amount": 2000.0, "probability": 0.3, "expected_close_date": day(20)})
    out = apply_levers(frame, Levers(overrides={"D1": "slip"}), D).deals
    assert out["expected_close_date"].tolist() == [pd.Timestamp(slipped),
                                                   pd.Timestamp(day(20))]
    assert out.drop(columns="expected_close_date").equals(
        frame.drop(columns="expected_close_date"))


def test_overrides_leave_closed_deals_alone():
    frame = deals({"amount": 500.0, "status": "lost", "closed_date": day(-1)})
    scenario = apply_levers(frame, Levers(overrides={"D1": "won"}), D)
    assert scenario.deals.equals(frame)
    assert scenario.certain_wins.empty


@pytest.mark.parametrize(("days", "moved"), [
    (15, [day(35), day(60)]),  # the first leaves the 30-day window
    (-30, [day(0), day(15)]),  # never before the reference date
    (0, [day(20), day(45)]),
])
def test_cycle_moves_future_close_dates(days, moved):
    frame = deals({"amount": 1000.0, "probability": 0.3, "expected_close_date": day(20)},
                  {"amount": 4000.0, "probability": 0.6, "expected_close_date": day(45)},
                  {"amount": 100.0, "probability": 0.6, "expected_close_date": day(-5)})
    out = apply_levers(frame, Levers(cycle_days=days), D).deals
    assert out["expected_close_date"].tolist() == [pd.Timestamp(x) for x in
                                                   [*moved, day(-5)]]


def test_new_deals_per_week_scales_the_new_business_layer_exactly():
    frame = DATASETS["staged"]()
    baseline = calibrated_forecast(frame, END)
    scenario = _forecast(frame, Levers(new_deals_percent=100.0), END)
    for days in (30, 60, 90):
        base = baseline[days].layers
        assert scenario[days].layers["new_business"].expected == pytest.approx(
            2 * base["new_business"].expected, rel=1e-12)
        assert scenario[days].layers["in_window"] == base["in_window"]


MONOTONE = [
    ("basket_percent", [-50, -10, 0, 10, 50], 1),
    ("win_rate_points", [-30, -5, 0, 5, 30], 1),
    ("new_deals_percent", [-50, 0, 50, 200], 1),
    ("cycle_days", [-30, -7, 0, 7, 30], -1),
]


@pytest.mark.parametrize(("lever", "values", "direction"), MONOTONE)
@pytest.mark.parametrize("dataset", ["staged", "unknown stage"])
def test_forecast_is_monotone_in_each_lever(lever, values, direction, dataset):
    p = prepare_deals(DATASETS[dataset]())
    for days in (30, 90):
        series = [_forecast(p, Levers(**{lever: v}), END)[days].expected for v in values]
        steps = np.diff(series) * direction
        assert (steps >= -1e-9).all(), (days, series)
        assert steps.sum() > 0, (days, series)


def test_the_input_frame_is_never_changed(history):
    p, as_of = history
    before = p.frame.copy(deep=True)
    ids = p.frame["deal_id"].tolist()
    levers = Levers(basket_percent=20, win_rate_points=10, cycle_days=12,
                    new_deals_percent=30,
                    overrides={ids[0]: "won", ids[1]: "lost", ids[2]: "slip"})
    _forecast(p, levers, as_of)
    pd.testing.assert_frame_equal(p.frame, before)


@pytest.mark.parametrize(("data", "message"), [
    ({"basket_percent": -150}, "panier moyen (%) : valeur -150 hors de -100 à 1000"),
    ({"win_rate_points": 101}, "taux de réussite (points)"),
    ({"cycle_days": "dix"}, "cycle de vente (jours) : valeur 'dix'"),
    ({"cycle_days": 2.5}, "cycle de vente (jours) : valeur 2.5 — un nombre entier"),
    ({"overrides": {"D1": "gagnee"}}, "affaire 'D1' : choix 'gagnee' inconnu"),
    ({"speed": 3}, "levier inconnu : speed"),
])
def test_bad_levers_are_refused_in_french(data, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Levers.from_dict(data)


def test_levers_round_trip_through_their_json():
    levers = Levers(basket_percent=10, win_rate_points=-5, cycle_days=14,
                    new_deals_percent=25.5, overrides={"B": "slip", "A": "won"})
    data = levers.to_dict()
    assert data == {"basket_percent": 10.0, "win_rate_points": -5.0, "cycle_days": 14.0,
                    "new_deals_percent": 25.5, "overrides": {"A": "won", "B": "slip"}}
    assert Levers.from_dict(data) == levers
