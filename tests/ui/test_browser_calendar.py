"""The date inputs' calendar starts weeks on Monday, in French, even in a browser set to
English, without an English word in it (issue 12, item 1: assets/french_ui.js hands
Streamlit's date inputs French and translates the calendar's own texts)."""

from __future__ import annotations

import re

from tests.ui.conftest import import_demo
from tests.ui.test_browser import (  # noqa: F401 (the fixture is used by name)
    CHROMIUM,
    CHROMIUM_ARGS,
    _settle,
    pytestmark,
    server,
)
from tests.ui.test_browser_french import ENGLISH

QUICK_SELECT = re.compile(r"Quick select|arrow keys|Past (Week|Month|Year)|Date range")
CALENDAR_TEXTS_JS = """() => {
  const dialog = document.querySelector('[data-testid=stDateInputCalendar]');
  const out = [];
  const walker = document.createTreeWalker(dialog, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) if (node.textContent.trim()) out.push(node.textContent.trim());
  for (const el of dialog.querySelectorAll('[aria-label],[title]'))
    out.push(el.getAttribute('aria-label') || el.getAttribute('title'));
  return out;
}"""


def test_the_calendar_starts_on_monday_in_an_english_browser(server: str, app_env) -> None:  # noqa: F811
    from playwright.sync_api import sync_playwright

    import_demo(app_env)  # the sidebar then has its date range too
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
            page.keyboard.press("Escape")
            date_input.nth(1).locator('[data-testid="stDateInputCalendarButton"]').click()
            page.locator('[data-testid="stDateInputCalendar"] [role="grid"]').wait_for()
            page.wait_for_timeout(500)  # the translating observer runs on the next microtasks
            texts = page.evaluate(CALENDAR_TEXTS_JS)
            assert [t for t in texts if ENGLISH.search(t) or QUICK_SELECT.search(t)] == []
        finally:
            browser.close()
