import pytest

from business_logic.columns import empty_deals_frame
from business_logic.metrics import funnel
from tests.metrics.frames import deals


def test_reached_counts_and_conversions():
    frame = deals(
        {"status": "won"},  # every stage
        {"stage": "proposal"},  # prospect, qualified, proposal
        {"stage": "prospect"},
        {"status": "lost", "stage_reached": "negotiation"},  # up to negotiation
        {"status": "lost", "stage_reached": "lost"},  # where it stopped unknown: first only
        {"status": "lost", "stage_reached": None},
    )
    steps = funnel(frame).steps
    assert [(s.stage, s.reached) for s in steps] == [
        ("prospect", 6),
        ("qualified", 3),
        ("proposal", 3),
        ("negotiation", 2),
        ("won", 1),
    ]
    conversions = [s.conversion for s in steps]
    assert conversions == [None, pytest.approx(0.5), 1.0, pytest.approx(2 / 3), 0.5]
    assert steps[-1].share_of_first == pytest.approx(1 / 6)


def test_empty_funnel():
    steps = funnel(empty_deals_frame()).steps
    assert [s.reached for s in steps] == [0, 0, 0, 0, 0]
    assert all(s.conversion is None for s in steps)
