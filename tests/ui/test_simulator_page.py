"""Simulateur page through the real app on the demo data (docs/objectifs.md, « Simulateur »)."""

from __future__ import annotations

import datetime as dt

import pytest

import database
from business_logic.planning.comparison import compare
from business_logic.planning.whatif import Levers
from tests.ui.conftest import assert_clean, import_demo
from utils.formatting import format_eur

pytestmark = pytest.mark.db

def _today() -> dt.date:
    """Read when the test runs, as the page reads it (a suite may cross midnight)."""
    return dt.date.today()


def _toasts(at) -> list[str]:
    return [t.value.replace("\\", "") for t in at.toast]  # Markdown escapes removed


def _metric(at, label: str):
    return next(m for m in at.metric if m.label == label)


def test_without_lever_the_scenario_equals_the_baseline(make_app, app_env):
    import_demo(app_env)
    at = make_app("components/simulator.py")
    assert_clean(at)
    for days in (30, 60, 90):
        base = _metric(at, f"D'ici {days} jours · actuel")
        scenario = _metric(at, f"D'ici {days} jours · scénario")
        assert scenario.value == base.value
    assert any("Aucun objectif pour" in info.value for info in at.info)


def test_a_basket_lever_moves_the_scenario_as_the_calculator_says(make_app, app_env):
    import_id = import_demo(app_env)
    deals = database.load_deals(app_env, import_id)
    expected = compare(deals, Levers(basket_percent=10), _today())
    at = make_app("components/simulator.py")
    at.slider(key="sim_basket").set_value(10).run()
    assert_clean(at)
    for days in (30, 90):
        scenario = _metric(at, f"D'ici {days} jours · scénario")
        assert scenario.value == format_eur(expected.scenario.forecast[days].expected)
        assert scenario.value != _metric(at, f"D'ici {days} jours · actuel").value


def test_a_saved_scenario_reloads_and_reset_brings_the_baseline_back(make_app, app_env):
    import_demo(app_env)
    at = make_app("components/simulator.py")
    at.slider(key="sim_win_rate").set_value(-10).run()
    at.text_input(key="sim_scenario_name").input("Prudent").run()
    at.button(key="sim_save").click().run()
    assert_clean(at)
    assert _toasts(at) == ["Scénario « Prudent » enregistré."]
    with app_env.connect() as connection:
        assert database.scenarios.load_scenario(connection, "Prudent") == Levers(
            win_rate_points=-10)
    at.button(key="sim_reset").click().run()
    assert at.slider(key="sim_win_rate").value == 0
    at.selectbox(key="sim_scenario_pick").set_value("Prudent").run()
    at.button(key="sim_load").click().run()
    assert_clean(at)
    assert at.slider(key="sim_win_rate").value == -10
    assert _toasts(at) == ["Scénario « Prudent » chargé."]


def test_with_a_target_the_chances_are_shown_side_by_side(make_app, app_env):
    import_demo(app_env)
    database.set_objective(app_env, dt.date(_today().year, _today().month, 1), 1_000_000.0)
    at = make_app("components/simulator.py")
    at.slider(key="sim_basket").set_value(50).run()
    assert_clean(at)
    labels = [m.label for m in at.metric]
    assert "Chances d'y arriver · actuel" in labels
    assert "Chances d'y arriver · scénario" in labels
    assert any(m.value.startswith("**Objectif de") and format_eur(1_000_000) in m.value
               for m in at.markdown)


def test_the_page_follows_the_sidebar_filters(make_app, app_env):
    import_id = import_demo(app_env)
    deals = database.load_deals(app_env, import_id)
    owner = sorted(deals["owner"].dropna().unique())[0]
    mine = deals[deals["owner"] == owner].reset_index(drop=True)
    expected = compare(mine, Levers(cycle_days=20), _today())
    at = make_app("components/simulator.py")
    at.sidebar.multiselect(key="filter_owner").set_value([owner]).run()
    at.slider(key="sim_cycle").set_value(20).run()
    assert_clean(at)
    for days in (30, 90):
        assert _metric(at, f"D'ici {days} jours · actuel").value == format_eur(
            expected.baseline.forecast[days].expected)
        assert _metric(at, f"D'ici {days} jours · scénario").value == format_eur(
            expected.scenario.forecast[days].expected)


def test_the_baseline_reads_the_forecast_accueil_already_made(make_app, app_env, monkeypatch):
    """The simulator's baseline is the shared view's PreparedDeals (components/state.py):
    its first visit replays nothing Accueil has not replayed (1M deals: ~0.9 s, issue 8)."""
    from business_logic.forecast import engine

    import_demo(app_env)
    at = make_app()  # Accueil: the forecast of the view, its replay in the view's memo

    def no_second_replay(*args: object) -> None:
        raise AssertionError("the simulator replayed the past again")

    monkeypatch.setattr(engine, "replay", no_second_replay)
    at.switch_page("components/simulator.py").run()
    assert_clean(at)
    assert _metric(at, "D'ici 30 jours · actuel").value
