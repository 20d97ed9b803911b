"""The chart library is fetched while the first page is read (components/chunk_prefetch.py,
issue 8)."""

from __future__ import annotations

import re

from components import chunk_prefetch
from tests.ui.conftest import import_demo
from tests.ui.test_browser import (  # noqa: F401 (the fixture is used by name)
    CHROMIUM,
    CHROMIUM_ARGS,
    _settle,
    pytestmark,
    server,
)


def test_the_installed_streamlit_has_one_plotly_chunk() -> None:
    """A Streamlit upgrade that renames its chunks would silently end the prefetch."""
    names = chunk_prefetch.chunk_names()
    assert len(names) == 1
    assert re.fullmatch(r"PlotlyChart\.[\w-]+\.js", names[0])


def test_the_script_names_the_chunk_it_loads() -> None:
    assert f'window.__crmPrefetch = ["{chunk_prefetch.chunk_names()[0]}"];' in (
        chunk_prefetch.script())


def test_accueil_fetches_the_chart_module_once_for_pipeline(server: str,  # noqa: F811
                                                            app_env) -> None:
    from playwright.sync_api import sync_playwright

    import_demo(app_env)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="fr-FR")
        fetched: list[str] = []
        page.on("request", lambda r: fetched.append(r.url) if "PlotlyChart" in r.url else None)
        try:
            page.goto(server)
            _settle(page)
            assert page.locator(".js-plotly-plot").count() == 0  # Accueil draws no chart
            page.wait_for_timeout(4_000)  # one second after the run, when the tab is idle
            assert len(fetched) == 1
            page.locator('[data-testid="stSidebarNavLink"]', has_text="Pipeline").first.click()
            page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
            assert len(fetched) == 1  # Streamlit's own import found the module loaded
        finally:
            browser.close()
