"""In headless Chromium (issue 12, items 7 and 8): Réglages previews the weighted pipeline
while a probability is typed, warns when probabilities fall, confirms a save with a toast;
an import shows its split, amounts and stage mapping; a cold start says the database is
starting instead of a blank page."""

from __future__ import annotations

from pathlib import Path

import database
from tests.importing.test_contents import CSV
from tests.ui.app_server import app_server
from tests.ui.conftest import import_demo
from tests.ui.test_browser import (  # noqa: F401 (the fixture is used by name)
    CHROMIUM,
    CHROMIUM_ARGS,
    _assert_no_error,
    _settle,
    _shot,
    pytestmark,
    server,
)


def _page(playwright, width: int = 1440):
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    return browser, browser.new_page(viewport={"width": width, "height": 1000},
                                     locale="fr-FR")


def _metric(page, label: str) -> str:
    return page.locator('[data-testid="stMetric"]', has_text=label).first.inner_text()


def test_settings_preview_warning_and_toast(server: str, app_env) -> None:  # noqa: F811
    from playwright.sync_api import sync_playwright

    import_demo(app_env)
    with sync_playwright() as playwright:
        browser, page = _page(playwright)
        try:
            page.goto(f"{server}/reglages")
            _settle(page)
            saved = _metric(page, "Pipeline pondéré enregistré")
            before = _metric(page, "Pipeline pondéré avec ces probabilités")
            qualified = page.get_by_label("Qualifié (%)")
            qualified.fill("5")
            qualified.press("Enter")
            page.get_by_text("Qualifié (5\u00a0%) est en dessous de Prospect").wait_for(
                timeout=30_000)
            _settle(page)
            assert _metric(page, "Pipeline pondéré avec ces probabilités") != before
            assert _metric(page, "Pipeline pondéré enregistré") == saved
            assert database.get_stage_probabilities(app_env)["qualified"] == 0.3
            _shot(page, "reglages_preview")
            page.get_by_role("button", name="Enregistrer les probabilités").click()
            page.locator('[data-testid="stToast"]',
                         has_text="Probabilités enregistrées").wait_for(timeout=30_000)
            _settle(page)
            _assert_no_error(page, "Réglages")
            assert database.get_stage_probabilities(app_env)["qualified"] == 0.05
        finally:
            browser.close()


def test_import_report_in_the_browser(server: str, app_env, tmp_path: Path) -> None:  # noqa: F811
    from playwright.sync_api import sync_playwright

    export = tmp_path / "export.csv"
    export.write_bytes(CSV)
    with sync_playwright() as playwright:
        browser, page = _page(playwright)
        try:
            page.goto(f"{server}/import")
            _settle(page)
            page.locator('input[type="file"]').set_input_files(str(export))
            page.get_by_text("Aperçu des 10 premières lignes").wait_for(timeout=60_000)
            _settle(page)
            page.get_by_label("Nom de l'import (facultatif)", exact=True).fill("Revue de novembre")
            page.get_by_role("button", name="Importer", exact=True).click()
            page.get_by_text("Rapport de l'import n° 1 — Revue de novembre").wait_for(
                timeout=60_000)
            _settle(page)
            _assert_no_error(page, "import")
            assert "1\u202f500\u00a0€" in _metric(page, "En cours · 3\u00a0affaires")
            assert "2\u202f300\u00a0€" in _metric(page, "Gagnées · 2\u00a0affaires")
            page.get_by_text("Correspondance des étapes").wait_for()
            page.locator('[data-testid="stToast"]',
                         has_text="Import n° 1 enregistré").wait_for(timeout=30_000)
            _shot(page, "import_report")
            assert database.list_imports(app_env)[0].name == "Revue de novembre"
        finally:
            browser.close()


def test_a_cold_start_says_the_database_is_starting(tmp_path: Path) -> None:
    """No DATABASE_URL and no warm-up (`streamlit run app.py`, as a hosting service runs
    it): the embedded server is created and started on the first visit."""
    from playwright.sync_api import sync_playwright

    with app_server("", tmp_path, warm_up=False) as url, sync_playwright() as playwright:
        browser, page = _page(playwright)
        try:
            page.goto(url)
            page.get_by_text("Démarrage de la base de données…").wait_for(timeout=60_000)
            page.get_by_text("Aucune donnée pour l'instant").first.wait_for(timeout=120_000)
            assert page.get_by_text("Démarrage de la base de données…").count() == 0
        finally:
            browser.close()
