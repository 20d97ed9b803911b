"""File limits of metrics.md, each with a French message (issue 7, item 9, CSV part).

No memory or timing assertion here: the peaks are measured by hand (see the issue's note).
"""

from __future__ import annotations

import pytest

from business_logic.importing import ImportFailure, import_bytes
from business_logic.importing.cell_checks import MAX_CELL_BYTES
from business_logic.importing.csv_records import MAX_COLUMNS, MAX_ROWS

HEADER = b"client;statut;notes\n"


def test_one_line_of_millions_of_fields_is_refused_before_parsing() -> None:
    data = b"x;" * 5_000_000  # 10 MB, one line, no newline
    with pytest.raises(ImportFailure, match=f"au plus {MAX_COLUMNS} colonnes") as failure:
        import_bytes(data, "large.csv")
    assert "ligne 1" in str(failure.value) and "au moins" in str(failure.value)


def test_first_line_wider_than_512_columns_is_refused() -> None:
    data = b";".join(b"c%d" % i for i in range(600)) + b"\n" + b"a;" * 599 + b"b\n"
    with pytest.raises(ImportFailure, match="600 cellules"):
        import_bytes(data, "large.csv")


@pytest.mark.parametrize("blank_line", [b"", b"\n"], ids=["regular", "ragged"])
def test_a_later_line_wider_than_512_columns_is_refused_naming_it(blank_line: bytes) -> None:
    data = HEADER + b"A;Gagne;x\n" + blank_line + b"B;" * 1_000 + b"\nC;Perdu;y\n"
    with pytest.raises(ImportFailure, match="1 001 cellules") as failure:
        import_bytes(data, "wide.csv")
    assert f"ligne {3 + len(blank_line)}" in str(failure.value)
    assert "\n" not in str(failure.value)


@pytest.mark.parametrize("size", [MAX_CELL_BYTES + 1, 10 << 20, 20 << 20],
                         ids=["1MB+1", "10MB", "20MB-over-an-arrow-block"])
@pytest.mark.parametrize("blank_line", [b"", b"\n"], ids=["regular", "ragged"])
def test_cell_over_1_mb_rejects_its_row_and_keeps_the_others(size: int,
                                                             blank_line: bytes) -> None:
    data = (HEADER + b"A;Gagne;petit\n" + blank_line + b"B;Perdu;" + b"z" * size
            + b"\nC;Prospect;ok\n")
    result = import_bytes(data, "gros.csv")
    assert result.deals["name"].tolist() == ["A", "C"]
    [error] = result.report.errors
    assert (error.row, error.column) == (3 + len(blank_line), "notes")
    assert error.value.startswith("zzz") and len(error.value) <= 80
    assert "Cellule trop longue" in error.message and "1 Mo" in error.message


def test_cell_of_exactly_1_mb_is_kept() -> None:
    data = HEADER + b"A;Gagne;" + b"z" * MAX_CELL_BYTES + b"\n"
    result = import_bytes(data, "limite.csv")
    assert result.report.errors == []
    assert len(result.deals["notes"].iloc[0]) == MAX_CELL_BYTES


@pytest.mark.parametrize("quoted", [False, True], ids=["plain", "quoted"])
def test_more_than_1048576_rows_is_refused(quoted: bool) -> None:
    line = b'"x";Gagne\n' if quoted else b"x;Gagne\n"
    data = b"client;statut\n" + line * MAX_ROWS  # header + MAX_ROWS records
    with pytest.raises(ImportFailure, match="1 048 576 lignes par fichier"):
        import_bytes(data, "long.csv")


def test_exactly_1048576_rows_is_accepted() -> None:
    data = b"client;statut\n" + b"x;Gagne\n" * (MAX_ROWS - 1)
    assert len(import_bytes(data, "long.csv").deals) == MAX_ROWS - 1


def test_missing_stage_message_stays_short_for_a_wide_file_of_long_headers() -> None:
    header = b";".join(b"colonne %d " % i + b"x" * 200 for i in range(500))
    data = header + b"\n" + b";".join(b"v" for _ in range(500)) + b"\n"
    with pytest.raises(ImportFailure, match="Aucune colonne d'étape") as failure:
        import_bytes(data, "large.csv")
    assert len(str(failure.value)) < 3_000
    assert "et 470 autre(s)" in str(failure.value)
