"""The Arrow copy of a snapshot next to the embedded data (database/snapshot_cache.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine, create_engine, text

from database import delete_import, load_deals, save_import, set_stage_probability, snapshot_cache
from tests.database.test_snapshots import REPORT, _deals


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Whatever server the session uses, its snapshots are cached in `tmp_path`."""
    folder = tmp_path / "snapshot-cache"
    monkeypatch.setattr(snapshot_cache, "cache_dir", lambda _engine: folder)
    return folder


def _save(engine: Engine) -> int:
    return save_import(engine, file_name="export.csv", sha256="abc", report=REPORT,
                       deals=_deals())


def _empty_partition(engine: Engine, import_id: int) -> None:
    """Remove the rows behind the cache's back: a read that still finds them used the file."""
    with engine.begin() as connection:
        connection.execute(text(f"DELETE FROM deals_import_{import_id}"))


def test_the_first_read_writes_the_file_and_the_next_reads_it(
    clean_db: Engine, cache_folder: Path,
) -> None:
    import_id = _save(clean_db)
    from_postgresql = load_deals(clean_db, import_id)
    assert [p.name.split("-")[0] for p in cache_folder.glob("*.arrow")] == [str(import_id)]
    _empty_partition(clean_db, import_id)
    pd.testing.assert_frame_equal(load_deals(clean_db, import_id), from_postgresql,
                                  check_exact=True)


def test_a_cached_snapshot_takes_the_probabilities_in_force(
    clean_db: Engine, cache_folder: Path,
) -> None:
    import_id = _save(clean_db)
    load_deals(clean_db, import_id)
    set_stage_probability(clean_db, "negotiation", 0.55)
    _empty_partition(clean_db, import_id)
    assert list(load_deals(clean_db, import_id)["probability"]) == [0.55, 1.0]


def test_delete_removes_the_cached_file(clean_db: Engine, cache_folder: Path) -> None:
    import_id = _save(clean_db)
    load_deals(clean_db, import_id)
    delete_import(clean_db, import_id)
    assert list(cache_folder.glob("*.arrow")) == []


def test_an_unreadable_file_means_reading_postgresql(clean_db: Engine, cache_folder: Path) -> None:
    import_id = _save(clean_db)
    load_deals(clean_db, import_id)
    (cached,) = cache_folder.glob("*.arrow")
    cached.write_bytes(b"pas un fichier Arrow")
    assert list(load_deals(clean_db, import_id)["deal_id"]) == ["D1", "D2"]


def test_an_id_reused_after_the_database_was_emptied_never_reads_the_old_file(
    clean_db: Engine, cache_folder: Path,
) -> None:
    first = _save(clean_db)
    load_deals(clean_db, first)
    with clean_db.begin() as connection:
        connection.execute(text("TRUNCATE imports, deals, deal_journal RESTART IDENTITY"))
    again = save_import(clean_db, file_name="autre.csv", sha256="def", report=REPORT,
                        deals=_deals(deal_id=["X1", "X2"]))
    assert again == first
    assert list(load_deals(clean_db, again)["deal_id"]) == ["X1", "X2"]


def test_only_the_embedded_server_gets_a_cache(tmp_path: Path) -> None:
    pgdata = tmp_path / "pgdata"
    pgdata.mkdir()
    (pgdata / "PG_VERSION").write_text("18\n")
    embedded = create_engine(f"postgresql+psycopg://postgres@/postgres?host={pgdata}")
    remote = create_engine("postgresql+psycopg://crm@db.example.com/crm")
    assert snapshot_cache.cache_dir(embedded) == tmp_path / "snapshot-cache"
    assert snapshot_cache.cache_dir(remote) is None


def test_an_import_writes_the_file_before_any_read(clean_db: Engine, cache_folder: Path) -> None:
    import_id = _save(clean_db)
    assert [p.name.split("-")[0] for p in cache_folder.glob("*.arrow")] == [str(import_id)]


def test_the_file_written_at_import_reads_back_like_postgresql(
    clean_db: Engine, cache_folder: Path,
) -> None:
    from business_logic.demo import demo_export
    from business_logic.importing import import_bytes

    deals = import_bytes(demo_export(dt.date(2026, 11, 26), n_deals=400, seed=3),
                         "export.csv").deals
    import_id = save_import(clean_db, file_name="export.csv", sha256="abc", report=REPORT,
                            deals=deals)
    from_file = load_deals(clean_db, import_id)
    for cached in cache_folder.glob("*.arrow"):
        cached.unlink()
    from_postgresql = load_deals(clean_db, import_id)
    pd.testing.assert_frame_equal(from_file, from_postgresql, check_exact=True)
