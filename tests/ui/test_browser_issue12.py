"""Issue 12 in headless Chromium: the filter chips remove their filter (item 2), « Fait » and
« Reporter d'une semaine » on Actions prioritaires persist (item 6), and on a 390 px phone
Accueil shows the alerts and the forecast above the secondary cards (item 9)."""

from __future__ import annotations

import pytest

from tests.ui.conftest import import_demo
from tests.ui.test_browser import (  # noqa: F401 (the fixture is used by name)
    _browser,
    _settle,
    pytestmark,
    server,
)


def _box_top(page, locator) -> float:
    locator.wait_for()
    return locator.bounding_box()["y"]


def test_a_chip_removes_its_filter(server: str, app_env) -> None:  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    import_demo(app_env)
    with sync_playwright() as playwright:
        browser = _browser(playwright)
        page = browser.new_page(viewport={"width": 1440, "height": 1200}, locale="fr-FR")
        try:
            page.goto(f"{server}/affaires")
            _settle(page)
            sidebar = page.locator('[data-testid="stSidebar"]')
            source = sidebar.locator('[data-testid="stMultiSelect"]', has_text="Source")
            source.click()
            page.get_by_role("option", name="LinkedIn").click()
            page.keyboard.press("Escape")
            _settle(page)
            chip = page.locator(".st-key-filter_bar").get_by_role("button",
                                                                  name="Source : LinkedIn")
            expect(chip).to_be_visible()
            expect(page.get_by_text("300 affaires après filtres")).to_have_count(0)

            chip.click()
            _settle(page)
            expect(source).not_to_contain_text("LinkedIn")
            expect(page.locator(".st-key-filter_bar")).to_have_count(0)
            expect(page.get_by_text("300 affaires après filtres")).to_be_visible()
        finally:
            browser.close()


def test_done_and_snoozed_actions_leave_the_list_for_good(server: str,  # noqa: F811
                                                          app_env) -> None:
    from playwright.sync_api import expect, sync_playwright

    import_demo(app_env)
    with sync_playwright() as playwright:
        browser = _browser(playwright)
        page = browser.new_page(viewport={"width": 1440, "height": 1600}, locale="fr-FR")
        try:
            page.goto(f"{server}/actions")
            _settle(page)
            titles = page.locator('[class*="st-key-action_card_"] strong')
            first = titles.nth(0).inner_text()
            second = page.locator(".st-key-action_card_2 strong").first.inner_text()
            page.locator(".st-key-action_card_1").get_by_role("button", name="Fait").click()
            _settle(page)
            expect(page.locator(".st-key-action_card_1 strong").first).to_have_text(
                second.replace("2. ", "1. ", 1))
            page.locator(".st-key-action_card_1").get_by_role(
                "button", name="Reporter d'une semaine").click()
            _settle(page)

            page.reload()  # a new session: the states come from the database
            _settle(page)
            shown = page.locator('[class*="st-key-action_card_"]').all_inner_texts()
            names = [first.split(". ", 1)[1], second.split(". ", 1)[1]]
            assert not [text for text in shown for name in names if name in text]
            page.get_by_text("Faites et reportées · 2 affaires").click()
            undo = page.get_by_role("button", name="Annuler")
            undo.nth(1).wait_for(timeout=30_000)
            expect(undo).to_have_count(2)
        finally:
            browser.close()


@pytest.mark.parametrize(("width", "alerts_first"), [(390, True), (1440, False)])
def test_phone_shows_alerts_and_forecast_above_the_secondary_cards(
        server: str, app_env, width: int, alerts_first: bool) -> None:  # noqa: F811
    from playwright.sync_api import sync_playwright

    import_demo(app_env)
    with sync_playwright() as playwright:
        browser = _browser(playwright)
        page = browser.new_page(viewport={"width": width, "height": 2400}, locale="fr-FR")
        try:
            page.goto(server)
            _settle(page)
            alerts = _box_top(page, page.get_by_role("heading", name="À traiter cette semaine"))
            forecast = _box_top(page, page.get_by_role("heading",
                                                       name="Prévision de signature"))
            basket = _box_top(page, page.locator('[data-testid="stMetric"]',
                                                 has_text="Panier moyen"))
            headline = _box_top(page, page.locator('[data-testid="stMetric"]',
                                                   has_text="Pipeline brut"))
            assert headline < alerts < forecast
            assert (forecast < basket) is alerts_first
        finally:
            browser.close()
