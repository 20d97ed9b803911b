"""Actions prioritaires as one ranked to-do list: « Fait » and « Reporter d'une semaine »
saved in the database and undone from « Faites et reportées » (issue 12, item 6)."""

from __future__ import annotations

import datetime as dt

import pytest

from database.action_states import get_action_states
from tests.ui.conftest import assert_clean

pytestmark = pytest.mark.db


def _titles(at) -> list[str]:
    return [m.value.split("**")[1].split(". ", 1)[1] for m in at.markdown
            if m.value.startswith("**") and ". " in m.value.split("**")[1]][:10]


def test_each_deal_once_top_ten_then_everything(make_app, demo_import) -> None:
    at = make_app("components/actions.py")
    assert_clean(at)
    done = [b for b in at.button if (b.key or "").startswith("action_done_")]
    assert len(done) == 10
    assert len(set(_titles(at))) == 10
    at.toggle(key="actions_show_all").set_value(True).run()
    assert len([b for b in at.button if (b.key or "").startswith("action_done_")]) > 10


def test_done_and_snoozed_leave_the_list_and_can_be_undone(make_app, app_env,
                                                           demo_import) -> None:
    at = make_app("components/actions.py")
    first, second = _titles(at)[:2]
    at.button(key="action_done_1").click().run()
    assert_clean(at)
    assert first not in _titles(at)
    assert _titles(at)[0] == second
    at.button(key="action_snooze_1").click().run()
    assert second not in _titles(at)
    with app_env.connect() as connection:
        states = get_action_states(connection)
    assert sorted(s.state for s in states.values()) == ["done", "snoozed"]
    snoozed = next(s for s in states.values() if s.state == "snoozed")
    assert snoozed.until == dt.date.today() + dt.timedelta(days=7)

    at.button(key="action_undo_0").click().run()  # the best score of the shelved ones
    assert _titles(at)[0] == first
    with app_env.connect() as connection:
        assert [s.state for s in get_action_states(connection).values()] == ["snoozed"]


def test_filter_per_owner(make_app, demo_import) -> None:
    at = make_app("components/actions.py")
    owner = at.selectbox(key="actions_owner").options[1]
    at.selectbox(key="actions_owner").set_value(owner).run()
    assert_clean(at)
    cards = [c.value for c in at.caption if "urgence" in c.value and "  \n" in c.value]
    assert cards
    assert all(owner in card.split("  \n")[0].split(" · ") for card in cards)
