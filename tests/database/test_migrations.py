"""Schema only through Alembic: upgrade from empty and downgrade both work."""

from __future__ import annotations

from decimal import Decimal

from alembic import command
from sqlalchemy import Engine, create_engine, inspect, text

from database.deal_copy import load_deals
from database.engine import alembic_config, downgrade_to, upgrade_to_head


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


def _scoped_engine(database_url: str, schema: str) -> tuple[Engine, Engine]:
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    return engine, create_engine(database_url,
                                 connect_args={"options": f"-csearch_path={schema}"})


def _upgrade_to(engine: Engine, revision: str) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


_OLD_DEALS = (
    # deal, stage, status, stored probability (0001: effective), explicit
    ("A", "proposal", "open", 0.4, False),  # stage setting, changed to 0.4 by the old UPDATE
    ("B", "proposal", "open", 0.9, True),
    ("C", "won", "won", 1.0, False),
    ("D", "lost", "lost", 0.0, False),
    ("E", "negotiation", "open", 0.7, False),
)


def _deals(connection) -> list[tuple]:
    rows = connection.execute(text(
        "SELECT deal_id, stage, status, probability, probability_explicit FROM deals"
        " ORDER BY deal_id"
    )).all()
    return [(d, s, st, None if p is None else float(p), e) for d, s, st, p, e in rows]


def test_migration_0002_keeps_only_explicit_probabilities_and_downgrade_restores(
    database_url: str,
) -> None:
    engine, scoped = _scoped_engine(database_url, "mig_0002")
    try:
        _upgrade_to(scoped, "0001")
        with scoped.begin() as connection:
            connection.execute(text(
                "UPDATE stage_settings SET probability = 0.4 WHERE stage = 'proposal'"))
            connection.execute(text(
                "INSERT INTO imports (file_name, sha256, detected, rows_read, rows_imported,"
                " rows_rejected, warnings, errors) VALUES ('f.csv', 'x', '{}', 5, 5, 0, '[]',"
                " '[]')"))
            for row, (deal, stage, status, probability, explicit) in enumerate(_OLD_DEALS):
                connection.execute(text(
                    "INSERT INTO deals (import_id, source_row, deal_id, stage, status, amount,"
                    " probability, probability_explicit) VALUES (1, :r, :d, :s, :st, 1000,"
                    " :p, :e)"), {"r": row + 2, "d": deal, "s": stage, "st": status,
                                  "p": probability, "e": explicit})
        upgrade_to_head(scoped)
        with scoped.connect() as connection:
            assert _deals(connection) == [
                ("A", "proposal", "open", None, False),
                ("B", "proposal", "open", 0.9, True),
                ("C", "won", "won", None, False),
                ("D", "lost", "lost", None, False),
                ("E", "negotiation", "open", None, False),
            ]
        assert [p for *_, p in load_deals(scoped, 1)[["deal_id", "probability"]]
                .itertuples()] == [0.4, 0.9, 1.0, 0.0, 0.7]
        downgrade_to(scoped, "0001")
        with scoped.connect() as connection:
            assert _deals(connection) == [tuple(row) for row in _OLD_DEALS]
    finally:
        scoped.dispose()
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA mig_0002 CASCADE"))
        engine.dispose()


def _partitions(connection) -> dict[str, str]:
    """Attached partitions of `deals` in the current schema: name -> bound."""
    rows = connection.execute(text(
        "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i"
        " JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'deals'::regclass"
        " ORDER BY c.relname"
    ))
    return dict(rows.all())


def _constraints(connection) -> set[str]:
    return set(connection.execute(text(
        "SELECT conname FROM pg_constraint WHERE conrelid = 'deals'::regclass"
        " AND contype IN ('p', 'f')"
    )).scalars())


def _all_deals(connection) -> list[tuple]:
    return [tuple(row) for row in connection.execute(text(
        "SELECT import_id, source_row, deal_id, status, amount, probability FROM deals"
        " ORDER BY import_id, source_row"
    ))]


def test_migration_0005_moves_each_import_into_its_partition_and_downgrade_restores(
    database_url: str,
) -> None:
    engine, scoped = _scoped_engine(database_url, "mig_0005")
    try:
        _upgrade_to(scoped, "0003")
        with scoped.begin() as connection:
            for file_name in ("lundi.csv", "mardi.csv"):
                connection.execute(text(
                    "INSERT INTO imports (file_name, sha256, detected, rows_read, rows_imported,"
                    " rows_rejected, warnings, errors) VALUES (:f, 'x', '{}', 2, 2, 0, '[]',"
                    " '[]')"), {"f": file_name})
            connection.execute(text(
                "INSERT INTO deals (import_id, source_row, deal_id, stage, status, amount,"
                " probability, probability_explicit) VALUES"
                " (1, 2, 'A', 'proposal', 'open', 1000.50, 0.9, true),"
                " (1, 3, 'B', 'won', 'won', NULL, NULL, false),"
                " (2, 2, 'A', 'won', 'won', 1200, NULL, false)"))
            before = _all_deals(connection)
        upgrade_to_head(scoped)
        with scoped.connect() as connection:
            assert _partitions(connection) == {"deals_import_1": "FOR VALUES IN (1)",
                                               "deals_import_2": "FOR VALUES IN (2)"}
            assert _all_deals(connection) == before
            assert _constraints(connection) == set()
        assert list(load_deals(scoped, 1)["deal_id"]) == ["A", "B"]
        downgrade_to(scoped, "0003")
        with scoped.connect() as connection:
            assert _all_deals(connection) == before
            assert _constraints(connection) == {"pk_deals", "fk_deals_import_id_imports"}
            assert connection.execute(text(
                "SELECT count(*) FROM pg_class WHERE relname LIKE 'deals_import_%'"
                " AND relnamespace = 'mig_0005'::regnamespace")).scalar_one() == 0
    finally:
        scoped.dispose()
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA mig_0005 CASCADE"))


