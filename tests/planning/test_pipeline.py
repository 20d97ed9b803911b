"""Pipeline to create (business_logic/planning/reach.py)."""

import datetime as dt

import pandas as pd
import pytest

from business_logic.planning.reach import pipeline_to_create, won_distribution
from tests.metrics.frames import D, day, deals

MONTH_END = dt.date(2026, 11, 30)  # 4 days after D


def history(*open_rows, durations=(1, 1)):
    """Two won deals closing `durations` days after creation, two lost, plus open rows."""
    won = [{"status": "won", "amount": 1000, "created_date": day(-40 - d),
            "closed_date": day(-40)} for d in durations]
    lost = [{"status": "lost", "amount": 500, "created_date": day(-50), "closed_date": day(-45)}
            for _ in range(2)]
    return deals(*won, *lost, *open_rows)


OPEN = ({"amount": 2000, "probability": 0.5, "expected_close_date": day(2)},
        {"amount": 4000, "probability": 0.25, "expected_close_date": day(3)})


@pytest.mark.parametrize(("target", "won"), [(10_000, 0.0), (5_000, 1_000.0), (2_001, 0.0)])
def test_adding_the_pipeline_brings_the_expected_value_to_the_target(target, won):
    frame = history(*OPEN)
    pipeline = pipeline_to_create(frame, D, target, MONTH_END, won)
    # every won deal closed within a day: a new euro is worth the win rate (2 / 4)
    added = pd.concat([frame, deals({"deal_id": "NEW", "amount": pipeline.total,
                                     "probability": 0.5, "expected_close_date": day(4)})])
    after = won_distribution(added, D, MONTH_END).expected
    assert won + after == pytest.approx(target)
    assert pipeline.per_week == pytest.approx(pipeline.total)  # 4 days left: one week


def test_nothing_to_create_when_the_forecast_already_reaches_the_target():
    pipeline = pipeline_to_create(history(*OPEN), D, 1_500, MONTH_END, 0.0)  # expected 2000
    assert (pipeline.total, pipeline.per_week) == (0.0, 0.0)


@pytest.mark.parametrize(
    ("durations", "close_share", "total"),
    [((1, 1), 1.0, 8_000.0), ((2, 30), 0.5, 16_000.0), ((10, 30), 0.0, None)],
)
def test_time_to_close_scales_the_pipeline(durations, close_share, total):
    # target 4000, nothing open: gap 4000 at win rate 0.5 × share closed within 4 days
    pipeline = pipeline_to_create(history(durations=durations), D, 4_000, MONTH_END, 0.0)
    assert pipeline.pace.close_share == close_share
    assert pipeline.total == total


def test_no_win_yet_means_no_pipeline_figure():
    frame = deals({"status": "lost", "amount": 500, "created_date": day(-9),
                   "closed_date": day(-5)})
    assert pipeline_to_create(frame, D, 4_000, MONTH_END, 0.0).total is None


def test_per_week_divides_by_the_weeks_left():
    frame = history()
    pipeline = pipeline_to_create(frame, dt.date(2026, 11, 2), 4_000, MONTH_END, 0.0)
    assert pipeline.weeks_left == 4  # 28 days
    assert pipeline.per_week == pytest.approx(pipeline.total / 4)
