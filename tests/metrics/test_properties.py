"""Hypothesis properties over random small frames."""

import datetime as dt
import os

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from business_logic.columns import coerce_canonical_dtypes
from business_logic.metrics import (
    DealFilters,
    apply_filters,
    by_dimension,
    by_stage,
    forecast,
    headline_kpis,
    revenue_quantiles,
)
from business_logic.stages import OPEN_STAGES
from tests.metrics.frames import D
from tests.metrics.test_forecast import brute_force_quantiles

OFFSETS = st.one_of(st.none(), st.integers(-200, 120))
AMOUNTS = st.one_of(st.none(), st.floats(0, 1e6, allow_nan=False).map(lambda x: round(x, 2)))
SOURCES = st.sampled_from([None, "LinkedIn", "Salon", "Site web"])


@st.composite
def deal_rows(draw):
    status = draw(st.sampled_from(["open", "open", "won", "lost"]))
    stage = draw(st.sampled_from(OPEN_STAGES)) if status == "open" else status
    probability = {"won": 1.0, "lost": 0.0}.get(status, draw(st.floats(0, 1)))
    row = {
        "status": status,
        "stage": stage,
        "stage_reached": draw(st.sampled_from([*OPEN_STAGES, None])),
        "amount": draw(AMOUNTS),
        "probability": probability,
        "source": draw(SOURCES),
        "name": draw(st.sampled_from(["Alpha", "beta", None])),
    }
    for column in ("created_date", "expected_close_date", "closed_date", "last_activity_date"):
        offset = draw(OFFSETS)
        row[column] = None if offset is None else D + dt.timedelta(days=offset)
    return row


FRAMES = st.lists(deal_rows(), max_size=25).map(
    lambda rows: coerce_canonical_dtypes(pd.DataFrame(rows, columns=list(rows[0]) if rows else []))
)
# METRICS_EXAMPLES=1000 for a longer run.
QUICK = settings(
    max_examples=int(os.environ.get("METRICS_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


SMALL_FRAMES = st.lists(deal_rows(), max_size=12).map(
    lambda rows: coerce_canonical_dtypes(pd.DataFrame(rows, columns=list(rows[0]) if rows else []))
)


@QUICK
@given(SMALL_FRAMES)
def test_forecast_percentiles_match_brute_force_enumeration(frame):
    """The raw P10/P90 against every win/loss combination (not the clamped values, which
    bracket `expected` by construction); the shown ones are the oracle's, clamped."""
    close = frame["expected_close_date"]
    for days, window in forecast(frame, D).items():
        in_window = (
            (frame["status"] == "open")
            & (close >= pd.Timestamp(D))
            & (close <= pd.Timestamp(D + dt.timedelta(days=days)))
        )
        amounts = frame.loc[in_window, "amount"].fillna(0.0).to_numpy()
        probabilities = frame.loc[in_window, "probability"].to_numpy()
        expected = float((amounts * probabilities).sum())
        truth_p10, truth_p90 = brute_force_quantiles(amounts, probabilities, (0.1, 0.9))
        assert window.deals == len(amounts)
        assert window.expected == pytest.approx(expected, abs=1e-6)
        assert window.raw_p10 == pytest.approx(truth_p10, rel=0.02, abs=0.01)
        assert window.raw_p90 == pytest.approx(truth_p90, rel=0.02, abs=0.01)
        assert window.p10 == pytest.approx(min(truth_p10, expected), rel=0.02, abs=0.01)
        assert window.p90 == pytest.approx(max(truth_p90, expected), rel=0.02, abs=0.01)


@QUICK
@given(
    # Money amounts (cents): the exact method sums in cents.
    st.lists(
        st.floats(0, 1e7, allow_nan=False).map(lambda x: round(x, 2)), min_size=1, max_size=40
    ),
    st.data(),
)
def test_raw_percentiles_are_ordered_and_within_bounds(amounts, data):
    probabilities = data.draw(
        st.lists(st.floats(0, 1), min_size=len(amounts), max_size=len(amounts))
    )
    low, high = revenue_quantiles(np.array(amounts), np.array(probabilities), (0.1, 0.9)).values
    certain = sum(a for a, p in zip(amounts, probabilities, strict=True) if p >= 1)
    assert certain - 1e-6 <= low <= high <= sum(amounts) * (1 + 1e-9) + 1e-6


@QUICK
@given(FRAMES)
def test_weighted_pipeline_never_exceeds_gross(frame):
    kpis = headline_kpis(frame, D)
    assert kpis.pipeline_weighted <= kpis.pipeline_gross + 1e-6


@QUICK
@given(FRAMES, st.sampled_from(["open", "won", "lost"]), SOURCES, st.sampled_from(["al", "", "x"]))
def test_filters_never_add_deals(frame, status, source, text):
    filters = DealFilters(
        statuses=(status,), sources=() if source is None else (source,), text=text
    )
    out = apply_filters(frame, filters)
    assert len(out) <= len(frame)
    assert set(out["deal_id"].dropna()) <= set(frame["deal_id"].dropna())


@QUICK
@given(FRAMES)
def test_breakdown_counts_sum_to_deals_total(frame):
    total = headline_kpis(frame, D).deals_total
    assert sum(row.count for row in by_stage(frame).rows) == total
    assert sum(row.deals for row in by_dimension(frame, "source").rows) == total
