"""Thresholds persist in PostgreSQL (migration 0003); missing rows mean the defaults."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text

from business_logic.metrics import DEFAULT_THRESHOLDS, Thresholds
from database import get_thresholds, reset_thresholds, set_thresholds

pytestmark = pytest.mark.db


def test_a_fresh_database_uses_the_defaults(clean_db: Engine) -> None:
    assert get_thresholds(clean_db) == DEFAULT_THRESHOLDS


def test_saved_thresholds_are_read_back(clean_db: Engine) -> None:
    chosen = Thresholds(cold_days=10, untreated_days=1, stale_days=120, soon_days=15,
                        quick_win_probability=0.65)
    set_thresholds(clean_db, chosen)
    assert get_thresholds(clean_db) == chosen
    set_thresholds(clean_db, Thresholds(cold_days=21))
    assert get_thresholds(clean_db).cold_days == 21
    reset_thresholds(clean_db)
    assert get_thresholds(clean_db) == DEFAULT_THRESHOLDS


def test_unknown_names_are_ignored_and_missing_ones_default(clean_db: Engine) -> None:
    with clean_db.begin() as connection:
        connection.execute(text(
            "INSERT INTO threshold_settings (name, value) VALUES ('retired', 3), ('cold_days', 7)"
        ))
    assert get_thresholds(clean_db) == Thresholds(cold_days=7)
