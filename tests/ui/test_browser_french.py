"""No English a French user can see, in headless Chromium: Streamlit's and Plotly's own
texts included (issue 12, item 1). Every text node and every tooltip-like attribute
(title, aria-label, placeholder, Plotly's data-title) of the empty state, the upload flow,
every page and an open multiselect is checked against English UI words."""

from __future__ import annotations

import re
from pathlib import Path

from business_logic.demo import demo_export
from tests.ui.conftest import import_demo
from tests.ui.test_browser import (  # noqa: F401 (the fixture is used by name)
    CHROMIUM_ARGS,
    URL_PATHS,
    pytestmark,
    server,
)

CHROMIUM = "/usr/bin/chromium"
ENGLISH = re.compile(
    r"\b(Upload|Browse|Drag and drop|Select all|Download plot|per file|Skip to main content"
    r"|Choose|Selected Date|Add row|Delete row|Zoom in|Zoom out|Autoscale|Reset axes"
    r"|Fullscreen|Download as CSV"
    r"|Show/hide|Help for|Collapse sidebar|Link to heading|No results|Clear all"
    r"|dd/mm/yyyy|DD/MM/YYYY|yyyy|start date|end date)\b|\d(?:KB|MB|GB)\b|^(Search|Sidebar|Open"
    r"|Close|Delete|Pan|Zoom|dd|November|December)$"
)
# Text nodes and attributes in the page (icon ligatures and <noscript> excepted).
TEXTS_JS = """() => {
  const out = [];
  const skip = 'script,style,noscript,[data-testid=stIconMaterial]';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const text = node.textContent.trim();
    if (text && !node.parentElement.closest(skip)) out.push(text);
  }
  for (const el of document.querySelectorAll('[title],[aria-label],[placeholder],[data-title]'))
    for (const name of ['title', 'aria-label', 'placeholder', 'data-title'])
      if (el.getAttribute(name)) out.push(el.getAttribute(name));
  return out;
}"""


def _settle(page) -> None:
    """The script run is over (waited in the page itself: robust on a loaded machine)."""
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stApp]')"
        "?.getAttribute('data-test-script-state') === 'notRunning'"
        " && !document.querySelector('[data-testid=stSkeleton]')",
        timeout=90_000,
    )
    page.wait_for_timeout(800)


def _english(page) -> list[str]:
    page.wait_for_timeout(300)  # the translating observer runs on the next microtasks
    return sorted({text for text in page.evaluate(TEXTS_JS) if ENGLISH.search(text)})


def test_no_english_on_any_page(server: str, app_env, tmp_path: Path) -> None:  # noqa: F811
    from playwright.sync_api import sync_playwright

    export = tmp_path / "export_crm.csv"
    export.write_bytes(demo_export(__import__("datetime").date.today()))
    found: dict[str, list[str]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="fr-FR")
        try:
            page.goto(server)
            _settle(page)
            page.get_by_text("Aucune donnée pour l'instant").first.wait_for()
            found["empty state"] = _english(page)

            page.goto(f"{server}/import")
            _settle(page)
            page.get_by_text("Choisir un fichier").first.wait_for()
            found["uploader"] = _english(page)
            page.locator('input[type="file"]').set_input_files(str(export))
            page.get_by_text("Aperçu des 10 premières lignes").wait_for(timeout=90_000)
            _settle(page)
            # The file's size in French: "48,8 Ko", not "48.8KB".
            page.get_by_text(re.compile(r"\d\sKo$")).first.wait_for(timeout=30_000)
            found["upload"] = _english(page)

            import_demo(app_env)
            for path, title in URL_PATHS:
                page.goto(f"{server}/{path}")
                _settle(page)
                heading = page.get_by_role("heading", name=title, exact=True).first
                heading.wait_for(timeout=90_000)
                if path in ("pipeline", "marketing"):  # Plotly's toolbar is drawn
                    page.locator(".modebar-btn").first.wait_for(state="attached",
                                                                timeout=20_000)
                if path == "reglages":  # the alias table's toolbar ("Add row") on hover
                    page.locator('[data-testid="stDataFrame"]').first.hover()
                found[title] = _english(page)

            page.goto(server)  # the last page (Définitions) has no sidebar filters
            _settle(page)
            sidebar = page.locator('[data-testid="stSidebar"]')
            sidebar.locator('[data-testid="stMultiSelect"]', has_text="Source").click()
            page.get_by_role("option", name="LinkedIn").wait_for()
            found["open multiselect"] = _english(page)
            page.keyboard.press("Escape")
        finally:
            browser.close()
    assert {where: texts for where, texts in found.items() if texts} == {}
