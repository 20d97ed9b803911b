"""The Import page: file content shown as text, bulk stage mapping, the CLI's import flow
with its progress (issue 7, items 17, 18, 22)."""

from __future__ import annotations

import pandas as pd
import pytest

import database
import database.import_flow
from tests.ui.conftest import assert_clean

pytestmark = pytest.mark.db

IMPORTER = "components/importer.py"


def _upload(at, name: str, data: bytes):
    at.file_uploader[0].set_value((name, data, "text/csv")).run()
    return at


def test_headers_stage_labels_and_file_name_are_shown_as_text(make_app, app_env):
    csv = ("Affaire;Étape;[x](http://evil)\n"
           "A;**bold** $x$;1\n").encode()
    at = _upload(make_app(IMPORTER), "**f** :red[x].csv", csv)
    assert_clean(at)
    assert at.selectbox(key="import_map_2").label == r"\[x\]\(http\:\/\/evil\)"

    at.button(key="import_run").click().run()
    [table] = [df.value for df in at.dataframe if "Étape du fichier" in df.value.columns]
    assert list(table["Étape du fichier"]) == ["**bold** $x$"]  # a grid cell: plain text
    at.button(key="stage_map_save").click().run()  # nothing chosen
    assert at.error[0].value.endswith(r"« \*\*bold\*\* \$x\$ ».")

    at.selectbox(key="stage_map_default").set_value("proposal")
    at.button(key="stage_map_save").click().run()
    assert_clean(at)
    assert at.subheader[0].value == r"Rapport de l'import n° 1 — \*\*f\*\* \:red\[x\]\.csv"


def test_ten_thousand_unknown_stages_are_one_table_and_one_default(make_app, app_env):
    rows = "".join(f"A{i};Étape maison {i};100\n" for i in range(10_000))
    csv = ("Affaire;Étape;Montant\n" + rows).encode()
    at = _upload(make_app(IMPORTER), "export.csv", csv)
    at.button(key="import_run").click().run()

    [table] = [df.value for df in at.dataframe if "Étape du fichier" in df.value.columns]
    assert len(table) == 10_000 and table["Lignes"].eq(1).all()
    assert [box.key for box in at.selectbox if box.key.startswith("stage_map")] == [
        "stage_map_default"
    ]
    at.selectbox(key="stage_map_default").set_value("qualified")
    at.button(key="stage_map_save").click().run()

    assert_clean(at)
    [summary] = database.list_imports(app_env)
    assert summary.rows_imported == 10_000
    assert len(database.get_stage_mappings(app_env)) == 10_000


def test_the_page_imports_through_run_import_and_shows_its_progress(
    make_app, app_env, monkeypatch
):
    real = database.import_flow.run_import
    reported: list[tuple[float, str]] = []

    def recording(*args, progress, **kwargs):
        def forward(fraction: float, message: str) -> None:
            reported.append((fraction, message))
            progress(fraction, message)
        return real(*args, progress=forward, **kwargs)

    monkeypatch.setattr(database.import_flow, "run_import", recording)
    csv = "Affaire;Étape;Montant\nA;Gagné;100\nB;Prospect;50\n".encode()
    at = _upload(make_app(IMPORTER), "export.csv", csv)
    at.button(key="import_run").click().run()

    assert_clean(at)
    assert database.list_imports(app_env)[0].rows_imported == 2
    assert reported and reported[-1][0] == 1.0
    assert [f for f, _ in reported] == sorted(f for f, _ in reported)


def test_a_stage_picked_in_the_table_wins_over_the_default():
    from components.stage_mapping import LABEL, ROWS, STAGE, chosen_stages

    edited = pd.DataFrame({LABEL: ["Signature", "Relance", "Froid"], ROWS: [3, 2, 1],
                           STAGE: ["Négociation", None, "Perdu"]})
    assert chosen_stages(edited, None) == (
        {"Signature": "negotiation", "Froid": "lost"}, ["Relance"]
    )
    assert chosen_stages(edited, "qualified")[0] == {
        "Signature": "negotiation", "Relance": "qualified", "Froid": "lost"
    }
