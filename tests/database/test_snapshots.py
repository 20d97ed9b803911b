"""Saving, reading back, listing and deleting imports on a real PostgreSQL."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import Engine, text

from business_logic.columns import coerce_canonical_dtypes
from database import (
    StorageError,
    delete_import,
    get_import_errors,
    latest_import_id,
    list_imports,
    load_deals,
    save_import,
)

REPORT = {
    "detected": {"encoding": "utf-8", "delimiter": ";"},
    "rows_read": 3,
    "rows_imported": 2,
    "rows_rejected": 1,
    "errors": [{"row": 4, "column": "Montant", "value": "abc", "message": "montant illisible"}],
    "warnings": ["1 ligne vide ignorée"],
}


def _deals(**overrides: list) -> pd.DataFrame:
    columns = {
        "deal_id": ["D1", "D2"],
        "name": ["Acme =HYPERLINK(\"x\")", ""],
        "company": ["Acme; \"SA\"\nParis", None],
        "stage_label": ["Négociation", "Gagné"],
        "stage": ["negotiation", "won"],
        "stage_reached": ["negotiation", "won"],
        "status": ["open", "won"],
        "amount": [12500.5, None],
        "currency": ["EUR", "EUR"],
        "probability": [0.7, 1.0],
        "probability_explicit": [False, False],
        "created_date": ["2026-10-01", "2026-09-15"],
        "expected_close_date": ["2026-12-15", None],
        "closed_date": [None, "2026-11-20"],
        "source_row": [2, 3],
    }
    columns.update(overrides)
    return coerce_canonical_dtypes(pd.DataFrame(columns))


def _save(engine: Engine, deals: pd.DataFrame, file_name: str = "export.csv") -> int:
    return save_import(engine, file_name=file_name, sha256="abc", report=REPORT, deals=deals)


def test_round_trip_keeps_every_value(clean_db: Engine) -> None:
    deals = _deals()
    import_id = _save(clean_db, deals)
    loaded = load_deals(clean_db, import_id)
    pd.testing.assert_frame_equal(loaded, deals.fillna({"name": ""}), check_exact=True)


def test_text_that_looks_like_a_formula_is_stored_as_text(clean_db: Engine) -> None:
    import_id = _save(clean_db, _deals())
    assert load_deals(clean_db, import_id)["name"].iloc[0] == 'Acme =HYPERLINK("x")'


def test_a_failure_mid_load_leaves_no_partial_import(clean_db: Engine) -> None:
    too_big = [12500.5, 1e13]  # NUMERIC(14,2) overflows on the second row, mid-COPY
    with pytest.raises(StorageError):
        _save(clean_db, _deals(amount=too_big))
    with clean_db.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM imports")).scalar_one() == 0
        assert connection.execute(text("SELECT count(*) FROM deals")).scalar_one() == 0


def test_imports_never_overwrite_each_other(clean_db: Engine) -> None:
    first = _save(clean_db, _deals(), "lundi.csv")
    second = _save(clean_db, _deals(), "mardi.csv")
    assert [s.import_id for s in list_imports(clean_db)] == [second, first]
    assert latest_import_id(clean_db) == second
    assert len(load_deals(clean_db, first)) == 2


def test_listing_reports_the_counts_of_the_import(clean_db: Engine) -> None:
    _save(clean_db, _deals())
    (summary,) = list_imports(clean_db)
    assert (summary.file_name, summary.rows_read, summary.rows_imported, summary.rows_rejected) \
        == ("export.csv", 3, 2, 1)


def test_rejected_rows_are_kept_with_the_import(clean_db: Engine) -> None:
    import_id = _save(clean_db, _deals())
    assert get_import_errors(clean_db, import_id) == REPORT["errors"]


def test_delete_removes_the_import_and_its_deals(clean_db: Engine) -> None:
    keep = _save(clean_db, _deals())
    gone = _save(clean_db, _deals())
    assert delete_import(clean_db, gone) is True
    assert [s.import_id for s in list_imports(clean_db)] == [keep]
    with clean_db.connect() as connection:
        remaining = connection.execute(text("SELECT DISTINCT import_id FROM deals")).scalars()
        assert list(remaining) == [keep]


def test_deleting_an_unknown_import_says_so(clean_db: Engine) -> None:
    assert delete_import(clean_db, 999) is False


def test_empty_import_reads_back_as_an_empty_canonical_frame(clean_db: Engine) -> None:
    import_id = _save(clean_db, _deals().iloc[0:0])
    loaded = load_deals(clean_db, import_id)
    assert loaded.empty
    assert list(loaded.columns) == list(_deals().columns)
