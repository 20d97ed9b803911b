"""Exports never let a spreadsheet evaluate text that came from a CRM file."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from business_logic.exporting import (
    EXCEL_MAX_DATA_ROWS,
    ExportTooLarge,
    frame_to_csv,
    frames_to_xlsx,
    neutralise_formulas,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x","clic")', '\'=HYPERLINK("http://x","clic")'),
        ("+33 6 12", "'+33 6 12"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Acme", "Acme"),
        (12.5, 12.5),
    ],
)
def test_neutralise_formulas_quotes_what_a_spreadsheet_would_evaluate(
    value: object, expected: object
) -> None:
    column = pd.Series([value], dtype="str" if isinstance(value, str) else "float64")
    assert neutralise_formulas(pd.DataFrame({"cell": column}))["cell"].tolist() == [expected]


def test_neutralise_formulas_leaves_the_input_frame_untouched() -> None:
    frame = pd.DataFrame({"name": ["=1+1", "ok"], "amount": [-5.0, 3.0]})
    out = neutralise_formulas(frame)
    assert out["name"].tolist() == ["'=1+1", "ok"]
    assert out["amount"].tolist() == [-5.0, 3.0]
    assert frame["name"].tolist() == ["=1+1", "ok"]


def test_csv_is_french_excel_friendly() -> None:
    frame = pd.DataFrame({"Affaire": ["Éclair", "=cmd"], "Montant": [12500.5, 1.0]})
    text = frame_to_csv(frame).decode("utf-8-sig")
    assert text.splitlines() == ["Affaire;Montant", "Éclair;12500,5", "'=cmd;1,0"]


def test_xlsx_cells_are_text_not_formulas() -> None:
    data = frames_to_xlsx({"Affaires": pd.DataFrame({"Affaire": ["=1+1"]})})
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Affaires"]
    assert sheet["A2"].value == "'=1+1"
    assert sheet["A2"].data_type == "s"


def test_xlsx_refuses_a_sheet_beyond_excel_row_limit() -> None:
    too_many = pd.DataFrame({"n": range(EXCEL_MAX_DATA_ROWS + 1)})
    with pytest.raises(ExportTooLarge, match="limite d'Excel"):
        frames_to_xlsx({"Affaires": too_many})
