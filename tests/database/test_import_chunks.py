"""database.import_flow in chunks: each chunk stored while the next is checked, in one
transaction, with the same snapshot and report as built whole (issue 8, item 2)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine, select, text

import business_logic.importing.chunked
from business_logic.demo import demo_export
from business_logic.importing import NothingImported
from database import latest_import_id, snapshot_cache
from database.deal_copy import load_deals
from database.import_flow import run_import
from database.models import ImportRecord
from tests.importing.helpers import csv_bytes
from tests.importing.test_chunked import french_rows

REPORT_COLUMNS = ("detected", "rows_read", "rows_imported", "rows_rejected", "warnings",
                  "errors")


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Whatever server the session uses, its snapshots are cached in `tmp_path`."""
    folder = tmp_path / "snapshot-cache"
    monkeypatch.setattr(snapshot_cache, "cache_dir", lambda _engine: folder)
    return folder


def _stored_report(engine: Engine, import_id: int) -> dict[str, object]:
    with engine.connect() as connection:
        row = connection.execute(
            select(*(getattr(ImportRecord, name) for name in REPORT_COLUMNS))
            .where(ImportRecord.id == import_id)).one()
    return dict(zip(REPORT_COLUMNS, row, strict=True))


def _leftover_tables(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return connection.execute(text(
            "SELECT relname FROM pg_class WHERE relname ~ '^deals_import_[0-9]+$'"
        )).scalars().all()


@pytest.mark.parametrize("make", [
    lambda: csv_bytes(french_rows(), encoding="cp1252"),
    lambda: demo_export(dt.date(2026, 11, 26), n_deals=1_500, seed=3),
], ids=["french-rejections-footer", "demo-export"])
def test_chunked_import_stores_the_deals_and_report_of_the_whole_import(
    clean_db: Engine, make,
) -> None:
    data = make()
    whole = run_import(clean_db, data, "export.csv")
    chunked = run_import(clean_db, data, "export.csv", chunk_rows=11)
    assert chunked.to_dict(error_limit=None) == {
        **whole.to_dict(error_limit=None), "import_id": chunked.import_id}
    assert _stored_report(clean_db, chunked.import_id) == _stored_report(clean_db,
                                                                         whole.import_id)
    pd.testing.assert_frame_equal(load_deals(clean_db, chunked.import_id),
                                  load_deals(clean_db, whole.import_id))


def test_chunked_progress_rises_with_the_rows_checked(clean_db: Engine) -> None:
    data = ("Nom;Étape;Montant\n" + "".join(f"A{i};Gagné;10\n" for i in range(30))).encode()
    seen: list[tuple[float, str]] = []
    run_import(clean_db, data, "trente.csv", chunk_rows=10,
               progress=lambda f, m: seen.append((round(f, 3), m)))
    checking = [(f, m) for f, m in seen if m.startswith("Vérification")]
    assert checking[0] == (0.3, "Vérification et enregistrement : 0 lignes sur 30…")
    assert checking[-1] == (0.986, "Vérification et enregistrement : 30 lignes sur 30…")
    assert [f for f, _ in checking] == sorted(f for f, _ in checking)
    assert [m.split(" : ")[1] for _, m in checking[1:]] == [  # chunks of 2, 5, 10, 10, 3
        "2 lignes sur 30…", "7 lignes sur 30…", "17 lignes sur 30…", "27 lignes sur 30…",
        "30 lignes sur 30…"]
    assert seen[-1] == (1.0, "Import terminé.")


def test_a_chunk_failing_midway_leaves_nothing(
    clean_db: Engine, monkeypatch: pytest.MonkeyPatch,
) -> None:
    built = business_logic.importing.chunked.build_part
    calls: list[int] = []

    def failing(plan, start, stop):
        calls.append(start)
        if len(calls) == 3:
            raise KeyboardInterrupt  # killed while the first chunks are being copied
        return built(plan, start, stop)

    monkeypatch.setattr(business_logic.importing.chunked, "build_part", failing)
    data = ("Nom;Étape;Montant\n" + "".join(f"A{i};Gagné;10\n" for i in range(50))).encode()
    with pytest.raises(KeyboardInterrupt):
        run_import(clean_db, data, "coupé.csv", chunk_rows=10)
    assert calls == [0, 2, 7]
    assert latest_import_id(clean_db) is None
    assert _leftover_tables(clean_db) == []


def test_chunked_import_of_only_rejected_rows_stores_nothing(clean_db: Engine) -> None:
    data = ("Nom;Étape;Montant\n" + "".join(f"A{i};Gagné;abc\n" for i in range(25))).encode()
    with pytest.raises(NothingImported) as failure:
        run_import(clean_db, data, "rejets.csv", chunk_rows=10)
    assert failure.value.report.rows_rejected == 25
    assert latest_import_id(clean_db) is None
    assert _leftover_tables(clean_db) == []


def test_chunks_disagreeing_with_the_whole_file_are_built_again_whole(clean_db: Engine) -> None:
    rows = [["Nom", "Étape", "Date de création"]]
    rows += [[f"A{i}", "Gagné", f"0{1 + i % 9}/0{1 + i % 9}/2026"] for i in range(10)]
    rows += [[f"B{i}", "Gagné", f"01/{13 + i}/2026"] for i in range(10)]
    data = csv_bytes(rows)
    whole = run_import(clean_db, data, "dates.csv")
    chunked = run_import(clean_db, data, "dates.csv", chunk_rows=10)
    assert chunked.result.report.detected["date_order"] == "MDY"
    assert chunked.to_dict() == {**whole.to_dict(), "import_id": chunked.import_id}
    pd.testing.assert_frame_equal(load_deals(clean_db, chunked.import_id),
                                  load_deals(clean_db, whole.import_id))
    with clean_db.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM imports")).scalar_one() == 2


def test_the_arrow_file_of_a_chunked_import_reads_back_like_postgresql(
    clean_db: Engine, cache_folder: Path,
) -> None:
    data = csv_bytes(french_rows(), encoding="cp1252")
    stored = run_import(clean_db, data, "export.csv", chunk_rows=11)
    assert [p.suffix for p in cache_folder.iterdir()] == [".arrow"]
    from_file = load_deals(clean_db, stored.import_id)
    for path in cache_folder.iterdir():
        path.unlink()
    pd.testing.assert_frame_equal(from_file, load_deals(clean_db, stored.import_id))


def test_an_import_failing_after_its_arrow_file_was_written_leaves_no_file(
    clean_db: Engine, cache_folder: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import database.snapshots

    def failing(_connection, _import_id) -> None:  # noqa: ANN001
        raise KeyboardInterrupt

    monkeypatch.setattr(database.snapshots, "attach_partition", failing)
    data = ("Nom;Étape;Montant\n" + "".join(f"A{i};Gagné;10\n" for i in range(30))).encode()
    with pytest.raises(KeyboardInterrupt):
        run_import(clean_db, data, "coupé.csv", chunk_rows=10)
    assert latest_import_id(clean_db) is None
    assert list(cache_folder.iterdir()) == []
