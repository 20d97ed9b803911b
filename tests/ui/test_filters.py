"""The sidebar filters: what the widgets show is always what the numbers use (issue 7,
item 16a)."""

from __future__ import annotations

import pytest

from tests.ui.test_behaviour import metric_value

pytestmark = pytest.mark.db


def test_reset_clears_the_widgets_and_the_filter_stays_off_on_the_next_page(
    make_app, demo_import
):
    at = make_app()
    at.multiselect(key="filter_source").set_value(["LinkedIn"]).run()
    at.text_input(key="filter_text").input("a").run()
    assert metric_value(at, "Affaires") != "300"

    at.button(key="reset_filters").click().run()

    assert at.multiselect(key="filter_source").value == []
    assert at.text_input(key="filter_text").value == ""
    assert metric_value(at, "Affaires") == "300"
    at.switch_page("components/pipeline.py").run()
    at.switch_page("components/home.py").run()
    assert at.multiselect(key="filter_source").value == []
    assert metric_value(at, "Affaires") == "300"
