"""cli.md `report`: PDF, XLSX and CSV written from a real PostgreSQL import."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine

import cli

pytestmark = pytest.mark.db

EXPORT = (
    "ID;Affaire;Étape;Montant;Source;Date de création;Date de clôture prévue\r\n"
    "1;Alpha;Prospect;1 000,00 €;LinkedIn;01/11/2026;10/12/2026\r\n"
    "2;Bravo;Négociation;10 000,00 €;Salon;01/10/2026;20/11/2026\r\n"
    "3;Charlie;Gagné;5 000,00 €;LinkedIn;01/09/2026;15/10/2026\r\n"
    '4;"=HYPERLINK(""http://x"",""clic"")";Perdu;2 000,00 €;Salon;01/09/2026;01/10/2026\r\n'
).encode("cp1252")


@pytest.fixture
def imported(app_env: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(EXPORT)
    assert cli.main(["import", str(path)]) == 0
    capsys.readouterr()


def report(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["report", "--as-of", "2026-11-26", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_pdf_report_is_written(imported, tmp_path, capsys):
    out = tmp_path / "revue.pdf"
    code, stdout, _ = report(capsys, "--format", "pdf", "--output", str(out))
    assert code == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert "revue.pdf" in stdout


def test_xlsx_report_is_the_workbook(imported, tmp_path, capsys):
    out = tmp_path / "classeur.xlsx"
    code, _, _ = report(capsys, "--format", "xlsx", "--output", str(out))
    book = openpyxl.load_workbook(out)
    assert code == 0
    assert book.sheetnames[:2] == ["Synthèse", "Affaires"]
    assert book["Affaires"].max_row == 5  # header + 4 deals
    assert book["Affaires"]["B5"].value == '\'=HYPERLINK("http://x","clic")'


def test_csv_report_is_the_filtered_deals(imported, tmp_path, capsys):
    out = tmp_path / "affaires.csv"
    code, _, _ = report(capsys, "--format", "csv", "--output", str(out), "--source", "Salon")
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert code == 0
    assert rows[0][:2] == ["Identifiant", "Affaire"]
    assert [row[1] for row in rows[1:]] == ["Bravo", '\'=HYPERLINK("http://x","clic")']


def test_unknown_import_exits_2_with_one_line(imported, tmp_path, capsys):
    out = tmp_path / "revue.pdf"
    code, stdout, err = report(capsys, "--import-id", "999", "--format", "pdf",
                               "--output", str(out))
    assert (code, stdout) == (2, "")
    assert err.strip() == "Erreur : Import n°999 introuvable."
    assert not out.exists()


def test_no_import_exits_2(app_env, tmp_path, capsys):
    code, _, err = report(capsys, "--format", "csv", "--output", str(tmp_path / "a.csv"))
    assert code == 2
    assert "Aucun import" in err


def test_unwritable_path_exits_2(imported, tmp_path, capsys):
    out = tmp_path / "missing-folder" / "revue.pdf"
    code, _, err = report(capsys, "--format", "pdf", "--output", str(out))
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Impossible d'écrire" in err


def test_pdf_report_names_the_cli_filters_in_force(imported, tmp_path, capsys):
    from tests.reporting.test_pdf import pdf_text

    out = tmp_path / "revue.pdf"
    code, _, _ = report(capsys, "--format", "pdf", "--output", str(out), "--source", "Salon")
    assert code == 0
    assert "Filtres : Source : Salon" in " ".join(pdf_text(out.read_bytes(), tmp_path).split())


def test_xlsx_report_lists_the_cli_filters_on_its_first_sheet(imported, tmp_path, capsys):
    out = tmp_path / "classeur.xlsx"
    code, _, _ = report(capsys, "--format", "xlsx", "--output", str(out), "--source", "Salon")
    assert code == 0
    sheet = openpyxl.load_workbook(out)["Synthèse"]
    cells = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value]
    assert any("Salon" in cell for cell in cells)


def test_pdf_report_leaves_out_the_actions_marked_done(imported, app_env, tmp_path, capsys):
    """The review's action list is the page's: a deal marked « Fait » is not in it."""
    from database.action_states import mark_done
    from tests.reporting.test_pdf import pdf_text

    out = tmp_path / "revue.pdf"
    report(capsys, "--format", "pdf", "--output", str(out))
    assert "À traiter en priorité — 2 sur 2" in pdf_text(out.read_bytes(), tmp_path)
    with app_env.begin() as connection:
        mark_done(connection, "2")  # Bravo, overdue
    report(capsys, "--format", "pdf", "--output", str(out))
    text = pdf_text(out.read_bytes(), tmp_path)
    assert "À traiter en priorité — 1 sur 1" in text
    ranked = text.split("À traiter en priorité", 1)[1].split("Score =", 1)[0]
    assert "Alpha" in ranked and "Bravo" not in ranked
