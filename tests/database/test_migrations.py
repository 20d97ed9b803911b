"""Schema only through Alembic: upgrade from empty and downgrade both work."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, inspect, text

from database.engine import downgrade_to, upgrade_to_head


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def test_upgrade_from_empty_creates_every_table(database_url: str) -> None:
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE SCHEMA mig_up"))
    scoped = create_engine(database_url, connect_args={"options": "-csearch_path=mig_up"})
    try:
        upgrade_to_head(scoped)
        assert {"imports", "deals", "stage_settings", "stage_mappings", "column_mappings",
                "alembic_version"} <= _tables(scoped)
    finally:
        scoped.dispose()
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA mig_up CASCADE"))
        engine.dispose()


def test_upgrade_seeds_default_stage_probabilities(engine: Engine) -> None:
    with engine.connect() as connection:
        rows = dict(connection.execute(text("SELECT stage, probability FROM stage_settings")).all())
    assert {k: float(v) for k, v in rows.items()} == {
        "prospect": 0.1, "qualified": 0.3, "proposal": 0.5, "negotiation": 0.7,
        "won": 1.0, "lost": 0.0,
    }


def test_downgrade_to_base_drops_the_schema_and_upgrade_restores_it(database_url: str) -> None:
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE SCHEMA mig_down"))
    scoped = create_engine(database_url, connect_args={"options": "-csearch_path=mig_down"})
    try:
        upgrade_to_head(scoped)
        downgrade_to(scoped, "base")
        assert _tables(scoped) == {"alembic_version"}
        upgrade_to_head(scoped)
        assert "deals" in _tables(scoped)
    finally:
        scoped.dispose()
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA mig_down CASCADE"))
        engine.dispose()


def test_weighted_amount_is_generated_by_the_database(clean_db: Engine) -> None:
    with clean_db.begin() as connection:
        connection.execute(text(
            "INSERT INTO imports (file_name, sha256, detected, rows_read, rows_imported,"
            " rows_rejected, warnings, errors) VALUES ('f.csv', 'x', '{}', 1, 1, 0, '[]', '[]')"
        ))
        connection.execute(text(
            "INSERT INTO deals (import_id, source_row, deal_id, stage, status, amount,"
            " probability) VALUES (1, 2, 'A', 'proposal', 'open', 1000.50, 0.5)"
        ))
        weighted = connection.execute(text("SELECT weighted_amount FROM deals")).scalar_one()
    assert float(weighted) == 500.25
