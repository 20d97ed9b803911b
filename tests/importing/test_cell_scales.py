"""Cells say their own scale and decimal mark (metrics.md, Import rules): XLSX number and
percent cells, text among them, and currencies whose notation settles an ambiguous cell."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from business_logic.importing import import_bytes
from business_logic.importing.numbers import parse_probabilities
from tests.importing.helpers import import_rows, xlsx_bytes


def _workbook(rows: list[list[object]], formats: dict[str, str]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for coordinate, number_format in formats.items():
        sheet[coordinate].number_format = number_format
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_excel_percent_cell_and_percent_text_are_both_fractions() -> None:
    data = _workbook(
        [["client", "étape", "probabilité"], ["A", "Proposition", 0.7],
         ["B", "Proposition", "70 %"], ["C", "Proposition", 0.25]],
        {"C2": "0%", "C4": "0.0%"},
    )
    deals = import_bytes(data, "x.xlsx").deals
    assert deals["probability"].tolist() == pytest.approx([0.7, 0.7, 0.25])
    assert deals["probability_explicit"].tolist() == [True, True, True]


def test_bare_number_cells_out_of_100_do_not_rescale_percent_cells() -> None:
    data = _workbook(
        [["client", "étape", "probabilité"], ["A", "Proposition", 0.7],
         ["B", "Proposition", 40]],
        {"C2": "0%"},
    )
    deals = import_bytes(data, "x.xlsx").deals
    assert deals["probability"].tolist() == pytest.approx([0.7, 0.4])


def test_only_bare_numbers_decide_a_csv_probability_column_scale() -> None:
    parsed = parse_probabilities(pd.Series(["70 %", "0,5", "1"], dtype="str"))
    assert parsed.values.tolist() == pytest.approx([0.7, 0.5, 1.0])


def test_text_amounts_among_number_cells_are_read_by_their_own_text() -> None:
    data = xlsx_bytes([["client", "statut", "montant"], ["A", "Gagné", 1500.25],
                       ["B", "Gagné", 2000], ["C", "Gagné", 3000.5], ["D", "Gagné", "1 250,50 €"]])
    result = import_bytes(data, "x.xlsx")
    assert result.report.errors == []
    assert result.deals["amount"].tolist() == [1500.25, 2000.0, 3000.5, 1250.5]


def test_number_cells_do_not_vote_on_the_text_cells_decimal_mark() -> None:
    data = xlsx_bytes([["client", "statut", "montant"], ["A", "Gagné", 1.5], ["B", "Gagné", 2.25],
                       ["C", "Gagné", "1,234"]])
    amounts = import_bytes(data, "x.xlsx").deals["amount"].tolist()
    assert amounts == [1.5, 2.25, 1.234]


def test_percent_formatted_amount_cell_is_rejected() -> None:
    data = _workbook([["client", "statut", "montant"], ["A", "Gagné", 0.5], ["B", "Gagné", 10]],
                     {"C2": "0%"})
    result = import_bytes(data, "x.xlsx")
    assert [(e.row, e.message) for e in result.report.errors] == [(2, "Montant illisible.")]


@pytest.mark.parametrize(
    ("cell", "amount", "currency"),
    [
        ("$1,000", 1000.0, "USD"),
        ("$1,000.50", 1000.5, "USD"),
        ("£2,500", 2500.0, "GBP"),
        ("USD 1,000", 1000.0, "USD"),
        ("1.000,50 €", 1000.5, "EUR"),
        ("1 000 €", 1000.0, "EUR"),
        ("¥1,000", 1000.0, "JPY"),
        ("BRL 1.000", 1000.0, "BRL"),
    ],
)
def test_an_ambiguous_amount_follows_its_currency_convention(
    cell: str, amount: float, currency: str
) -> None:
    result = import_rows([["client", "statut", "montant"], ["A", "Gagné", "1 250,50 €"],
                          ["B", "Gagné", cell]])
    assert result.report.errors == []
    assert result.deals["amount"].tolist() == [1250.5, amount]
    assert result.deals["currency"].tolist() == ["EUR", currency]


def test_an_ambiguous_euro_amount_follows_the_column() -> None:
    result = import_rows([["client", "statut", "montant"], ["A", "Gagné", "1 250,50 €"],
                          ["B", "Gagné", "1,500 €"]])
    assert result.deals["amount"].tolist() == [1250.5, 1.5]


def test_cells_that_one_reading_explains_are_read_that_way_in_one_column() -> None:
    result = import_rows([["client", "statut", "montant"], ["A", "Gagné", "1.234,50"],
                          ["B", "Gagné", "1,234.50"], ["C", "Gagné", "2,5"]])
    assert result.report.errors == []
    assert result.deals["amount"].tolist() == [1234.5, 1234.5, 2.5]
