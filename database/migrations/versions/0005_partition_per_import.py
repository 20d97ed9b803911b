"""One partition per import: `deals` becomes LIST-partitioned on `import_id` (issue 8).

Why: a snapshot is written once and read or dropped whole. Into one shared table, COPY paid
a per-row foreign-key check and four secondary indexes (~10 s per 1M rows on a 2-core box,
against ~2.5 s into a bare table), and deleting an import deleted its rows one by one.
Now an import COPYs into a bare table of its own and attaches it; deleting it is a DROP.

After: `deals` is a partitioned parent with the same columns, no primary key, no foreign
key and no index (the read path scans one whole partition: EXPLAIN shows no index used).
Each import has a partition `deals_import_<id>` holding `CHECK (import_id = <id>)`, which
lets ATTACH skip its validation scan. Pairing a partition with its `imports` row is the
application's job, in one transaction (database/partitions.py).

Upgrade moves every existing deal into its import's partition; downgrade puts them all
back into one table with the 0001 key, foreign key and indexes. Neither needs superuser.

Revision ID: 0005
Revises: 0003 (re-chained after 0004 at merge time)
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD_INDEXES = {
    "ix_deals_import_stage": "stage",
    "ix_deals_import_sector": "sector",
    "ix_deals_import_owner": "owner",
    "ix_deals_import_expected_close": "expected_close_date",
}


def _partition_ids(connection) -> list[int]:
    return list(connection.execute(text("SELECT id FROM imports ORDER BY id")).scalars())


def upgrade() -> None:
    connection = op.get_bind()
    op.execute("ALTER TABLE deals RENAME TO deals_unpartitioned")
    op.execute("ALTER TABLE deals_unpartitioned DROP CONSTRAINT pk_deals")
    op.execute("ALTER TABLE deals_unpartitioned DROP CONSTRAINT fk_deals_import_id_imports")
    for index in _OLD_INDEXES:
        op.execute(f"DROP INDEX {index}")
    op.execute(
        "CREATE TABLE deals (LIKE deals_unpartitioned INCLUDING DEFAULTS)"
        " PARTITION BY LIST (import_id)"
    )
    # Frozen copy of database/partitions.py at this revision (migrations never import code
    # that may change later).
    for import_id in _partition_ids(connection):
        name = f"deals_import_{import_id}"
        op.execute(
            f"CREATE TABLE {name} (LIKE deals INCLUDING DEFAULTS,"
            f" CONSTRAINT ck_{name}_import_id CHECK (import_id = {import_id}))"
        )
        op.execute(
            f"INSERT INTO {name} SELECT * FROM deals_unpartitioned"
            f" WHERE import_id = {import_id} ORDER BY source_row"
        )
        op.execute(f"ALTER TABLE deals ATTACH PARTITION {name} FOR VALUES IN ({import_id})")
    op.execute("DROP TABLE deals_unpartitioned")


def downgrade() -> None:
    op.execute("CREATE TABLE deals_flat (LIKE deals INCLUDING DEFAULTS)")
    # A partition whose import row is gone has no place under the old foreign key.
    op.execute(
        "INSERT INTO deals_flat SELECT * FROM deals"
        " WHERE import_id IN (SELECT id FROM imports) ORDER BY import_id, source_row"
    )
    op.execute("DROP TABLE deals")  # and every partition attached to it
    for name in _detached_import_tables():
        op.execute(f"DROP TABLE {name}")
    op.execute("ALTER TABLE deals_flat RENAME TO deals")
    op.execute("ALTER TABLE deals ADD CONSTRAINT pk_deals PRIMARY KEY (import_id, source_row)")
    op.execute(
        "ALTER TABLE deals ADD CONSTRAINT fk_deals_import_id_imports FOREIGN KEY (import_id)"
        " REFERENCES imports (id) ON DELETE CASCADE"
    )
    for index, column in _OLD_INDEXES.items():
        op.execute(f"CREATE INDEX {index} ON deals (import_id, {column})")


def _detached_import_tables() -> list[str]:
    """Bare import tables left detached (none in normal use: an import attaches its table in
    the transaction that creates it), so that a later upgrade can recreate them."""
    rows = op.get_bind().execute(text(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = current_schema() AND c.relkind = 'r'"
        " AND c.relname ~ '^deals_import_[0-9]+$'"
    ))
    return list(rows.scalars())
