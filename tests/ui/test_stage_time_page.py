"""Pipeline's « Temps passé par étape » with the export's entry dates (issue 9, item 6):
exact when the export has them, and each stage saying its precision when only some are."""

from __future__ import annotations

import datetime as dt

import pytest

from database.import_flow import run_import
from tests.ui.conftest import assert_clean

pytestmark = pytest.mark.db

HEADER = ("Record ID,Deal Name,Deal Stage,Amount,Lead Source,"
          "Date entered Appointment Scheduled (Sales Pipeline),"
          "Date entered Qualified To Buy (Sales Pipeline),"
          "Date entered Presentation Scheduled (Sales Pipeline),"
          "Date entered Contract Sent (Sales Pipeline)\n")


def import_file(engine, data: bytes, file_name: str) -> None:
    """Through the real import path (the export date read from the file name)."""
    stored = run_import(engine, data, file_name)
    assert stored.exported_on == dt.date.fromisoformat(file_name[-14:-4])


def _stage_table(at):
    """The per-stage table (AppTest does not expose dataframe keys: found by its columns)."""
    return next(frame.value for frame in at.dataframe
                if list(frame.value.columns[:2]) == ["Étape", "Affaires mesurées"])


def test_entry_dates_give_exact_days_with_one_import(make_app, app_env):
    import_file(app_env, (HEADER + (
        "1,A,contractsent,1000,Salon,2026-09-01,2026-09-11,2026-09-15,2026-10-15\n"
        "2,B,contractsent,2000,Web,2026-09-05,2026-09-25,2026-10-05,2026-10-09\n")).encode(),
        "hubspot-2026-11-02.csv")
    at = make_app("components/pipeline.py")
    assert_clean(at)
    assert any(c.value.startswith("Mesuré avec les dates d'entrée") for c in at.caption)
    table = _stage_table(at)
    assert list(table.columns) == ["Étape", "Affaires mesurées", "Médiane", "Moyenne"]
    assert table["Étape"].tolist() == ["Prospect", "Qualifié", "Proposition"]
    assert table["Médiane"].tolist() == ["15\u00a0jours", "7\u00a0jours", "17\u00a0jours"]


def test_stages_without_entry_dates_say_they_are_estimated_from_the_imports(make_app, app_env):
    plain = "Record ID,Deal Name,Deal Stage,Amount\n1,A,{stage},1000\n"
    import_file(app_env, plain.format(stage="appointmentscheduled").encode(),
                "deals-2026-11-02.csv")
    import_file(app_env, plain.format(stage="qualifiedtobuy").encode(), "deals-2026-11-09.csv")
    import_file(app_env, (HEADER + "1,A,contractsent,1000,Salon,,,2026-11-12,2026-11-15\n"
                          ).encode(), "deals-2026-11-16.csv")
    at = make_app("components/pipeline.py")
    assert_clean(at)
    table = _stage_table(at)
    assert dict(zip(table["Étape"], table["Précision"], strict=True)) == {
        "Qualifié": "± 7\u00a0jours, d'après les imports",
        "Proposition": "dates d'entrée de l'export"}
    assert any(c.value.startswith("Mesuré au jour près avec les dates d'entrée") for c in
               at.caption)
