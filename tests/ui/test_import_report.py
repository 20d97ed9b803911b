"""Import report (issue 12, item 8): open / won / lost split with amounts, the stage mapping
used, the import's name, its date and time, the delete picker on the newest import."""

from __future__ import annotations

import datetime as dt

import pytest

import database
from tests.importing.test_contents import CSV
from tests.ui.conftest import assert_clean, import_demo
from tests.ui.test_import_page import IMPORTER, _upload
from utils.formatting import format_datetime

pytestmark = pytest.mark.db


def _imported(at, name: str = ""):
    _upload(at, "export.csv", CSV)
    if name:
        at.text_input(key=at.text_input[0].key).set_value(name).run()
    at.button(key="import_run").click().run()
    assert_clean(at)
    return at


def test_the_report_splits_open_won_lost_with_amounts_and_lists_the_stage_mapping(
    make_app, app_env
):
    at = _imported(make_app(IMPORTER))
    cards = {m.label: m.value for m in at.metric}
    assert cards["En cours · 3\u00a0affaires"] == "1\u202f500\u00a0€"
    assert cards["Gagnées · 2\u00a0affaires"] == "2\u202f300\u00a0€"
    assert cards["Perdues · 1\u00a0affaire"] == "0\u00a0€"
    assert any("1\u00a0affaire dans une autre devise" in c.value for c in at.caption)
    mapping = at.dataframe[0].value
    assert mapping.values.tolist() == [
        ["Proposition", "Proposition", 2], ["Devis", "Proposition", 1],
        ["Closed Won", "Gagné", 1], ["Signé", "Gagné", 1], ["Perdu", "Perdu", 1]]
    [summary] = database.list_imports(app_env)
    assert any(c.value.startswith(f"Importé le {format_datetime(summary.imported_at)}")
               for c in at.caption)
    assert [t.value for t in at.toast] == ["Import n° 1 enregistré : 6\u00a0affaires."]


def test_the_imports_list_shows_the_time_of_import_in_paris_time(make_app, app_env):
    import_demo(app_env)
    [summary] = database.list_imports(app_env)
    at = make_app(IMPORTER)
    shown = at.dataframe[-1].value["Importé le"].tolist()
    assert shown == [format_datetime(summary.imported_at)]
    assert " à " in shown[0]


def test_a_name_given_at_import_is_stored_shown_and_editable(make_app, app_env):
    at = make_app(IMPORTER)
    _upload(at, "export.csv", CSV)
    at.text_input(key=next(t.key for t in at.text_input if t.key.startswith("import_name_"))
                  ).set_value("  Revue de novembre ").run()
    at.button(key="import_run").click().run()
    assert_clean(at)
    assert database.list_imports(app_env)[0].name == "Revue de novembre"
    assert at.subheader[0].value == "Rapport de l'import n° 1 — Revue de novembre"
    assert at.selectbox(key="import_id").format_func(1).endswith("· Revue de novembre")
    at.text_input(key="import_name_value_1").set_value("Revue du 30").run()
    at.button(key="import_date_save").click().run()
    assert_clean(at)
    assert database.list_imports(app_env)[0].name == "Revue du 30"


def test_the_delete_picker_sits_on_the_newest_import(make_app, app_env):
    first = import_demo(app_env, as_of=dt.date.today() - dt.timedelta(days=7))
    at = make_app(IMPORTER)
    assert at.selectbox(key="import_delete_choice").value == first
    at = _imported(at)
    newest = max(s.import_id for s in database.list_imports(app_env))
    assert newest != first
    assert at.selectbox(key="import_delete_choice").value == newest
