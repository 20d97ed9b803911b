"""A file built in chunks gives exactly what it gives built whole (issue 8, item 2)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from business_logic.demo import demo_export
from business_logic.importing import build_deals
from business_logic.importing.building import mapped_table
from business_logic.importing.chunked import ChunkedBuild, PartsDisagree, chunk_starts
from tests.importing.helpers import csv_bytes

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
HEADER = ["ID", "Affaire", "Entreprise", "Étape", "Statut", "Montant", "Probabilité",
          "Date de création", "Date de clôture prévue", "Devise"]


def french_rows() -> list[list[str]]:
    """60 deals of a French export with rejections, repeats and warnings in every chunk."""
    stages = ["Proposition", "Gagné", "Perdu", "Négociation", ""]
    rows = [HEADER]
    for i in range(60):
        day = 1 + i % 28
        rows.append([
            f"AFF-{i % 45:03d}",  # ids 0..14 come back in rows 47..61: repeats across chunks
            f"Affaire {i}",
            "Total SARL" if i == 3 else f"Client {i % 7}",
            stages[i % 5],
            "ouvert" if i % 11 == 0 else ("" if i % 5 else "gagné"),
            "abc" if i % 13 == 5 else (
                "-300" if i == 21 else f"{1 + i % 90} {(i * 37) % 1000:03d},50 €"),
            "soixante" if i % 17 == 4 else ("" if i % 3 else f"{(i * 7) % 100} %"),
            "31/02/2026" if i == 33 else f"{day:02d}/{1 + i % 12:02d}/2026",
            "" if i % 4 else f"{day:02d}/{1 + (i + 3) % 12:02d}/2027",
            "" if i % 6 else "EUR",
        ])
    rows.append(["Total", "", "", "", "", "123 456,00 €", "", "", "", ""])
    rows.append(["Généré le 30/11/2026", "", "", "", "", "", "", "", "", ""])
    return rows


def assert_same_as_whole(data: bytes, chunk_rows: int, **options: object) -> None:
    raw, mapping = mapped_table(data, "export.csv")
    whole = build_deals(raw, mapping, **options)
    build = ChunkedBuild(raw, mapping, chunk_rows=chunk_rows, **options)
    chunks = list(build)
    chunked = build.result()
    assert len(chunks) == len(build.starts) > 1
    pd.testing.assert_frame_equal(chunked.deals, whole.deals)
    assert chunked.report.to_dict(error_limit=None) == whole.report.to_dict(error_limit=None)


def test_french_export_in_chunks_stores_and_reports_what_it_does_whole() -> None:
    data = csv_bytes(french_rows(), encoding="cp1252")
    raw, mapping = mapped_table(data, "export.csv")
    report = build_deals(raw, mapping).report
    # the file exercises what must be decided on the whole file
    assert report.detected["encoding"] == "cp1252"
    assert report.rows_rejected >= 10
    assert any("déjà présent à la ligne" in e.message for e in report.errors)
    assert any("après les données ignorée" in w for w in report.warnings)
    assert any("Probabilité illisible" in w for w in report.warnings)
    for chunk_rows in (7, 13, 30):
        assert_same_as_whole(data, chunk_rows)


def test_demo_export_in_chunks_is_the_same_as_whole() -> None:
    data = demo_export(dt.date(2026, 11, 26), n_deals=3_000, seed=7)
    assert_same_as_whole(data, 700)


def test_stage_mappings_and_probabilities_apply_to_every_chunk() -> None:
    rows = [["Nom", "Étape", "Montant"]] + [[f"A{i}", "Rdv" if i % 2 else "Gagné", "10"]
                                             for i in range(40)]
    assert_same_as_whole(csv_bytes(rows), 9, stage_mappings={"Rdv": "qualified"},
                         stage_probabilities={"qualified": 0.3})


@pytest.mark.parametrize("name", ["maven_crm_sales_opportunities/sales_pipeline.csv"])
def test_public_dataset_in_chunks_is_the_same_as_whole(name: str) -> None:
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"{path} absent")
    assert_same_as_whole(path.read_bytes(), 1_000)


def test_a_chunk_choosing_another_date_order_than_the_whole_file_is_refused() -> None:
    # the first chunk cannot tell day from month (DMY), the second says month first
    rows = [["Nom", "Étape", "Date de création"]]
    rows += [[f"A{i}", "Gagné", f"0{1 + i % 9}/0{1 + i % 9}/2026"] for i in range(10)]
    rows += [[f"B{i}", "Gagné", f"01/{13 + i}/2026"] for i in range(10)]
    raw, mapping = mapped_table(csv_bytes(rows), "dates.csv")
    assert build_deals(raw, mapping).report.detected["date_order"] == "MDY"
    build = ChunkedBuild(raw, mapping, chunk_rows=10)
    list(build)
    with pytest.raises(PartsDisagree):
        build.result()


def test_a_chunk_reading_probabilities_on_another_scale_is_refused() -> None:
    rows = [["Nom", "Étape", "Probabilité"]]
    rows += [[f"A{i}", "Proposition", "0,5"] for i in range(10)]
    rows += [[f"B{i}", "Proposition", "50"] for i in range(10)]
    raw, mapping = mapped_table(csv_bytes(rows), "probas.csv")
    build = ChunkedBuild(raw, mapping, chunk_rows=10)
    list(build)
    with pytest.raises(PartsDisagree):
        build.result()


def test_chunks_start_small_then_grow() -> None:
    assert chunk_starts(100, 0, 40) == [0, 10, 30, 70]
    assert chunk_starts(5, 0, 40) == [0]


def test_footer_candidates_all_fall_in_the_last_chunk() -> None:
    assert chunk_starts(100, 15, 40) == [0, 10, 30, 70]
    assert chunk_starts(100, 35, 40) == [0, 10, 30]
    assert chunk_starts(20, 15, 40) == [0]
