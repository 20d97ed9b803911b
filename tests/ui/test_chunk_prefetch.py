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


def test_the_installed_streamlit_has_one_chunk_per_prefetched_element() -> None:
    """A Streamlit upgrade that renames its chunks would silently end the prefetch."""
    names = chunk_prefetch.chunk_names()
    assert [name.split(".")[0] for name in names] == ["DataFrame", "PlotlyChart"]
    assert all(re.fullmatch(r"\w+\.[\w-]+\.js", name) for name in names)


def test_the_script_names_the_chunks_it_loads() -> None:
    table, plotly = chunk_prefetch.chunk_names()  # sorted by name
    assert f'window.__crmPrefetch = ["{table}", "{plotly}"];' in chunk_prefetch.script()


def test_accueil_fetches_the_chart_and_table_modules_once_for_pipeline(
    server: str, app_env,  # noqa: F811
) -> None:
    from playwright.sync_api import sync_playwright

    import_demo(app_env)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="fr-FR")
        fetched: list[str] = []
        page.on("request", lambda r: fetched.append(r.url.rsplit("/", 1)[-1].split(".")[0])
                if re.search(r"/static/js/(PlotlyChart|DataFrame)\.", r.url) else None)
        try:
            page.goto(server)
            _settle(page)
            # Accueil draws no chart and no table
            assert page.locator(".js-plotly-plot").count() == 0
            assert page.locator('[data-testid="stDataFrame"]').count() == 0
            page.wait_for_timeout(4_000)  # one second after the run, when the tab is idle
            assert sorted(fetched) == ["DataFrame", "PlotlyChart"]
            page.locator('[data-testid="stSidebarNavLink"]', has_text="Pipeline").first.click()
            page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
            page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=30_000)
            # Streamlit's own imports found both modules loaded
            assert sorted(fetched) == ["DataFrame", "PlotlyChart"]
        finally:
            browser.close()
