"""Stage probabilities and remembered mappings persist in PostgreSQL."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import Engine, text

from business_logic.columns import coerce_canonical_dtypes
from database import (
    get_column_mappings,
    get_stage_mappings,
    get_stage_probabilities,
    load_deals,
    remember_column_mappings,
    remember_stage_mappings,
    save_import,
    set_stage_probability,
)


def _import_open_deals(engine: Engine) -> int:
    deals = coerce_canonical_dtypes(pd.DataFrame({
        "deal_id": ["A", "B", "C"],
        "stage": ["proposal", "proposal", "won"],
        "status": ["open", "open", "won"],
        "amount": [1000.0, 1000.0, 1000.0],
        "probability": [0.5, 0.9, 1.0],
        "probability_explicit": [False, True, False],
        "source_row": [2, 3, 4],
    }))
    return save_import(engine, file_name="f.csv", sha256="x", report={}, deals=deals)


def test_changed_probability_is_persisted(clean_db: Engine) -> None:
    set_stage_probability(clean_db, "proposal", 0.4)
    assert get_stage_probabilities(clean_db)["proposal"] == 0.4


def test_changed_probability_reaches_deals_that_use_the_stage_default(clean_db: Engine) -> None:
    import_id = _import_open_deals(clean_db)
    set_stage_probability(clean_db, "proposal", 0.4)
    assert load_deals(clean_db, import_id)["probability"].tolist() == [0.4, 0.9, 1.0]


def _stored_rows(engine: Engine) -> str:
    with engine.connect() as connection:
        return connection.execute(text(
            "SELECT string_agg(d::text, E'\\n' ORDER BY import_id, source_row) FROM deals d"
        )).scalar_one()


def test_a_probability_change_never_rewrites_a_stored_snapshot(clean_db: Engine) -> None:
    """Snapshots are never overwritten: the settings apply when a snapshot is read."""
    import_id = _import_open_deals(clean_db)
    before = _stored_rows(clean_db)
    set_stage_probability(clean_db, "proposal", 0.2)
    assert _stored_rows(clean_db) == before
    assert load_deals(clean_db, import_id)["probability"].tolist() == [0.2, 0.9, 1.0]


def test_a_snapshot_reads_under_the_probabilities_it_is_given(clean_db: Engine) -> None:
    import_id = _import_open_deals(clean_db)
    loaded = load_deals(clean_db, import_id, {"proposal": 0.35})
    assert loaded["probability"].tolist() == [0.35, 0.9, 1.0]
    assert loaded["probability_explicit"].tolist() == [False, True, False]


@pytest.mark.parametrize(("stage", "probability"), [("won", 0.5), ("proposal", 1.5)])
def test_invalid_probability_changes_are_refused(clean_db: Engine, stage: str,
                                                 probability: float) -> None:
    with pytest.raises(ValueError):
        set_stage_probability(clean_db, stage, probability)


def test_stage_mappings_are_remembered_and_updated(clean_db: Engine) -> None:
    remember_stage_mappings(clean_db, {"RDV fixé": "qualified"})
    remember_stage_mappings(clean_db, {"rdv fixe": "proposal", "Signature": "won"})
    assert get_stage_mappings(clean_db) == {"rdv fixe": "proposal", "Signature": "won"}


def test_mapping_to_an_unknown_stage_is_refused(clean_db: Engine) -> None:
    with pytest.raises(ValueError):
        remember_stage_mappings(clean_db, {"RDV": "meeting"})


def test_column_mappings_are_remembered(clean_db: Engine) -> None:
    remember_column_mappings(clean_db, {"CA HT": "amount", "Divers": "ignore"})
    assert get_column_mappings(clean_db) == {"CA HT": "amount", "Divers": "ignore"}