def test_migration_0004_dates_existing_imports_from_file_name_else_import_day(
    database_url: str,
) -> None:
    engine, scoped = _scoped_engine(database_url, "mig_0004")
    try:
        _upgrade_to(scoped, "0003")
        with scoped.begin() as connection:
            for name, imported_at in (("deals-2026-11-19.csv", "2026-11-25 10:00+00"),
                                      ("export.csv", "2026-11-27 09:30+00")):
                connection.execute(text(
                    "INSERT INTO imports (file_name, sha256, imported_at, detected, rows_read,"
                    " rows_imported, rows_rejected, warnings, errors) VALUES (:f, 'x', :t,"
                    " '{}', 1, 1, 0, '[]', '[]')"), {"f": name, "t": imported_at})
            connection.execute(text(
                "INSERT INTO deals (import_id, source_row, deal_id, stage, status)"
                " VALUES (2, 2, 'A', 'prospect', 'open')"))
        upgrade_to_head(scoped)
        with scoped.connect() as connection:
            rows = connection.execute(text(
                "SELECT id, exported_on::text FROM imports ORDER BY id")).all()
            nullable = connection.execute(text(
                "SELECT is_nullable FROM information_schema.columns WHERE table_schema ="
                " 'mig_0004' AND table_name = 'imports' AND column_name = 'exported_on'"
            )).scalar_one()
        assert [tuple(r) for r in rows] == [(1, "2026-11-19"), (2, "2026-11-27")]
        assert nullable == "NO"
        assert list(load_deals(scoped, 2)["deal_id"]) == ["A"]
        downgrade_to(scoped, "0003")
        with scoped.connect() as connection:
            columns = connection.execute(text(
                "SELECT column_name FROM information_schema.columns WHERE table_schema ="
                " 'mig_0004' AND table_name = 'imports'")).scalars().all()
        assert "exported_on" not in columns
    finally:
        scoped.dispose()
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA mig_0004 CASCADE"))
        engine.dispose()


def test_migration_0008_marks_existing_imports_and_downgrade_drops_only_saisies(
    database_url: str,
) -> None:
    from database.manual_entry import create_saisie, edit_deal

    engine, scoped = _scoped_engine(database_url, "mig_0008")
    try:
        _upgrade_to(scoped, "0005")
        with scoped.begin() as connection:
            connection.execute(text(
                "INSERT INTO imports (file_name, sha256, detected, rows_read, rows_imported,"
                " rows_rejected, warnings, errors, exported_on) VALUES ('lundi.csv', 'x',"
                " '{}', 2, 2, 0, '[]', '[]', '2026-11-23')"))
            connection.execute(text(
                "CREATE TABLE deals_import_1 (LIKE deals INCLUDING DEFAULTS)"))
            connection.execute(text(
                "INSERT INTO deals_import_1 (import_id, source_row, deal_id, stage, status,"
                " amount) VALUES (1, 2, 'A', 'proposal', 'open', 1000.50),"
                " (1, 3, 'B', 'won', 'won', NULL)"))
            connection.execute(text(
                "ALTER TABLE deals ATTACH PARTITION deals_import_1 FOR VALUES IN (1)"))
            before = _all_deals(connection)
        upgrade_to_head(scoped)
        with scoped.connect() as connection:
            assert connection.execute(text(
                "SELECT kind, copied_from, revision FROM imports")).all() == [
                    ("import", None, 0)]
        saisie = create_saisie(scoped, copy_of=1)
        edit_deal(scoped, saisie, 2, {"amount": 2000})
        with scoped.connect() as connection:
            assert connection.execute(text(
                "SELECT count(*) FROM deal_journal")).scalar_one() == 1
            assert [row[2:] for row in _all_deals(connection) if row[0] == saisie] == [
                ("A", "open", Decimal("2000.00"), None), ("B", "won", None, None)]
        downgrade_to(scoped, "0005")
        with scoped.connect() as connection:
            assert _all_deals(connection) == before
            assert _partitions(connection) == {"deals_import_1": "FOR VALUES IN (1)"}
            assert "deal_journal" not in _tables(scoped)
            assert "kind" not in {c["name"] for c in inspect(connection).get_columns(
                "imports")}
    finally:
        scoped.dispose()
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA mig_0008 CASCADE"))
