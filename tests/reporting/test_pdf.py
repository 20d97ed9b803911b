"""The weekly review PDF: a real PDF, French text with accents and the euro sign."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from business_logic.demo import DEMO_FILE_NAME, demo_export
from business_logic.importing import import_bytes
from business_logic.metrics import Thresholds
from business_logic.weekly_review import build_weekly_review
from tests.reporting.frames import WEEK, D, deals
from utils.pdf_review import render_weekly_review

PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler) absent")


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_weekly_review(build_weekly_review(WEEK, D, "n° 7 · export.csv"))


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "revue.pdf"
    path.write_bytes(data)
    done = subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True, encoding="utf-8")
    # Babel's French grouping and unit spaces (U+202F, U+00A0) read back as plain spaces.
    return done.stdout.replace("\u202f", " ").replace("\u00a0", " ")


def page_count(data: bytes) -> int:
    """The page tree's /Count (fpdf2 writes one page tree)."""
    found = re.search(rb"/Count (\d+)", data)
    assert found is not None
    return int(found.group(1))


def test_output_is_a_pdf_set_in_the_shipped_unicode_font(pdf):
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert b"DejaVuSans" in pdf


@needs_pdftotext
def test_title_and_sections_are_french_with_accents(pdf, tmp_path):
    text = pdf_text(pdf, tmp_path)
    assert "Revue hebdomadaire — 26 nov. 2026" in text
    for section in ("Chiffres clés", "Les 7 derniers jours", "Prévision de signature",
                    "À traiter cette semaine", "Pipeline par étape",
                    "Meilleures sources (chiffre signé)"):
        assert section in text


@needs_pdftotext
def test_amounts_print_with_the_euro_sign(pdf, tmp_path):
    text = pdf_text(pdf, tmp_path)
    assert "15 000 €" in text  # pipeline brut
    assert "7 000 €" in text  # chiffre signé
    assert "9 chances sur 10 de signer au moins" in text


@needs_pdftotext
def test_action_rows_name_the_deals(pdf, tmp_path):
    text = pdf_text(pdf, tmp_path)
    # One ranked list, as on Actions prioritaires (docs/actions.md): each deal once.
    ranked = re.search(r"À traiter en priorité — 3 sur 3\n(.*?)Score =", text, re.S).group(1)
    names = re.findall(r"^\s*\d+\s+(\w+)", ranked, re.M)
    assert names == ["Alpha", "Charlie", "Bravo"]
    assert "en retard, lead non traité" in ranked


@needs_pdftotext
def test_review_of_an_empty_frame_still_renders(tmp_path):
    text = pdf_text(render_weekly_review(build_weekly_review(deals(), D)), tmp_path)
    assert "0 affaire après filtres" in text
    assert "Aucune affaire gagnée" in text


@needs_pdftotext
def test_without_the_font_files_it_falls_back_to_latin1(tmp_path):
    data = render_weekly_review(build_weekly_review(WEEK, D), font_dir=tmp_path / "none")
    assert b"Helvetica" in data and b"DejaVuSans" not in data
    text = pdf_text(data, tmp_path)
    assert "Revue hebdomadaire - 26 nov. 2026" in text
    assert "15 000 EUR" in text


@needs_pdftotext
def test_a_long_crm_text_is_cut_to_its_cell(tmp_path):
    long_name = "Très longue affaire " * 20
    frame = deals({"name": long_name, "stage": "prospect", "amount": 100,
                   "created_date": "2026-11-01", "expected_close_date": "2026-11-20"})
    text = pdf_text(render_weekly_review(build_weekly_review(frame, D)), tmp_path)
    cut = [line for line in text.splitlines() if "Très longue affaire" in line]
    assert cut and all("…" in line and line.count("Très") <= 3 for line in cut)


def test_the_demo_week_fits_on_two_pages():
    deals_300 = import_bytes(demo_export(D, 300), DEMO_FILE_NAME).deals
    data = render_weekly_review(build_weekly_review(deals_300, D, "n° 1 · démo"))
    assert page_count(data) <= 2  # "one to two pages"


@needs_pdftotext
def test_the_pdf_names_the_thresholds_in_force(tmp_path):
    review = build_weekly_review(WEEK, D, thresholds=Thresholds(cold_days=10, soon_days=45))
    text = pdf_text(render_weekly_review(review), tmp_path)
    assert "Affaires froides (plus de 10 jours sans activité) : 1" in text
    assert "clôture sous 45 jours" in text
    assert "14 jours" not in text
