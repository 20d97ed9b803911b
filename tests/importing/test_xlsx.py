"""XLSX: real date and number cells, sheet choice, spreadsheet row numbers."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable

import pandas as pd
import pytest

from business_logic.importing import ImportFailure, import_bytes, read_table, xlsx_sheet_names
from tests.importing.helpers import with_sheet_xml, xlsx_bytes


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


def _dimension(ref: str) -> Callable[[str], str]:
    return lambda xml: re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{ref}"', xml)


def test_rows_past_a_wrong_dimension_tag_are_imported() -> None:
    rows = [["client", "statut", "montant"]] + [[f"C{i}", "Gagné", i] for i in range(100)]
    data = with_sheet_xml(xlsx_bytes(rows), _dimension("A1:H11"))
    result = import_bytes(data, "x.xlsx")
    assert result.report.rows_read == 100
    assert result.deals["source_row"].tolist()[-1] == 101


def test_a_far_away_empty_formatted_cell_is_ignored() -> None:
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in (["client", "statut", "montant"], ["A", "Gagné", 10]):
        sheet.append(row)
    sheet["XFD1048576"].font = Font(bold=True)  # styled, no value
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_bytes(buffer.getvalue(), "x.xlsx")
    assert result.deals["amount"].tolist() == [10.0]
    assert result.report.rows_read == 1


def test_a_far_away_data_cell_fails_in_french_naming_the_cell() -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in (["client", "statut", "montant"], ["A", "Gagné", 10]):
        sheet.append(row)
    sheet["XFD1048576"] = "x"
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ImportFailure, match=r"au-delà de la colonne 512 \(cellule XFD1048576\)"):
        import_bytes(buffer.getvalue(), "x.xlsx")


def test_a_far_away_row_keeps_its_sheet_row_number() -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in (["client", "statut", "montant"], ["A", "Gagné", 10]):
        sheet.append(row)
    sheet["A1048576"], sheet["B1048576"] = "Z", "Perdu"
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_bytes(buffer.getvalue(), "x.xlsx")
    assert result.deals["source_row"].tolist() == [2, 1048576]
    assert "ligne(s) 3" in " ".join(result.report.warnings)


def test_a_cell_over_1_mb_rejects_only_its_row() -> None:
    data = xlsx_bytes([["client", "statut", "notes"], ["A", "Gagné", "BIG"], ["B", "Perdu", "ok"]])
    # Excel and openpyxl stop at 32,767 characters; other tools write longer cells.
    data = with_sheet_xml(data, lambda xml: xml.replace(">BIG<", ">" + "x" * 1_000_001 + "<"))
    result = import_bytes(data, "x.xlsx")
    assert result.deals["source_row"].tolist() == [3]
    [error] = result.report.errors
    assert (error.row, error.column, error.message) == (
        2, "notes", "Cellule trop longue (plus de 1 Mo).")
    assert error.value.endswith("(1\u202f000\u202f001 octets)")


def test_a_grid_too_big_to_hold_is_refused_in_french(monkeypatch: pytest.MonkeyPatch) -> None:
    from business_logic.importing import xlsx

    monkeypatch.setattr(xlsx, "MAX_GRID_CELLS", 20)
    data = xlsx_bytes([["client", "statut", "montant"]] + [["A", "Gagné", 1]] * 9)
    with pytest.raises(ImportFailure, match=r"trop grande : 10 lignes sur 3 colonnes"):
        import_bytes(data, "x.xlsx")
