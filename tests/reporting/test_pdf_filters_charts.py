"""The weekly review names the filters in force and draws its two charts (issue 12, item 3)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from business_logic import metrics
from business_logic.weekly_review import build_weekly_review
from tests.reporting.frames import WEEK, D
from tests.reporting.test_pdf import needs_pdftotext, pdf_text
from utils.pdf_review import render_weekly_review

FILTERS = metrics.DealFilters(statuses=("open",), owners=("Alice",),
                              date_from=dt.date(2026, 1, 1), text="audit")


@needs_pdftotext
def test_pdf_lists_the_filters_in_force(tmp_path: Path) -> None:
    text = pdf_text(render_weekly_review(build_weekly_review(WEEK, D, filters=FILTERS)),
                    tmp_path)
    flat = " ".join(text.split())
    assert ("Filtres : Statut : En cours · Commercial : Alice · Date de création : depuis "
            "le 01/01/2026 · Recherche : « audit »") in flat


@needs_pdftotext
def test_pdf_says_when_no_filter_is_in_force(tmp_path: Path) -> None:
    text = pdf_text(render_weekly_review(build_weekly_review(WEEK, D)), tmp_path)
    assert "Filtres : aucun (toutes les affaires de l'import)." in " ".join(text.split())


@needs_pdftotext
def test_pdf_draws_the_stage_and_forecast_charts(tmp_path: Path) -> None:
    """The charts' own texts: legends and the forecast axis ("Aujourd'hui", "30 jours")."""
    flat = " ".join(pdf_text(render_weekly_review(build_weekly_review(WEEK, D)),
                             tmp_path).split())
    for label in ("Brut Pondéré", "Le plus probable Fourchette P10 – P90", "Aujourd'hui",
                  "page 1/"):
        assert label in flat, label
