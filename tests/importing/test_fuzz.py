"""Whatever the bytes, only ImportFailure escapes, and every imported row was validated."""

from __future__ import annotations

import datetime as dt

import numpy as np
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
