"""The one Engine of a process: `DATABASE_URL` or the embedded server, migrated to head.

Robustness (issue 7): only PostgreSQL URLs are accepted (`config.sqlalchemy_url`); a
connection gives up after `CONNECT_TIMEOUT_S` unless the URL sets `connect_timeout`; every
statement after `CRM_STATEMENT_TIMEOUT` seconds; driver failures that mean "the database
cannot serve us" become `DatabaseUnavailable` with a French message; concurrent first starts
take turns on the migration under a PostgreSQL advisory lock.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import ExceptionContext, make_url

from database.config import database_url_from_env, sqlalchemy_url
from database.embedded import embedded_url
from database.errors import (
    CONNECT_TIMEOUT_S,
    DatabaseUnavailable,
    describe_database_error,
    is_unavailability,
    statement_timeout_seconds,
)

_ALEMBIC_INI = Path(__file__).resolve().parent.parent / "alembic.ini"
# Fixed key of the advisory lock that serialises `alembic upgrade head` across processes
# sharing a database (two CLIs, the app and a cron job starting on a fresh database).
MIGRATION_LOCK_KEY = 0x43524D_4D4947  # "CRM" "MIG"
# Alembic's `context` is a module global: two threads of one process (Streamlit sessions)
# must not run it at the same time either.
_ALEMBIC_IN_PROCESS = threading.Lock()


def resolve_url() -> str:
    """`DATABASE_URL` when set (docs/cli.md "Quelle base de données ?"), else the embedded
    server."""
    configured = database_url_from_env()
    return sqlalchemy_url(configured) if configured else embedded_url()


def alembic_config() -> Config:
    return Config(str(_ALEMBIC_INI))


def upgrade_to_head(engine: Engine) -> None:
    """Create or evolve the schema; the only way the schema changes (DEVELOPERS.md).

    The transaction-scoped advisory lock makes a second process wait for the first one's
    upgrade to commit, then find the schema at head: no duplicate `CREATE`, no
    IntegrityError on `alembic_version`. A migration may outlast the read timeout, so the
    lock's transaction has none.
    """
    config = alembic_config()
    with _ALEMBIC_IN_PROCESS, engine.begin() as connection:
        connection.execute(text("SET LOCAL statement_timeout = 0"))
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                           {"key": MIGRATION_LOCK_KEY})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def downgrade_to(engine: Engine, revision: str) -> None:
    config = alembic_config()
    with _ALEMBIC_IN_PROCESS, engine.begin() as connection:
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                           {"key": MIGRATION_LOCK_KEY})
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def connect_args_for(url: str) -> dict[str, object]:
    """A bounded connection attempt, unless the URL already chooses its own bound."""
    if "connect_timeout" in make_url(url).query:
        return {}
    return {"connect_timeout": CONNECT_TIMEOUT_S}


def _install_guards(engine: Engine, timeout_s: int) -> None:
    @event.listens_for(engine, "connect")
    def _set_statement_timeout(dbapi_connection, _record) -> None:  # noqa: ANN001
        # A SET, not a startup `options` parameter: poolers such as Neon's refuse those.
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {int(timeout_s) * 1000}")
        dbapi_connection.commit()

    @event.listens_for(engine, "handle_error")
    def _in_french(context: ExceptionContext) -> None:
        if context.is_pre_ping:
            return  # the pool retries a stale connection by itself
        if is_unavailability(context.original_exception):
            raise DatabaseUnavailable(
                describe_database_error(context.original_exception)
            ) from context.original_exception


def make_engine(url: str) -> Engine:
    """A migrated Engine for `url` (psycopg 3 driver); raises `DatabaseUnavailable`."""
    driver_url = sqlalchemy_url(url)
    engine = create_engine(driver_url, pool_pre_ping=True,
                           connect_args=connect_args_for(driver_url))
    _install_guards(engine, statement_timeout_seconds())
    try:
        upgrade_to_head(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def forget_failed_connections() -> None:
    """After `DatabaseUnavailable`, make the next `get_engine`/`resolve_url` look again:
    an embedded server that died is then started anew (the app's retry button)."""
    embedded_url.cache_clear()
    get_engine.cache_clear()


@cache
def get_engine() -> Engine:
    """The process-wide Engine; Streamlit additionally wraps it in `st.cache_resource`."""
    return make_engine(resolve_url())
