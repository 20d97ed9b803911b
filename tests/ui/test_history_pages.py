"""Évolutions, the Accueil deltas and the export date on the Import page, driven through
the real app on the demo history (docs/history.md); oracles computed with pandas."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import database
from tests.ui.conftest import assert_clean, import_demo, import_demo_history
from utils.formatting import format_eur

pytestmark = pytest.mark.db

AS_OF = dt.date(2026, 11, 30)


@pytest.fixture
def history_ids(app_env) -> list[int]:
    # 4 weekly exports: the last week of this demo has wins and losses (a week of the
    # stationary demo CRM signs 1.6 deals on average: some weeks none)
    return import_demo_history(app_env, as_of=AS_OF, weeks=4)


def _last_two(engine, ids: list[int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    return database.load_deals(engine, ids[-2]), database.load_deals(engine, ids[-1])


def test_evolutions_with_one_import_explains_what_a_second_one_shows(make_app, app_env):
    import_demo(app_env)
    at = make_app("components/evolutions.py")
    assert_clean(at)
    assert any("Un seul import" in info.value and "second export" in info.value
               for info in at.info)
    assert not at.expander


def test_evolutions_counts_won_deals_like_a_pandas_oracle(make_app, app_env, history_ids):
    before, after = _last_two(app_env, history_ids)
    both = before.merge(after, on="deal_id", suffixes=("_a", "_b"))
    won = int(((both["status_a"] == "open") & (both["status_b"] == "won")).sum())
    new = len(set(after["deal_id"]) - set(before["deal_id"]))
    at = make_app("components/evolutions.py")
    assert_clean(at)
    labels = [e.label for e in at.expander]
    assert f"Gagnées · {won}" in labels
    assert f"Nouvelles affaires · {new}" in labels
    assert len(labels) == 11  # every change of docs/history.md but "inchangée"
    won_list = next(f for f in at.dataframe if f.value["Après"].str.startswith("Gagné").all()
                    and len(f.value) == won).value
    assert set(won_list["Avant"].str.split(" · ").str[1]) == {"En cours"}


def test_evolutions_waterfall_goes_from_one_pipeline_to_the_other(make_app, app_env,
                                                                   history_ids):
    before, after = _last_two(app_env, history_ids)
    start = before.loc[before["status"] == "open", "amount"].sum()
    end = after.loc[after["status"] == "open", "amount"].sum()
    at = make_app("components/evolutions.py")
    captions = [c.value for c in at.caption]
    expected = f"{format_eur(start)} → {format_eur(end)}"
    assert any(c.replace("\\", "").startswith(expected) for c in captions), captions


def test_home_cards_show_the_change_since_the_previous_import(make_app, app_env,
                                                              history_ids):
    before, after = _last_two(app_env, history_ids)
    change = (after.loc[after["status"] == "open", "amount"].sum()
              - before.loc[before["status"] == "open", "amount"].sum())
    at = make_app()
    assert_clean(at)
    card = next(m for m in at.metric if m.label == "Pipeline brut")
    assert card.delta == ("+" if change >= 0 else "-") + format_eur(abs(change))
    assert [s.value for s in at.subheader].count("Depuis le dernier import") == 1


def test_home_without_a_previous_import_shows_no_delta(make_app, app_env):
    import_demo(app_env)
    at = make_app()
    card = next(m for m in at.metric if m.label == "Pipeline brut")
    assert not card.delta
    assert any("Un seul import" in c.value for c in at.caption)


def test_import_page_changes_an_export_date(make_app, app_env, history_ids):
    at = make_app("components/importer.py")
    at.selectbox(key="import_date_choice").set_value(history_ids[0]).run()
    at.date_input(key=f"import_date_value_{history_ids[0]}").set_value(
        dt.date(2026, 12, 25)).run()
    at.button(key="import_date_save").click().run()
    assert_clean(at)
    dates = {s.import_id: s.exported_on for s in database.list_imports(app_env)}
    assert dates[history_ids[0]] == dt.date(2026, 12, 25)
    assert database.latest_import_id(app_env) == history_ids[0]
