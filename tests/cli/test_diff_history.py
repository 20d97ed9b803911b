"""`cli.py diff` and `cli.py history` (docs/cli.md "Additions", docs/history.md) on two
exports of the same CRM a week apart, figures computed by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

import cli

HEADER = ("ID;Affaire;Entreprise;Étape;Montant;Date de création;Date de clôture prévue;"
          "Date de clôture réelle\r\n")
WEEK_1 = HEADER + (
    "1;Alpha;Acme;Prospect;1 000,00 €;01/11/2026;10/12/2026;\r\n"
    "2;Bravo;Beta;Négociation;10 000,00 €;01/10/2026;20/11/2026;\r\n"
    "3;Charlie;Ciel;Proposition;4 000,00 €;01/10/2026;15/12/2026;\r\n"
    "4;Delta;Dune;Qualifié;2 000,00 €;01/09/2026;30/11/2026;\r\n"
    "5;Echo;Eole;Prospect;3 000,00 €;10/11/2026;20/12/2026;\r\n"
    "6;Fox;Fjord;Gagné;5 000,00 €;01/08/2026;15/10/2026;15/10/2026\r\n"
)
WEEK_2 = HEADER + (
    "1;Alpha;Acme;Prospect;1 000,00 €;01/11/2026;10/12/2026;\r\n"
    "2;Bravo;Beta;Gagné;10 000,00 €;01/10/2026;20/11/2026;24/11/2026\r\n"
    "3;Charlie;Ciel;Négociation;6 000,00 €;01/10/2026;15/01/2027;\r\n"
    "4;Delta;Dune;Perdu;2 000,00 €;01/09/2026;30/11/2026;25/11/2026\r\n"
    "6;Fox;Fjord;Gagné;5 000,00 €;01/08/2026;15/10/2026;15/10/2026\r\n"
    "7;Golf;Gamma;Qualifié;8 000,00 €;24/11/2026;20/12/2026;\r\n"
)


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def two_weeks(app_env: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Week 2 imported first: the order of the snapshots is their export date."""
    for name, text in (("export_2026-11-26.csv", WEEK_2), ("export_2026-11-19.csv", WEEK_1)):
        path = tmp_path / name
        path.write_bytes(text.encode("cp1252"))
        assert run_cli(capsys, "import", str(path))[0] == 0


def test_diff_json_counts_of_two_weekly_exports(
    two_weeks: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "diff", "--json")
    payload = json.loads(out)
    assert code == 0
    assert (payload["from_import"], payload["to_import"]) == (2, 1)
    assert (payload["matched_by"], payload["unmatched"]) == ("id", 0)
    assert payload["counts"] == {
        "nouvelle": 1, "disparue": 1, "gagnee": 1, "perdue": 1, "rouverte": 0,
        "avancee": 1, "reculee": 0, "montant_hausse": 1, "montant_baisse": 0,
        "glissee": 1, "date_avancee": 0, "inchangee": 2, "apparue": 0,
    }
    assert payload["deals"]["gagnee"] == ["2"]
    assert payload["deals"]["disparue"] == ["5"]
    assert payload["deals"]["nouvelle"] == ["7"]


def test_diff_json_waterfalls_hold_to_the_cent(
    two_weeks: None, capsys: pytest.CaptureFixture[str]
) -> None:
    payload = json.loads(run_cli(capsys, "diff", "--json")[1])
    gross = payload["waterfall"]["gross"]
    assert {k: gross[k] for k in ("start", "nouvelles", "rouvertes", "montant_hausse",
                                  "montant_baisse", "gagnees", "perdues", "disparues",
                                  "end")} == {
        "start": 20000.0, "nouvelles": 8000.0, "rouvertes": 0.0, "montant_hausse": 2000.0,
        "montant_baisse": 0.0, "gagnees": 10000.0, "perdues": 2000.0, "disparues": 3000.0,
        "end": 15000.0,
    }
    weighted = payload["waterfall"]["weighted"]
    assert weighted["start"] == pytest.approx(10000.0, abs=0.005)
    assert weighted["nouvelles"] == pytest.approx(2400.0, abs=0.005)
    assert weighted["montant_hausse"] == pytest.approx(2200.0, abs=0.005)
    assert weighted["gagnees"] == pytest.approx(7000.0, abs=0.005)
    assert weighted["perdues"] == pytest.approx(600.0, abs=0.005)
    assert weighted["disparues"] == pytest.approx(300.0, abs=0.005)
    assert weighted["end"] == pytest.approx(6700.0, abs=0.005)


