"""Source aliases persist (migration 0010) and rename sources when a snapshot is read,
never in the stored snapshot (issue 12, item 7). Import names persist too (item 8)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, text

from business_logic.columns import coerce_canonical_dtypes
from database import (
    add_source_aliases,
    get_source_aliases,
    list_imports,
    load_deals,
    save_import,
    set_import_name,
    set_source_aliases,
)
from database.engine import alembic_config, downgrade_to, upgrade_to_head
from tests.database.test_migrations import _scoped_engine, _upgrade_to


def _import(engine: Engine, sources: list[str | None], name: str | None = None) -> int:
    deals = coerce_canonical_dtypes(pd.DataFrame({
        "deal_id": [f"D{i}" for i in range(len(sources))],
        "stage": ["proposal"] * len(sources),
        "status": ["open"] * len(sources),
        "amount": [100.0] * len(sources),
        "probability_explicit": [False] * len(sources),
        "source": sources,
        "source_row": list(range(2, len(sources) + 2)),
    }))
    return save_import(engine, file_name="f.csv", sha256="x", report={}, deals=deals,
                       name=name)


def _stored_sources(engine: Engine, import_id: int) -> list[str | None]:
    with engine.connect() as connection:
        return list(connection.execute(text(
            "SELECT source FROM deals WHERE import_id = :i ORDER BY source_row"),
            {"i": import_id}).scalars())


def test_aliases_are_kept_and_replaced_as_a_whole(clean_db: Engine) -> None:
    saved = set_source_aliases(clean_db, {"Referral": "Recommandation", "Linkedin": "LinkedIn",
                                          "": "rien", "Salon": "Salon"})
    assert saved == {"Referral": "Recommandation", "Linkedin": "LinkedIn"}
    assert get_source_aliases(clean_db) == saved
    set_source_aliases(clean_db, {"Web": "Site web"})
    assert get_source_aliases(clean_db) == {"Web": "Site web"}
    add_source_aliases(clean_db, {"Referral": "Recommandation"})
    assert get_source_aliases(clean_db) == {"Referral": "Recommandation", "Web": "Site web"}


def test_reading_a_snapshot_applies_the_aliases_in_force_and_the_store_keeps_the_file_s(
    clean_db: Engine,
) -> None:
    import_id = _import(clean_db, ["Referral", "referral ", "Recommandation", None])
    assert list(load_deals(clean_db, import_id)["source"])[:3] == [
        "Referral", "referral ", "Recommandation"]
    set_source_aliases(clean_db, {"Referral": "Recommandation"})
    for _ in range(2):  # from COPY, then from the snapshot's Arrow file
        sources = list(load_deals(clean_db, import_id)["source"])
        assert sources[:3] == ["Recommandation"] * 3 and pd.isna(sources[3])
    assert _stored_sources(clean_db, import_id)[:3] == ["Referral", "referral ", "Recommandation"]
    set_source_aliases(clean_db, {})
    assert list(load_deals(clean_db, import_id)["source"])[:1] == ["Referral"]


def test_explicit_aliases_win_over_the_saved_ones(clean_db: Engine) -> None:
    import_id = _import(clean_db, ["Referral"])
    set_source_aliases(clean_db, {"Referral": "Recommandation"})
    assert list(load_deals(clean_db, import_id, source_aliases={})["source"]) == ["Referral"]


def test_an_import_name_is_stored_changed_and_removed(clean_db: Engine) -> None:
    import_id = _import(clean_db, ["Salon"], name="Export du lundi")
    assert list_imports(clean_db)[0].name == "Export du lundi"
    assert set_import_name(clean_db, import_id, "  Revue de novembre ")
    assert list_imports(clean_db)[0].name == "Revue de novembre"
    assert set_import_name(clean_db, import_id, "   ")
    assert list_imports(clean_db)[0].name is None
    assert not set_import_name(clean_db, import_id + 1, "x")


def test_migration_0010_adds_the_alias_table_next_to_existing_imports_and_drops_it(
    database_url: str,
) -> None:
    from alembic.script import ScriptDirectory

    before = ScriptDirectory.from_config(alembic_config()).get_revision("0010").down_revision
    engine, scoped = _scoped_engine(database_url, "mig_0010")
    try:
        _upgrade_to(scoped, before)
        import_id = _import(scoped, ["Referral", "Salon"], name="avant 0010")
        upgrade_to_head(scoped)
        assert get_source_aliases(scoped) == {}
        assert list(load_deals(scoped, import_id)["source"]) == ["Referral", "Salon"]
        set_source_aliases(scoped, {"referral": "Recommandation"})
        assert list(load_deals(scoped, import_id)["source"]) == ["Recommandation", "Salon"]
        assert list_imports(scoped)[0].name == "avant 0010"
        downgrade_to(scoped, before)
        with scoped.connect() as connection:
            assert connection.execute(text(
                "SELECT to_regclass('mig_0010.source_aliases')")).scalar_one() is None
            assert connection.execute(text("SELECT name FROM imports")).scalar_one() == \
                "avant 0010"
    finally:
        scoped.dispose()
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA mig_0010 CASCADE"))
        engine.dispose()
