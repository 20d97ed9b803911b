"""Réglages warns when open-stage probabilities fall along the pipeline (issue 12, item 7)."""

from __future__ import annotations

from business_logic.stages import DEFAULT_PROBABILITIES, decreasing_steps


def test_the_defaults_increase_along_the_pipeline():
    assert decreasing_steps(DEFAULT_PROBABILITIES) == []


def test_qualified_below_prospect_is_reported():
    values = {"prospect": 0.25, "qualified": 0.05, "proposal": 0.5, "negotiation": 0.7}
    assert decreasing_steps(values) == [("prospect", "qualified")]


def test_equal_probabilities_are_accepted():
    values = {"prospect": 0.3, "qualified": 0.3, "proposal": 0.3, "negotiation": 0.3}
    assert decreasing_steps(values) == []


def test_every_fall_is_reported():
    values = {"prospect": 0.5, "qualified": 0.4, "proposal": 0.6, "negotiation": 0.2}
    assert decreasing_steps(values) == [("prospect", "qualified"), ("proposal", "negotiation")]


def test_missing_stages_take_their_default():
    # negotiation keeps its default 0.70, below the proposal's 0.80
    assert decreasing_steps({"qualified": 0.6, "proposal": 0.8}) == [("proposal", "negotiation")]
