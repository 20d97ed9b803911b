"""Réglages › Seuils des alertes: a saved threshold reaches the counts and the texts."""

from __future__ import annotations

import datetime as dt

import pytest

import database
from business_logic import metrics
from business_logic.metrics import Thresholds
from tests.ui.conftest import assert_clean

pytestmark = pytest.mark.db


def test_a_saved_cold_threshold_changes_the_count_and_the_text(make_app, app_env, demo_import):
    deals = database.load_deals(app_env, demo_import)
    today = dt.date.today()
    default_count = metrics.headline_kpis(deals, today).cold_deals
    strict_count = metrics.headline_kpis(deals, today, Thresholds(cold_days=3)).cold_deals
    assert strict_count > default_count  # the demo has deals idle for 4 to 14 days

    at = make_app("components/settings.py")
    at.number_input(key="threshold_cold_days").set_value(3)
    at.form_submit_button(key="thresholds_save").click().run()
    assert_clean(at)
    assert database.get_thresholds(app_env).cold_days == 3

    at.switch_page("components/actions.py").run()
    at.toggle(key="actions_show_all").set_value(True).run()
    assert_clean(at)
    cards = [m.value for m in at.markdown if m.value.startswith("**")]
    assert sum("badge[froide]" in card for card in cards) == strict_count
    # (the cards' own captions say "clôture dans 14 jours": a date, not the threshold)
    captions = [caption.value for caption in at.caption if "urgence" not in caption.value]
    assert any("froide (plus de 3\u00a0jours sans activité)" in c for c in captions)
    assert not any("14\u00a0jours" in c or "14 jours" in c for c in captions)

    at.switch_page("components/home.py").run()
    warnings = [warning.value for warning in at.warning]
    assert any("froide" in w and "plus de 3\u00a0jours" in w for w in warnings)


def test_reset_restores_the_default_thresholds(make_app, app_env):
    database.set_thresholds(app_env, Thresholds(cold_days=5, soon_days=10))
    at = make_app("components/settings.py")
    assert at.number_input(key="threshold_cold_days").value == 5
    at.button(key="thresholds_reset").click().run()
    assert_clean(at)
    assert database.get_thresholds(app_env) == metrics.DEFAULT_THRESHOLDS
    assert at.number_input(key="threshold_cold_days").value == 14
