"""Objectifs in headless Chromium (the real `streamlit run app.py`): the cards, the
projection chart and a target typed into the grid, saved with a toast; at 1440 and 390 px
(screenshots in test-artifacts/)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

import database
from tests.ui.app_server import app_server
from tests.ui.conftest import import_demo
from tests.ui.test_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.db,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]


@pytest.fixture
def server(app_env, database_url: str, tmp_path: Path) -> Iterator[str]:
    with app_server(database_url, tmp_path) as url:
        yield url


def _settle(page) -> None:
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]',
                           timeout=60_000)
    page.wait_for_timeout(800)


def _target_cell(page, row: int):
    """Centre of the « Objectif (€) » cell of `row` (0 = January) in the grid (a canvas)."""
    grid = page.locator('[data-testid="stDataFrame"]').last
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()  # three stretched columns: the middle one is the target
    return box["x"] + box["width"] / 2, box["y"] + 35 * (row + 1) + 17


def test_objectives_page_saves_a_target_typed_in_the_grid(server: str, app_env) -> None:
    from playwright.sync_api import sync_playwright

    import_demo(app_env)
    today = dt.date.today()
    database.set_objective(app_env, dt.date(today.year, 12, 1), 150_000.0)
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 2400}, locale="fr-FR")
            page.goto(f"{server}/objectifs")
            _settle(page)
            page.get_by_role("heading", name="Objectifs", exact=True).wait_for()
            page.get_by_text("Projection de fin d'année").first.wait_for()
            page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)  # drawn lazily
            x, y = _target_cell(page, 0)  # January of this year
            page.mouse.click(x, y)
            page.wait_for_timeout(300)
            page.keyboard.press("Enter")  # open the cell's editor
            page.wait_for_timeout(300)
            page.keyboard.type("42000", delay=50)
            page.keyboard.press("Enter")
            page.wait_for_timeout(800)  # the grid hands its edit to the form
            page.get_by_role("button", name="Enregistrer les objectifs").click()
            page.get_by_text("Objectifs enregistrés.").wait_for(timeout=30_000)
            _settle(page)
            problems = page.locator('[data-testid="stException"], '
                                    '[data-testid="stAlertContentError"]')
            assert problems.count() == 0, problems.all_inner_texts()
            assert database.get_objectives(app_env) == {
                (dt.date(today.year, 1, 1), None): 42_000.0,
                (dt.date(today.year, 12, 1), None): 150_000.0}
            page.screenshot(path=str(ARTIFACTS / "objectifs_1440.png"), full_page=True)
            phone = browser.new_page(viewport={"width": 390, "height": 2400}, locale="fr-FR")
            phone.goto(f"{server}/objectifs")
            _settle(phone)
            phone.get_by_text("Objectifs mensuels de l'entreprise").wait_for()
            phone.screenshot(path=str(ARTIFACTS / "objectifs_390.png"), full_page=True)
        finally:
            browser.close()
