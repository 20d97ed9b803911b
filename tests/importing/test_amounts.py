"""Amounts: decimal mark per column, thousands separators, currencies (metrics.md)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from business_logic.importing import import_bytes
from business_logic.importing.numbers import parse_numbers, parse_probabilities
from tests.importing.helpers import csv_bytes, import_rows


def _numbers(values: list[str], **options: object) -> list[float]:
    parsed = parse_numbers(pd.Series(values, dtype="str"), **options)
    return [None if math.isnan(v) else v for v in parsed.values]


@pytest.mark.parametrize(
    ("cells", "expected", "decimal"),
    [
        (["1200,50", "3,2"], [1200.5, 3.2], ","),
        (["1200.50", "3.2"], [1200.5, 3.2], "."),
        (["12 500,50", "1 000"], [12500.5, 1000.0], ","),
        (["12\u00a0500,50", "7"], [12500.5, 7.0], ","),
        (["12\u202f500,50", "7"], [12500.5, 7.0], ","),
        (["12.500,50", "1.000.000"], [12500.5, 1_000_000.0], ","),
        (["12,500.50", "1,000,000"], [12500.5, 1_000_000.0], "."),
        (["1.234.567"], [1234567.0], ","),
        (["1,234,567"], [1234567.0], "."),
        (["0,5", "1,234"], [0.5, 1.234], ","),
        (["1234,567"], [1234.567], ","),
        (["", "42"], [None, 42.0], ","),
    ],
    ids=["comma", "point", "space-thousands", "nbsp", "narrow-nbsp", "dot-thousands",
         "comma-thousands", "dots-only", "commas-only", "comma-votes-whole-column",
         "four-digit-integer-part", "empty"],
)
def test_decimal_mark_and_thousands(cells: list[str], expected: list, decimal: str) -> None:
    parsed = parse_numbers(pd.Series(cells, dtype="str"))
    assert parsed.decimal == decimal
    assert _numbers(cells) == expected


@pytest.mark.parametrize(
    ("cell", "amount", "currency"),
    [
        ("1 200,50 €", 1200.5, "EUR"),
        ("€1200", 1200.0, "EUR"),
        ("$1,234.50", 1234.5, "USD"),
        ("£ 99", 99.0, "GBP"),
        ("1500 EUR", 1500.0, "EUR"),
        ("USD 2,000.00", 2000.0, "USD"),
        ("300", 300.0, None),
    ],
)
def test_currency_symbols_and_codes(cell: str, amount: float, currency: str | None) -> None:
    result = import_rows([["client", "statut", "montant"], ["A", "Gagné", cell]])
    assert result.deals["amount"].tolist() == [amount]
    expected = [currency] if currency else [None]
    assert [None if pd.isna(c) else c for c in result.deals["currency"]] == expected


def test_currency_column_wins_over_symbol() -> None:
    result = import_rows([["client", "statut", "montant", "devise"],
                          ["A", "Gagné", "100 €", "CHF"], ["B", "Gagné", "200 €", ""]])
    assert result.deals["currency"].tolist() == ["CHF", "EUR"]


def test_comma_delimited_file_defaults_to_decimal_point_when_ambiguous() -> None:
    data = csv_bytes([["client", "statut", "montant"], ["A", "Gagné", "1,234"]], delimiter=",")
    result = import_bytes(data, "en.csv")
    assert result.deals["amount"].tolist() == [1234.0]
    assert result.report.detected["decimal"] == "."


def test_semicolon_file_defaults_to_decimal_comma_when_ambiguous() -> None:
    result = import_rows([["client", "statut", "montant"], ["A", "Gagné", "1,234"]])
    assert result.deals["amount"].tolist() == [1.234]
    assert result.report.detected["decimal"] == ","


def test_amount_beyond_storage_precision_is_rejected_and_the_rest_kept() -> None:
    result = import_rows([["client", "statut", "montant"], ["A", "Gagné", "1 000 000 000 000"],
                          ["B", "Gagné", "999 999 999 999,99"]])
    assert result.report.rows_imported == 1
    [error] = result.report.errors
    assert (error.row, error.column, error.value) == (2, "montant", "1 000 000 000 000")
    assert "trop élevé" in error.message
    assert result.deals["amount"].tolist() == [999_999_999_999.99]


def test_parenthesised_amount_is_negative() -> None:
    parsed = parse_numbers(pd.Series(["(300)", "-5", "5-", "+7"], dtype="str"))
    assert parsed.negative.tolist() == [True, True, True, False]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["70 %", "5%"], [0.7, 0.05]),
        (["0,7", "0,25", "1"], [0.7, 0.25, 1.0]),
        (["0.7", "0.25"], [0.7, 0.25]),
        (["70", "5", "100"], [0.7, 0.05, 1.0]),
        (["12,5 %"], [0.125]),
    ],
    ids=["percent-sign", "fraction-comma", "fraction-point", "zero-to-hundred", "decimal-percent"],
)
def test_probability_scales(cells: list[str], expected: list[float]) -> None:
    parsed = parse_probabilities(pd.Series(cells, dtype="str"))
    assert parsed.values.tolist() == pytest.approx(expected)
    assert not parsed.invalid.any()


def test_probability_out_of_range_is_invalid() -> None:
    parsed = parse_probabilities(pd.Series(["150 %", "-3", "abc"], dtype="str"))
    assert parsed.invalid.tolist() == [True, True, True]


@pytest.mark.parametrize("cell", ["12 50", "1 2 3", "1 2345", "12 500 0,5"])
def test_space_must_separate_groups_of_three_digits(cell: str) -> None:
    parsed = parse_numbers(pd.Series([cell, "1 000"], dtype="str"))
    assert parsed.invalid.tolist() == [True, False]


def test_currency_column_is_stored_as_iso_codes_when_known() -> None:
    result = import_rows([["client", "statut", "montant", "devise"],
                          ["A", "Gagné", "1", " usd "], ["B", "Gagné", "2", "€"],
                          ["C", "Gagné", "3", "Dollar canadien"], ["D", "Gagné", "4", ""]])
    currencies = [None if pd.isna(c) else c for c in result.deals["currency"]]
    assert currencies == ["USD", "EUR", "Dollar canadien", None]
