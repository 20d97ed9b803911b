"""The filters in force as removable chips at the top of every data page; the sidebar
filters only on the pages they affect (issue 12, item 2)."""

from __future__ import annotations

import pytest

from tests.ui.conftest import assert_clean

pytestmark = pytest.mark.db


def _chips(at) -> dict[str, str]:
    """Chip key → label as shown (Markdown escapes removed)."""
    return {b.key: b.label.replace("\\", "") for b in at.button
            if (b.key or "").startswith("chip_")}


def test_no_chip_without_filter(make_app, demo_import) -> None:
    at = make_app()
    assert_clean(at)
    assert _chips(at) == {}


def test_each_filter_in_force_is_a_chip(make_app, demo_import) -> None:
    at = make_app("components/deals.py")
    at.multiselect(key="filter_source").set_value(["LinkedIn", "Salon"]).run()
    at.text_input(key="filter_text").set_value("acme").run()
    assert_clean(at)
    assert _chips(at) == {"chip_filter_source": "Source : LinkedIn, Salon",
                          "chip_filter_text": "Recherche : « acme »",
                          "chip_all": "Tout effacer"}


def test_clicking_a_chip_clears_only_that_filter(make_app, demo_import) -> None:
    at = make_app()
    at.multiselect(key="filter_source").set_value(["LinkedIn"]).run()
    at.multiselect(key="filter_status").set_value(["won"]).run()
    at.button(key="chip_filter_source").click().run()
    assert_clean(at)
    assert at.multiselect(key="filter_source").value == []
    assert at.multiselect(key="filter_status").value == ["won"]
    assert _chips(at) == {"chip_filter_status": "Statut : Gagnée"}


@pytest.mark.parametrize("page", ["components/importer.py", "components/settings.py",
                                  "components/definitions.py"])
def test_pages_without_data_have_no_filters_and_keep_them(make_app, demo_import, page) -> None:
    at = make_app()
    at.multiselect(key="filter_source").set_value(["LinkedIn"]).run()
    at.switch_page(page).run()
    assert_clean(at)
    assert not at.sidebar.multiselect
    assert _chips(at) == {}
    at.switch_page("components/home.py").run()
    assert at.multiselect(key="filter_source").value == ["LinkedIn"]
    assert _chips(at) == {"chip_filter_source": "Source : LinkedIn"}
