"""Database down in the app: one French screen with a retry, no page (issue 7, item 14)."""

from __future__ import annotations

import socket

import pytest
from streamlit.testing.v1 import AppTest

from components import state
from tests.ui.conftest import APP


def _closed_port() -> int:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


@pytest.fixture
def unreachable_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"postgresql://crm@127.0.0.1:{_closed_port()}/crm")
    state._engine_for.clear()
    yield
    state._engine_for.clear()


def test_an_unreachable_database_shows_one_french_screen(unreachable_database: None) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert [title.value for title in at.title] == ["Base de données injoignable"]
    assert len(at.error) == 1
    assert at.error[0].value.startswith("Base de données injoignable")
    assert "psycopg" not in at.error[0].value
    assert not at.info  # no page's "Aucune donnée" empty state
    assert at.button(key="retry_database").label == "Réessayer"


def test_retry_shows_the_pages_once_the_database_answers(
    unreachable_database: None, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    monkeypatch.setenv("DATABASE_URL", database_url)
    at.button(key="retry_database").click().run()
    assert not at.exception
    assert at.title[0].value == "Accueil"
    assert not at.error
