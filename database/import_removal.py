"""Deleting an import: its `imports` row and its partition, in one transaction.

Kept apart from `database.snapshots` so that `cli.py delete-import` imports neither the ORM
models (~0.2 s) nor pandas: the whole process must stay under 1 s at 1M deals (issue 8,
benchmarks/import_bench.py). Rows that point at the import (`import_errors`, the deal
journal…) follow the foreign keys' ON DELETE rules of the migrations.
"""

from __future__ import annotations

from sqlalchemy import Engine, text

from database import snapshot_cache
from database.partitions import drop_partition


def delete_import(engine: Engine, import_id: int) -> bool:
    """Remove a snapshot: its `imports` row and its partition (a DROP, whatever its size);
    False when it did not exist."""
    with engine.begin() as connection:
        deleted = connection.execute(
            text("DELETE FROM imports WHERE id = :id"), {"id": int(import_id)}
        ).rowcount > 0
        if deleted:
            drop_partition(connection, import_id)
    folder = snapshot_cache.cache_dir(engine)
    if folder is not None:
        snapshot_cache.forget(folder, import_id)
    return deleted
