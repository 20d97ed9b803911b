"""Export then re-import: the product's own CSV and XLSX keep every date (issue 7, item 3)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from business_logic.exporting import frame_to_csv, frames_to_xlsx
from business_logic.importing import import_bytes
from business_logic.workbook import deals_export_frame, workbook_sheets
from tests.importing.helpers import import_rows

DATE_COLUMNS = ("created_date", "expected_close_date", "closed_date", "last_activity_date")


def _deals() -> pd.DataFrame:
    header = ["Identifiant", "Affaire", "Étape", "Montant", "Date de création",
              "Date de clôture prévue", "Date de clôture réelle", "Dernière activité"]
    return import_rows([
        header,
        ["D1", "Won early", "Gagné", "100", "01/02/2026", "30/06/2026", "15/03/2026",
         "10/03/2026"],
        ["D2", "Lost late", "Perdu", "200", "05/01/2026", "28/02/2026", "20/04/2026", ""],
        ["D3", "Still open", "Proposition", "300", "03/03/2026", "31/07/2026", "",
         "04/03/2026"],
    ]).deals


def _xlsx_affaires(deals: pd.DataFrame) -> bytes:
    """The "Affaires" sheet of the exported workbook, alone in a workbook of its own."""
    exported = openpyxl.load_workbook(io.BytesIO(frames_to_xlsx(
        workbook_sheets(deals, dt.date(2026, 3, 20)))), read_only=True)
    book = openpyxl.Workbook()
    for row in exported["Affaires"].iter_rows(values_only=True):
        book.active.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_export_then_import_keeps_every_date(kind: str) -> None:
    deals = _deals()
    assert deals["closed_date"].notna().sum() == 2  # the source really has distinct dates
    data = (frame_to_csv(deals_export_frame(deals)) if kind == "csv"
            else _xlsx_affaires(deals))
    again = import_bytes(data, f"export.{kind}").deals
    for name in DATE_COLUMNS:
        assert again[name].tolist() == deals[name].tolist(), name
    assert again["closed_date"].tolist()[:2] == [pd.Timestamp(2026, 3, 15),
                                                pd.Timestamp(2026, 4, 20)]


def _deals_with_entry_dates() -> pd.DataFrame:
    return import_rows([
        ["Deal Name", "Deal Stage", "Amount", "Create Date",
         'Date entered "Appointment Scheduled (Sales Pipeline)"',
         "Date entered Presentation Scheduled (Sales Pipeline)",
         "Date entered Closed Won (Sales Pipeline)"],
        ["A", "closedwon", "100", "2026-01-02", "2026-01-02", "2026-01-20", "2026-03-01"],
        ["B", "presentationscheduled", "200", "2026-01-05", "2026-01-06", "2026-02-01", ""],
    ]).deals


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_export_then_import_keeps_the_stage_entry_dates(kind: str) -> None:
    deals = _deals_with_entry_dates()
    assert deals["entered_won"].notna().sum() == 1
    data = (frame_to_csv(deals_export_frame(deals)) if kind == "csv"
            else _xlsx_affaires(deals))
    again = import_bytes(data, f"export.{kind}")
    assert not [w for w in again.report.warnings if "étape connue" in w]
    for name in ("entered_prospect", "entered_qualified", "entered_proposal",
                 "entered_negotiation", "entered_won", "entered_lost"):
        assert again.deals[name].tolist() == deals[name].tolist(), name


def test_export_leaves_out_entry_date_columns_no_deal_has() -> None:
    headers = list(deals_export_frame(_deals_with_entry_dates()).columns)
    assert "Date d'entrée dans l'étape Gagné" in headers
    assert "Date d'entrée dans l'étape Négociation" not in headers
    assert not any("entrée" in h for h in deals_export_frame(_deals()).columns)


def test_single_close_date_column_still_fills_closed_date_of_closed_deals() -> None:
    deals = import_rows([["client", "statut", "Date de clôture"],
                         ["A", "Gagné", "15/03/2026"], ["B", "Prospect", "20/04/2026"]]).deals
    assert deals["expected_close_date"].tolist() == [pd.Timestamp(2026, 3, 15),
                                                     pd.Timestamp(2026, 4, 20)]
    assert deals["closed_date"].iloc[0] == pd.Timestamp(2026, 3, 15)
    assert pd.isna(deals["closed_date"].iloc[1])
