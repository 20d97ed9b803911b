"""database.import_flow: what may become a snapshot (cli.md, issue 7 item 8)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from business_logic.importing import NothingImported
from database import get_import_errors, get_stage_mappings, latest_import_id
from database.import_flow import run_import

ALL_REJECTED = "Nom;Étape;Montant\nA;Gagné;abc\nB;;10\n".encode()


def test_all_rejected_import_stores_nothing_and_keeps_the_rejections(clean_db: Engine) -> None:
    with pytest.raises(NothingImported) as failure:
        run_import(clean_db, ALL_REJECTED, "rejets.csv", stage_overrides={"X": "won"})
    assert latest_import_id(clean_db) is None
    assert "X" not in get_stage_mappings(clean_db)
    assert [(e.row, e.column) for e in failure.value.report.errors] == [(2, "Montant"),
                                                                        (3, "Étape")]
    assert "\n" not in str(failure.value)


def test_stored_report_keeps_the_first_1000_rejections_and_their_total(
    clean_db: Engine,
) -> None:
    data = ("Nom;Étape;Montant\nOK;Gagné;10\n"
            + "".join(f"C{i};Gagné;abc\n" for i in range(1_200))).encode()
    stored = run_import(clean_db, data, "many.csv")
    assert len(stored.result.report.errors) == 1_200
    assert stored.to_dict()["errors_total"] == 1_200
    assert len(get_import_errors(clean_db, stored.import_id)) == 1_000


def test_progress_follows_the_rows_sent_to_the_database(
    clean_db: Engine, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import database.deal_copy

    monkeypatch.setattr(database.deal_copy, "_BATCH_ROWS", 2)  # 5 deals: batches 2, 2, 1
    data = ("Nom;Étape;Montant\n" + "".join(f"A{i};Gagné;10\n" for i in range(5))).encode()
    seen: list[tuple[float, str]] = []
    run_import(clean_db, data, "cinq.csv", progress=lambda f, m: seen.append((round(f, 3), m)))
    storing = [(f, m) for f, m in seen if m.startswith("Enregistrement")]
    assert storing == [
        (0.55, "Enregistrement : 0 affaires sur 5…"),
        (0.726, "Enregistrement : 2 affaires sur 5…"),
        (0.903, "Enregistrement : 4 affaires sur 5…"),
        (0.991, "Enregistrement : 5 affaires sur 5…"),
    ]
    assert seen[-1] == (1.0, "Import terminé.")
