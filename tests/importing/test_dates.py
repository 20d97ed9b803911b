"""Dates: ISO, DD/MM/YYYY, MM/DD/YYYY decided per column, times, `28.09.2025` (metrics.md)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from business_logic.importing import import_bytes
from business_logic.importing.dates import parse_dates
from tests.importing.helpers import import_rows, xlsx_bytes


def _dates(cells: list[str]) -> list[dt.date | None]:
    parsed = parse_dates(pd.Series(cells, dtype="str"))
    return [None if pd.isna(v) else pd.Timestamp(v).date() for v in parsed.values]


@pytest.mark.parametrize(
    ("cells", "expected", "order"),
    [
        (["2026-11-26", "2025-01-05"], [dt.date(2026, 11, 26), dt.date(2025, 1, 5)], "ISO"),
        (["26/11/2026", "05/01/2025"], [dt.date(2026, 11, 26), dt.date(2025, 1, 5)], "DMY"),
        (["11/26/2026", "01/05/2025"], [dt.date(2026, 11, 26), dt.date(2025, 1, 5)], "MDY"),
        (["28.09.2025", "01.10.2025"], [dt.date(2025, 9, 28), dt.date(2025, 10, 1)], "DMY"),
        (["5/1/2025", "26-11-2026"], [dt.date(2025, 1, 5), dt.date(2026, 11, 26)], "DMY"),
        (["26/11/26", "01/01/99"], [dt.date(2026, 11, 26), dt.date(1999, 1, 1)], "DMY"),
        (["2026/11/26"], [dt.date(2026, 11, 26)], "ISO"),
    ],
    ids=["iso", "dmy", "mdy", "dotted", "short-and-dashes", "two-digit-year", "iso-slashes"],
)
def test_date_formats(cells: list[str], expected: list[dt.date], order: str) -> None:
    assert _dates(cells) == expected
    assert parse_dates(pd.Series(cells, dtype="str")).order == order


@pytest.mark.parametrize(
    "cell",
    ["2026-11-26 14:30", "2026-11-26T14:30:05", "2026-11-26 14:30:05.123", "26/11/2026 09:15",
     "11/26/2026 2:30 PM", "2026-11-26T14:30:05Z", "2026-11-26 14:30:05+01:00"],
)
def test_time_of_day_is_dropped(cell: str) -> None:
    assert _dates([cell]) == [dt.date(2026, 11, 26)]


def test_order_is_decided_from_all_values_of_the_column() -> None:
    # Only the last value tells the order: month first.
    assert _dates(["01/02/2026", "03/04/2026", "12/25/2026"]) == [
        dt.date(2026, 1, 2), dt.date(2026, 3, 4), dt.date(2026, 12, 25)]


def test_ambiguous_column_defaults_to_dmy_with_a_warning() -> None:
    result = import_rows([["client", "statut", "date de création"], ["A", "Gagné", "01/02/2026"]])
    assert result.deals["created_date"].tolist() == [pd.Timestamp("2026-02-01")]
    assert result.report.detected["date_orders"] == {"date de création": "DMY"}
    assert any("JJ/MM/AAAA" in w for w in result.report.warnings)


def test_detected_date_orders_per_column() -> None:
    result = import_rows([
        ["client", "statut", "date de création", "date de clôture"],
        ["A", "Gagné", "2026-01-05", "13/01/2026"],
    ])
    assert result.report.detected["date_orders"] == {
        "date de création": "ISO", "date de clôture": "DMY"}
    assert result.report.detected["date_order"] == "DMY"


@pytest.mark.parametrize(
    ("cell", "reason"),
    [("31/02/2026", "impossible"), ("2026-13-01", "impossible"), ("00/01/2026", "impossible"),
     ("hier", "illisible"), ("2026-11", "illisible"), ("26/11/2026 extra", "illisible")],
)
def test_bad_dates_reject_the_row(cell: str, reason: str) -> None:
    result = import_rows([["client", "statut", "date de création"], ["A", "Gagné", "01/01/2026"],
                          ["B", "Gagné", cell]])
    assert result.report.rows_rejected == 1
    [error] = result.report.errors
    assert (error.row, error.column, error.value) == (3, "date de création", cell)
    assert reason in error.message.lower()


def test_value_against_the_column_order_is_rejected() -> None:
    # 25/12 says day first, so 12/25 cannot be a date of this column.
    result = import_rows([["client", "statut", "date de création"], ["A", "Gagné", "25/12/2026"],
                          ["B", "Gagné", "26/12/2026"], ["C", "Gagné", "12/25/2026"]])
    assert [(e.row, e.value) for e in result.report.errors] == [(4, "12/25/2026")]


def test_leap_day_is_accepted_only_in_leap_years() -> None:
    assert _dates(["29/02/2024", "29/02/2025"]) == [dt.date(2024, 2, 29), None]


@pytest.mark.parametrize(
    "cell", ["01/01/0001", "0001-01-01", "31/12/9999", "9999-12-31", "01/01/1899", "2101-01-01",
             "1/1/0001", "0001-1-1"],
)
def test_year_outside_1900_2100_rejects_the_row(cell: str) -> None:
    result = import_rows([["client", "statut", "date de création"], ["A", "Gagné", cell],
                          ["B", "Perdu", "26/11/2026"]])
    assert result.deals["name"].tolist() == ["B"]
    [error] = result.report.errors
    assert (error.row, error.column, error.value) == (2, "date de création", cell)
    assert "1900" in error.message and "2100" in error.message


@pytest.mark.parametrize("cell", ["01/01/1900", "31/12/2100", "1900-01-01", "2100-12-31"])
def test_years_1900_and_2100_are_accepted(cell: str) -> None:
    assert _dates([cell])[0] is not None
    assert not parse_dates(pd.Series([cell], dtype="str")).out_of_range.any()


def test_four_digit_year_is_never_moved_to_another_century() -> None:
    parsed = parse_dates(pd.Series(["01/01/0001", "1/1/0050"], dtype="str"))
    assert parsed.out_of_range.tolist() == [True, True]
    assert pd.isna(parsed.values).all()


def test_excel_date_cells_far_in_the_past_or_future_are_rejected() -> None:
    data = xlsx_bytes([["client", "statut", "date de création"],
                       ["A", "Gagné", dt.datetime(1850, 3, 1)],
                       ["B", "Perdu", dt.datetime(9999, 12, 31)],
                       ["C", "Perdu", dt.datetime(2026, 11, 26)]])
    result = import_bytes(data, "dates.xlsx")
    assert result.deals["name"].tolist() == ["C"]
    assert [e.row for e in result.report.errors] == [2, 3]


def test_excel_date_serials_outside_the_calendar_reject_only_their_row() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["client", "statut", "date de création"])
    for name, serial in (("A", 1e12), ("B", -5), ("C", 45000)):
        sheet.append([name, "Gagné", serial])
        sheet.cell(sheet.max_row, 3).number_format = "dd/mm/yyyy"
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.warns(UserWarning):
        result = import_bytes(buffer.getvalue(), "dates.xlsx")
    assert result.deals["name"].tolist() == ["C"]
    assert [e.row for e in result.report.errors] == [2, 3]
