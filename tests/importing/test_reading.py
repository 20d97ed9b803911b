"""read_table: encodings, delimiters, row numbers, blank and footer lines (metrics.md)."""

from __future__ import annotations

import codecs

import pytest

from business_logic.importing import ImportFailure, import_bytes, read_table
from tests.importing.helpers import csv_bytes

ROWS = [["client", "statut", "montant"], ["Société Générale", "Gagné", "1200"],
        ["Café Crème", "Prospect", "300"]]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (csv_bytes(ROWS, encoding="utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + csv_bytes(ROWS, encoding="utf-8"), "utf-8-sig"),
        (csv_bytes(ROWS, encoding="cp1252"), "cp1252"),
        (csv_bytes(ROWS, encoding="latin-1"), "cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "cp1252", "latin-1"],
)
def test_encoding_is_detected_and_accents_survive(data: bytes, expected: str) -> None:
    raw = read_table(data, "export.csv")
    assert raw.encoding == expected
    assert raw.headers == ["client", "statut", "montant"]
    assert list(raw.cells["client"]) == ["Société Générale", "Café Crème"]


def test_cp1252_euro_sign_is_read() -> None:
    data = csv_bytes([["client", "statut", "montant"], ["A", "Gagné", "1 200 €"]],
                     encoding="cp1252")
    result = import_bytes(data, "export.csv")
    assert result.report.detected["encoding"] == "cp1252"
    assert result.deals["amount"].tolist() == [1200.0]
    assert result.deals["currency"].tolist() == ["EUR"]


def test_utf8_start_with_cp1252_later_falls_back_to_cp1252() -> None:
    rows = [["client", "statut"]] + [["A", "Prospect"]] * 5000 + [["Crème", "Gagné"]]
    raw = read_table(csv_bytes(rows, delimiter=";", encoding="cp1252"), "late.csv")
    assert raw.encoding == "cp1252"
    assert raw.cells["client"].iloc[-1] == "Crème"


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"], ids=["comma", "semicolon", "tab",
                                                                   "pipe"])
def test_delimiter_is_detected(delimiter: str) -> None:
    rows = [["client", "statut", "montant"], ["A, B et fils", "Gagné", "1,5"],
            ["C", "Perdu", "2"]]
    raw = read_table(csv_bytes(rows, delimiter=delimiter), "export.csv")
    assert raw.delimiter == delimiter
    assert raw.headers == ["client", "statut", "montant"]
    assert raw.cells["client"].tolist() == ["A, B et fils", "C"]


def test_quoted_multiline_cell_is_one_row() -> None:
    rows = [["client", "statut", "notes"], ["A", "Gagné", "ligne 1\nligne 2\nligne 3"],
            ["B", "Perdu", "x"], ["C", "Prospect", "y"]]
    raw = read_table(csv_bytes(rows), "export.csv")
    assert raw.row_numbers.tolist() == [2, 3, 4]
    assert raw.cells["notes"].iloc[0] == "ligne 1\nligne 2\nligne 3"


def test_multiline_cell_keeps_rejection_row_numbers_right() -> None:
    rows = [["client", "statut", "notes"], ["A", "Gagné", "a\nb\nc"], ["B", "", "x"]]
    result = import_bytes(csv_bytes(rows), "export.csv")
    assert [e.row for e in result.report.errors] == [3]


def test_blank_lines_are_skipped_with_a_warning_and_keep_numbering() -> None:
    data = b"client;statut\nA;Gagne\n\n;\nB;Perdu\n"
    raw = read_table(data, "export.csv")
    assert raw.row_numbers.tolist() == [2, 5]
    assert any("vide" in w and "3" in w and "4" in w for w in raw.warnings)


def test_footer_lines_after_the_data_are_skipped() -> None:
    rows = [["client", "statut", "montant"], ["A", "Gagné", "10"], ["B", "Perdu", "20"],
            ["", "", ""], ["Total", "", "30"], ["Généré le 26/11/2026 par HubSpot", "", ""]]
    result = import_bytes(csv_bytes(rows), "export.csv")
    assert result.report.rows_read == 2
    assert result.report.rows_rejected == 0
    assert result.deals["source_row"].tolist() == [2, 3]
    assert any("5, 6" in w or ("5" in w and "6" in w) for w in result.report.warnings)


