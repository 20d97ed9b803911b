"""The light commands import neither pandas, pyarrow nor Alembic (issue 8: `delete-import`
≤ 1 s as a whole process, benchmarks/cli_startup.py); `database` re-exports lazily."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import database

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


def test_delete_import_path_imports_no_orm() -> None:
    """The ORM models cost ~0.2 s of the 1 s `delete-import` may take (issue 8)."""
    code = ("import cli\ncli.build_parser().parse_args(['delete-import', '1'])\n"
            "from database import delete_import, get_engine\n"
            "from database.errors import DatabaseUnavailable, describe_database_error\n"
            "from sqlalchemy.exc import OperationalError")
    probe = (f"import sys\n{code}\n"
             "print(sorted(m for m in ('sqlalchemy.orm', 'database.models') if m in sys.modules))")
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
