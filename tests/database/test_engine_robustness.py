"""Engine robustness (issue 7): PostgreSQL only, bounded waits, one migration at a time."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from database.config import sqlalchemy_url
from database.engine import make_engine
from database.errors import DatabaseUnavailable, NotPostgresUrl
from tests.conftest import REPO_ROOT


@pytest.mark.parametrize(
    "url", ["mysql://u:p@h/db", "sqlite:///crm.db", "http://example.org", "n'importe quoi", ""]
)
def test_a_non_postgres_url_is_refused_in_french(url: str) -> None:
    with pytest.raises(NotPostgresUrl, match="DATABASE_URL doit désigner une base PostgreSQL"):
        sqlalchemy_url(url)


def test_the_refusal_does_not_print_the_password() -> None:
    with pytest.raises(NotPostgresUrl) as caught:
        sqlalchemy_url("mysql://admin:s3cret@host/db")
    assert "s3cret" not in str(caught.value)


@pytest.mark.parametrize(
    "url", ["postgres://u@h/db", "postgresql://u@h/db", "postgresql+psycopg://u@h/db"]
)
def test_every_postgres_scheme_uses_psycopg_3(url: str) -> None:
    assert sqlalchemy_url(url) == "postgresql+psycopg://u@h/db"


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A TCP server on 127.0.0.1 that accepts connections and never answers."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join(timeout=5)
    for connection in accepted:
        connection.close()
    listener.close()


def test_a_server_that_never_answers_ends_in_a_french_message(silent_server: int) -> None:
    url = f"postgresql://u@127.0.0.1:{silent_server}/db?connect_timeout=2"
    with pytest.raises(DatabaseUnavailable, match="Base de données injoignable"):
        make_engine(url)


def test_without_connect_timeout_in_the_url_one_is_set() -> None:
    from database.engine import connect_args_for

    assert connect_args_for("postgresql+psycopg://u@h/db") == {"connect_timeout": 10}
    assert connect_args_for("postgresql+psycopg://u@h/db?connect_timeout=3") == {}


def test_a_closed_port_ends_in_a_french_message() -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    with pytest.raises(DatabaseUnavailable, match="Base de données injoignable"):
        make_engine(f"postgresql://u@127.0.0.1:{port}/db")


def test_a_slow_statement_is_cancelled_with_a_french_message(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRM_STATEMENT_TIMEOUT", "1")
    engine = make_engine(database_url)
    try:
        with pytest.raises(DatabaseUnavailable, match="n'a pas répondu en 1 s"), \
                engine.connect() as connection:
            connection.execute(text("SELECT pg_sleep(5)"))
    finally:
        engine.dispose()


def test_concurrent_first_starts_on_a_fresh_database_all_succeed(database_url: str) -> None:
    """Three processes (two CLIs and a cron job) migrate one fresh database at once."""
    admin = create_engine(sqlalchemy_url(database_url), isolation_level="AUTOCOMMIT")
    name = f"crm_race_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(sqlalchemy_url(database_url)).set(database=name)
    fresh = url.render_as_string(hide_password=False)
    start_at = time.time() + 4  # every process imports first, then they start together
    script = (
        "import sys, time; from database.engine import make_engine; "
        f"time.sleep(max(0, {start_at} - time.time())); make_engine(sys.argv[1]).dispose()"
    )
    try:
        starts = [
            subprocess.Popen([sys.executable, "-c", script, fresh], cwd=REPO_ROOT,
                             stderr=subprocess.PIPE, text=True)
            for _ in range(3)
        ]
        outcomes = [(p.wait(timeout=120), p.stderr.read()) for p in starts]
        assert outcomes == [(0, "")] * 3
        check = create_engine(fresh)
        with check.connect() as connection:
            versions = connection.execute(text("SELECT count(*) FROM alembic_version")).scalar()
            stages = connection.execute(text("SELECT count(*) FROM stage_settings")).scalar()
        check.dispose()
        assert (versions, stages) == (1, 6)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_a_start_waits_for_the_migration_lock_held_by_another(database_url: str) -> None:
    """While another process holds the migration lock, a first start waits, then succeeds."""
    from database.engine import MIGRATION_LOCK_KEY

    admin = create_engine(sqlalchemy_url(database_url), isolation_level="AUTOCOMMIT")
    name = f"crm_lock_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    fresh = make_url(sqlalchemy_url(database_url)).set(database=name)
    holder = create_engine(fresh)
    script = "import sys; from database.engine import make_engine; make_engine(sys.argv[1])"
    try:
        with holder.connect() as held:
            held.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
            start = subprocess.Popen(
                [sys.executable, "-c", script, fresh.render_as_string(hide_password=False)],
                cwd=REPO_ROOT, stderr=subprocess.PIPE, text=True,
            )
            waiting = 0
            for _ in range(600):  # up to 60 s for the process to import and reach the lock
                waiting = held.execute(text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                    " AND NOT granted AND database = (SELECT oid FROM pg_database"
                    " WHERE datname = current_database())"
                )).scalar()
                if waiting or start.poll() is not None:
                    break
                time.sleep(0.1)
            held.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK_KEY})
            held.commit()
        assert waiting == 1
        assert (start.wait(timeout=120), start.stderr.read()) == (0, "")
    finally:
        holder.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
