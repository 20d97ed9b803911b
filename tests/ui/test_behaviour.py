"""Behaviour of the dashboard driven through its widgets (keys), asserting on what is shown."""

from __future__ import annotations

import datetime as dt

import pytest

import database
from business_logic import metrics
from tests.ui.conftest import assert_clean
from utils.formatting import format_eur, format_number

pytestmark = pytest.mark.db


def metric_value(at, label: str) -> str:
    values = [m.value for m in at.metric if m.label == label]
    assert values, f"no metric {label!r} in {[m.label for m in at.metric]}"
    return values[0]


def test_demo_button_imports_the_demo_through_the_import_path(make_app, app_env):
    at = make_app()
    at.button(key="load_demo").click().run()
    assert_clean(at)
    imports = database.list_imports(app_env)  # the demo history: 8 weekly exports
    assert len(imports) == 8
    assert imports[0].file_name == f"export_crm_demo_{dt.date.today().isoformat()}.csv"
    assert imports[0].exported_on == dt.date.today()
    assert imports[-1].exported_on == dt.date.today() - dt.timedelta(days=49)
    latest = database.load_deals(app_env, imports[0].import_id)
    assert metric_value(at, "Affaires") == format_number(len(latest))


def test_a_source_filter_changes_the_kpis(make_app, app_env, demo_import):
    at = make_app()
    assert metric_value(at, "Affaires") == "300"
    deals = database.load_deals(app_env, demo_import)
    linkedin = deals[deals["source"] == "LinkedIn"]
    expected = metrics.headline_kpis(linkedin, dt.date.today())

    at.multiselect(key="filter_source").set_value(["LinkedIn"]).run()

    assert_clean(at)
    assert metric_value(at, "Affaires") == format_number(len(linkedin))
    assert metric_value(at, "Pipeline brut") == format_eur(expected.pipeline_gross)

    at.button(key="reset_filters").click().run()
    assert metric_value(at, "Affaires") == "300"


def test_text_search_and_status_filter_narrow_the_deals(make_app, app_env, demo_import):
    deals = database.load_deals(app_env, demo_import)
    needle = str(deals["company"].dropna().iloc[0])[:5].lower()
    haystack = deals[["name", "company", "notes"]].astype(object).fillna("")
    found = haystack.apply(lambda column: column.str.lower().str.contains(needle, regex=False))
    matching = deals[found.any(axis=1)]
    assert 0 < len(matching) < 300

    at = make_app()
    at.text_input(key="filter_text").set_value(needle.upper()).run()
    assert_clean(at)
    assert metric_value(at, "Affaires") == format_number(len(matching))

    at.multiselect(key="filter_status").set_value(["won"]).run()
    assert metric_value(at, "Affaires") == format_number(int((matching["status"] == "won").sum()))
    assert metric_value(at, "Affaires en cours") == "0"


def test_editing_a_probability_changes_the_weighted_pipeline(make_app, app_env, demo_import):
    at = make_app("components/settings.py")
    before = metric_value(at, "Pipeline pondéré avec ces probabilités")

    at.number_input(key="probability_prospect").set_value(60).run()
    at.button(key="probabilities_save").click().run()

    assert_clean(at)
    after = metric_value(at, "Pipeline pondéré avec ces probabilités")
    assert after != before
    deals = database.load_deals(app_env, demo_import)
    assert deals.loc[deals["stage"] == "prospect", "probability"].eq(0.6).all()
    expected = metrics.headline_kpis(deals, dt.date.today()).pipeline_weighted
    assert after == format_eur(expected)
    at.switch_page("components/home.py").run()
    assert metric_value(at, "Pipeline pondéré") == format_eur(expected)


UNKNOWN_STAGE_CSV = (
    "Affaire;Étape;Montant;Date de création\n"
    "Alpha;Prospect;1 000,00 €;01/10/2026\n"
    "Beta;Signature en cours;2 500,00 €;02/10/2026\n"
    "Gamma;Gagné;abc;03/10/2026\n"
).encode("cp1252")


def test_an_unknown_stage_label_asks_for_a_mapping(make_app, app_env):
    at = make_app("components/importer.py")
    at.file_uploader[0].set_value(("export.csv", UNKNOWN_STAGE_CSV, "text/csv")).run()
    assert_clean(at)
    assert at.selectbox(key="import_map_1").value == "stage_label"

    at.button(key="import_run").click().run()

    assert database.list_imports(app_env) == []
    [table] = [df.value for df in at.dataframe if "Étape du fichier" in df.value.columns]
    assert table.to_dict("records") == [
        {"Étape du fichier": "Signature en cours", "Lignes": 1, "Correspond à": None}
    ]
    at.selectbox(key="stage_map_default").set_value("negotiation")
    at.button(key="stage_map_save").click().run()

    assert_clean(at)
    assert database.get_stage_mappings(app_env) == {"Signature en cours": "negotiation"}
    [summary] = database.list_imports(app_env)
    assert (summary.rows_imported, summary.rows_rejected) == (2, 1)
    assert metric_value(at, "Lignes rejetées") == "1"
    [errors] = [df.value for df in at.dataframe if "Raison" in df.value.columns]
    assert errors.iloc[0]["Ligne"] == 4 and errors.iloc[0]["Colonne"] == "Montant"
    assert at.download_button(key="import_errors_download")


def test_a_workbook_with_several_sheets_lets_the_user_pick_one(make_app, app_env):
    from tests.importing.helpers import xlsx_bytes

    workbook = xlsx_bytes([["Affaire", "Étape", "Montant"], ["A", "Gagné", 100]],
                          extra_sheets={"Archives": [["Affaire", "Étape", "Montant"],
                                                     ["Z", "Perdu", 5], ["Y", "Perdu", 7]]})
    at = make_app("components/importer.py")
    at.file_uploader[0].set_value(("export.xlsx", workbook, "application/vnd.ms-excel")).run()
    [sheet] = [box for box in at.selectbox if box.label == "Feuille à importer"]
    assert sheet.value == "Affaires"
    sheet.set_value("Archives").run()
    at.button(key="import_run").click().run()

    assert_clean(at)
    [summary] = database.list_imports(app_env)
    assert (summary.file_name, summary.rows_imported) == ("export.xlsx", 2)


def test_deleting_an_import_returns_to_the_empty_state(make_app, app_env, demo_import):
    at = make_app("components/importer.py")
    at.selectbox(key="import_delete_choice").set_value(demo_import)
    at.checkbox(key="import_delete_confirm").check().run()
    at.button(key="import_delete").click().run()
    assert_clean(at)
    assert database.list_imports(app_env) == []
    assert any("Aucune donnée" in info.value for info in at.info)


def test_a_failing_calculation_shows_a_french_error_not_a_traceback(
    make_app, demo_import, monkeypatch
):
    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr("business_logic.metrics.headline_kpis", broken)
    at = make_app()
    assert not at.exception
    assert at.error[0].value.startswith("Cette page n'a pas pu s'afficher")
    assert "ValueError — boom" in at.caption[-1].value
    assert at.sidebar.multiselect(key="filter_source")  # the sidebar still works
