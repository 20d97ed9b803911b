"""The date inputs' calendar starts weeks on Monday, in French, even in a browser set to
English (issue 12, item 1: assets/french_ui.js hands Streamlit's date inputs French)."""

from __future__ import annotations

from tests.ui.test_browser import (  # noqa: F401 (the fixture is used by name)
    CHROMIUM,
    CHROMIUM_ARGS,
    _settle,
    pytestmark,
    server,
)


def test_the_calendar_starts_on_monday_in_an_english_browser(server: str, app_env) -> None:  # noqa: F811
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=[*CHROMIUM_ARGS, "--lang=en-US"])
        page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="en-US")
        try:
            page.goto(server)
            _settle(page)
            date_input = page.locator('[data-testid="stSidebar"] [data-testid="stDateInput"]')
            date_input.first.locator('[data-testid="stDateInputCalendarButton"]').click()
            grid = page.locator('[role="grid"]')
            grid.wait_for(timeout=30_000)
            assert grid.locator("thead th").all_inner_texts() == ["L", "M", "M", "J", "V", "S",
                                                                   "D"]
            first_day = grid.locator("tbody td [role=button]").first.get_attribute("aria-label")
            assert first_day.startswith("lundi ")
        finally:
            browser.close()
