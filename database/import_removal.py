"""Deleting an import: its `imports` row and its partition, in one transaction.

Kept apart from `database.snapshots` so that deleting imports neither the ORM models nor
pandas; `cli.py delete-import` goes further and talks to PostgreSQL with psycopg alone
(`delete_import_light`): importing SQLAlchemy was a third of the whole process, which must
stay under 1 s at 1M deals (issue 8, benchmarks/import_bench.py). Rows that point at the
import (`import_errors`, the deal journal…) follow the foreign keys' ON DELETE rules of the
migrations.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from database import snapshot_cache
from database.partitions import partition_name

if TYPE_CHECKING:
    from sqlalchemy import Engine

_DELETE_ROW = "DELETE FROM imports WHERE id = %s"


def delete_import(engine: Engine, import_id: int) -> bool:
    """Remove a snapshot: its `imports` row and its partition (a DROP, whatever its size);
    False when it did not exist."""
    from sqlalchemy import text

    from database.partitions import drop_partition

    with engine.begin() as connection:
        deleted = connection.execute(
            text("DELETE FROM imports WHERE id = :id"), {"id": int(import_id)}
        ).rowcount > 0
        if deleted:
            drop_partition(connection, import_id)
    _forget_cached(snapshot_cache.cache_dir(engine), import_id)
    return deleted


def delete_import_light(url: str, import_id: int) -> bool | None:
    """`delete_import` over one psycopg connection to `url` (as `resolve_url` gives it);
    None, with nothing done, when the schema is not at the migration scripts' head — the
    caller then goes through `get_engine()`, which migrates first."""
    import psycopg
    from psycopg import sql

    from database.errors import CONNECT_TIMEOUT_S, statement_timeout_seconds
    from database.revisions import head_revision

    conninfo = "postgresql://" + url.split("://", 1)[1]
    options = {} if "connect_timeout" in _query(url) else {"connect_timeout": CONNECT_TIMEOUT_S}
    with psycopg.connect(conninfo, **options) as connection:
        # A SET, not a startup option, as database/engine.py: poolers refuse those.
        connection.execute(f"SET statement_timeout = {int(statement_timeout_seconds()) * 1000}")
        if not _at_head(connection, head_revision()):
            return None
        with connection.transaction():
            deleted = connection.execute(_DELETE_ROW, (int(import_id),)).rowcount > 0
            if deleted:
                connection.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(
                    sql.Identifier(partition_name(import_id))))
    _forget_cached(snapshot_cache.cache_dir_of_host(_query(url).get("host", [None])[0]),
                   import_id)
    return deleted


def _at_head(connection, head: str | None) -> bool:  # noqa: ANN001 - a psycopg Connection
    if head is None:
        return False
    if connection.execute("SELECT to_regclass('alembic_version')").fetchone()[0] is None:
        return False
    return connection.execute("SELECT version_num FROM alembic_version").fetchall() == [(head,)]


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def _forget_cached(folder: Path | None, import_id: int) -> None:
    if folder is not None:
        snapshot_cache.forget(folder, import_id)