def test_trailing_line_with_only_its_first_cell_filled_is_skipped() -> None:
    rows = [["client", "statut", "montant"], ["A", "Gagné", "10"],
            ["Export du 26/11/2026 - 14:02", "", ""]]
    result = import_bytes(csv_bytes(rows), "export.csv")
    assert result.report.rows_read == 1
    assert result.report.warnings


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"", "vide.csv", "vide"),
        (b"\n\n  \n", "blanc.csv", "vide"),
        (b"\x00\x01\x02binary", "x.csv", "lisible"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.xls", ".xls"),
        (b"not a zip", "book.xlsx", "XLSX"),
        (b"PK\x03\x04garbage", "book.xlsx", "XLSX"),
    ],
)
def test_unreadable_files_fail_clearly(data: bytes, name: str, words: str) -> None:
    with pytest.raises(ImportFailure, match=words) as failure:
        read_table(data, name)
    assert "\n" not in str(failure.value)


def test_duplicate_and_blank_headers_are_made_unique() -> None:
    raw = read_table(b"client;client;;statut\nA;B;C;Gagne\n", "export.csv")
    assert raw.headers == ["client", "client (2)", "Colonne 3", "statut"]
    assert any("double" in w for w in raw.warnings)


def test_rows_longer_than_the_header_get_extra_columns() -> None:
    raw = read_table(b"client;statut\nA;Gagne;extra\nB;Perdu\n", "export.csv")
    assert raw.headers == ["client", "statut", "Colonne 3"]
    assert raw.cells["Colonne 3"].tolist() == ["extra", ""]
    assert raw.row_numbers.tolist() == [2, 3]


def test_preview_is_indexed_by_spreadsheet_row() -> None:
    raw = read_table(b"client;statut\nA;Gagne\n\nB;Perdu\nC;Perdu\n", "export.csv")
    preview = raw.preview(2)
    assert preview.index.tolist() == [2, 4]
    assert preview["client"].tolist() == ["A", "B"]


def test_formula_text_is_kept_as_text() -> None:
    rows = [["client", "statut"], ['=HYPERLINK("http://x","clic")', "Gagné"]]
    result = import_bytes(csv_bytes(rows), "export.csv")
    assert result.deals["name"].tolist() == ['=HYPERLINK("http://x","clic")']


def test_trailing_row_with_only_a_stage_is_data_not_footer() -> None:
    rows = [["client", "statut", "montant"], ["A", "Gagné", "10"], ["", "Perdu", ""]]
    result = import_bytes(csv_bytes(rows), "export.csv")
    assert result.report.rows_read == 2


def test_cp1252_undefined_byte_is_kept_as_latin1() -> None:
    data = (b"client;statut;notes\n" + b"A;Gagn\xe9;prix 10 \x80\n" * 50
            + b"B;Perdu;x\x81y\n")
    raw = read_table(data, "export.csv")
    assert raw.encoding == "cp1252"
    assert raw.cells["notes"].iloc[0] == "prix 10 €"
    assert raw.cells["notes"].iloc[-1] == "x\x81y"


def test_report_title_above_the_header_is_skipped() -> None:
    data = b"Opportunites du trimestre\n\nclient;statut\nA;Gagne\n"
    raw = read_table(data, "rapport.csv")
    assert raw.headers == ["client", "statut"]
    assert raw.row_numbers.tolist() == [4]
    assert any("Titre" in w for w in raw.warnings)


@pytest.mark.parametrize("first_cell", ["TotalEnergies", "Total Energies SE", "Summit SARL",
                                        "Exportex", "Rapporteur & Cie"])
def test_last_deal_named_like_a_footer_word_is_data(first_cell: str) -> None:
    rows = [["client", "statut", "montant"], ["A", "Gagné", "10"], [first_cell, "Perdu", "5"]]
    result = import_bytes(csv_bytes(rows), "export.csv")
    assert result.report.rows_read == 2
    assert result.deals["name"].tolist() == ["A", first_cell]


@pytest.mark.parametrize("first_cell", ["Total", "TOTAL :", "Sous-total", "Total général",
                                        "Généré le 26/11/2026", "Exported by HubSpot",
                                        "Copyright (c) 2000-2024 salesforce.com"])
def test_totals_and_footer_phrases_are_skipped(first_cell: str) -> None:
    rows = [["client", "statut", "montant"], ["A", "Gagné", "10"], [first_cell, "", "10"]]
    result = import_bytes(csv_bytes(rows), "export.csv")
    assert result.report.rows_read == 1
    assert result.report.rows_rejected == 0


def test_multiline_cell_in_a_ragged_file_keeps_row_numbers() -> None:
    data = b'client;statut;notes\nA;Gagne;"l1\nl2\nl3"\nB;Perdu\nC;Perdu;x;extra\n'
    raw = read_table(data, "export.csv")
    assert raw.row_numbers.tolist() == [2, 3, 4]
    assert raw.cells["notes"].tolist() == ["l1\nl2\nl3", "", "x"]
