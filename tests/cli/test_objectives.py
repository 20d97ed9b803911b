"""`cli.py objectives set|delete` and `objectives --json` (docs/cli.md, "Additions")."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from sqlalchemy import Engine

import cli
from database import get_objectives, load_deals
from tests.ui.conftest import import_demo

AS_OF = dt.date(2026, 11, 26)
NOV = dt.date(2026, 11, 1)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def won_in(deals: pd.DataFrame, start: str, end: str) -> float:
    inside = (deals["status"] == "won") & deals["closed_date"].between(start, end)
    return float(deals.loc[inside, "amount"].fillna(0).sum())


def test_set_stores_the_company_and_owner_targets(app_env: Engine, capsys):
    assert run(capsys, "objectives", "set", "2026-11", "50 000")[0] == 0
    assert run(capsys, "objectives", "set", "2026-12", "60000,5", "--owner", "Alice")[0] == 0
    assert get_objectives(app_env) == {(NOV, None): 50_000.0,
                                       (dt.date(2026, 12, 1), "Alice"): 60_000.5}


@pytest.mark.parametrize(
    ("args", "message"),
    [(("set", "2026-13", "5"), "mois invalide « 2026-13 »"),
     (("set", "2026-11", "beaucoup"), "montant invalide « beaucoup »"),
     (("set", "2026-11", "-5"), "montant invalide « -5 »"),
     (("delete", "2026-11"), "Aucun objectif pour 2026-11")],
)
def test_bad_arguments_exit_2_in_french(app_env: Engine, capsys, args, message):
    code, _, err = run(capsys, "objectives", *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_json_gives_targets_and_progress_per_period(app_env: Engine, capsys):
    import_id = import_demo(app_env, n_deals=200, as_of=AS_OF)
    deals = load_deals(app_env, import_id)
    run(capsys, "objectives", "set", "2026-10", "40000")
    run(capsys, "objectives", "set", "2026-11", "50000")
    code, out, _ = run(capsys, "objectives", "--json", "--as-of", "2026-11-26")
    payload = json.loads(out)
    assert code == 0
    assert payload["as_of"] == "2026-11-26"
    month, quarter, year = payload["periods"]
    assert [(p["period"], p["kind"], p["target"]) for p in payload["periods"]] == [
        ("2026-11", "month", 50_000.0), ("2026-Q4", "quarter", 90_000.0),
        ("2026", "year", 90_000.0)]
    assert month["won_to_date"] == pytest.approx(won_in(deals, "2026-11-01", "2026-11-26"))
    assert quarter["won_to_date"] == pytest.approx(won_in(deals, "2026-10-01", "2026-11-26"))
    assert month["remaining"] == pytest.approx(50_000 - month["won_to_date"])
    assert 0.0 <= month["probability"] <= 1.0
    assert month["pipeline_to_create"] >= 0.0


def test_one_owner_uses_that_owners_targets_and_deals(app_env: Engine, capsys):
    import_id = import_demo(app_env, n_deals=200, as_of=AS_OF)
    deals = load_deals(app_env, import_id)
    owner = deals["owner"].dropna().iloc[0]
    run(capsys, "objectives", "set", "2026-11", "50000")
    run(capsys, "objectives", "set", "2026-11", "8000", "--owner", owner)
    _, out, _ = run(capsys, "objectives", "--json", "--as-of", "2026-11-26", "--owner", owner)
    payload = json.loads(out)
    month = payload["periods"][0]
    assert payload["owner"] == owner
    assert month["target"] == 8_000.0
    assert month["won_to_date"] == pytest.approx(
        won_in(deals[deals["owner"] == owner], "2026-11-01", "2026-11-26"))


def test_text_output_says_when_no_target_is_set(app_env: Engine, capsys):
    import_demo(app_env, n_deals=50, as_of=AS_OF)
    code, out, _ = run(capsys, "objectives", "--as-of", "2026-11-26")
    assert code == 0
    assert "2026-11 : pas d'objectif" in out
