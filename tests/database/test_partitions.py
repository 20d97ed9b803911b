"""One partition per import (migration 0005): attached on save, dropped on delete, and
nothing left behind by an import killed mid-COPY."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

from sqlalchemy import Connection, Engine, text

from database import delete_import, load_deals, save_import
from tests.conftest import REPO_ROOT
from tests.database.test_snapshots import REPORT, _deals


def _import_tables(connection: Connection) -> list[str]:
    """Every table named like an import's partition in the current schema, attached or not."""
    return list(connection.execute(text(
        "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace"
        " AND relkind = 'r' AND relname ~ '^deals_import_[0-9]+$' ORDER BY relname"
    )).scalars())


def _attached(connection: Connection) -> list[str]:
    return list(connection.execute(text(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
        " WHERE i.inhparent = 'deals'::regclass ORDER BY c.relname"
    )).scalars())


def _save(engine: Engine) -> int:
    return save_import(engine, file_name="export.csv", sha256="abc", report=REPORT,
                       deals=_deals())


def test_each_import_is_one_attached_partition(clean_db: Engine) -> None:
    first, second = _save(clean_db), _save(clean_db)
    with clean_db.connect() as connection:
        assert _attached(connection) == [f"deals_import_{first}", f"deals_import_{second}"]
        assert connection.execute(text(
            f"SELECT count(*) FROM deals_import_{second}")).scalar_one() == 2


def test_the_read_plan_scans_only_the_snapshots_partition(clean_db: Engine) -> None:
    first, second = _save(clean_db), _save(clean_db)
    with clean_db.connect() as connection:
        plan = "\n".join(connection.execute(text(
            f"EXPLAIN SELECT * FROM deals WHERE import_id = {second}")).scalars())
    assert f"deals_import_{second}" in plan
    assert f"deals_import_{first} " not in plan


def test_delete_drops_the_partition(clean_db: Engine) -> None:
    keep, gone = _save(clean_db), _save(clean_db)
    assert delete_import(clean_db, gone) is True
    with clean_db.connect() as connection:
        assert _import_tables(connection) == [f"deals_import_{keep}"]
    assert len(load_deals(clean_db, keep)) == 2
    assert load_deals(clean_db, gone).empty


def test_an_id_reused_after_truncate_gets_a_fresh_partition(clean_db: Engine) -> None:
    with clean_db.begin() as connection:  # what tests and benchmarks do between runs
        connection.execute(text("TRUNCATE imports, deals, deal_journal RESTART IDENTITY"))
    import_id = _save(clean_db)
    assert list(load_deals(clean_db, import_id)["deal_id"]) == ["D1", "D2"]


_KILLED_IMPORT = textwrap.dedent("""
    import sys, time
    import database.deal_copy as deal_copy
    from database import make_engine, save_import
    from tests.database.test_snapshots import REPORT, _deals

    real_chunks = deal_copy._csv_chunks

    def first_chunk_then_hang(table):
        for chunk in real_chunks(table):
            yield chunk
            print("COPY en cours", flush=True)
            time.sleep(600)

    deal_copy._csv_chunks = first_chunk_then_hang
    save_import(make_engine(sys.argv[1]), file_name="tué.csv", sha256="x", report=REPORT,
                deals=_deals())
""")


def _copy_backends(engine: Engine) -> int:
    """Backends inside a COPY into an import's table (a new transaction each time: the
    statistics views are a snapshot per transaction)."""
    with engine.connect() as connection:
        return connection.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY \"deals_import_%'"
            " AND datname = current_database()"
        )).scalar_one()


def _wait_for(condition, timeout_s: float = 60.0) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "délai dépassé"
        time.sleep(0.1)


def test_an_import_killed_mid_copy_leaves_nothing(clean_db: Engine, database_url: str) -> None:
    with clean_db.begin() as connection:  # clean_db's TRUNCATE keeps empty partitions
        for name in _import_tables(connection):
            connection.execute(text(f"DROP TABLE {name}"))
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_IMPORT, database_url], cwd=REPO_ROOT,
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    try:
        assert child.stdout.readline().strip() == "COPY en cours"
        assert _copy_backends(clean_db) == 1  # the server is inside the COPY
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    _wait_for(lambda: _copy_backends(clean_db) == 0)
    with clean_db.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM imports")).scalar_one() == 0
        assert connection.execute(text("SELECT count(*) FROM deals")).scalar_one() == 0
        assert _import_tables(connection) == []
