"""Columnar copy of a snapshot next to the embedded server's data (issue 8, item 3).

A snapshot is never modified after its import (probabilities are applied at read time),
so its stored columns can be kept as an Arrow IPC file and memory-mapped back instead of
going through `COPY … TO STDOUT` and a CSV parse (1M deals: ~0.2 s instead of ~2.4 s,
benchmarks/RESULTS.md). PostgreSQL stays the source of truth: the file is written from
what PostgreSQL returned, and a missing, unreadable or stale file means "read PostgreSQL".

Only for the embedded server, whose data folder is on this machine (the engine's socket
folder is `<CRM_DATA_DIR>/pgdata`); a remote `DATABASE_URL` never uses a cache. A file is
named by the import id and its `imported_at` (and the database and schema, and a saisie's
`revision`, bumped by each change: docs/saisie.md), so an id reused after the database was
emptied, or an edited saisie, never reads another state's file; `delete_import`
removes the id's files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pyarrow and pandas only to read or write a file: `forget` stays light
    import pandas as pd
    import pyarrow as pa
    from sqlalchemy import Connection, Engine

CACHE_FOLDER = "snapshot-cache"


def cache_dir(engine: Engine) -> Path | None:
    """`<data folder>/snapshot-cache` for the embedded server, None for any other one."""
    return cache_dir_of_host(engine.url.query.get("host"))


def cache_dir_of_host(host: object) -> Path | None:
    """The same from the URL's `host` parameter (the embedded server's socket folder)."""
    if not isinstance(host, str) or not host.startswith("/"):
        return None
    socket_dir = Path(host)
    if socket_dir.name != "pgdata" or not (socket_dir / "PG_VERSION").exists():
        return None
    return socket_dir.parent / CACHE_FOLDER


def cache_file(folder: Path, connection: Connection, import_id: int) -> Path | None:
    """The file that holds (or will hold) `import_id`; None when the import is unknown."""
    from sqlalchemy import text

    row = connection.execute(text(
        "SELECT imported_at, current_database(), current_schema(), revision FROM imports"
        " WHERE id = :id"
    ), {"id": import_id}).first()
    if row is None:
        return None
    imported_at, database, schema, revision = row
    stamp = f"{imported_at.astimezone(dt.UTC).isoformat()}|{database}|{schema}"
    if revision:  # a saisie changed since it was created (migration 0008)
        stamp += f"|r{revision}"
    digest = hashlib.sha256(stamp.encode()).hexdigest()[:16]
    return folder / f"{int(import_id)}-{digest}.arrow"


def read_cached(path: Path) -> pd.DataFrame | None:
    """The stored columns of a snapshot, or None (no file, or one this code cannot use)."""
    import pyarrow as pa
    import pyarrow.ipc as pa_ipc

    from business_logic.columns import CANONICAL_COLUMNS, coerce_canonical_dtypes

    try:
        with pa.memory_map(str(path)) as source:
            table = pa_ipc.open_file(source).read_all()
    except (OSError, pa.ArrowInvalid):
        return None
    if table.column_names != list(CANONICAL_COLUMNS):
        return None
    return coerce_canonical_dtypes(table.to_pandas())


def write_cached(path: Path, deals: pd.DataFrame) -> None:
    """Write atomically (temporary file + rename): a reader sees a whole file or none.
    A failure (disk full, read-only folder) only means the next read uses PostgreSQL."""
    import pyarrow as pa

    write_cached_table(path, pa.Table.from_pandas(deals, preserve_index=False))


def write_cached_table(path: Path, table: pa.Table) -> None:
    """`write_cached` for an Arrow table of the stored columns (what an import sent)."""
    publish(write_temporary(path.parent, table), path)


def write_temporary(folder: Path, table: pa.Table) -> Path | None:
    """The table in a temporary file of `folder` (None on failure), for `publish`: an
    import writes it while PostgreSQL takes its last rows, and names it once committed."""
    import pyarrow as pa
    import pyarrow.ipc as pa_ipc

    temporary = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as sink, pa_ipc.new_file(sink, table.schema) as out:
            out.write_table(table)
        return Path(temporary)
    except (OSError, pa.ArrowException):
        discard(temporary)
        return None


def publish(temporary: Path | None, path: Path | None) -> None:
    """Give a `write_temporary` file its name (atomic: a reader sees it whole or not at
    all); without a name it is removed."""
    if temporary is None:
        return
    try:
        if path is not None:
            os.replace(temporary, path)
    except OSError:
        pass
    discard(temporary)


def discard(temporary: str | Path | None) -> None:
    if temporary is not None and os.path.exists(temporary):
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def forget(folder: Path, import_id: int) -> None:
    """Remove every cached file of `import_id` (after its deletion)."""
    for path in folder.glob(f"{int(import_id)}-*.arrow"):
        with contextlib.suppress(OSError):
            path.unlink()
