"""Suggested stage probabilities: the Beta-prior formula, the funnel rule, the interval."""

from __future__ import annotations

import math

import pytest

from business_logic.forecast.suggestions import beta_quantile, suggest_probabilities
from business_logic.stages import DEFAULT_PROBABILITIES
from tests.metrics.frames import D, day, deals


@pytest.mark.parametrize(("a", "q"), [(3.0, 0.1), (3.0, 0.9), (7.5, 0.5), (1.0, 0.3)])
def test_beta_quantile_matches_the_closed_form_of_beta_a_1(a, q):
    assert beta_quantile(a, 1.0, q) == pytest.approx(q ** (1 / a), abs=1e-4)


def test_beta_quantile_of_a_symmetric_law_is_centred():
    assert beta_quantile(4.0, 4.0, 0.5) == pytest.approx(0.5, abs=1e-4)


def _closed(status, reached, n):
    return [{"status": status, "stage_reached": reached, "closed_date": day(-5)}] * n


def test_suggestion_is_shrunk_toward_the_current_probability():
    frame = deals(*_closed("won", "won", 7), *_closed("lost", "negotiation", 12),
                  *_closed("lost", "prospect", 5))
    result = {s.stage: s for s in suggest_probabilities(frame, D, DEFAULT_PROBABILITIES)}
    negotiation = result["negotiation"]
    assert (negotiation.won, negotiation.closed) == (7, 19)
    assert negotiation.suggested == pytest.approx((0.7 * 10 + 7) / (10 + 19))
    assert negotiation.evidence == "7 gagnées sur 19 affaires arrivées à cette étape"
    assert (result["prospect"].won, result["prospect"].closed) == (7, 24)
    assert negotiation.low < negotiation.suggested < negotiation.high


def test_deals_closed_after_the_date_are_not_evidence():
    frame = deals(*_closed("won", "won", 3),
                  {"status": "won", "stage_reached": "won", "closed_date": day(5)})
    prospect = suggest_probabilities(frame, D, DEFAULT_PROBABILITIES)[0]
    assert (prospect.won, prospect.closed) == (3, 3)


def test_interval_is_the_beta_posterior_80_percent_interval():
    frame = deals(*_closed("won", "won", 0), *_closed("lost", "prospect", 0))
    prospect = suggest_probabilities(frame, D, {"prospect": 0.1})[0]
    # no evidence: Beta(1, 9), whose CDF is 1 − (1 − x)^9
    assert prospect.suggested == pytest.approx(0.1)
    assert prospect.high == pytest.approx(1 - 0.1 ** (1 / 9), abs=1e-4)
    assert not math.isnan(prospect.low)


def test_later_stages_are_not_suggested_when_lost_deals_have_no_known_stage():
    frame = deals(*_closed("won", "won", 7), *_closed("lost", "lost", 12))
    result = suggest_probabilities(frame, D, DEFAULT_PROBABILITIES)
    assert [s.reliable for s in result] == [True, False, False, False]
    assert (result[0].won, result[0].closed) == (7, 19)
