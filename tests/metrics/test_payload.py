import json
import math

import numpy as np
import pytest

from business_logic.columns import empty_deals_frame
from business_logic.metrics import Thresholds, kpis_payload
from tests.metrics.frames import D, day, deals

KEYS = [
    "import_id", "as_of", "deals_total", "deals_open", "deals_won", "deals_lost",
    "pipeline_gross", "pipeline_weighted", "won_value", "conversion_rate", "win_rate",
    "average_deal_size", "overdue_deals", "cold_deals", "untreated_leads", "forecast",
    "by_stage", "by_source",
    # cli.md "Additions"
    "by_sector", "by_owner", "funnel", "lead_velocity", "deal_age", "deal_velocity",
    "sales_velocity", "period_comparison", "quick_wins", "deadlines", "thresholds",
]  # fmt: skip
DIMENSION_KEYS = ["deals", "won", "lost", "conversion_rate", "win_rate", "won_value",
                  "average_won_deal_size", "median_days_to_win"]  # fmt: skip
COUNTS = ["deals_total", "deals_open", "deals_won", "deals_lost", "overdue_deals",
          "cold_deals", "untreated_leads"]  # fmt: skip
AMOUNTS = ["pipeline_gross", "pipeline_weighted", "won_value"]


def _plain(value):
    """Only JSON types, no numpy scalar, no NaN."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    if isinstance(value, float):
        return math.isfinite(value)
    return value is None or type(value) in (int, str, bool) and not isinstance(value, np.generic)


@pytest.fixture
def frame():
    return deals(
        {"source": "LinkedIn", "stage": "negotiation", "amount": 1000,
         "expected_close_date": day(10), "created_date": day(-30)},
        {"source": "LinkedIn", "status": "won", "amount": 400},
        {"source": None, "status": "lost", "amount": None},
    )  # fmt: skip


def test_exact_keys_and_types(frame):
    payload = kpis_payload(frame, D, 3)
    assert list(payload) == KEYS
    assert payload["import_id"] == 3 and payload["as_of"] == "2026-11-26"
    assert all(type(payload[key]) is int for key in COUNTS)
    assert all(type(payload[key]) is float for key in AMOUNTS)
    assert list(payload["forecast"]) == ["30", "60", "90"]
    assert all(list(w)[:3] == ["expected", "p10", "p90"] for w in payload["forecast"].values())
    # cli.md "Additions": forecast.N also carries `method` and the three layers
    assert all(w["method"] == "simple" and list(w["layers"]) == [
        "in_window", "late", "new_business"] for w in payload["forecast"].values())
    assert all(list(row) == ["stage", "count", "gross", "weighted"] for row in payload["by_stage"])
    for dimension in ("source", "sector", "owner"):
        assert all(list(row) == [dimension, *DIMENSION_KEYS]
                   for row in payload[f"by_{dimension}"])
    assert _plain(payload)
    json.dumps(payload, allow_nan=False)


def test_values(frame):
    payload = kpis_payload(frame, D, 1)
    assert payload["pipeline_weighted"] == pytest.approx(700.0)
    window = payload["forecast"]["30"]
    assert (window["expected"], window["p10"], window["p90"]) == (700.0, 0.0, 1000.0)
    assert payload["by_source"][0] == {
        "source": "LinkedIn", "deals": 2, "won": 1, "lost": 0,
        "conversion_rate": 0.5, "win_rate": 1.0, "won_value": 400.0,
        "average_won_deal_size": 400.0, "median_days_to_win": None,
    }  # fmt: skip
    assert payload["by_source"][1]["source"] == "(non renseigné)"
    assert payload["by_source"][1]["win_rate"] == 0.0
    assert payload["cold_deals"] == 1


def test_empty_frame_payload():
    payload = kpis_payload(empty_deals_frame(), D, 1)
    assert list(payload) == KEYS
    assert payload["win_rate"] is None and payload["conversion_rate"] is None
    assert payload["average_deal_size"] is None
    assert payload["by_source"] == []
    assert _plain(payload)


# --- cli.md "Additions": every other number, on a hand-computed frame ----------------------

ADDITIONS = deals(
    # D1 quick win: proposal 0.5, closes in 10 days; sector Retail, owner Alice
    {"deal_id": "Q1", "stage": "proposal", "amount": 2000, "sector": "Retail", "owner": "Alice",
     "source": "Salon", "created_date": day(-100), "expected_close_date": day(10),
     "last_activity_date": day(-1)},
    # overdue prospect, created 5 days ago, untouched: overdue + untreated
    {"deal_id": "L1", "stage": "prospect", "amount": 500, "sector": "Retail", "owner": "Bob",
     "created_date": day(-5), "expected_close_date": day(-3)},
    # qualified (0.3) due in 20 days: a deadline, not a quick win
    {"deal_id": "S1", "stage": "qualified", "amount": 800, "owner": "Alice",
     "created_date": day(-20), "expected_close_date": day(20), "last_activity_date": day(-2)},
    # won in 40 days and in 10 days; lost one
    {"deal_id": "W1", "status": "won", "amount": 3000, "sector": "Retail", "owner": "Alice",
     "created_date": day(-60), "closed_date": day(-20)},
    {"deal_id": "W2", "status": "won", "amount": 1000, "sector": "Industrie", "owner": "Bob",
     "created_date": day(-15), "closed_date": day(-5)},
    {"deal_id": "X1", "status": "lost", "amount": 700, "sector": "Industrie", "owner": "Bob",
     "stage_reached": "proposal", "created_date": day(-40), "closed_date": day(-35)},
)  # fmt: skip


@pytest.fixture(scope="module")
def additions():
    return kpis_payload(ADDITIONS, D, 9)


def test_by_sector_and_by_owner_have_won_deal_size_and_days_to_win(additions):
    sectors = {row["sector"]: row for row in additions["by_sector"]}
    assert sectors["Retail"] == {
        "sector": "Retail", "deals": 3, "won": 1, "lost": 0, "conversion_rate": 1 / 3,
        "win_rate": 1.0, "won_value": 3000.0, "average_won_deal_size": 3000.0,
        "median_days_to_win": 40.0,
    }  # fmt: skip
    assert sectors["Industrie"]["win_rate"] == 0.5
    assert sectors["(non renseigné)"]["deals"] == 1
    owners = {row["owner"]: row for row in additions["by_owner"]}
    assert (owners["Bob"]["deals"], owners["Bob"]["median_days_to_win"]) == (3, 10.0)
    assert [row["owner"] for row in additions["by_owner"]] == ["Alice", "Bob"]  # 3, 3: by name


def test_funnel_counts_deals_that_reached_each_stage(additions):
    reached = {step["stage"]: step["reached"] for step in additions["funnel"]}
    # won 2 reach all; Q1 proposal; S1 qualified; L1 prospect; X1 lost at proposal
    assert reached == {"prospect": 6, "qualified": 5, "proposal": 4, "negotiation": 2, "won": 2}


def test_velocities_and_deal_age(additions):
    assert additions["deal_velocity"]["mean_days"] == 25.0  # (40 + 10) / 2
    assert additions["sales_velocity"]["value"] == pytest.approx(3 * (2 / 3) * 2000 / 25)
    assert additions["lead_velocity"]["current_total"] == 6 - 1  # created day(-100) is older
    age = additions["deal_age"]
    assert (age["stale_days"], age["stale_count"], age["stale_deal_ids"]) == (90, 1, ["Q1"])
    assert age["median_days"] == 20.0  # ages 100, 5, 20


def test_period_comparison_defaults_to_30_days_and_follows_the_period(additions):
    period = additions["period_comparison"]
    assert period["days"] == 30
    assert (period["current"]["start"], period["current"]["end"]) == (day(-29), day(0))
    assert period["current"]["deals_won"] == 2
    seven = kpis_payload(ADDITIONS, D, 9, period_days=7)["period_comparison"]
    assert (seven["days"], seven["current"]["deals_won"], seven["previous"]["deals_won"]) == (
        7, 1, 0)


def test_quick_wins_and_deadlines_give_counts_and_ids_in_date_order(additions):
    assert additions["quick_wins"] == {"count": 1, "deal_ids": ["Q1"]}
    assert additions["deadlines"] == {
        "window_days": 30, "count": 3,
        "overdue": {"count": 1, "deal_ids": ["L1"]},
        "due": {"count": 2, "deal_ids": ["Q1", "S1"]},
    }  # fmt: skip


def test_thresholds_in_force_change_the_numbers_and_are_reported():
    strict = Thresholds(cold_days=30, untreated_days=7, stale_days=10, soon_days=15,
                        quick_win_probability=0.3)
    payload = kpis_payload(ADDITIONS, D, 9, thresholds=strict)
    assert payload["thresholds"] == strict.to_dict()
    assert payload["untreated_leads"] == 0  # L1 is 5 days old, not 7
    assert payload["quick_wins"]["deal_ids"] == ["Q1"]  # S1 (0.3) is due in 20 > 15 days
    assert payload["deadlines"]["due"]["deal_ids"] == ["Q1"]
    assert payload["deal_age"]["stale_deal_ids"] == ["Q1", "S1"]
