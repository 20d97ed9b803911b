"""Named what-if scenarios in the real database (database/scenarios.py, migration 0007)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, text

from business_logic.planning.whatif import Levers
from database.engine import downgrade_to, upgrade_to_head
from database.scenarios import (
    delete_scenario,
    list_scenarios,
    load_scenario,
    save_scenario,
)
from tests.database.test_migrations import _scoped_engine, _upgrade_to

LEVERS = Levers(basket_percent=10, win_rate_points=-5, cycle_days=14, new_deals_percent=20,
                overrides={"D7": "won", "D9": "slip"})


DEALS = [("A", "proposal", "open", 1000.0), ("B", "won", "won", 500.0)]


def _deals(engine: Engine) -> list[tuple]:
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT deal_id, stage, status, amount FROM deals ORDER BY deal_id")).all()
    return [(d, s, st, float(a)) for d, s, st, a in rows]


@pytest.fixture
def db(engine: Engine) -> Engine:
    with engine.begin() as connection:
        connection.execute(text("TRUNCATE scenarios RESTART IDENTITY"))
    return engine


def test_a_saved_scenario_reloads_with_the_same_levers(db):
    with db.begin() as connection:
        assert save_scenario(connection, "  Relance   été ", LEVERS) is False
    with db.connect() as connection:
        assert load_scenario(connection, "Relance été") == LEVERS
        saved = list_scenarios(connection)
    assert [(s.name, s.levers) for s in saved] == [("Relance été", LEVERS)]
    assert isinstance(saved[0].created_at, dt.datetime)


def test_saving_under_an_existing_name_replaces_it(db):
    with db.begin() as connection:
        save_scenario(connection, "Prudent", LEVERS)
        assert save_scenario(connection, "Prudent", Levers(basket_percent=-10)) is True
        assert load_scenario(connection, "Prudent") == Levers(basket_percent=-10)
        assert [s.name for s in list_scenarios(connection)] == ["Prudent"]


def test_deleting_forgets_only_that_scenario(db):
    with db.begin() as connection:
        save_scenario(connection, "A", LEVERS)
        save_scenario(connection, "B", Levers())
        assert delete_scenario(connection, "A") is True
        assert delete_scenario(connection, "A") is False
        assert load_scenario(connection, "A") is None
        assert [s.name for s in list_scenarios(connection)] == ["B"]


@pytest.mark.parametrize(("name", "message"), [
    ("   ", "nom du scénario : il est vide"),
    ("x" * 81, "nom du scénario : 81 caractères, 80 au plus"),
])
def test_bad_names_are_refused_in_french(db, name, message):
    with db.begin() as connection, pytest.raises(ValueError, match=message):
        save_scenario(connection, name, LEVERS)


def test_levers_that_no_longer_read_are_said_in_french_and_skipped_in_the_list(db):
    with db.begin() as connection:
        save_scenario(connection, "Bon", LEVERS)
        connection.execute(text(
            "INSERT INTO scenarios (name, levers) VALUES ('Ancien', '{\"vitesse\": 3}')"))
    with db.connect() as connection:
        with pytest.raises(ValueError, match="scénario « Ancien » illisible : levier inconnu"):
            load_scenario(connection, "Ancien")
        assert [s.name for s in list_scenarios(connection)] == ["Bon"]


def test_migration_0007_keeps_the_deals_and_downgrade_drops_only_scenarios(database_url):
    engine, scoped = _scoped_engine(database_url, "mig_0007")
    try:
        _upgrade_to(scoped, "0005")
        with scoped.begin() as connection:
            connection.execute(text(
                "INSERT INTO imports (file_name, sha256, detected, rows_read, rows_imported,"
                " rows_rejected, warnings, errors, exported_on) VALUES ('f.csv', 'x', '{}', 2,"
                " 2, 0, '[]', '[]', '2026-11-26')"))
            connection.execute(text(
                "CREATE TABLE deals_import_1 (LIKE deals INCLUDING DEFAULTS)"))
            connection.execute(text(
                "INSERT INTO deals_import_1 (import_id, source_row, deal_id, stage, status,"
                " amount) VALUES (1, 2, 'A', 'proposal', 'open', 1000),"
                " (1, 3, 'B', 'won', 'won', 500)"))
            connection.execute(text(
                "ALTER TABLE deals ATTACH PARTITION deals_import_1 FOR VALUES IN (1)"))
        upgrade_to_head(scoped)
        with scoped.begin() as connection:
            save_scenario(connection, "Test", LEVERS)
        assert _deals(scoped) == DEALS
        with scoped.connect() as connection:
            assert load_scenario(connection, "Test") == LEVERS
        downgrade_to(scoped, "0005")
        with scoped.connect() as connection:
            tables = {row[0] for row in connection.execute(text(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'mig_0007'"))}
        assert "scenarios" not in tables and "deals_import_1" in tables
        assert _deals(scoped) == DEALS
    finally:
        scoped.dispose()
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA mig_0007 CASCADE"))
        engine.dispose()
