"""Done and snoozed actions persist by deal key (migration 0009) and survive the next import
of the same CRM (issue 12, item 6)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError

import database
from business_logic import importing
from business_logic.actions import ActionState, rank_actions, snooze_until
from database.action_states import clear_action_state, get_action_states, mark_done, snooze
from database.engine import downgrade_to
from tests.database.test_migrations import _scoped_engine, _upgrade_to

pytestmark = pytest.mark.db

D = dt.date(2026, 11, 26)
HEADER = ("Affaire;Entreprise;Étape;Montant;Date de clôture prévue;Dernière activité;"
          "Date de création")
# Week 1: three overdue deals. Week 2 (same CRM, a week later): rows reordered, an amount
# changed, a new deal first: row numbers say nothing, names + companies do.
WEEK_1 = "\n".join([HEADER,
                    "Alpha;Acme;Proposition;10000;2026-11-01;2026-11-20;2026-09-01",
                    "Bravo;Bolt;Négociation;20000;2026-11-02;2026-11-20;2026-09-01",
                    "Charlie;Cube;Proposition;5000;2026-11-03;2026-11-20;2026-09-01"])
WEEK_2 = "\n".join([HEADER,
                    "Delta;Dune;Proposition;7000;2026-11-04;2026-11-27;2026-09-01",
                    "Charlie;Cube;Proposition;5000;2026-11-03;2026-11-27;2026-09-01",
                    "Bravo;Bolt;Négociation;25000;2026-11-02;2026-11-27;2026-09-01",
                    "Alpha;Acme;Proposition;10000;2026-11-01;2026-11-27;2026-09-01"])


def _import(engine: Engine, export: str) -> int:
    data = export.encode()
    result = importing.import_bytes(data, "export.csv")
    return database.save_import(engine, file_name="export.csv",
                                sha256=hashlib.sha256(data).hexdigest(),
                                report=result.report.to_dict(), deals=result.deals)


def _listed(engine: Engine, import_id: int, as_of: dt.date) -> list[str]:
    with engine.connect() as connection:
        states = get_action_states(connection)
    ranking = rank_actions(database.load_deals(engine, import_id), as_of, states=states)
    return ranking.visible["name"].tolist()


def test_states_are_saved_replaced_and_cleared(clean_db: Engine) -> None:
    with clean_db.begin() as connection:
        mark_done(connection, "A")
        snooze(connection, "B", dt.date(2026, 12, 3))
    with clean_db.begin() as connection:
        snooze(connection, "A", dt.date(2026, 12, 10))  # a done deal snoozed instead
        assert clear_action_state(connection, "B")
        assert not clear_action_state(connection, "unknown")
    with clean_db.connect() as connection:
        assert get_action_states(connection) == {
            "A": ActionState("A", "snoozed", dt.date(2026, 12, 10))}


def test_a_snooze_needs_its_date(clean_db: Engine) -> None:
    with pytest.raises(IntegrityError), clean_db.begin() as connection:
        connection.execute(text(
            "INSERT INTO action_states (deal_key, state) VALUES ('A', 'snoozed')"))


def test_done_and_snoozed_survive_the_next_import_of_the_same_crm(clean_db: Engine) -> None:
    first = _import(clean_db, WEEK_1)
    assert _listed(clean_db, first, D) == ["Bravo", "Alpha", "Charlie"]
    keys = dict(zip(*rank_actions(database.load_deals(clean_db, first), D)
                    .visible[["name", "deal_key"]].T.values, strict=True))
    with clean_db.begin() as connection:
        mark_done(connection, keys["Alpha"])
        snooze(connection, keys["Bravo"], snooze_until(D))
    second = _import(clean_db, WEEK_2)
    assert _listed(clean_db, second, D + dt.timedelta(days=6)) == ["Delta", "Charlie"]
    # A week after the snooze, Bravo is back; Alpha, done, is not.
    assert _listed(clean_db, second, D + dt.timedelta(days=7)) == ["Bravo", "Delta", "Charlie"]


def test_migration_0009_holds_states_and_its_downgrade_drops_them(database_url: str) -> None:
    engine, scoped = _scoped_engine(database_url, "mig_0009")
    try:
        _upgrade_to(scoped, "0009")
        with scoped.begin() as connection:
            mark_done(connection, "CRM-1")
            snooze(connection, "CRM-2", dt.date(2026, 12, 3))
        with scoped.connect() as connection:
            assert sorted(get_action_states(connection)) == ["CRM-1", "CRM-2"]
        downgrade_to(scoped, "-1")  # the revision before 0009, whatever its number
        with scoped.connect() as connection:
            assert connection.execute(text(
                "SELECT to_regclass('action_states')")).scalar() is None
    finally:
        scoped.dispose()
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA mig_0009 CASCADE"))
        engine.dispose()
