"""The embedded server runs with minimal WAL (database/embedded_settings.py, issue 8)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from database.embedded_settings import MARKER, ensure_settings, settings_block
from tests.conftest import REPO_ROOT

SHOW_WAL_LEVEL = """
import sys
from pathlib import Path
from sqlalchemy import create_engine, text
from database.embedded import embedded_url
engine = create_engine(embedded_url(Path(sys.argv[1])))
with engine.connect() as connection:
    print(connection.execute(text("SHOW wal_level")).scalar())
engine.dispose()
"""


def _wal_level(folder: Path) -> str:
    result = subprocess.run([sys.executable, "-c", SHOW_WAL_LEVEL, str(folder)], cwd=REPO_ROOT,
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_settings_are_appended_after_what_initdb_wrote(tmp_path: Path) -> None:
    conf = tmp_path / "postgresql.conf"
    conf.write_text("max_connections = 100\n#wal_level = replica", encoding="utf-8")
    assert ensure_settings(tmp_path) is True
    assert conf.read_text(encoding="utf-8") == (
        "max_connections = 100\n#wal_level = replica\n" + settings_block())


def test_the_settings_are_written_only_once(tmp_path: Path) -> None:
    conf = tmp_path / "postgresql.conf"
    conf.write_text("max_connections = 100\n", encoding="utf-8")
    ensure_settings(tmp_path)
    assert ensure_settings(tmp_path) is False
    assert conf.read_text(encoding="utf-8").count(MARKER) == 1


@pytest.fixture(scope="module")
def new_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("embedded-settings")


def test_a_new_data_folder_runs_with_minimal_wal_from_its_first_start(new_folder: Path
                                                                      ) -> None:
    assert _wal_level(new_folder) == "minimal"


def test_a_folder_created_before_the_settings_gets_them_at_its_next_start(new_folder: Path
                                                                          ) -> None:
    conf = new_folder / "pgdata" / "postgresql.conf"
    conf.write_text(conf.read_text(encoding="utf-8").replace(settings_block(), ""),
                    encoding="utf-8")
    assert _wal_level(new_folder) == "minimal"
    assert conf.read_text(encoding="utf-8").count(MARKER) == 1
