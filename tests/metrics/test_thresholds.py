"""The alert thresholds are settings: a changed value changes the counts and the lists."""

import pytest

from business_logic import metrics
from business_logic.labels import (
    cold_phrase,
    quick_win_probability_phrase,
    soon_phrase,
    stale_phrase,
    thresholds_sentence,
    untreated_phrase,
)
from business_logic.metrics import DEFAULT_THRESHOLDS, Thresholds
from tests.metrics.frames import D, day, deals

FRAME = deals(
    # 12 days without activity: cold under 10 days, not under the default 14
    {"deal_id": "cold12", "stage": "qualified", "created_date": day(-40),
     "last_activity_date": day(-12)},
    # prospect created 3 days ago, never touched: untreated under 2 days, not under 5
    {"deal_id": "lead3", "stage": "prospect", "created_date": day(-3)},
    # 60 days old, probability 0.3, closes in 40 days
    {"deal_id": "old60", "stage": "qualified", "created_date": day(-60),
     "last_activity_date": day(-1), "expected_close_date": day(40)},
)  # fmt: skip


def test_defaults_are_those_of_the_definitions():
    assert DEFAULT_THRESHOLDS.to_dict() == {
        "cold_days": 14, "untreated_days": 2, "stale_days": 90, "soon_days": 30,
        "quick_win_probability": 0.5,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"cold_days": 0}, "cold_days hors de"),
        ({"stale_days": 1.5}, "nombre entier de jours"),
        ({"quick_win_probability": 1.5}, "quick_win_probability hors de"),
        ({"soon_days": "30"}, "nombre attendu"),
    ],
)
def test_impossible_values_are_refused_in_french(changes, message):
    with pytest.raises(ValueError, match=message):
        Thresholds(**changes)


def test_cold_days_changes_the_count_and_the_list():
    assert metrics.headline_kpis(FRAME, D).cold_deals == 0
    ten = Thresholds(cold_days=10)
    assert metrics.headline_kpis(FRAME, D, ten).cold_deals == 1
    assert metrics.cold_deals(FRAME, D, ten)["deal_id"].tolist() == ["cold12"]


def test_untreated_days_changes_the_count():
    assert metrics.headline_kpis(FRAME, D).untreated_leads == 1
    assert metrics.headline_kpis(FRAME, D, Thresholds(untreated_days=5)).untreated_leads == 0


def test_stale_days_changes_the_stale_list():
    assert metrics.deal_age(FRAME, D).stale_count == 0
    age = metrics.deal_age(FRAME, D, Thresholds(stale_days=45))
    assert (age.stale_count, age.stale_days) == (1, 45)
    assert age.stale.frame["deal_id"].tolist() == ["old60"]


def test_window_and_probability_change_quick_wins_and_deadlines():
    assert len(metrics.quick_wins(FRAME, D)) == 0
    wide = Thresholds(soon_days=45, quick_win_probability=0.3)
    assert metrics.quick_wins(FRAME, D, wide)["deal_id"].tolist() == ["old60"]
    assert metrics.deadlines(FRAME, D, Thresholds(soon_days=45))["deal_id"].tolist() == ["old60"]
    assert len(metrics.quick_wins(FRAME, D, Thresholds(soon_days=45))) == 0  # 0.3 < 0.5


def test_phrases_name_the_value_in_force():
    t = Thresholds(cold_days=10, untreated_days=1, stale_days=120, soon_days=1,
                   quick_win_probability=0.75)
    assert cold_phrase(t) == "plus de 10\u00a0jours sans activité"
    assert untreated_phrase(t) == "plus de 24\u00a0h"
    assert untreated_phrase(Thresholds(untreated_days=7)) == "plus de 7\u00a0jours"
    assert stale_phrase(t) == "plus de 120\u00a0jours"
    assert soon_phrase(t) == "1\u00a0jour"
    assert quick_win_probability_phrase(t) == "75\u00a0%"
    assert quick_win_probability_phrase(Thresholds(quick_win_probability=0.125)) == "12,5\u00a0%"
    assert thresholds_sentence(Thresholds()) == (
        "froide après plus de 14\u00a0jours sans activité, lead non traité après plus de "
        "48\u00a0h, ancienne après plus de 90\u00a0jours, gains rapides et échéances sur "
        "30\u00a0jours dès une probabilité de 50\u00a0%"
    )
