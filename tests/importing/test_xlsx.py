"""XLSX: real date and number cells, sheet choice, spreadsheet row numbers."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from business_logic.importing import ImportFailure, import_bytes, read_table, xlsx_sheet_names
from tests.importing.helpers import xlsx_bytes


def test_excel_date_and_number_cells_are_typed_faithfully() -> None:
    data = xlsx_bytes([
        ["Deal Name", "Deal Stage", "Amount", "Close Date", "Create Date"],
        ["A", "closedwon", 1234.5, dt.datetime(2026, 1, 5), dt.datetime(2025, 12, 1, 14, 30)],
        ["B", "Proposal", 1000, dt.date(2026, 3, 4), dt.datetime(2025, 2, 1)],
    ])
    result = import_bytes(data, "hubspot.xlsx")
    deals = result.deals
    assert deals["amount"].tolist() == [1234.5, 1000.0]
    assert deals["expected_close_date"].tolist() == [pd.Timestamp("2026-01-05"),
                                                     pd.Timestamp("2026-03-04")]
    assert deals["created_date"].tolist() == [pd.Timestamp("2025-12-01"),
                                              pd.Timestamp("2025-02-01")]
    assert result.report.detected["decimal"] == "."


def test_number_cells_with_three_decimals_are_not_thousands() -> None:
    data = xlsx_bytes([["client", "statut", "montant"], ["A", "Gagné", 1.234]])
    assert import_bytes(data, "x.xlsx").deals["amount"].tolist() == [1.234]


def test_text_cells_in_xlsx_are_parsed_like_csv() -> None:
    data = xlsx_bytes([["client", "statut", "montant", "date_echeance"],
                       ["A", "Gagné", "12 500,50 €", "26/11/2026"]])
    deals = import_bytes(data, "x.xlsx").deals
    assert deals["amount"].tolist() == [12500.5]
    assert deals["expected_close_date"].tolist() == [pd.Timestamp("2026-11-26")]


def test_xlsx_row_numbers_skip_blank_rows_like_excel() -> None:
    data = xlsx_bytes([["client", "statut"], ["A", "Gagné"], [None, None], ["B", ""]])
    result = import_bytes(data, "x.xlsx")
    assert result.deals["source_row"].tolist() == [2]
    assert [(e.row, e.column) for e in result.report.errors] == [(4, "statut")]


def test_first_sheet_by_default_and_named_sheet_on_request() -> None:
    data = xlsx_bytes([["client", "statut"], ["A", "Gagné"]],
                      extra_sheets={"Archives": [["client", "statut"], ["Z", "Perdu"],
                                                 ["Y", "Perdu"]]})
    assert len(read_table(data, "x.xlsx")) == 1
    assert len(read_table(data, "x.xlsx", sheet="Archives")) == 2


def test_sheet_names_are_listed_in_workbook_order() -> None:
    data = xlsx_bytes([["client", "statut"], ["A", "Gagné"]],
                      extra_sheets={"Archives": [["client"]], "Notes": [["x"]]})
    assert xlsx_sheet_names(data, "x.xlsx") == ["Affaires", "Archives", "Notes"]


def test_unknown_sheet_fails_with_the_sheet_names() -> None:
    data = xlsx_bytes([["client", "statut"], ["A", "Gagné"]])
    with pytest.raises(ImportFailure, match="Affaires"):
        read_table(data, "x.xlsx", sheet="Feuil9")


def test_formula_text_cell_in_xlsx_is_kept() -> None:
    data = xlsx_bytes([["client", "statut", "notes"], ["A", "Gagné", "'=1+1"]])
    assert import_bytes(data, "x.xlsx").deals["notes"].tolist() == ["'=1+1"]
