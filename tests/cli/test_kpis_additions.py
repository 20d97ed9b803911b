"""cli.md "Additions" for `kpis`: every number of the definitions and the extra filters,
on the hand-computed export of test_cli (as of 2026-11-26)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

import database
from business_logic.metrics import Thresholds
from tests.cli.test_cli import FRENCH_EXPORT, run_cli

# Alpha (id 1) prospect 0.1, 1 000 €, LinkedIn, created 01/11, closes 10/12, no activity
# Bravo (2) negotiation 0.7, 10 000 €, Salon, created 01/10, closed 20/11 (overdue), act. 20/11
# Charlie (3) won 5 000 €, LinkedIn, 01/09 → 15/10 (44 days)
# Delta (4) lost 2 000 €, Salon, 01/09 → 01/10
# Echo (5) proposal 0.5, 4 000 €, LinkedIn, created 20/11, closes 15/02/2027, act. 25/11
AS_OF = ("--as-of", "2026-11-26", "--json")


@pytest.fixture
def imported(app_env: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Engine:
    path = tmp_path / "export.csv"
    path.write_bytes(FRENCH_EXPORT)
    assert run_cli(capsys, "import", str(path))[0] == 0
    return app_env


def kpis(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    code, out, err = run_cli(capsys, "kpis", *AS_OF, *args)
    assert code == 0, err
    return json.loads(out)


def test_every_addition_key_follows_the_cli_md_keys(imported, capsys):
    payload = kpis(capsys)
    assert list(payload)[18:] == [
        "by_sector", "by_owner", "funnel", "lead_velocity", "deal_age", "deal_velocity",
        "sales_velocity", "period_comparison", "quick_wins", "deadlines", "thresholds",
        "currency", "excluded_currencies",
    ]  # fmt: skip


def test_by_source_carries_won_deal_size_and_days_to_win(imported, capsys):
    linkedin = next(r for r in kpis(capsys)["by_source"] if r["source"] == "LinkedIn")
    assert (linkedin["average_won_deal_size"], linkedin["median_days_to_win"]) == (5000.0, 44.0)


def test_funnel_velocity_and_age_values(imported, capsys):
    payload = kpis(capsys)
    reached = [step["reached"] for step in payload["funnel"]]
    # Alpha prospect, Echo proposal, Bravo negotiation, Charlie won; lost Delta has no
    # recorded stage: first level only
    assert reached == [5, 3, 3, 2, 1]
    assert payload["deal_velocity"]["median_days"] == 44.0
    # 3 open × win rate 1/2 × 5 000 € ÷ 44 days
    assert payload["sales_velocity"]["value"] == pytest.approx(3 * 0.5 * 5000 / 44)
    assert payload["deal_age"]["median_days"] == 25.0  # ages 25, 56, 6
    assert payload["deal_age"]["stale_count"] == 0


def test_deadlines_and_quick_wins_give_counts_and_ids(imported, capsys):
    payload = kpis(capsys)
    assert payload["quick_wins"] == {"count": 0, "deal_ids": []}
    assert payload["deadlines"]["overdue"] == {"count": 1, "deal_ids": ["2"]}
    assert payload["deadlines"]["due"] == {"count": 1, "deal_ids": ["1"]}


def test_period_option_sets_the_compared_periods(imported, capsys):
    payload = kpis(capsys, "--period", "7")
    current = payload["period_comparison"]["current"]
    assert (payload["period_comparison"]["days"], current["start"]) == (7, "2026-11-20")
    assert current["deals_created"] == 1  # Echo
    assert kpis(capsys)["period_comparison"]["days"] == 30


def test_search_finds_text_in_names(imported, capsys):
    payload = kpis(capsys, "--search", "rav")
    assert payload["deals_total"] == 1
    assert payload["pipeline_gross"] == 10000.0


def test_date_field_and_bounds_filter_on_the_chosen_date(imported, capsys):
    closed_in_october = kpis(capsys, "--date-field", "closed", "--from", "2026-10-01",
                             "--to", "2026-10-31")
    assert (closed_in_october["deals_won"], closed_in_october["deals_lost"]) == (1, 1)
    created_since_november = kpis(capsys, "--from", "2026-11-01")  # created by default
    assert created_since_november["deals_total"] == 2


def test_segment_filter(app_env, tmp_path, capsys):
    path = tmp_path / "segments.csv"
    path.write_text("Nom;Étape;Montant;Segment\nA;Gagné;100;PME\nB;Perdu;200;ETI\n")
    assert run_cli(capsys, "import", str(path))[0] == 0
    payload = kpis(capsys, "--segment", "PME")
    assert (payload["deals_total"], payload["won_value"]) == (1, 100.0)


def test_an_unreadable_bound_exits_2_in_french(imported, capsys):
    code, out, err = run_cli(capsys, "kpis", "--from", "01/11/2026")
    assert (code, out) == (2, "")
    assert "--from attend une date AAAA-MM-JJ" in err


def test_a_changed_threshold_changes_the_counts(imported, capsys):
    before = kpis(capsys)
    assert (before["cold_deals"], before["thresholds"]["cold_days"]) == (1, 14)
    database.set_thresholds(imported, Thresholds(cold_days=3))
    after = kpis(capsys)
    assert (after["cold_deals"], after["thresholds"]["cold_days"]) == (2, 3)  # + Bravo (6 days)


def test_plain_output_names_the_thresholds_in_force(imported, capsys):
    database.set_thresholds(imported, Thresholds(cold_days=3, untreated_days=5))
    code, out, _ = run_cli(capsys, "kpis", "--as-of", "2026-11-26")
    assert code == 0
    assert "cold_deals : 2" in out
    assert "froide après plus de 3\u00a0jours sans activité" in out
    assert "lead non traité après plus de 120\u00a0h" not in out
    assert "lead non traité après plus de 5\u00a0jours" in out
