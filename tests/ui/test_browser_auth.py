"""The password gate in headless Chromium (issue 13, item 2): before the password, no byte
of the data reaches the browser — checked on every websocket frame, not just on the
screen — and the login screen is kept as a screenshot in test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import database
from tests.ui.app_server import app_server
from tests.ui.conftest import import_demo
from tests.ui.test_browser import CHROMIUM, CHROMIUM_ARGS, _settle, _shot

PASSWORD = "mot-de-passe-de-test"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.db,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]


@pytest.fixture
def gated_server(app_env, database_url: str, tmp_path: Path) -> Iterator[str]:
    """`streamlit run app.py` with APP_PASSWORD set."""
    with app_server(database_url, tmp_path, APP_PASSWORD=PASSWORD) as url:
        yield url


def test_no_data_reaches_the_browser_before_the_password(gated_server: str, app_env,
                                                         tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    import_id = import_demo(app_env)
    deals = database.load_deals(app_env, import_id)
    # Names of the snapshot: companies, and the sources and owners the sidebar lists.
    secrets = sorted({str(name) for name in deals["company"].dropna()})[:20] + sorted(
        {str(name) for column in ("source", "owner") for name in deals[column].dropna()})
    received: list[bytes] = []

    def watch(socket) -> None:
        socket.on("framereceived", lambda frame: received.append(
            frame if isinstance(frame, bytes) else frame.encode("utf-8")))

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="fr-FR")
        page.on("websocket", watch)
        try:
            for path in ("", "affaires", "reglages"):
                page.goto(f"{gated_server}/{path}")
                _settle(page)
                page.get_by_label("Mot de passe").wait_for()
                assert page.locator('[data-testid="stSidebar"]').count() == 0
                assert page.locator('[data-testid="stSidebarNav"]').count() == 0
                assert page.locator('[data-testid="stMetric"]').count() == 0
            _shot(page, "auth_01_login")

            page.get_by_label("Mot de passe").fill("pas le bon")
            page.get_by_role("button", name="Se connecter").click()
            page.get_by_text("Mot de passe incorrect.").wait_for()
            _settle(page)
            _shot(page, "auth_02_refused")
            before_login = b"".join(received)
            assert received, "the websocket frames should have been recorded"
            leaked = [name for name in secrets if name.encode("utf-8") in before_login]
            assert leaked == []
            assert PASSWORD.encode("utf-8") not in before_login

            page.wait_for_timeout(1500)  # the delay after one failure is 1 s
            page.get_by_label("Mot de passe").fill(PASSWORD)
            page.get_by_role("button", name="Se connecter").click()
            page.locator('[data-testid="stMetric"]').first.wait_for(timeout=30_000)
            _settle(page)
            assert PASSWORD not in page.url
            _shot(page, "auth_03_logged_in")
            page.goto(f"{gated_server}/affaires")  # a new page load: a new session
            _settle(page)
            page.get_by_label("Mot de passe").wait_for()
        finally:
            browser.close()
    after_login = b"".join(received)[len(before_login):]
    assert any(name.encode("utf-8") in after_login for name in secrets), \
        "the oracle: once in, the companies do reach the browser"
