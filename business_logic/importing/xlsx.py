"""XLSX workbooks → RawTable (first sheet, or the one the user picks).

The sheet's real extent is read from its cells, never from its declared `<dimension>` (a
wrong tag loses no row, one far-away cell allocates no grid); runs of empty rows become one
blank record, keeping each record's sheet row. Real date cells become ISO text, number
cells keep a decimal point, and each cell's kind (number, percent, date) travels with the
table so that it is parsed by what it is (docs/definitions.md, Import rules).
"""

from __future__ import annotations

import datetime as dt
import io

import numpy as np

from business_logic.importing.errors import ImportFailure
from business_logic.importing.table import DATE, NUMBER, PERCENT, TEXT, RawTable, to_raw_table

MAX_ROWS = 1_048_576
MAX_COLUMNS = 512
_BLANK: list[str] = []


def xlsx_sheet_names(data: bytes, file_name: str) -> list[str]:
    """The sheets of a workbook, in order, so the user can pick one (metrics.md)."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged archive
        raise ImportFailure(_unreadable_xlsx(file_name, error)) from None
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def read_xlsx(data: bytes, file_name: str, sheet: str | None) -> RawTable:
    import openpyxl  # imported here: CSV imports should not pay for it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged archive
        raise ImportFailure(_unreadable_xlsx(file_name, error)) from None
    try:
        if sheet is None:
            worksheet = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            names = ", ".join(f"« {name} »" for name in workbook.sheetnames)
            raise ImportFailure(
                f"Feuille « {sheet} » absente de « {file_name} » (feuilles : {names})."
            )
        cells = _SheetCells(file_name, worksheet.title)
        cells.read(worksheet)
    except ImportFailure:
        raise
    except Exception as error:
        raise ImportFailure(_unreadable_xlsx(file_name, error)) from None
    finally:
        workbook.close()
    table = to_raw_table(cells.records, file_name, record_rows=np.array(cells.rows))
    table.cell_kinds = cells.kinds_of(table)
    return table


class _SheetCells:
    """One sheet's non-empty rows as text, their sheet rows, and where typed cells are."""

    def __init__(self, file_name: str, title: str) -> None:
        self.file_name = file_name
        self.title = title
        self.records: list[list[str]] = []
        self.rows: list[int] = []
        self.typed: dict[int, tuple[list[int], list[int]]] = {}  # column -> records, kinds

    def read(self, worksheet: object) -> None:
        worksheet.reset_dimensions()  # trust the cells, not the <dimension> tag
        for row_number, row in enumerate(worksheet.iter_rows(), start=1):
            texts: list[str] = []
            for cell in row:
                value = cell.value
                if value is None:
                    continue
                text, kind = _xlsx_cell(value)
                if not text:
                    continue
                column = cell.column - 1
                if column >= MAX_COLUMNS:
                    raise ImportFailure(self._too_wide(cell.coordinate))
                if len(texts) < column:
                    texts.extend([""] * (column - len(texts)))
                texts.append(text)
                if kind == NUMBER and "%" in (cell.number_format or ""):
                    kind = PERCENT
                if kind != TEXT:
                    records, kinds = self.typed.setdefault(column, ([], []))
                    records.append(len(self.records))
                    kinds.append(kind)
            if row_number > MAX_ROWS:
                raise ImportFailure(
                    f"La feuille « {self.title} » de « {self.file_name} » dépasse "
                    f"{MAX_ROWS:_} lignes.".replace("_", "\u202f")
                )
            if texts:
                self.records.append(texts)
                self.rows.append(row_number)
            elif self.records and self.records[-1] is not _BLANK:
                self.records.append(_BLANK)  # one blank record stands for a run of them
                self.rows.append(row_number)

    def kinds_of(self, table: RawTable) -> dict[str, np.ndarray]:
        """Per header of `table`, the kind of each of its cells (TEXT when untyped)."""
        positions = np.searchsorted(np.asarray(self.rows), table.row_numbers)
        result: dict[str, np.ndarray] = {}
        for header, column in zip(table.headers, table.source_columns, strict=True):
            if column not in self.typed:
                continue
            records, kinds = self.typed[column]
            by_record = np.zeros(len(self.records), dtype=np.int8)
            by_record[records] = kinds
            result[header] = by_record[positions]
        return result

    def _too_wide(self, coordinate: str) -> str:
        return (
            f"La feuille « {self.title} » de « {self.file_name} » a des données au-delà de "
            f"la colonne {MAX_COLUMNS} (cellule {coordinate}) : au plus {MAX_COLUMNS} colonnes "
            "par feuille. Supprimez ces cellules ou exportez seulement les colonnes utiles."
        )


def _unreadable_xlsx(file_name: str, error: Exception) -> str:
    reason = str(error).splitlines()[0] if str(error) else type(error).__name__
    return f"« {file_name} » n'est pas un classeur XLSX lisible ({reason})."


def _xlsx_cell(value: object) -> tuple[str, int]:
    """A cell as text plus its kind; dates become ISO text, numbers use a decimal point."""
    if isinstance(value, bool):
        return ("VRAI" if value else "FAUX"), TEXT
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat(), DATE
        return value.isoformat(sep=" "), DATE
    if isinstance(value, dt.date):
        return value.isoformat(), DATE
    if isinstance(value, int):
        return str(value), NUMBER
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return "", TEXT
        text = repr(value)
        if "e" in text or "E" in text:
            text = f"{value:.10f}".rstrip("0").rstrip(".")
        return (text[:-2] if text.endswith(".0") else text), NUMBER
    return str(value), TEXT
