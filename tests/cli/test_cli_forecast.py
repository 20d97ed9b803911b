"""cli.md "Additions": backtest, probabilities --suggest/--apply, kpis --as-of D --rewind."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine

import cli
from database.settings import get_stage_probabilities
from tests.forecast.history import END, sales_history


@pytest.fixture
def history_file(tmp_path: Path) -> Path:
    frame = sales_history(n=400, days=300, open_stage="proposal")
    export = frame[["deal_id", "stage_label", "amount", "created_date", "expected_close_date",
                    "closed_date"]].copy()
    export["stage_label"] = export["stage_label"].fillna("proposal")
    export.columns = ["ID", "Étape", "Montant", "Date de création", "Date de clôture prévue",
                      "Date de clôture réelle"]
    path = tmp_path / "history.csv"
    export.to_csv(path, index=False, date_format="%Y-%m-%d")
    return path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_backtest_json_has_windows_and_scores(app_env: Engine, history_file: Path, capsys):
    code, _, err = run(capsys, "import", str(history_file))
    assert code == 0, err
    code, out, _ = run(capsys, "backtest", "--horizon", "30", "--json")
    result = json.loads(out)
    assert code == 0
    assert result["horizon"] == 30 and result["method"] == "calibrated"
    assert {"coverage", "mape", "mape_simple", "mape_run_rate"} <= set(result)
    window = result["windows"][0]
    assert {"as_of", "expected", "p10", "p90", "realised", "simple_expected",
            "run_rate"} <= set(window)


def test_backtest_rejects_an_unknown_horizon(app_env: Engine, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["backtest", "--horizon", "45"])
    assert exit_info.value.code == 2


def test_probabilities_apply_stores_the_suggestions(app_env: Engine, history_file: Path,
                                                    capsys):
    run(capsys, "import", str(history_file))
    code, out, _ = run(capsys, "probabilities", "--suggest", "--json")
    suggested = json.loads(out)
    assert code == 0 and suggested["applied"] == {}
    prospect = suggested["suggested"][0]
    assert prospect["stage"] == "prospect" and "gagnée" in prospect["evidence"]
    code, out, _ = run(capsys, "probabilities", "--apply", "--json")
    applied = json.loads(out)["applied"]
    assert code == 0
    stored = get_stage_probabilities(app_env)
    assert stored["prospect"] == pytest.approx(applied["prospect"]["to"])
    assert stored["prospect"] != pytest.approx(0.10)


def test_kpis_rewind_shows_the_import_as_it_stood(app_env: Engine, history_file: Path,
                                                   capsys):
    run(capsys, "import", str(history_file))
    code, out, _ = run(capsys, "kpis", "--as-of", "2026-06-01", "--rewind", "--json")
    rewound = json.loads(out)
    _, out, _ = run(capsys, "kpis", "--as-of", END.isoformat(), "--json")
    now = json.loads(out)
    assert code == 0
    assert rewound["deals_total"] < now["deals_total"]
    assert rewound["forecast"]["30"]["method"] in ("calibrated", "simple")


def test_rewind_without_a_date_exits_2(app_env: Engine, capsys):
    code, _, err = run(capsys, "kpis", "--rewind")
    assert code == 2 and "--as-of" in err


def _export_file(tmp_path: Path, frame, name: str) -> Path:
    export = frame[["deal_id", "stage_label", "amount", "created_date", "expected_close_date",
                    "closed_date"]].copy()
    export["stage_label"] = export["stage_label"].fillna("proposal")
    export.columns = ["ID", "Étape", "Montant", "Date de création", "Date de clôture prévue",
                      "Date de clôture réelle"]
    path = tmp_path / name
    export.to_csv(path, index=False, date_format="%Y-%m-%d")
    return path


@pytest.fixture
def two_exports(app_env: Engine, tmp_path: Path, capsys) -> tuple[dt.date, dt.date]:
    """The same CRM exported twice, 63 days apart, stored with their export dates."""
    from tests.forecast.test_snapshot_backtest import export_at

    history = sales_history(n=400, days=300, open_stage="proposal")
    earlier, later = END - dt.timedelta(days=63), END
    for day in (earlier, later):
        path = _export_file(tmp_path, export_at(history, day), f"export_{day}.csv")
        code, _, err = run(capsys, "import", str(path), "--exported-on", day.isoformat())
        assert code == 0, err
    return earlier, later


def test_backtest_reads_two_stored_imports_far_enough_apart(two_exports, capsys):
    earlier, later = two_exports
    code, out, _ = run(capsys, "backtest", "--horizon", "30", "--json")
    result = json.loads(out)
    assert code == 0 and result["source"] == "snapshots"
    assert [w["as_of"] for w in result["windows"]] == [earlier.isoformat()]
    window = result["windows"][0]
    later_frame = sales_history(n=400, days=300, open_stage="proposal")
    closed = later_frame["closed_date"]
    won = (later_frame["status"] == "won") & (closed > pd.Timestamp(earlier)) & (
        closed <= pd.Timestamp(earlier + dt.timedelta(days=30)))
    assert window["realised"] == pytest.approx(later_frame.loc[won, "amount"].sum())
    assert window["realised"] > 0


def test_backtest_falls_back_to_the_export_when_imports_are_too_close(two_exports, capsys):
    code, out, _ = run(capsys, "backtest", "--horizon", "90", "--json")
    result = json.loads(out)
    assert code == 0 and result["source"] == "export"
    assert len(result["windows"]) > 1


def test_backtest_says_its_source_in_french(two_exports, capsys):
    code, out, _ = run(capsys, "backtest", "--horizon", "30")
    assert code == 0
    assert "Source : vos imports successifs" in out


def test_backtest_of_a_single_import_says_it_is_reconstructed(app_env: Engine,
                                                              history_file: Path, capsys):
    run(capsys, "import", str(history_file))
    code, out, _ = run(capsys, "backtest", "--horizon", "30", "--json")
    assert json.loads(out)["source"] == "export"


def test_backtest_of_an_older_import_never_reads_the_later_ones(two_exports, app_env, capsys):
    from database import list_imports

    oldest = min(list_imports(app_env), key=lambda s: s.exported_on)
    code, out, _ = run(capsys, "backtest", "--horizon", "30", "--import-id",
                       str(oldest.import_id), "--json")
    result = json.loads(out)
    assert code == 0 and result["source"] == "export"
    assert all(w["as_of"] < two_exports[0].isoformat() for w in result["windows"])