def test_diff_with_explicit_imports_and_one_import_only(
    two_weeks: None, capsys: pytest.CaptureFixture[str]
) -> None:
    payload = json.loads(run_cli(capsys, "diff", "1", "2", "--json")[1])
    assert (payload["from_import"], payload["to_import"]) == (1, 2)
    assert payload["counts"]["nouvelle"] == 1  # Echo, seen in the later import only
    code, _, err = run_cli(capsys, "diff", "2", "--json")
    assert code == 2
    assert "le plus ancien" in err


def test_diff_plain_text_is_french(two_weeks: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "diff")
    assert code == 0
    assert "1 nouvelle, 1 gagnée, 1 perdue, 1 avancée, 1 montant ↑, 1 glissée, 1 disparue" \
        in out.replace("\u00a0", " ")
    assert "Bravo" in out


def test_diff_needs_two_imports(app_env: Engine, capsys: pytest.CaptureFixture[str],
                                tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(WEEK_1.encode("cp1252"))
    run_cli(capsys, "import", str(path))
    code, out, err = run_cli(capsys, "diff", "--json")
    assert (code, out) == (2, "")
    assert "au moins deux imports" in err


def test_import_exported_on_option_and_file_name_default(
    app_env: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dated = tmp_path / "deals-20261119.csv"
    dated.write_bytes(WEEK_1.encode("cp1252"))
    report = json.loads(run_cli(capsys, "import", str(dated), "--json")[1])
    assert report["exported_on"] == "2026-11-19"
    report = json.loads(run_cli(capsys, "import", str(dated), "--json",
                                "--exported-on", "2026-11-01")[1])
    assert report["exported_on"] == "2026-11-01"
    listed = json.loads(run_cli(capsys, "imports", "--json")[1])
    assert [(i["import_id"], i["exported_on"]) for i in listed] == [
        (1, "2026-11-19"), (2, "2026-11-01")]
    code, _, err = run_cli(capsys, "import", str(dated), "--exported-on", "19/11/2026")
    assert code == 2
    assert "--exported-on" in err


def test_history_json_trend_per_snapshot(two_weeks: None,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "history", "--json")
    payload = json.loads(out)
    assert code == 0
    assert [(p["import_id"], p["exported_on"], p["open_deals"], p["pipeline_gross"],
             p["won_value"]) for p in payload["trend"]] == [
        (2, "2026-11-19", 5, 20000.0, 5000.0), (1, "2026-11-26", 3, 15000.0, 15000.0)]
    assert [w["week"] for w in payload["weekly"]] == ["2026-W47", "2026-W48"]
    assert payload["seasonality"]["available"] is False
    assert payload["time_in_stage"]["method"] == "snapshots"


def test_history_plain_text(two_weeks: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "history")
    assert code == 0
    assert "Saisonnalité indisponible" in out
    assert "2026-W48" in out


def test_pdf_report_has_the_since_last_import_section(
    two_weeks: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.reporting.test_pdf import pdf_text

    output = tmp_path / "revue.pdf"
    code = cli.main(["report", "--as-of", "2026-11-26", "--format", "pdf", "--output",
                     str(output)])
    assert code == 0
    text = " ".join(pdf_text(output.read_bytes(), tmp_path).split())
    assert "Depuis le dernier import" in text
    assert "Du 19 nov. 2026 au 26 nov. 2026 : 1 nouvelle, 1 gagnée, 1 perdue" in text
    assert "20 000 € → 15 000 € (−5 000 €)" in text


def test_pdf_report_of_a_first_import_has_no_since_section(
    app_env: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.reporting.test_pdf import pdf_text

    path = tmp_path / "export.csv"
    path.write_bytes(WEEK_1.encode("cp1252"))
    run_cli(capsys, "import", str(path))
    output = tmp_path / "revue.pdf"
    assert cli.main(["report", "--format", "pdf", "--output", str(output)]) == 0
    assert "Depuis le dernier import" not in pdf_text(output.read_bytes(), tmp_path)
