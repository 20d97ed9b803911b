"""The one Engine of a process: `DATABASE_URL` or the embedded server, migrated to head.

Robustness (issue 7): only PostgreSQL URLs are accepted (`config.sqlalchemy_url`); a
connection gives up after `CONNECT_TIMEOUT_S` unless the URL sets `connect_timeout`; every
statement after `CRM_STATEMENT_TIMEOUT` seconds; driver failures that mean "the database
cannot serve us" become `DatabaseUnavailable` with a French message; concurrent first starts
take turns on the migration under a PostgreSQL advisory lock.
"""

from __future__ import annotations

import sys
import threading
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import ExceptionContext, make_url

from database.config import resolve_url, sqlalchemy_url
from database.errors import (
    CONNECT_TIMEOUT_S,
    DatabaseUnavailable,
    describe_database_error,
    is_unavailability,
    statement_timeout_seconds,
)
from database.revisions import head_revision

if TYPE_CHECKING:
    from alembic.config import Config

_ALEMBIC_INI = Path(__file__).resolve().parent.parent / "alembic.ini"
# Fixed key of the advisory lock that serialises `alembic upgrade head` across processes
# sharing a database (two CLIs, the app and a cron job starting on a fresh database).
MIGRATION_LOCK_KEY = 0x43524D_4D4947  # "CRM" "MIG"
# Alembic's `context` is a module global: two threads of one process (Streamlit sessions)
# must not run it at the same time either.
_ALEMBIC_IN_PROCESS = threading.Lock()


def alembic_config() -> Config:
    from alembic.config import Config

    return Config(str(_ALEMBIC_INI))


def is_at_head(engine: Engine) -> bool:
    """Whether the database's Alembic version is the scripts' head: then there is nothing
    to upgrade and Alembic need not even be imported. Anything else (no table yet, an older
    or unknown revision, several rows) goes through `upgrade_to_head`."""
    head = head_revision()
    if head is None:
        return False
    with engine.connect() as connection:
        if connection.execute(text("SELECT to_regclass('alembic_version')")).scalar() is None:
            return False
        found = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    return [tuple(row) for row in found] == [(head,)]


def upgrade_to_head(engine: Engine) -> None:
    """Create or evolve the schema; the only way the schema changes (DEVELOPERS.md).

    The transaction-scoped advisory lock makes a second process wait for the first one's
    upgrade to commit, then find the schema at head: no duplicate `CREATE`, no
    IntegrityError on `alembic_version`. A migration may outlast the read timeout, so the
    lock's transaction has none.
    """
    from alembic import command

    config = alembic_config()
    with _ALEMBIC_IN_PROCESS, engine.begin() as connection:
        connection.execute(text("SET LOCAL statement_timeout = 0"))
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                           {"key": MIGRATION_LOCK_KEY})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def downgrade_to(engine: Engine, revision: str) -> None:
    from alembic import command

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
        if not is_at_head(engine):
            upgrade_to_head(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def forget_failed_connections() -> None:
    """After `DatabaseUnavailable`, make the next `get_engine`/`resolve_url` look again:
    an embedded server that died is then started anew (the app's retry button)."""
    embedded = sys.modules.get("database.embedded")
    if embedded is not None:  # never imported: no server was started, nothing to forget
        embedded.embedded_url.cache_clear()
    get_engine.cache_clear()


@cache
def get_engine() -> Engine:
    """The process-wide Engine; Streamlit additionally wraps it in `st.cache_resource`."""
    return make_engine(resolve_url())
