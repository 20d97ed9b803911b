"""Accueil's weekly review downloaded in headless Chromium: built on click, it still tells
the history (issue 8 moved the history of every import from the page run to the click)."""

from __future__ import annotations

from pathlib import Path

from tests.reporting.test_pdf import pdf_text
from tests.ui.conftest import import_demo_history
from tests.ui.test_browser import (  # noqa: F401 (the fixture is used by name)
    _browser,
    _settle,
    pytestmark,
    server,
)


def test_the_pdf_built_on_click_carries_the_history_sections(
    server: str, app_env, tmp_path: Path,  # noqa: F811
) -> None:
    from playwright.sync_api import sync_playwright

    import_demo_history(app_env, weeks=8)
    with sync_playwright() as playwright:
        browser = _browser(playwright)
        page = browser.new_page(viewport={"width": 1440, "height": 1200}, locale="fr-FR")
        try:
            page.goto(server)
            _settle(page)
            with page.expect_download(timeout=120_000) as download:
                page.get_by_role("button", name="Revue hebdomadaire (PDF)").click()
            data = Path(download.value.path()).read_bytes()
        finally:
            browser.close()
    text = pdf_text(data, tmp_path)
    assert "Depuis le dernier import" in text
    assert "Anomalies" in text
