"""Évolutions on a phone (issue 9, quality bar: "looked at in Chromium at 390 px"): the real
app on the demo history, 390 px wide — nothing wider than the screen, the waterfall drawn
inside it with legible bar labels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.app_server import app_server
from tests.ui.conftest import import_demo_history
from tests.ui.test_browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.db,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]
PHONE = {"width": 390, "height": 2400}
# Widest element of the page and of Streamlit's main block, against the screen's width.
OVERFLOW = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  return {screen: document.documentElement.clientWidth,
          page: document.documentElement.scrollWidth,
          main: main.scrollWidth, mainVisible: main.clientWidth};
}"""
# Each waterfall bar label: its drawn height (Plotly shrinks a label too wide for its bar by
# a transform, not by its font size) and whether it lies inside the chart's width.
BAR_LABELS = """(plot) => {
  const box = plot.getBoundingClientRect();
  return [...plot.querySelectorAll('.waterfalllayer text')].map(t => {
    const r = t.getBoundingClientRect();
    return {size: r.height, text: t.textContent,
            inside: r.left >= box.left - 1 && r.right <= box.right + 1};
  });
}"""


@pytest.fixture
def server(app_env, database_url: str, tmp_path: Path) -> Iterator[str]:
    import_demo_history(app_env, as_of=dt.date(2026, 11, 30))
    with app_server(database_url, tmp_path) as url:
        yield url


def test_evolutions_fits_a_390_px_phone_with_its_waterfall(server: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=PHONE, locale="fr-FR")
            page.goto(f"{server}/evolutions")
            page.wait_for_selector(
                '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=180_000)
            page.get_by_role("heading", name="Évolutions", exact=True).wait_for()
            bars = page.locator(".js-plotly-plot .waterfalllayer path").first
            bars.wait_for(timeout=60_000)
            plot = page.locator(".js-plotly-plot", has=page.locator(".waterfalllayer")).first
            box = plot.bounding_box()
            assert box is not None and box["width"] > 200
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
            width = page.evaluate(OVERFLOW)
            assert width["page"] <= width["screen"] == PHONE["width"], width
            assert width["main"] <= width["mainVisible"], width
            labels = plot.evaluate(BAR_LABELS)
            assert labels and all(label["inside"] for label in labels), labels
            assert min(label["size"] for label in labels) >= 12, labels  # px, legible
            assert page.locator('[data-testid="stException"]').count() == 0
        finally:
            browser.close()
