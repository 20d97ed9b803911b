"""On a phone the deal tables keep the deal and its amount on screen: first columns,
pinned (issue 12, item 9)."""

from __future__ import annotations

import json

import pytest

from tests.ui.conftest import assert_clean

pytestmark = pytest.mark.db


def test_deal_tables_show_deal_and_amount_first_and_pinned(make_app, demo_import) -> None:
    at = make_app("components/deals.py")
    assert_clean(at)
    tables = [t for t in at.dataframe if "Affaire" in t.value.columns]
    assert len(tables) == 2  # the deals, the deadlines
    for table in tables:
        assert table.value.columns[:2].tolist() == ["Affaire", "Montant"]
        config = json.loads(table.proto.columns)
        assert config["Affaire"]["pinned"] and config["Montant"]["pinned"]
