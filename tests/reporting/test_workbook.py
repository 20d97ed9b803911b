"""The XLSX workbook and the CSV deals: French sheets and headers, formula-safe cells."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest

from business_logic.exporting import frame_to_csv, frames_to_xlsx
from business_logic.workbook import deals_export_frame, workbook_sheets
from tests.reporting.frames import WEEK, D, day, deals

SHEETS = ["Synthèse", "Affaires", "Par étape", "Par source", "Par secteur",
          "Par commercial", "Actions"]
HYPERLINK = '=HYPERLINK("http://evil.example","Cliquez")'


def test_workbook_has_the_french_sheets_in_order():
    assert list(workbook_sheets(WEEK, D)) == SHEETS


def test_summary_sheet_holds_the_won_value():
    summary = workbook_sheets(WEEK, D)["Synthèse"].set_index("Indicateur")["Valeur"]
    assert summary["Chiffre signé (€)"] == pytest.approx(7_000)
    assert summary["Prévision 30 jours, le plus probable (€)"] == pytest.approx(7_000)


def test_deals_sheet_speaks_french():
    frame = workbook_sheets(WEEK, D)["Affaires"]
    assert list(frame.columns[:6]) == ["Identifiant", "Affaire", "Entreprise", "Étape",
                                       "Statut", "Montant"]
    alpha = frame.set_index("Affaire").loc["Alpha"]
    assert (alpha["Étape"], alpha["Statut"]) == ("Négociation", "En cours")
    assert alpha["Date de clôture prévue"] == dt.date(2026, 12, 6)  # D + 10


def test_owner_sheet_counts_deals_per_owner():
    owners = workbook_sheets(WEEK, D)["Par commercial"].set_index("Commercial")
    assert owners.loc["Alice", "Affaires"] == 3
    assert owners.loc["Bruno", "Chiffre signé (€)"] == pytest.approx(2_000)


def test_actions_sheet_lists_each_deal_once_with_its_reasons_best_score_first():
    actions = workbook_sheets(WEEK, D)["Actions"]
    assert dict(zip(actions["Affaire"], actions["Raisons"], strict=True)) == {
        "Bravo": "en retard, lead non traité", "Charlie": "froide", "Alpha": "gain rapide"}
    assert list(actions["N°"]) == [1, 2, 3]
    assert list(actions["Score (€)"]) == sorted(actions["Score (€)"], reverse=True)


def test_actions_sheet_leaves_out_a_deal_marked_done():
    from business_logic.actions import ActionState, rank_actions

    key = rank_actions(WEEK, D).visible.set_index("name").loc["Bravo", "deal_key"]
    done = {key: ActionState(key, "done")}
    actions = workbook_sheets(WEEK, D, action_states=done)["Actions"]
    assert set(actions["Affaire"]) == {"Charlie", "Alpha"}


def _hostile_frame():
    return deals({"name": HYPERLINK, "stage": "prospect", "amount": 500,
                  "created_date": day(-5), "expected_close_date": day(-1)})


def test_xlsx_cell_from_a_formula_looking_name_is_text():
    data = frames_to_xlsx(workbook_sheets(_hostile_frame(), D))
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet_name in ("Affaires", "Actions"):
        sheet = book[sheet_name]
        header = [cell.value for cell in sheet[1]]
        cell = sheet.cell(row=2, column=header.index("Affaire") + 1)
        assert cell.value == "'" + HYPERLINK
        assert cell.data_type == "s"


def test_csv_deals_are_neutralised_and_french():
    text = frame_to_csv(deals_export_frame(_hostile_frame())).decode("utf-8-sig")
    header, row = csv.reader(io.StringIO(text), delimiter=";")
    assert header[:6] == ["Identifiant", "Affaire", "Entreprise", "Étape", "Statut", "Montant"]
    assert row[1:6] == ["'" + HYPERLINK, "", "Prospect", "En cours", "500,0"]

