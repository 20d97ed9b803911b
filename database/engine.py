"""The one Engine of a process: `DATABASE_URL` or the embedded server, migrated to head."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine

from database.config import database_url_from_env, sqlalchemy_url
from database.embedded import embedded_url

_ALEMBIC_INI = Path(__file__).resolve().parent.parent / "alembic.ini"


def resolve_url() -> str:
    """`DATABASE_URL` when set (cli.md "Database selection"), else the embedded server."""
    configured = database_url_from_env()
    return sqlalchemy_url(configured) if configured else embedded_url()


def alembic_config() -> Config:
    return Config(str(_ALEMBIC_INI))


def upgrade_to_head(engine: Engine) -> None:
    """Create or evolve the schema; the only way the schema changes (DEVELOPERS.md)."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def downgrade_to(engine: Engine, revision: str) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def make_engine(url: str) -> Engine:
    """A migrated Engine for `url` (psycopg 3 driver)."""
    engine = create_engine(sqlalchemy_url(url), pool_pre_ping=True)
    upgrade_to_head(engine)
    return engine


@cache
def get_engine() -> Engine:
    """The process-wide Engine; Streamlit additionally wraps it in `st.cache_resource`."""
    return make_engine(resolve_url())
