"""Prévisions, "Fiabilité de la prévision": the past windows come from the stored imports
when two are far enough apart, else from the sidebar's import alone — and the page says so
(docs/forecast.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from business_logic.forecast.backtest import BacktestWindow, summarise
from components.forecast_reliability import coverage_sentence, source_sentence
from tests.ui.conftest import assert_clean, import_demo_history

pytestmark = pytest.mark.db

PAGE = "components/forecast.py"


def _captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def test_two_imports_far_enough_apart_are_the_source(make_app, app_env):
    import_demo_history(app_env, weeks=8)  # 49 days: 30-day windows from the imports
    at = make_app(PAGE)
    assert_clean(at)
    assert "Vérifiée sur vos imports successifs depuis le" in _captions(at)
    assert any("derniers imports" in m.value or "dernier import" in m.value
               for m in at.markdown)


def test_a_single_import_is_reconstructed_and_the_page_says_so(make_app, demo_import):
    at = make_app(PAGE)
    assert_clean(at)
    text = _captions(at)
    assert "Reconstituée à partir de cet import seul" in text
    assert "au moins 30 jours d'écart" in text


def test_imports_closer_than_the_horizon_are_not_enough(make_app, app_env):
    import_demo_history(app_env, weeks=3)  # 14 days apart only
    at = make_app(PAGE)
    assert_clean(at)
    assert "Reconstituée à partir de cet import seul" in _captions(at)


def _window(day: int, realised: float) -> BacktestWindow:
    return BacktestWindow(dt.date(2026, 1, day), 100.0, 50.0, 150.0, realised, 80.0, 90.0,
                          True)


def test_coverage_sentence_counts_imports_or_weeks():
    windows = [_window(1, 100.0), _window(8, 400.0)]
    assert coverage_sentence(summarise(30, "calibrated", windows, "snapshots")) == (
        "La fourchette a contenu le réalisé 5 fois sur 10 sur les 2 derniers imports "
        "(1 sur 2).")
    assert coverage_sentence(summarise(30, "calibrated", windows[:1])) == (
        "La fourchette a contenu le réalisé 10 fois sur 10 sur la dernière semaine (1 sur 1).")


def test_source_sentence_names_the_first_import_date():
    result = summarise(30, "calibrated", [_window(8, 100.0)], "snapshots")
    assert source_sentence(result).startswith(
        "Vérifiée sur vos imports successifs depuis le 8 janv. 2026 : ")
