"""Objectives vs actual (business_logic/planning/objectives.py)."""

import datetime as dt

import pytest

from business_logic.planning.objectives import (
    objective_progress,
    objectives_payload,
    targets_in_force,
    won_between,
)
from business_logic.planning.reach import reach_probability
from tests.metrics.frames import D, day, deals

M = dt.date
TARGETS = {M(2026, 10, 1): 100.0, M(2026, 11, 1): 50.0, M(2026, 12, 1): 70.0}
CONTRACT_KEYS = ["period", "kind", "target", "won_to_date", "remaining", "probability",
                 "pipeline_to_create"]


def won(closed, amount=10.0, **extra):
    return {"status": "won", "amount": amount, "created_date": day(-300), "closed_date": closed,
            **extra}


FRAME = deals(won(day(-25)), won(day(-26)), won(day(0), 5.0), won(day(1), 1000.0),
              won("2026-01-01", 7.0), won("2025-12-31", 1000.0),
              {"amount": 40.0, "probability": 0.5, "expected_close_date": day(2)})


def test_period_targets_are_sums_of_months():
    progress = objective_progress(FRAME, D, TARGETS)
    assert [(p.period.label, p.target) for p in progress] == [
        ("2026-11", 50.0), ("2026-Q4", 220.0), ("2026", 220.0)]


@pytest.mark.parametrize(
    ("start", "end", "value"),
    [(M(2026, 11, 1), D, 15.0),  # the 1st (day -25) and D itself; not the 27th (after D)
     (M(2026, 10, 1), D, 25.0),
     (M(2026, 1, 1), D, 32.0)],
)
def test_won_to_date_counts_closed_dates_in_start_to_d(start, end, value):
    assert won_between(FRAME, start, end) == value


def test_progress_of_the_month():
    month = objective_progress(FRAME, D, TARGETS)[0]
    assert (month.won_to_date, month.remaining, month.progress) == (15.0, 35.0, 0.3)
    assert month.probability == pytest.approx(
        reach_probability(FRAME, D, 50.0, M(2026, 11, 30), 15.0))
    assert month.probability == pytest.approx(0.5)  # needs the 40 at 50 %


def test_a_period_without_target_has_no_progress_figures():
    progress = objective_progress(FRAME, D, {M(2026, 10, 1): 100.0})
    month = progress[0]
    assert (month.target, month.remaining, month.probability, month.pipeline) == (
        None, None, None, None)
    assert progress[1].target == 100.0


def test_payload_carries_the_cli_contract_keys_first():
    payload = objectives_payload(FRAME, D, TARGETS)
    assert payload["as_of"] == "2026-11-26"
    assert [list(p)[:7] for p in payload["periods"]] == [CONTRACT_KEYS] * 3
    assert [p["period"] for p in payload["periods"]] == ["2026-11", "2026-Q4", "2026"]
    assert payload["periods"][0]["remaining"] == 35.0


@pytest.mark.parametrize(
    ("owners", "expected", "owner"),
    [(None, {M(2026, 11, 1): 50.0}, None), ([], {M(2026, 11, 1): 50.0}, None),
     (["Alice"], {M(2026, 11, 1): 20.0}, "Alice"), (["Alice", "Bob"], {M(2026, 11, 1): 50.0},
                                                    None),
     (["Zoé"], {}, "Zoé")],
)
def test_one_selected_owner_uses_their_targets(owners, expected, owner):
    rows = {(M(2026, 11, 1), None): 50.0, (M(2026, 11, 1), "Alice"): 20.0,
            (M(2026, 11, 1), "Bob"): 30.0}
    assert targets_in_force(rows, owners) == (expected, owner)
