"""`cli.py import` with many rejected rows (docs/cli.md): nothing stored when every row is
rejected, the JSON capped at 1,000 errors with the total, `--errors-file` with them all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.cli.test_cli import run_cli


def _all_rejected_file(tmp_path: Path, rows: int) -> Path:
    path = tmp_path / "rejected.csv"
    path.write_text("Nom;Étape;Montant\n" + "".join(f"C{i};Gagné;abc{i}\n" for i in range(rows)))
    return path


def test_import_whose_every_row_is_rejected_exits_2_and_stores_nothing(
    app_env: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from database import latest_import_id

    path = _all_rejected_file(tmp_path, 3)
    code, out, err = run_cli(capsys, "import", str(path), "--json")
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1
    assert "Aucune affaire importée" in err and "ligne 2" in err and "abc0" in err
    assert latest_import_id(app_env) is None


def test_errors_file_holds_every_rejection_of_an_all_rejected_import(
    app_env: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    errors_file = tmp_path / "rejets.csv"
    path = _all_rejected_file(tmp_path, 1_500)
    code, _, err = run_cli(capsys, "import", str(path), "--errors-file", str(errors_file))
    assert code == 2
    assert str(errors_file) in err
    lines = errors_file.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0] == "Ligne;Colonne;Valeur;Raison"
    assert len(lines) == 1 + 1_500
    assert lines[-1].startswith("1501;Montant;abc1499;")


def _one_good_row_then_bad_amounts(folder: Path, bad: int) -> Path:
    path = folder / "mixed.csv"
    path.write_text("Nom;Étape;Montant\nOK;Gagné;10\n"
                    + "".join(f"C{i};Gagné;abc{i}\n" for i in range(bad)))
    return path


def test_json_report_caps_errors_at_1000_with_the_total_and_file_has_them_all(
    app_env: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _one_good_row_then_bad_amounts(tmp_path, 2_500)
    errors_file = tmp_path / "rejets.csv"
    code, out, _ = run_cli(capsys, "import", str(path), "--json",
                           "--errors-file", str(errors_file))
    report = json.loads(out)
    assert code == 0
    assert (report["rows_imported"], report["rows_rejected"]) == (1, 2_500)
    assert len(report["errors"]) == 1_000
    assert report["errors_total"] == 2_500
    assert report["errors"][-1]["row"] == 1_002
    assert len(errors_file.read_bytes().decode("utf-8-sig").splitlines()) == 1 + 2_500


def test_text_output_prints_20_rejections_and_says_how_to_get_the_rest(
    app_env: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _one_good_row_then_bad_amounts(tmp_path, 50)
    code, out, _ = run_cli(capsys, "import", str(path))
    assert code == 0
    assert sum(line.startswith("  ligne ") for line in out.splitlines()) == 20
    assert "… et 30 autre(s) rejet(s)" in out and "--errors-file" in out
