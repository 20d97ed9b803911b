"""Shared fixtures: a real PostgreSQL for the session, never SQLite.

Without DATABASE_URL, a throwaway embedded server in a temporary folder. With it (CI's
PostgreSQL 15 run), a fresh database created on that server and dropped afterwards, so a
developer's own data is never touched.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from business_logic.stages import DEFAULT_STAGES
from database.config import sqlalchemy_url
from database.embedded import embedded_url
from database.engine import make_engine

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"
DATASETS_DIR = SHARED_DIR / "datasets"


def _fresh_database_on(server_url: str) -> tuple[str, Engine, str]:
    admin = create_engine(sqlalchemy_url(server_url), isolation_level="AUTOCOMMIT")
    name = f"crm_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(sqlalchemy_url(server_url)).set(database=name)
    return url.render_as_string(hide_password=False), admin, name


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a database that lives exactly as long as the test session."""
    configured = os.environ.get("DATABASE_URL", "").strip()
    if configured:
        url, admin, name = _fresh_database_on(configured)
        try:
            yield url
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    else:
        yield embedded_url(tmp_path_factory.mktemp("embedded-pg"))


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated Engine on the session database."""
    migrated = make_engine(database_url)
    yield migrated
    migrated.dispose()


@pytest.fixture
def clean_db(engine: Engine) -> Engine:
    """The session database emptied of imports and mappings, settings (stage probabilities,
    thresholds) back to defaults."""
    with engine.begin() as connection:
        connection.execute(
            text(
                "TRUNCATE imports, deals, deal_journal, stage_mappings, column_mappings,"
                " threshold_settings, objectives, scenarios, source_aliases"
                " RESTART IDENTITY"
            )
        )
        # TRUNCATE keeps each import's (now empty) partition: drop them, so a test sees
        # only the partitions of its own imports.
        for name in connection.execute(text(
                "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace"
                " AND relkind = 'r' AND relname ~ '^deals_import_[0-9]+$'")).scalars().all():
            connection.execute(text(f"DROP TABLE {name}"))
        connection.execute(text("TRUNCATE action_states"))
        for setting in DEFAULT_STAGES:
            connection.execute(
                text("UPDATE stage_settings SET probability = :p WHERE stage = :s"),
                {"p": setting.probability, "s": setting.stage},
            )
    return engine


@pytest.fixture
def app_env(database_url: str, clean_db: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """Point the app and the CLI (same process or subprocesses) at the test database."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    return clean_db


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """With CRM_NO_SKIPS=1 (.ci/run), a skipped test fails the run: CI has Chromium,
    pdftotext and ../shared, so a skip there means a test silently stopped running."""
    if os.environ.get("CRM_NO_SKIPS") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped and session.exitstatus == 0:
        if reporter:
            reporter.write_line(f"CRM_NO_SKIPS=1 : {skipped} test(s) ignoré(s), la CI échoue.",
                                red=True)
        session.exitstatus = 1
