"""Per-stage entry dates in the database (issue 9, item 6; migration 0011): through the
bare-partition COPY and back, in every partition after the migration."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, create_engine, text

from database import load_deals
from database.engine import downgrade_to, upgrade_to_head
from database.import_flow import run_import
from tests.database.test_migrations import _upgrade_to

ENTRY_COLUMNS = ("entered_prospect", "entered_qualified", "entered_proposal",
                 "entered_negotiation", "entered_won", "entered_lost")
HUBSPOT = (
    b"Record ID,Deal Name,Deal Stage,Amount,"
    b'Date entered "Appointment Scheduled (Sales Pipeline)",'
    b"Date entered Qualified To Buy (Sales Pipeline),Date entered Closed Won (Sales Pipeline)\n"
    b"1,A,closedwon,100,2026-01-02 10:00,2026-01-20,2026-03-01\n"
    b"2,B,qualifiedtobuy,200,2026-01-05,2026-02-01,\n"
)


def test_import_stores_entry_dates_and_reads_them_back(clean_db: Engine) -> None:
    stored = run_import(clean_db, HUBSPOT, "hubspot-2026-03-02.csv")
    deals = load_deals(clean_db, stored.import_id)
    assert deals["entered_prospect"].tolist() == [pd.Timestamp(2026, 1, 2),
                                                  pd.Timestamp(2026, 1, 5)]
    assert deals["entered_qualified"].tolist() == [pd.Timestamp(2026, 1, 20),
                                                   pd.Timestamp(2026, 2, 1)]
    assert deals["entered_won"].iloc[0] == pd.Timestamp(2026, 3, 1)
    assert pd.isna(deals["entered_won"].iloc[1])
    assert deals["entered_proposal"].isna().all()
    with clean_db.connect() as connection:  # stored in the import's own partition
        stored_dates = connection.execute(text(
            f"SELECT entered_won::text FROM deals_import_{stored.import_id}"
            " ORDER BY source_row")).scalars().all()
    assert stored_dates == ["2026-03-01", None]


def _columns(connection, table: str) -> set[str]:
    return set(connection.execute(text(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'mig_0011'"
        " AND table_name = :t"), {"t": table}).scalars())


def test_migration_0011_adds_the_columns_to_every_partition_and_keeps_the_deals(
    database_url: str,
) -> None:
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE SCHEMA mig_0011"))
    scoped = create_engine(database_url, connect_args={"options": "-csearch_path=mig_0011"})
    try:
        _upgrade_to(scoped, "0005")
        with scoped.begin() as connection:
            for import_id in (1, 2):
                connection.execute(text(
                    "INSERT INTO imports (file_name, sha256, exported_on, detected, rows_read,"
                    " rows_imported, rows_rejected, warnings, errors) VALUES (:f, 'x',"
                    " '2026-11-19', '{}', 1, 1, 0, '[]', '[]')"), {"f": f"f{import_id}.csv"})
                name = f"deals_import_{import_id}"
                connection.execute(text(
                    f"CREATE TABLE {name} (LIKE deals INCLUDING DEFAULTS, CONSTRAINT"
                    f" ck_{name} CHECK (import_id = {import_id}))"))
                connection.execute(text(
                    f"INSERT INTO {name} (import_id, source_row, deal_id, stage, status, amount)"
                    f" VALUES ({import_id}, 2, 'A{import_id}', 'proposal', 'open', 1000)"))
                connection.execute(text(
                    f"ALTER TABLE deals ATTACH PARTITION {name} FOR VALUES IN ({import_id})"))
        upgrade_to_head(scoped)
        with scoped.begin() as connection:
            for table in ("deals", "deals_import_1", "deals_import_2"):
                assert set(ENTRY_COLUMNS) <= _columns(connection, table), table
            connection.execute(text(
                "UPDATE deals SET entered_proposal = '2026-10-01' WHERE import_id = 2"))
        old, new = load_deals(scoped, 1), load_deals(scoped, 2)
        assert list(old["deal_id"]) == ["A1"] and old["amount"].tolist() == [1000.0]
        assert old["entered_proposal"].isna().all()
        assert new["entered_proposal"].tolist() == [pd.Timestamp(2026, 10, 1)]
        downgrade_to(scoped, "0005")
        with scoped.connect() as connection:
            assert not set(ENTRY_COLUMNS) & _columns(connection, "deals_import_2")
            assert connection.execute(text("SELECT deal_id FROM deals ORDER BY import_id")
                                      ).scalars().all() == ["A1", "A2"]
    finally:
        scoped.dispose()
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA mig_0011 CASCADE"))
        engine.dispose()
