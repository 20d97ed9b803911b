"""The Simulateur in headless Chromium: a lever moved with the keyboard changes the
scenario and not the baseline (the card's delta says +200 %), one deal can be forced;
screenshots at 1440 and 390 px in test-artifacts/."""

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
                           timeout=120_000)  # 2 cores shared by many test runs
    page.wait_for_timeout(600)


def _card(page, label: str) -> str:
    return page.locator('[data-testid="stMetric"]', has_text=label).first.inner_text()


def _value(card_text: str) -> str:
    return next(line for line in card_text.splitlines() if "€" in line)


def test_a_lever_changes_the_scenario_and_not_the_baseline(server: str, app_env) -> None:
    from playwright.sync_api import sync_playwright

    import_demo(app_env)
    today = dt.date.today()
    database.set_objective(app_env, dt.date(today.year, today.month, 1), 200_000.0)
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 2400}, locale="fr-FR")
            page.goto(f"{server}/simulateur")
            _settle(page)
            page.get_by_role("heading", name="Simulateur", exact=True).wait_for()
            base_before = _value(_card(page, "D'ici 90 jours · actuel"))
            assert _value(_card(page, "D'ici 90 jours · scénario")) == base_before

            thumb = page.locator('[data-testid="stSlider"]', has_text="Panier moyen").get_by_role(
                "slider")
            thumb.focus()
            thumb.press("End")  # +200 %, the slider's end
            page.get_by_text("+200 %").first.wait_for(timeout=120_000)
            _settle(page)
            scenario = _card(page, "D'ici 90 jours · scénario")
            assert _value(scenario) != base_before
            assert "(+200\xa0%)" in scenario  # the delta: three times the baseline
            assert _value(_card(page, "D'ici 90 jours · actuel")) == base_before
            problems = page.locator('[data-testid="stException"], '
                                    '[data-testid="stAlertContentError"]')
            assert problems.count() == 0, problems.all_inner_texts()
            page.locator('[data-testid="stMultiSelect"]', has_text="Affaires à forcer").click()
            page.get_by_role("option").filter(has_text="€").first.click()  # one deal
            page.keyboard.press("Escape")
            _settle(page)
            page.get_by_text("glisse d'un mois").first.wait_for(timeout=120_000)
            assert page.get_by_text("glisse d'un mois").count() == 1
            assert problems.count() == 0, problems.all_inner_texts()
            page.screenshot(path=str(ARTIFACTS / "simulateur_1440.png"), full_page=True)
            page.set_viewport_size({"width": 390, "height": 2400})
            _settle(page)
            page.screenshot(path=str(ARTIFACTS / "simulateur_390.png"), full_page=True)
        finally:
            browser.close()
