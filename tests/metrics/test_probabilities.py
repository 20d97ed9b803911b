import pytest

from business_logic.metrics import apply_stage_probabilities, headline_kpis
from tests.metrics.frames import D, deals


def _frame():
    return deals(
        {"stage": "proposal", "amount": 1000},  # stage default 0.50
        {"stage": "proposal", "amount": 1000, "probability": 0.9},  # explicit
        {"status": "won", "amount": 500},
        {"status": "lost", "amount": 500},
    )


def test_explicit_probability_wins_over_stage_setting():
    out = apply_stage_probabilities(_frame(), {"proposal": 0.2, "won": 0.5, "lost": 0.5})
    assert out["probability"].tolist() == [0.2, 0.9, 1.0, 0.0]


def test_changed_stage_probability_changes_pipeline_weighted():
    frame = _frame()
    before = headline_kpis(frame, D).pipeline_weighted
    after = headline_kpis(apply_stage_probabilities(frame, {"proposal": 0.8}), D)
    assert before == pytest.approx(1000 * 0.5 + 1000 * 0.9)
    assert after.pipeline_weighted == pytest.approx(1000 * 0.8 + 1000 * 0.9)


def test_unlisted_stage_keeps_its_probability_and_input_is_untouched():
    frame = _frame()
    snapshot = frame.copy()
    out = apply_stage_probabilities(frame, {"negotiation": 0.9})
    assert out["probability"].tolist() == [0.5, 0.9, 1.0, 0.0]
    assert out is not frame
    assert frame.equals(snapshot)


def test_probability_out_of_range_is_refused():
    with pytest.raises(ValueError):
        apply_stage_probabilities(_frame(), {"proposal": 1.5})


def test_preview_of_the_weighted_pipeline_uses_the_edited_values_not_the_frame_s():
    from business_logic.metrics import weighted_pipeline_under

    frame = deals(
        {"stage": "proposal", "amount": 1000},  # 0.5 stored, 0.8 previewed
        {"stage": "prospect", "amount": 200},  # 0.1 stored, 0.4 previewed
        {"stage": "proposal", "amount": 1000, "probability": 0.9},  # explicit: kept
        {"status": "won", "amount": 500},  # not in the pipeline
    )
    preview = weighted_pipeline_under(frame, {"proposal": 0.8, "prospect": 0.4})
    assert preview == pytest.approx(1000 * 0.8 + 200 * 0.4 + 1000 * 0.9)
    assert weighted_pipeline_under(frame, {}) == pytest.approx(headline_kpis(
        frame, D).pipeline_weighted)
