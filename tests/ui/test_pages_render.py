"""Every page renders, without data and with an import, with no exception or error box."""

from __future__ import annotations

import pytest

from tests.ui.conftest import PAGES, assert_clean

pytestmark = pytest.mark.db


@pytest.mark.parametrize(("page", "title"), PAGES, ids=[p[1] for p in PAGES])
def test_page_without_data_shows_empty_state(make_app, page, title):
    at = make_app(page)
    assert_clean(at)
    assert at.title[0].value == title
    assert any("Aucune donnée" in info.value for info in at.info)
    assert at.button(key="load_demo").label == "Charger des données de démonstration"


@pytest.mark.parametrize(("page", "title"), PAGES, ids=[p[1] for p in PAGES])
def test_page_with_an_import(make_app, demo_import, page, title):
    at = make_app(page)
    assert_clean(at)
    assert at.title[0].value == title
    assert not any("Aucune donnée" in info.value for info in at.info)
