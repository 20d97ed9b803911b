"""Réglages (issue 12, item 7): a toast on every save, the weighted pipeline previewed from
the values being typed, a warning (not a refusal) when probabilities fall along the
pipeline, resets, and the source aliases applied at once on every page."""

from __future__ import annotations

import datetime as dt

import pytest

import database
from business_logic import metrics
from business_logic.stages import DEFAULT_PROBABILITIES
from tests.ui.conftest import assert_clean, import_file
from tests.ui.test_behaviour import metric_value
from utils.formatting import format_eur

pytestmark = pytest.mark.db
SETTINGS = "components/settings.py"

SOURCES_CSV = (
    "Affaire;Étape;Montant;Date de création;Source\n"
    "A;Proposition;1000;01/11/2026;Referral\n"
    "B;Proposition;2000;02/11/2026;Recommandation\n"
    "C;Prospect;3000;03/11/2026;Linkedin\n"
    "D;Prospect;4000;04/11/2026;LinkedIn\n"
    "E;Prospect;5000;05/11/2026;LinkedIn\n"
).encode()


def test_the_preview_follows_the_typed_values_before_anything_is_saved(
    make_app, app_env, demo_import
):
    at = make_app(SETTINGS)
    saved = metric_value(at, "Pipeline pondéré enregistré")
    at.number_input(key="probability_proposal").set_value(90).run()
    assert_clean(at)
    deals = database.load_deals(app_env, demo_import)
    expected = metrics.headline_kpis(metrics.apply_stage_probabilities(
        deals, {**DEFAULT_PROBABILITIES, "proposal": 0.9}), dt.date.today()).pipeline_weighted
    assert metric_value(at, "Pipeline pondéré avec ces probabilités") == format_eur(expected)
    assert metric_value(at, "Pipeline pondéré enregistré") == saved
    assert database.get_stage_probabilities(app_env)["proposal"] == 0.5  # nothing saved


def test_falling_probabilities_warn_and_can_still_be_saved_with_a_toast(make_app, app_env):
    at = make_app(SETTINGS)
    assert not at.warning
    at.number_input(key="probability_prospect").set_value(25).run()
    at.number_input(key="probability_qualified").set_value(5).run()
    [warning] = [w.value for w in at.warning]
    assert warning.startswith("Qualifié (5\u00a0%) est en dessous de Prospect (25\u00a0%)")
    at.button(key="probabilities_save").click().run()
    assert_clean(at)
    assert database.get_stage_probabilities(app_env)["qualified"] == 0.05
    assert [t.value for t in at.toast] == [
        "Probabilités enregistrées : tous les chiffres sont recalculés."]


def test_saving_unchanged_values_still_confirms(make_app, app_env):
    at = make_app(SETTINGS)
    at.button(key="probabilities_save").click().run()
    assert [t.value for t in at.toast] == [
        "Probabilités enregistrées (aucune valeur n'a changé)."]
    at.form_submit_button(key="thresholds_save").click().run()
    assert [t.value for t in at.toast] == ["Seuils enregistrés (aucune valeur n'a changé)."]


def test_reset_restores_the_default_probabilities_in_the_store_and_the_inputs(make_app, app_env):
    database.set_stage_probability(app_env, "proposal", 0.2)
    at = make_app(SETTINGS)
    assert at.number_input(key="probability_proposal").value == 20
    at.button(key="probabilities_reset").click().run()
    assert_clean(at)
    assert database.get_stage_probabilities(app_env)["proposal"] == 0.5
    assert at.number_input(key="probability_proposal").value == 50
    assert at.button(key="probabilities_reset").disabled
    assert [t.value for t in at.toast] == [
        "Probabilités par défaut rétablies : tous les chiffres sont recalculés."]


MARKETING = "components/marketing.py"


def test_suggested_aliases_are_added_and_every_page_shows_one_source(make_app, app_env):
    import_file(app_env, SOURCES_CSV)
    at = make_app(MARKETING)
    assert set(at.multiselect(key="filter_source").options) == {
        "Referral", "Recommandation", "Linkedin", "LinkedIn"}
    at.switch_page(SETTINGS).run()
    suggestions = [m.value for m in at.markdown if "Suggestions pour" in m.value]
    assert "Referral → **Recommandation**" in suggestions[0]
    at.button(key="source_aliases_suggested").click().run()
    assert_clean(at)
    assert database.get_source_aliases(app_env) == {"Referral": "Recommandation",
                                                    "Linkedin": "LinkedIn"}
    assert [t.value for t in at.toast] == [
        "2\u00a0alias ajoutés : les sources sont regroupées sur toutes les pages."]
    at.switch_page(MARKETING).run()
    assert_clean(at)
    assert set(at.multiselect(key="filter_source").options) == {"Recommandation", "LinkedIn"}


def test_a_removed_alias_shows_the_file_s_name_again(make_app, app_env):
    import_file(app_env, SOURCES_CSV)
    database.set_source_aliases(app_env, {"Referral": "Recommandation"})
    at = make_app(MARKETING)
    assert "Referral" not in at.multiselect(key="filter_source").options
    database.set_source_aliases(app_env, {})
    at.run()
    assert "Referral" in at.multiselect(key="filter_source").options


def test_the_edited_alias_table_keeps_only_complete_rows(app_env):
    import pandas as pd

    from components.source_aliases import ALIAS, NAME, aliases_from_table

    table = pd.DataFrame({ALIAS: ["Referral", "Trade show", None, "Web"],
                          NAME: ["Recommandation", "Salon", "Perdu", None]}, dtype="string")
    assert aliases_from_table(table) == {"Referral": "Recommandation", "Trade show": "Salon"}
    database.set_source_aliases(app_env, aliases_from_table(table))
    assert database.get_source_aliases(app_env) == {"Referral": "Recommandation",
                                                    "Trade show": "Salon"}
