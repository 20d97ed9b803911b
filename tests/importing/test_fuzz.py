"""Whatever the bytes, only ImportFailure escapes, and every imported row was validated."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from business_logic.columns import CANONICAL_COLUMNS, STATUSES
from business_logic.importing import ImportFailure, ImportResult, import_bytes
from business_logic.stages import STAGE_ORDER
from tests.importing.helpers import xlsx_bytes

CELLS = st.one_of(
    st.sampled_from(["Gagné", "Perdu", "Prospect", "closedwon", "open", "won", "lost", "",
                     "Proposition", "Négociation"]),
    st.sampled_from(["12 500,50 €", "-3", "1.234,5", "$1,234.50", "70 %", "abc", "(12)",
                     "26/11/2026", "11/26/2026", "31/02/2026", "2026-11-26 10:00", "28.09.2025",
                     "Total", "=HYPERLINK(\"x\")", "\"", "a\nb", ";", ","]),
    st.text(max_size=12),
)
HEADERS = ["id", "client", "statut", "Statut", "montant", "probabilité", "date de création",
           "date de clôture", "devise", "notes"]


def _check(result: ImportResult) -> None:
    report, deals = result.report, result.deals
    assert report.rows_imported + report.rows_rejected == report.rows_read
    assert len(deals) == report.rows_imported
    assert list(deals.columns) == list(CANONICAL_COLUMNS)
    assert set(deals["status"]) <= set(STATUSES)
    assert set(deals["stage"]) <= set(STAGE_ORDER)
    amounts = deals["amount"].to_numpy()
    assert np.all(np.isnan(amounts) | (amounts >= 0))
    probabilities = deals["probability"].to_numpy()
    assert np.all((probabilities >= 0) & (probabilities <= 1))
    assert deals["deal_id"].notna().all() and deals["deal_id"].is_unique
    rejected_rows = {error.row for error in report.errors}
    assert len(rejected_rows) == report.rows_rejected
    assert rejected_rows.isdisjoint(set(deals["source_row"].tolist()))
    report.to_dict()


def _attempt(data: bytes, name: str) -> None:
    try:
        result = import_bytes(data, name)
    except ImportFailure as failure:
        assert str(failure)
        event(f"failure: {type(failure).__name__}")
        return
    event("imported")
    _check(result)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.sampled_from(["x.csv", "x.xlsx", "x.txt"]))
def test_arbitrary_bytes_only_raise_import_failure(data: bytes, name: str) -> None:
    _attempt(data, name)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    headers=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6),
    rows=st.lists(st.lists(CELLS, max_size=7), max_size=8),
    delimiter=st.sampled_from([";", ",", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    quote_all=st.booleans(),
)
def test_mangled_csv_only_raises_import_failure(
    headers: list[str], rows: list[list[str]], delimiter: str, encoding: str, quote_all: bool
) -> None:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if quote_all else value

    table = [["statut", *headers], *rows]
    text = "\n".join(delimiter.join(cell(v) for v in row) for row in table)
    data = text.encode(encoding, errors="replace")
    _attempt(data, "fuzz.csv")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_valid_header_then_arbitrary_bytes_only_raise_import_failure(body: bytes) -> None:
    _attempt("id;statut;montant;date de création\n".encode() + body, "body.csv")


XLSX_CELLS = st.one_of(
    st.none(),
    st.sampled_from(["Gagné", "Perdu", "Prospect", "open", "12 500,50 €", "31/02/2026"]),
    st.integers(min_value=-10**6, max_value=10**9),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=8),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(XLSX_CELLS, min_size=1, max_size=5), max_size=6))
def test_random_xlsx_cells_only_raise_import_failure(rows: list[list[object]]) -> None:
    header = ["statut", "montant", "date de création", "probabilité", "notes"]
    _attempt(xlsx_bytes([header, *rows]), "fuzz.xlsx")


XLSX_FORMATS = st.sampled_from([None, "0%", "0.00%", "#,##0.00 €", "dd/mm/yyyy", "@", "0.0"])
XLSX_VALUES = st.one_of(
    st.none(),
    st.just(""),
    st.integers(min_value=-10**13, max_value=10**13),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 12, 31)),
    st.sampled_from(["Gagné", "Perdu", "Proposition", "ouvert", "70 %", "0,5", "1 250,50 €",
                     "$1,000", "1.000,50 €", "USD 1,000", "£2,500", "31/02/2026", "26/11/2026",
                     "EUR", "usd", "Total", "=SUM(A1)", "(12)", "abc"]),
    st.text(max_size=6),
)
XLSX_HEADER = ["statut", "montant", "probabilité", "date de création", "devise", "notes"]


def _styled_workbook(rows: list[list[tuple[object, str | None]]]) -> bytes:
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(XLSX_HEADER)
    for row_index, row in enumerate(rows, start=2):
        for column_index, (value, number_format) in enumerate(row, start=1):
            if isinstance(value, str):
                value = "".join(ch for ch in value if ch.isprintable())  # XML-safe text
            cell = sheet.cell(row=row_index, column=column_index, value=value)
            if number_format:
                cell.number_format = number_format
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.tuples(XLSX_VALUES, XLSX_FORMATS), min_size=1, max_size=6),
                min_size=1, max_size=8))
def test_styled_xlsx_cells_only_raise_import_failure_and_lose_no_row_silently(
    rows: list[list[tuple[object, str | None]]]
) -> None:
    data = _styled_workbook(rows)
    try:
        result = import_bytes(data, "fuzz.xlsx")
    except ImportFailure as failure:
        assert str(failure)
        return
    _check(result)
    written = sum(any(v not in (None, "") and str(v).strip() for v, _ in row) for row in rows)
    if result.report.rows_read < written:  # the rest must be reported as skipped lines
        assert any("ignorée" in warning for warning in result.report.warnings)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(
    st.integers(min_value=0, max_value=10**9).map(float),
    st.decimals(min_value=0, max_value=10**9, places=2).map(float),
    st.decimals(min_value=0, max_value=10**7, places=2).map(lambda d: ("text", d)),
), min_size=1, max_size=10))
def test_xlsx_number_cells_and_french_text_amounts_are_read_exactly(cells: list) -> None:
    rows, expected = [], []
    for cell in cells:
        if isinstance(cell, tuple):
            amount = cell[1]
            whole, cents = f"{amount:.2f}".split(".")
            text = f"{int(whole):,}".replace(",", "\u202f") + f",{cents} €"
            rows.append(["Gagné", text])
            expected.append(float(amount))
        else:
            rows.append(["Gagné", cell])
            expected.append(cell)
    result = import_bytes(xlsx_bytes([["statut", "montant"], *rows]), "amounts.xlsx")
    assert result.report.errors == []
    assert result.deals["amount"].tolist() == expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(
    st.integers(min_value=0, max_value=100).map(lambda p: ("cell", p / 100)),
    st.integers(min_value=0, max_value=100).map(lambda p: ("text", p / 100)),
), min_size=1, max_size=8))
def test_percent_cells_and_percent_text_are_the_same_fraction(cells: list) -> None:
    rows = [["client", "étape", "probabilité"]]
    formats = {}
    for index, (kind, fraction) in enumerate(cells, start=2):
        if kind == "cell":
            rows.append([f"C{index}", "Proposition", fraction])
            formats[f"C{index}"] = "0%"
        else:
            rows.append([f"C{index}", "Proposition", f"{round(fraction * 100)} %"])
    data = _percent_workbook(rows, formats)
    deals = import_bytes(data, "p.xlsx").deals
    assert deals["probability"].tolist() == pytest.approx([f for _, f in cells])


def _percent_workbook(rows: list[list[object]], formats: dict[str, str]) -> bytes:
    import io

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
