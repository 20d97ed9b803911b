import json
import math

import numpy as np
import pytest

from business_logic.columns import empty_deals_frame
from business_logic.metrics import kpis_payload
from tests.metrics.frames import D, day, deals

KEYS = [
    "import_id", "as_of", "deals_total", "deals_open", "deals_won", "deals_lost",
    "pipeline_gross", "pipeline_weighted", "won_value", "conversion_rate", "win_rate",
    "average_deal_size", "overdue_deals", "cold_deals", "untreated_leads", "forecast",
    "by_stage", "by_source",
]  # fmt: skip
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
    assert all(list(w) == ["expected", "p10", "p90"] for w in payload["forecast"].values())
    assert all(list(row) == ["stage", "count", "gross", "weighted"] for row in payload["by_stage"])
    assert [list(row) for row in payload["by_source"]] == [
        ["source", "deals", "won", "lost", "conversion_rate", "win_rate", "won_value"]
    ] * 2
    assert _plain(payload)
    json.dumps(payload, allow_nan=False)


def test_values(frame):
    payload = kpis_payload(frame, D, 1)
    assert payload["pipeline_weighted"] == pytest.approx(700.0)
    assert payload["forecast"]["30"] == {"expected": 700.0, "p10": 0.0, "p90": 1000.0}
    assert payload["by_source"][0] == {
        "source": "LinkedIn", "deals": 2, "won": 1, "lost": 0,
        "conversion_rate": 0.5, "win_rate": 1.0, "won_value": 400.0,
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
