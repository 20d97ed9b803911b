"""Monthly targets persist in PostgreSQL (database/objectives.py, migration 0006)."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from database import delete_objective, get_objectives, set_objective, set_objectives
from database.engine import alembic_config, downgrade_to, upgrade_to_head

pytestmark = pytest.mark.db
NOV, DEC = dt.date(2026, 11, 1), dt.date(2026, 12, 1)


def test_targets_are_read_back_per_owner(clean_db: Engine) -> None:
    set_objective(clean_db, dt.date(2026, 11, 17), 50_000)  # any day names its month
    set_objective(clean_db, NOV, 20_000.5, owner="Alice")
    set_objective(clean_db, DEC, 60_000)
    assert get_objectives(clean_db) == {(NOV, None): 50_000.0, (NOV, "Alice"): 20_000.5,
                                        (DEC, None): 60_000.0}


def test_setting_a_month_again_replaces_its_target(clean_db: Engine) -> None:
    set_objective(clean_db, NOV, 50_000)
    set_objective(clean_db, NOV, 45_000)
    assert get_objectives(clean_db) == {(NOV, None): 45_000.0}


def test_grid_save_sets_and_clears_months_of_one_owner(clean_db: Engine) -> None:
    set_objectives(clean_db, {NOV: 10.0, DEC: 20.0}, owner="Bob")
    set_objective(clean_db, NOV, 99.0)
    set_objectives(clean_db, {NOV: None, DEC: 25.0}, owner="Bob")
    assert get_objectives(clean_db) == {(DEC, "Bob"): 25.0, (NOV, None): 99.0}


def test_a_bad_amount_saves_nothing(clean_db: Engine) -> None:
    set_objective(clean_db, NOV, 10.0)
    with pytest.raises(ValueError, match="objectif de 2026-12 invalide"):
        set_objectives(clean_db, {NOV: 30.0, DEC: -5.0})
    assert get_objectives(clean_db) == {(NOV, None): 10.0}


def test_delete_and_year_selection(clean_db: Engine) -> None:
    set_objective(clean_db, NOV, 1.0)
    set_objective(clean_db, dt.date(2027, 1, 1), 2.0)
    assert get_objectives(clean_db, 2027) == {(dt.date(2027, 1, 1), None): 2.0}
    assert delete_objective(clean_db, NOV) is True
    assert delete_objective(clean_db, NOV) is False
    assert get_objectives(clean_db) == {(dt.date(2027, 1, 1), None): 2.0}


def test_the_company_has_one_target_per_month(clean_db: Engine) -> None:
    set_objective(clean_db, NOV, 1.0)
    with pytest.raises(IntegrityError), clean_db.begin() as connection:
        connection.execute(text("INSERT INTO objectives (month, owner, amount)"
                                " VALUES ('2026-11-01', NULL, 2)"))


def test_migration_0006_keeps_deals_and_downgrade_drops_only_objectives(
    database_url: str,
) -> None:
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE SCHEMA mig_0006"))
    scoped = create_engine(database_url, connect_args={"options": "-csearch_path=mig_0006"})
    try:
        config = alembic_config()
        with scoped.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0005")
        with scoped.begin() as connection:
            connection.execute(text(
                "INSERT INTO imports (file_name, sha256, detected, rows_read, rows_imported,"
                " rows_rejected, warnings, errors, exported_on) VALUES ('a.csv', 'x', '{}', 0,"
                " 0, 0, '[]', '[]', '2026-11-02')"))
        upgrade_to_head(scoped)
        set_objective(scoped, NOV, 50_000)
        set_objective(scoped, NOV, 10_000, owner="Alice")
        assert get_objectives(scoped) == {(NOV, None): 50_000.0, (NOV, "Alice"): 10_000.0}
        downgrade_to(scoped, "0005")
        assert "objectives" not in inspect(scoped).get_table_names()
        with scoped.connect() as connection:
            assert connection.execute(text("SELECT file_name FROM imports")).scalars().all() == [
                "a.csv"]
        upgrade_to_head(scoped)
        assert get_objectives(scoped) == {}
    finally:
        scoped.dispose()
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA mig_0006 CASCADE"))
        engine.dispose()
