"""The light commands import neither pandas, pyarrow nor Alembic, `delete-import` not even
SQLAlchemy (issue 8: ≤ 1 s as a whole process, benchmarks/cli_startup.py); `database`
re-exports lazily."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import database
from tests.cli.test_cli import run_cli, unreachable_database_url

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pandas", "numpy", "pyarrow", "alembic", "babel", "psutil")


def _modules_after(code: str) -> list[str]:
    probe = (f"import sys\n{code}\nimport json\n"
             f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def test_delete_import_path_imports_no_heavy_module() -> None:
    code = ("import cli\ncli.build_parser().parse_args(['delete-import', '1'])\n"
            "from database import delete_import, get_engine, list_imports\n"
            "from database.errors import DatabaseUnavailable, describe_database_error\n"
            "import services")
    assert _modules_after(code) == []


def test_delete_import_path_imports_no_sqlalchemy() -> None:
    """Importing SQLAlchemy was a third of the 1 s `delete-import` may take (issue 8): the
    command talks to PostgreSQL with psycopg alone when the schema is at head."""
    code = ("import cli\ncli.build_parser().parse_args(['delete-import', '1'])\n"
            "from database.config import resolve_url\n"
            "from database.import_removal import delete_import_light\n"
            "from database.errors import DatabaseUnavailable, describe_database_error\n"
            "import database.embedded\ncli._driver_errors()")
    probe = (f"import sys\n{code}\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy'))")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_every_name_of_database_all_resolves_to_its_submodule() -> None:
    for name in database.__all__:
        value = getattr(database, name)
        assert value.__module__.startswith("database."), name


def test_database_all_lists_exactly_the_lazy_names() -> None:
    assert sorted(database.__all__) == sorted(database._EXPORTS)


def test_an_unknown_database_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        database.no_such_name  # noqa: B018


def test_delete_import_on_an_unreachable_database_exits_2_in_one_french_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its psycopg-only path (no SQLAlchemy, issue 8) says it as the other commands do."""
    monkeypatch.setenv("DATABASE_URL", unreachable_database_url())
    code, _, err = run_cli(capsys, "delete-import", "1")
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith("Erreur : Base de données injoignable")
