"""Time in stage from the export's own entry dates, end to end (issue 9, item 6): a
HubSpot export with "Date entered …" columns, imported once, gives exact medians in
`history --json` and in words — no second import needed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.cli.test_diff_history import run_cli

HUBSPOT = (
    "Record ID,Deal Name,Deal Stage,Amount,Create Date,Lead Source,"
    'Date entered "Appointment Scheduled (Sales Pipeline)",'
    'Date entered "Qualified To Buy (Sales Pipeline)",'
    'Date entered "Presentation Scheduled (Sales Pipeline)",'
    'Date entered "Closed Won (Sales Pipeline)"\n'
    "1,A,closedwon,1000,2026-09-01,Salon,2026-09-01 09:00,2026-09-11,2026-09-15,2026-10-15\n"
    "2,B,closedwon,2000,2026-09-05,Web,2026-09-05,2026-09-25,2026-10-05,2026-10-09\n"
    "3,C,presentationscheduled,500,2026-10-01,Web,2026-10-01,2026-10-07,2026-10-20,\n"
)


@pytest.fixture
def hubspot_export(app_env: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "hubspot-deals-2026-11-02.csv"
    path.write_text(HUBSPOT, encoding="utf-8")
    assert run_cli(capsys, "import", str(path))[0] == 0


def test_history_json_measures_time_in_stage_from_the_entry_dates(
    hubspot_export: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "history", "--json")
    stage_time = json.loads(out)["time_in_stage"]
    assert code == 0
    assert (stage_time["method"], stage_time["precision_days"]) == ("entry_dates", None)
    assert [(r["stage"], r["deals"], r["median_days"], r["method"])
            for r in stage_time["by_stage"]] == [
        ("prospect", 3, 10.0, "entry_dates"),  # 10, 20, 6 days
        ("qualified", 3, 10.0, "entry_dates"),  # 4, 10, 13
        ("proposal", 2, 17.0, "entry_dates"),  # 30, 4 (C still in proposal)
    ]
    by_source = {(r["source"], r["stage"]): r["median_days"] for r in stage_time["by_source"]}
    assert by_source[("Web", "prospect")] == 13.0 and by_source[("Salon", "proposal")] == 30.0


def test_history_text_says_the_durations_are_exact(
    hubspot_export: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "history")
    assert code == 0
    assert "dates d'entrée de l'export, au jour près" in out
