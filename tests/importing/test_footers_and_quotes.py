"""Trailing lines and unbalanced quotes: no deal vanishes (metrics.md, Import rules;
issue 7 items 5 and 6)."""

from __future__ import annotations

import pytest

from business_logic.importing import ImportFailure, import_bytes
from tests.importing.helpers import csv_bytes, import_rows

HEADER = ["client", "statut", "montant"]


@pytest.mark.parametrize("first_cell", ["Total SARL", "Total", "TOTAL :", "Sous-total",
                                        "Somme & Fils", "Généré le 26/11/2026"])
def test_trailing_valid_deal_is_imported_whatever_its_first_word(first_cell: str) -> None:
    result = import_rows([HEADER, ["A", "Gagné", "10"], [first_cell, "Perdu", "5"]])
    assert result.deals["name"].tolist() == ["A", first_cell]
    assert result.report.rows_read == 2
    assert not any("après les données" in w for w in result.report.warnings)


def test_valid_deal_before_a_real_total_line_is_kept_and_the_total_dropped() -> None:
    result = import_rows([HEADER, ["A", "Gagné", "10"], ["Total SARL", "Perdu", "5"],
                          ["Total", "", "15"]])
    assert result.deals["name"].tolist() == ["A", "Total SARL"]
    assert (result.report.rows_read, result.report.rows_rejected) == (2, 0)
    assert any("1 ligne(s) après les données ignorée(s)" in w and "4" in w
               for w in result.report.warnings)


def test_trailing_total_whose_amount_fails_is_a_footer_not_a_rejection() -> None:
    result = import_rows([HEADER, ["A", "Gagné", "10"], ["Total", "Gagné", "n/a"]])
    assert result.deals["name"].tolist() == ["A"]
    assert (result.report.rows_read, result.report.rows_rejected) == (1, 0)
    assert result.report.errors == []


def test_trailing_total_with_an_unknown_stage_is_a_footer_not_an_unknown_label() -> None:
    result = import_rows([HEADER, ["A", "Gagné", "10"], ["Total", "3 affaires", "10"]])
    assert result.deals["name"].tolist() == ["A"]
    assert any("3" in w and "après les données" in w for w in result.report.warnings)


def test_a_file_of_footers_only_has_no_data() -> None:
    with pytest.raises(ImportFailure, match="aucune ligne"):
        import_rows([HEADER, ["Total", "", "10"]])


UNBALANCED = (b"client;statut;notes\n"
              b'A;Gagn\xc3\xa9;"rappeler lundi\n'
              b"B;Perdu;x\nC;Prospect;y\nD;Gagn\xc3\xa9;z\n"
              b'E;Perdu;"fin"\n'
              b"F;Perdu;ok\n")


def test_unbalanced_quote_is_reported_on_its_row_with_the_swallowed_count() -> None:
    result = import_bytes(UNBALANCED, "guillemet.csv")
    [error] = result.report.errors
    assert (error.row, error.column) == (2, "notes")
    assert error.value.startswith("rappeler lundi")
    assert "Guillemet non fermé" in error.message
    assert "4 ligne(s)" in error.message  # B, C, D and E's line, all shaped like deals
    assert result.deals["name"].tolist() == ["F"]
    assert result.deals["source_row"].tolist() == [3]  # the spreadsheet's row of F


def test_quote_left_open_to_the_end_of_the_file_counts_every_swallowed_record() -> None:
    data = b'client;statut;notes\nA;Perdu;ok\nB;Gagne;"oops\n' + b"C;Perdu;x\n" * 7
    result = import_bytes(data, "fin.csv")
    assert result.deals["name"].tolist() == ["A"]
    [error] = result.report.errors
    assert error.row == 3 and "7 ligne(s)" in error.message


def test_quoted_multiline_note_without_record_shaped_lines_is_kept() -> None:
    data = csv_bytes([["client", "statut", "notes"], ["A", "Gagné", "ligne 1\nligne 2"],
                      ["B", "Perdu", "x"]])
    result = import_bytes(data, "notes.csv")
    assert result.report.errors == []
    assert result.deals["notes"].tolist() == ["ligne 1\nligne 2", "x"]


def test_unbalanced_quote_in_the_stage_column_is_reported_not_an_unknown_label() -> None:
    data = b'client;statut;notes\nA;"Gagne;x\nB;Perdu;y\nC;Perdu;z\n'
    result = import_bytes(data, "etape.csv")
    assert [(e.row, e.column) for e in result.report.errors] == [(2, "statut")]
    assert "Guillemet non fermé" in result.report.errors[0].message


def test_unbalanced_quote_over_1_mb_is_reported_as_a_quote_with_its_count() -> None:
    data = b'client;statut;notes\nA;Perdu;ok\nB;Gagne;"oops\n' + b"C;Perdu;x\n" * 200_000
    result = import_bytes(data, "long.csv")
    [error] = result.report.errors
    assert error.row == 3
    assert "Guillemet non fermé" in error.message
    assert "200 000 ligne(s)" in error.message
    assert len(error.value) <= 80


@pytest.mark.parametrize("window", [3, 7, 16, 1 << 23])
def test_swallowed_records_are_counted_the_same_whatever_the_reading_window(
    window: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from business_logic.importing import cell_checks

    monkeypatch.setattr(cell_checks, "_WINDOW", window)
    result = import_bytes(UNBALANCED, "guillemet.csv")
    [error] = result.report.errors
    assert "avale 4 ligne(s)" in error.message
