"""End to end in headless Chromium: the real `streamlit run app.py`, a real file upload,
every page visited, a screenshot of each in test-artifacts/ (looked at by a human)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import database
from business_logic import importing, metrics
from business_logic.demo import demo_export
from tests.conftest import REPO_ROOT
from tests.ui.app_server import app_server
from tests.ui.conftest import import_demo
from utils.formatting import format_eur

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO_ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
URL_PATHS = (
    ("", "Accueil"), ("evolutions", "Évolutions"), ("pipeline", "Pipeline"),
    ("marketing", "Marketing"),
    ("previsions", "Prévisions"), ("objectifs", "Objectifs"), ("simulateur", "Simulateur"),
    ("affaires", "Affaires"),
    ("actions", "Actions prioritaires"), ("import", "Import"), ("reglages", "Réglages"),
    ("definitions", "Définitions"),
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.db,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]


@pytest.fixture
def server(app_env, database_url: str, tmp_path: Path) -> Iterator[str]:
    """`streamlit run app.py` on a free port, on the test database; stopped by its pid."""
    with app_server(database_url, tmp_path) as url:
        yield url


def _settle(page) -> None:
    """Wait until the script run is over and nothing is left spinning."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]',
                           timeout=30_000)
    page.wait_for_timeout(600)  # charts and tables finish drawing


def _assert_no_error(page, where: str) -> None:
    problems = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    assert problems.count() == 0, f"{where}: {problems.all_inner_texts()}"


def _shot(page, name: str) -> None:
    """The whole page: Streamlit scrolls inside its main block, so grow the viewport."""
    ARTIFACTS.mkdir(exist_ok=True)
    height = page.evaluate(
        "Math.max(...[...document.querySelectorAll('[data-testid=stMain], "
        "[data-testid=stMainBlockContainer]')].map(e => e.scrollHeight), 900)"
    )
    page.set_viewport_size({"width": 1440, "height": min(int(height) + 40, 8000)})
    page.wait_for_timeout(400)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    page.set_viewport_size({"width": 1440, "height": 1000})


def test_upload_then_every_page(server: str, app_env, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    as_of = dt.date.today()
    export = tmp_path / "export_crm.csv"
    export.write_bytes(demo_export(as_of))
    expected = metrics.headline_kpis(importing.import_bytes(export.read_bytes(),
                                                            export.name).deals, as_of)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="fr-FR")
        try:
            page.goto(server)
            _settle(page)
            page.get_by_text("Aucune donnée pour l'instant").first.wait_for()
            _assert_no_error(page, "empty state")
            _shot(page, "00_empty_state")

            page.goto(f"{server}/import")
            _settle(page)
            page.locator('input[type="file"]').set_input_files(str(export))
            page.get_by_text("Aperçu des 10 premières lignes").wait_for(timeout=30_000)
            _settle(page)
            _shot(page, "01_import_preview")
            page.get_by_role("button", name="Importer", exact=True).click()
            page.get_by_text("Rapport de l'import").wait_for(timeout=60_000)
            _settle(page)
            _assert_no_error(page, "import")
            _shot(page, "02_import_report")
            assert len(database.list_imports(app_env)) == 1

            for index, (path, title) in enumerate(URL_PATHS, start=3):
                page.goto(f"{server}/{path}")
                _settle(page)
                page.get_by_role("heading", name=title, exact=True).first.wait_for()
                _assert_no_error(page, title)
                if title == "Accueil":
                    pipeline = page.locator('[data-testid="stMetric"]', has_text="Pipeline brut")
                    assert format_eur(expected.pipeline_gross) in pipeline.first.inner_text()
                    deals = page.locator('[data-testid="stMetric"]', has_text="Affaires")
                    assert str(expected.deals_total) in deals.first.inner_text()
                _shot(page, f"{index:02d}_{path or 'accueil'}")
        finally:
            browser.close()


def _browser(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def test_no_request_leaves_the_app_on_any_page(server: str, app_env) -> None:
    """A local-first app sends nothing out: every request goes to the app's own host
    (issue 7, item 16b: the favicon was fetched from fonts.gstatic.com)."""
    from playwright.sync_api import sync_playwright

    outside: list[str] = []

    def record(request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "blob", "about") and parts.netloc != urlsplit(
            server
        ).netloc:
            outside.append(request.url)

    with sync_playwright() as playwright:
        browser = _browser(playwright)
        page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="fr-FR")
        page.on("request", record)
        try:
            page.goto(server)
            _settle(page)
            page.get_by_text("Aucune donnée pour l'instant").first.wait_for()
            import_demo(app_env)
            for path, title in URL_PATHS:
                page.goto(f"{server}/{path}")
                _settle(page)
                page.get_by_role("heading", name=title, exact=True).first.wait_for()
                _assert_no_error(page, title)
        finally:
            browser.close()
    assert outside == []


def test_reset_filters_empties_the_source_box_for_good(server: str, app_env) -> None:
    """After "Réinitialiser les filtres" the Source box is empty and stays so on the next
    page: the screen and the numbers agree (issue 7, item 16a)."""
    from playwright.sync_api import expect, sync_playwright

    import_demo(app_env)
    with sync_playwright() as playwright:
        browser = _browser(playwright)
        page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="fr-FR")
        try:
            page.goto(server)
            _settle(page)
            sidebar = page.locator('[data-testid="stSidebar"]')
            source = sidebar.locator('[data-testid="stMultiSelect"]', has_text="Source")
            source.click()
            page.get_by_role("option", name="LinkedIn").click()
            page.keyboard.press("Escape")
            _settle(page)
            deals = page.locator('[data-testid="stMetric"]', has_text="Affaires").first
            expect(deals).not_to_contain_text("300")

            sidebar.get_by_role("button", name="Réinitialiser les filtres").click()
            _settle(page)
            expect(source).not_to_contain_text("LinkedIn")
            expect(deals).to_contain_text("300")
            nav = page.locator('[data-testid="stSidebarNav"]')
            for title in ("Pipeline", "Accueil"):
                nav.get_by_text(title).click()
                _settle(page)
                page.get_by_role("heading", name=title, exact=True).first.wait_for()
            expect(source).not_to_contain_text("LinkedIn")
            expect(deals).to_contain_text("300")
        finally:
            browser.close()
