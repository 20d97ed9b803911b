"""Objectifs page and Accueil's line, through the real app on the demo data; oracles
computed with pandas (docs/objectifs.md)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import database
from business_logic.planning.periods import month_end
from business_logic.planning.reach import reach_probability
from business_logic.planning.wording import chances_in_ten, month_name
from tests.ui.conftest import assert_clean, import_demo
from utils.formatting import format_eur

pytestmark = pytest.mark.db

def _today() -> dt.date:
    """The sidebar's default reference date, read when the test runs: a suite that crosses
    midnight at a month's end must not compare two months."""
    return dt.date.today()


def _month() -> dt.date:
    return _today().replace(day=1)


def won_this_month(deals: pd.DataFrame) -> float:
    closed = deals["closed_date"]
    inside = (deals["status"] == "won") & (closed >= pd.Timestamp(_month())) & (
        closed <= pd.Timestamp(_today()))
    return float(deals.loc[inside, "amount"].fillna(0).sum())


def test_without_objective_the_page_explains_how_to_set_one(make_app, app_env):
    import_demo(app_env)
    at = make_app("components/objectives.py")
    assert_clean(at)
    assert any("Aucun objectif fixé" in info.value and "Enregistrer les objectifs" in info.value
               for info in at.info)
    assert "Projection de fin d'année" in [s.value for s in at.subheader]


def test_month_card_shows_remaining_and_chances(make_app, app_env):
    import_id = import_demo(app_env)
    deals = database.load_deals(app_env, import_id)
    won = won_this_month(deals)
    target = won + 10_000.0
    database.set_objective(app_env, _month(), target)
    at = make_app("components/objectives.py")
    assert_clean(at)
    remaining = next(m for m in at.metric if m.label == "Reste à signer")
    assert remaining.value == format_eur(10_000)
    chances = next(m.value for m in at.markdown if "d'atteindre l'objectif" in m.value)
    today = _today()
    probability = reach_probability(deals, today, target, month_end(today.year, today.month),
                                    won)
    assert chances == f"**{chances_in_ten(probability).capitalize()}** d'atteindre l'objectif"
    assert not at.info  # no empty state once a target exists


def test_one_selected_owner_shows_that_owners_objective(make_app, app_env):
    import_id = import_demo(app_env)
    deals = database.load_deals(app_env, import_id)
    owner = sorted(deals["owner"].dropna().unique())[0]
    database.set_objective(app_env, _month(), 1_000_000.0)
    mine = won_this_month(deals[deals["owner"] == owner]) + 2_500.0
    database.set_objective(app_env, _month(), mine, owner=owner)
    at = make_app("components/objectives.py")
    at.sidebar.multiselect(key="filter_owner").set_value([owner]).run()
    assert_clean(at)
    assert any(f"Objectifs de {owner}" in c.value for c in at.caption)
    remaining = next(m for m in at.metric if m.label == "Reste à signer")
    assert remaining.value == format_eur(2_500)


def test_home_shows_the_months_objective(make_app, app_env):
    import_demo(app_env)
    database.set_objective(app_env, _month(), 50_000.0)
    at = make_app()
    assert_clean(at)
    line = next(m.value for m in at.markdown if "Objectif de" in m.value)
    assert f"Objectif de {month_name(_today().month, _today().year)}" in line
    assert f"sur {format_eur(50_000)}" in line
