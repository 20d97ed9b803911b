"""`make_engine` skips Alembic when the database is already at head (issue 8: light CLI
commands), and still upgrades anything else."""

from __future__ import annotations

from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, text

from database.engine import alembic_config, downgrade_to, is_at_head
from database.revisions import head_revision


def test_head_revision_read_from_the_scripts_is_alembics_head() -> None:
    assert head_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_a_migrated_database_is_at_head(engine: Engine) -> None:
    assert is_at_head(engine)


def test_a_database_without_alembic_version_is_not_at_head(database_url: str) -> None:
    admin = create_engine(database_url)
    with admin.begin() as connection:
        connection.execute(text("CREATE SCHEMA head_empty"))
    scoped = create_engine(database_url, connect_args={"options": "-csearch_path=head_empty"})
    try:
        assert not is_at_head(scoped)
    finally:
        scoped.dispose()
        with admin.begin() as connection:
            connection.execute(text("DROP SCHEMA head_empty CASCADE"))
        admin.dispose()


def test_a_database_one_revision_behind_is_not_at_head(database_url: str) -> None:
    from database.engine import upgrade_to_head

    admin = create_engine(database_url)
    with admin.begin() as connection:
        connection.execute(text("CREATE SCHEMA head_behind"))
    scoped = create_engine(database_url, connect_args={"options": "-csearch_path=head_behind"})
    try:
        upgrade_to_head(scoped)
        downgrade_to(scoped, "-1")
        assert not is_at_head(scoped)
        upgrade_to_head(scoped)
        assert is_at_head(scoped)
    finally:
        scoped.dispose()
        with admin.begin() as connection:
            connection.execute(text("DROP SCHEMA head_behind CASCADE"))
        admin.dispose()
