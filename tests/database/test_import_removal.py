"""`cli.py delete-import`'s path: psycopg alone when the schema is at head (issue 8:
the whole process ≤ 1 s), the Engine's path otherwise."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text

from database import list_imports
from database.import_removal import delete_import_light
from tests.database.test_partitions import _import_tables, _save


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_the_light_path_removes_the_row_and_the_partition(clean_db: Engine) -> None:
    kept, gone = _save(clean_db), _save(clean_db)
    assert delete_import_light(_url(clean_db), gone) is True
    assert [s.import_id for s in list_imports(clean_db)] == [kept]
    with clean_db.connect() as connection:
        assert _import_tables(connection) == [f"deals_import_{kept}"]


def test_the_light_path_says_false_for_an_unknown_import(clean_db: Engine) -> None:
    _save(clean_db)
    assert delete_import_light(_url(clean_db), 999) is False
    assert len(list_imports(clean_db)) == 1


def test_a_schema_behind_the_scripts_is_left_to_the_engine(
    clean_db: Engine, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Not at head (an older copy of the app migrated it): nothing done, None returned, so
    that the CLI goes through `get_engine()`, which migrates first."""
    import database.revisions

    import_id = _save(clean_db)
    monkeypatch.setattr(database.revisions, "head_revision", lambda: "9999_future")
    assert delete_import_light(_url(clean_db), import_id) is None
    with clean_db.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM imports")).scalar() == 1
