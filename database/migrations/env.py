"""Alembic environment: runs on the connection the app hands over, or resolves the URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from database.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    from database.engine import resolve_url

    engine = create_engine(resolve_url(), poolclass=pool.NullPool)
    with engine.connect() as conn:
        _run(conn)
