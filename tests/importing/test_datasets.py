"""The public datasets of /work/shared/datasets (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from business_logic.importing import ImportFailure, import_bytes

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
MAVEN = SHARED / "maven_crm_sales_opportunities" / "sales_pipeline.csv"
OLIST_MQL = SHARED / "olist_marketing_funnel" / "olist_marketing_qualified_leads_dataset.csv"


def _read(path: Path) -> bytes:
    if not path.exists():
        pytest.skip(f"{path} absent")
    return path.read_bytes()


def test_maven_sales_pipeline_imports_every_row() -> None:
    result = import_bytes(_read(MAVEN), MAVEN.name)
    report, deals = result.report, result.deals
    assert (report.rows_read, report.rows_imported, report.rows_rejected) == (8800, 8800, 0)
    assert deals["status"].value_counts().to_dict() == {"won": 4238, "lost": 2473, "open": 2089}
    assert deals.loc[deals["status"] == "open", "amount"].isna().all()
    assert deals.loc[deals["status"] == "lost", "amount"].eq(0).all()
    assert deals.loc[deals["status"] == "won", "amount"].sum() == 10_005_534
    assert deals["deal_id"].is_unique
    assert deals["source_row"].tolist()[:2] == [2, 3]
    assert report.detected["date_order"] == "ISO"
    won = deals[deals["status"] == "won"]
    assert won["closed_date"].equals(won["expected_close_date"])


def test_olist_leads_without_a_stage_column_fail_clearly() -> None:
    with pytest.raises(ImportFailure) as failure:
        import_bytes(_read(OLIST_MQL), OLIST_MQL.name)
    message = str(failure.value)
    assert "Aucune colonne d'étape ni de statut" in message
    assert "origin" in message and "stage_label" in message
