"""The one probability rule (business_logic.stages.effective_probability), on literals."""

from __future__ import annotations

import math

import numpy as np
import pytest

from business_logic.stages import effective_probability


def test_won_one_lost_zero_open_explicit_else_stage_setting() -> None:
    values = effective_probability(
        ["won", "lost", "open", "open", "open"],
        ["won", "lost", "proposal", "proposal", "qualified"],
        [0.2, 0.9, 0.8, np.nan, np.nan],
        {"proposal": 0.45},
    )
    assert values.tolist() == [1.0, 0.0, 0.8, 0.45, 0.3]  # qualified: default 0.30


def test_a_stage_without_setting_or_default_has_no_probability() -> None:
    (value,) = effective_probability(["open"], [None], [np.nan])
    assert math.isnan(value)


def test_a_setting_outside_zero_one_is_refused() -> None:
    with pytest.raises(ValueError, match="hors de 0–1"):
        effective_probability(["open"], ["proposal"], [np.nan], {"proposal": 1.5})
