"""One `deals` partition per import (migration 0005): create bare, fill, attach; drop.

An import's deals go into a table of their own, `deals_import_<id>`, created in the
importing transaction with no key, no foreign key and no index: COPY then costs what COPY
into a bare table costs (~2.5 s per 1M rows here, against ~10 s into the old indexed
table). Its `CHECK (import_id = <id>)` proves the partition bound, so ATTACH does not scan
it; ATTACH takes only a SHARE UPDATE EXCLUSIVE lock on `deals`, so readers of other
snapshots are never blocked by an import in progress. Everything happens in the caller's
transaction: a failed or killed import leaves neither its table nor its `imports` row.

No index is built: every read takes a whole snapshot (`load_deals`), a sequential scan of
one partition (EXPLAIN, benchmarks/RESULTS.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from psycopg import sql

if TYPE_CHECKING:
    from sqlalchemy import Connection


def partition_name(import_id: int) -> str:
    return f"deals_import_{int(import_id)}"


def create_bare_partition(connection: Connection, import_id: int) -> str:
    """Create the empty, not yet attached table of `import_id`; return its name.

    A table of that name can only be a leftover whose `imports` row is gone (ids come from
    a sequence: `TRUNCATE … RESTART IDENTITY` in tests reuses them), so it is dropped.
    """
    from sqlalchemy import text  # `delete-import` reads only partition_name

    name = partition_name(import_id)
    import_id = int(import_id)
    connection.execute(text(f"DROP TABLE IF EXISTS {name}"))
    connection.execute(text(
        f"CREATE TABLE {name} (LIKE deals INCLUDING DEFAULTS,"
        f" CONSTRAINT ck_{name}_import_id CHECK (import_id = {import_id}))"
    ))
    # COPY then sends no import_id at all (smaller CSV, nothing to parse per row).
    connection.execute(text(f"ALTER TABLE {name} ALTER COLUMN import_id SET DEFAULT {import_id}"))
    return name


def attach_partition(connection: Connection, import_id: int) -> None:
    from sqlalchemy import text  # `delete-import` reads only partition_name

    name = partition_name(import_id)
    connection.execute(text(
        f"ALTER TABLE deals ATTACH PARTITION {name} FOR VALUES IN ({int(import_id)})"
    ))


def drop_partition(connection: Connection, import_id: int) -> None:
    """Drop the deals of `import_id` (no-op when it has none): one unlink, not 1M deletes."""
    from sqlalchemy import text  # `delete-import` reads only partition_name

    connection.execute(text(f"DROP TABLE IF EXISTS {partition_name(import_id)}"))


def copy_into(import_id: int, columns: tuple[str, ...]) -> sql.Composed:
    """COPY into the bare table created in this transaction; FREEZE writes the rows already
    frozen, so the first read does not rewrite every page to set hint bits."""
    return sql.SQL("COPY {} ({}) FROM STDIN (FORMAT csv, FREEZE)").format(
        sql.Identifier(partition_name(import_id)),
        sql.SQL(", ").join(sql.Identifier(c) for c in columns),
    )
