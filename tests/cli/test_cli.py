"""cli.md end to end: import, imports, delete-import and kpis on a real PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine

import cli
from tests.conftest import DATASETS_DIR, REPO_ROOT

# As of 2026-11-26, computed by hand (see test_kpis_json_matches_hand_computed_figures).
FRENCH_EXPORT = (
    "ID;Affaire;Étape;Montant;Source;Date de création;Date de clôture prévue;Dernière activité\r\n"
    "1;Alpha;Prospect;1 000,00 €;LinkedIn;01/11/2026;10/12/2026;\r\n"
    "2;Bravo;Négociation;10 000,00 €;Salon;01/10/2026;20/11/2026;20/11/2026\r\n"
    "3;Charlie;Gagné;5 000,00 €;LinkedIn;01/09/2026;15/10/2026;\r\n"
    "4;Delta;Perdu;2 000,00 €;Salon;01/09/2026;01/10/2026;\r\n"
    "5;Echo;Proposition;4 000,00 €;LinkedIn;20/11/2026;15/02/2027;25/11/2026\r\n"
).encode("cp1252")

KPI_KEYS = [
    "import_id", "as_of", "deals_total", "deals_open", "deals_won", "deals_lost",
    "pipeline_gross", "pipeline_weighted", "won_value", "conversion_rate", "win_rate",
    "average_deal_size", "overdue_deals", "cold_deals", "untreated_leads", "forecast",
    "by_stage", "by_source",
]  # then the cli.md "Additions" (tests/cli/test_kpis_additions.py)


@pytest.fixture
def export_file(tmp_path: Path) -> Path:
    path = tmp_path / "export.csv"
    path.write_bytes(FRENCH_EXPORT)
    return path


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_import_json_reports_what_was_detected_and_imported(
    app_env: Engine, export_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "import", str(export_file), "--json")
    report = json.loads(out)
    assert code == 0
    assert (report["file_name"], report["rows_read"], report["rows_imported"],
            report["rows_rejected"]) == ("export.csv", 5, 5, 0)
    assert report["detected"]["encoding"] == "cp1252"
    assert report["detected"]["delimiter"] == ";"
    assert report["detected"]["date_order"] == "DMY"
    assert report["detected"]["columns"]["Montant"] == "amount"


def test_kpis_json_matches_hand_computed_figures(
    app_env: Engine, export_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_cli(capsys, "import", str(export_file))
    code, out, _ = run_cli(capsys, "kpis", "--as-of", "2026-11-26", "--json")
    kpis = json.loads(out)
    assert code == 0
    assert list(kpis)[: len(KPI_KEYS)] == KPI_KEYS
    assert kpis["as_of"] == "2026-11-26"
    assert (kpis["deals_total"], kpis["deals_open"], kpis["deals_won"], kpis["deals_lost"]) \
        == (5, 3, 1, 1)
    assert kpis["pipeline_gross"] == pytest.approx(15000.0)
    assert kpis["pipeline_weighted"] == pytest.approx(100.0 + 7000.0 + 2000.0)
    assert kpis["won_value"] == pytest.approx(5000.0)
    assert kpis["conversion_rate"] == pytest.approx(0.2)
    assert kpis["win_rate"] == pytest.approx(0.5)
    assert kpis["average_deal_size"] == pytest.approx(4400.0)
    assert (kpis["overdue_deals"], kpis["cold_deals"], kpis["untreated_leads"]) == (1, 1, 1)
    assert kpis["forecast"]["30"]["expected"] == pytest.approx(100.0)
    assert kpis["forecast"]["90"]["expected"] == pytest.approx(2100.0)
    for window in kpis["forecast"].values():
        assert window["p10"] <= window["expected"] <= window["p90"]
    negotiation = next(s for s in kpis["by_stage"] if s["stage"] == "negotiation")
    assert negotiation == {"stage": "negotiation", "count": 1, "gross": 10000.0,
                           "weighted": pytest.approx(7000.0)}
    linkedin = next(s for s in kpis["by_source"] if s["source"] == "LinkedIn")
    assert linkedin == {"source": "LinkedIn", "deals": 3, "won": 1, "lost": 0,
                        "conversion_rate": pytest.approx(1 / 3), "win_rate": 1.0,
                        "won_value": 5000.0, "average_won_deal_size": 5000.0,
                        "median_days_to_win": 44.0}


def test_kpis_filters_restrict_the_deals(
    app_env: Engine, export_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_cli(capsys, "import", str(export_file))
    _, out, _ = run_cli(capsys, "kpis", "--as-of", "2026-11-26", "--json", "--source", "Salon")
    kpis = json.loads(out)
    assert (kpis["deals_total"], kpis["deals_won"], kpis["deals_lost"]) == (2, 0, 1)
    assert kpis["win_rate"] == 0.0


def test_kpis_without_any_import_exits_2(app_env: Engine,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "kpis", "--json")
    assert (code, out) == (2, "")
    assert "Aucun import" in err


def test_unknown_stage_labels_exit_2_listing_them(
    app_env: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Nom;Étape;Montant\nA;RDV fixé;100\nB;Signature;200\nC;Gagné;300\n")
    code, out, err = run_cli(capsys, "import", str(path), "--json")
    assert (code, out) == (2, "")
    assert "RDV fixé" in err and "Signature" in err
    assert len(err.strip().splitlines()) == 1


def test_stage_option_maps_labels_and_is_remembered(
    app_env: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Nom;Étape;Montant\nA;RDV fixé;100\nB;Gagné;300\n")
    code, _, _ = run_cli(capsys, "import", str(path), "--stage", "RDV fixé=qualified")
    assert code == 0
    code, out, _ = run_cli(capsys, "import", str(path), "--json")
    assert (code, json.loads(out)["rows_imported"]) == (0, 2)


def test_map_option_overrides_the_automatic_mapping(
    app_env: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ca.csv"
    path.write_text("Nom;Étape;CA HT\nA;Gagné;1 500\n")
    code, out, _ = run_cli(capsys, "import", str(path), "--json", "--map", "CA HT=amount")
    assert code == 0
    assert json.loads(out)["detected"]["columns"]["CA HT"] == "amount"
    _, out, _ = run_cli(capsys, "kpis", "--json")
    assert json.loads(out)["won_value"] == 1500.0


def test_rejected_rows_are_reported_and_the_rest_imported(
    app_env: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("Nom;Étape;Montant\nA;Gagné;100\nB;Gagné;abc\nC;Perdu;-5\n")
    code, out, _ = run_cli(capsys, "import", str(path), "--json")
    report = json.loads(out)
    assert (code, report["rows_imported"], report["rows_rejected"]) == (0, 1, 2)
    assert [(e["row"], e["column"], e["value"]) for e in report["errors"]] == [
        (3, "Montant", "abc"), (4, "Montant", "-5")]


def test_imports_lists_and_delete_import_removes(
    app_env: Engine, export_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_cli(capsys, "import", str(export_file), "--name", "Semaine 48")
    _, out, _ = run_cli(capsys, "imports", "--json")
    (listed,) = json.loads(out)
    assert (listed["file_name"], listed["name"], listed["rows_imported"]) \
        == ("export.csv", "Semaine 48", 5)
    assert run_cli(capsys, "delete-import", str(listed["import_id"]))[0] == 0
    _, out, _ = run_cli(capsys, "imports", "--json")
    assert json.loads(out) == []


def test_deleting_an_unknown_import_exits_2(app_env: Engine,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "delete-import", "4242")
    assert code == 2 and "introuvable" in err


def test_unreadable_file_exits_2_with_one_line_and_no_traceback(
    app_env: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "image.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    completed = subprocess.run(
        [sys.executable, str(REPO_ROOT / "cli.py"), "import", str(path), "--json"],
        capture_output=True, text=True, env={**os.environ}, cwd=REPO_ROOT, timeout=120,
    )
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert "Traceback" not in completed.stderr
    assert len(completed.stderr.strip().splitlines()) == 1


def test_maven_dataset_imports_every_deal(app_env: Engine,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = DATASETS_DIR / "maven_crm_sales_opportunities" / "sales_pipeline.csv"
    if not path.exists():
        pytest.skip("../shared/datasets is absent")
    code, out, _ = run_cli(capsys, "import", str(path), "--json")
    report = json.loads(out)
    assert (code, report["rows_read"], report["rows_imported"], report["rows_rejected"]) \
        == (0, 8800, 8800, 0)
    _, out, _ = run_cli(capsys, "kpis", "--as-of", "2017-12-31", "--json")
    kpis = json.loads(out)
    assert (kpis["deals_won"], kpis["deals_lost"], kpis["deals_open"]) == (4238, 2473, 2089)
    assert kpis["won_value"] == 10005534.0
    assert kpis["win_rate"] == pytest.approx(4238 / (4238 + 2473))


def test_ten_thousand_unknown_stage_labels_print_a_short_line_with_the_count(
    app_env: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "labels.csv"
    path.write_text("Nom;Étape\n" + "".join(f"C{i};Étape n°{i:05d}\n" for i in range(10_000)))
    code, out, err = run_cli(capsys, "import", str(path))
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1
    assert len(err) < 2_000
    assert "10 000 étape(s) inconnue(s)" in err and "--stage" in err


def test_kpis_totals_stay_in_the_main_currency_and_name_the_others(
    app_env: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "devises.csv"
    path.write_text("Nom;Étape;Montant\nA;Gagné;1 000 €\nB;Gagné;2 000 €\nC;Gagné;$1,000\n"
                    "D;Gagné;£1\nE;Gagné;¥1\nF;Gagné;500\n")
    run_cli(capsys, "import", str(path))
    _, out, _ = run_cli(capsys, "kpis", "--as-of", "2026-11-26", "--json")
    kpis = json.loads(out)
    assert kpis["won_value"] == 3500.0
    assert kpis["deals_total"] == 3
    assert (kpis["currency"], kpis["excluded_currencies"]) == (
        "EUR", {"USD": 1, "GBP": 1, "JPY": 1})


@pytest.mark.parametrize("url", ["mysql://u:p@localhost/crm", "sqlite:///crm.db",
                                 "http://example.org/", "n'importe quoi"])
def test_a_database_url_that_is_not_postgres_exits_2_in_one_french_line(
    url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from database.engine import get_engine

    monkeypatch.setenv("DATABASE_URL", url)
    get_engine.cache_clear()
    code, out, err = run_cli(capsys, "imports")
    get_engine.cache_clear()
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith("Erreur : DATABASE_URL doit désigner une base PostgreSQL")


def unreachable_database_url() -> str:
    """A PostgreSQL URL on a loopback port nothing listens on."""
    import socket

    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return f"postgresql://u@127.0.0.1:{port}/crm"


def test_an_unreachable_database_exits_2_in_one_french_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from database.engine import get_engine

    monkeypatch.setenv("DATABASE_URL", unreachable_database_url())
    get_engine.cache_clear()
    code, _, err = run_cli(capsys, "kpis", "--json")
    get_engine.cache_clear()
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith("Erreur : Base de données injoignable")
