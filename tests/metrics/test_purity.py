"""Calculators never modify their input and give the same result on a prepared frame."""

import json

import pandas as pd
import pytest

from business_logic import metrics
from tests.metrics.frames import D, day, deals

FRAME = deals(
    {"source": "A", "stage": "proposal", "amount": 1000, "created_date": day(-100),
     "expected_close_date": day(5), "last_activity_date": day(-20)},
    {"source": None, "status": "won", "amount": 500, "created_date": day(-60),
     "closed_date": day(-10)},
    {"status": "lost", "stage_reached": "qualified", "amount": None, "created_date": day(-4),
     "closed_date": day(-1)},
    {"stage": "prospect", "created_date": day(-5), "expected_close_date": day(-2)},
)  # fmt: skip

CALCULATORS = {
    "headline": lambda d: metrics.headline_kpis(d, D).to_dict(),
    "forecast": lambda d: metrics.forecast(d, D).to_dict(),
    "alerts": lambda d: metrics.alerts(d, D).to_dict(),
    "by_stage": lambda d: metrics.by_stage(d).to_dict(),
    "by_owner": lambda d: metrics.by_dimension(d, "owner").to_dict(),
    "funnel": lambda d: metrics.funnel(d).to_dict(),
    "lead_velocity": lambda d: metrics.lead_velocity(d, D).to_dict(),
    "deal_velocity": lambda d: metrics.deal_velocity(d).to_dict(),
    "sales_velocity": lambda d: metrics.sales_velocity(d).to_dict(),
    "deal_age": lambda d: metrics.deal_age(d, D).to_dict(),
    "period": lambda d: metrics.period_comparison(d, D, 30).to_dict(),
    "payload": lambda d: metrics.kpis_payload(d, D, 1),
}


@pytest.mark.parametrize("name", list(CALCULATORS))
def test_input_frame_is_not_modified(name):
    frame = FRAME.copy()
    CALCULATORS[name](frame)
    pd.testing.assert_frame_equal(frame, FRAME)


@pytest.mark.parametrize("name", list(CALCULATORS))
def test_prepared_deals_give_the_same_json(name):
    raw = CALCULATORS[name](FRAME)
    prepared = CALCULATORS[name](metrics.prepare_deals(FRAME))
    assert json.dumps(raw, allow_nan=False) == json.dumps(prepared, allow_nan=False)


def test_chunked_and_object_text_columns_give_the_same_json():
    chunked = pd.concat([FRAME.iloc[:2], FRAME.iloc[2:]], ignore_index=True)
    as_objects = FRAME.astype({c: object for c in FRAME.columns if FRAME[c].dtype == "str"})
    expected = json.dumps(metrics.kpis_payload(FRAME, D, 1))
    assert json.dumps(metrics.kpis_payload(chunked, D, 1)) == expected
    assert json.dumps(metrics.kpis_payload(as_objects, D, 1)) == expected
    assert metrics.funnel(as_objects) == metrics.funnel(FRAME)
