"""XLSX workbooks → RawTable (first sheet, or the one the user picks).

The sheet's real extent is read from its cells, never from its declared `<dimension>` (a
wrong tag loses no row, one far-away cell allocates no grid); runs of empty rows become one
blank record, keeping each record's sheet row. Real date cells become ISO text, number
cells keep a decimal point, and each cell's kind (number, percent, date) travels with the
table so that it is parsed by what it is (docs/definitions.md, Règles d'import).
"""

from __future__ import annotations

import datetime as dt
import io
from array import array
from typing import Any

import numpy as np
import pyarrow as pa

from business_logic.importing.errors import ImportFailure
from business_logic.importing.table import (
    DATE,
    NUMBER,
    OVERSIZED,
    PERCENT,
    TEXT,
    RawTable,
    to_raw_table,
)

MAX_ROWS = 1_048_576
MAX_COLUMNS = 512
MAX_CELL_BYTES = 1_000_000  # docs/definitions.md: a cell of at most 1 MB, else its row is rejected
#: Records × columns held as text at once (~1 GB): one sheet of 1,048,576 rows × 64 columns.
MAX_GRID_CELLS = 1_048_576 * 64
_CHUNK_ROWS = 65_536


def xlsx_sheet_names(data: bytes, file_name: str) -> list[str]:
    """The sheets of a workbook, in order, so the user can pick one (docs/definitions.md)."""
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
    table = to_raw_table(cells.table(), file_name,
                         record_rows=np.frombuffer(cells.rows, dtype=np.int64))
    table.cell_kinds = cells.kinds_of(table)
    return table


class _SheetCells:
    """One sheet's non-empty rows as Arrow text columns, their sheet rows, and where its
    typed cells are.

    Rows are turned into Arrow arrays every _CHUNK_ROWS records, so a cell costs its UTF-8
    bytes and an offset rather than a Python string; a run of empty rows is one blank record.
    """

    def __init__(self, file_name: str, title: str) -> None:
        self.file_name = file_name
        self.title = title
        self.rows = array("q")  # sheet row of each record
        self.typed: dict[int, tuple[array, array]] = {}  # column -> record positions, kinds
        self.chunks: list[tuple[int, list[pa.Array]]] = []  # (length, columns) per chunk
        self.pending: list[list[str]] = []
        self.width = 0

    @property
    def n_records(self) -> int:
        return len(self.rows)

    def read(self, worksheet: Any) -> None:
        worksheet.reset_dimensions()  # trust the cells, not the <dimension> tag
        last_blank = True  # a blank run before the first record is dropped
        for row_number, row in enumerate(worksheet.iter_rows(), start=1):
            texts = self._row_texts(row)
            if row_number > MAX_ROWS:
                raise ImportFailure(
                    f"La feuille « {self.title} » de « {self.file_name} » dépasse "
                    f"{_french_int(MAX_ROWS)} lignes (limite d'Excel)."
                )
            if not texts and last_blank:
                continue
            self.pending.append(texts)
            self.rows.append(row_number)
            last_blank = not texts
            if len(self.pending) == _CHUNK_ROWS:
                self._flush()
        self._flush()

    def _row_texts(self, row: tuple) -> list[str]:
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
            if len(text) > MAX_CELL_BYTES // 4 and len(text.encode()) > MAX_CELL_BYTES:
                text, kind = f"{text[:40]}… ({_french_int(len(text.encode()))} octets)", OVERSIZED
            if len(texts) < column:
                texts.extend([""] * (column - len(texts)))
            texts.append(text)
            if kind == NUMBER and "%" in (cell.number_format or ""):
                kind = PERCENT
            if kind != TEXT:
                positions, kinds = self.typed.setdefault(column, (array("q"), array("b")))
                positions.append(self.n_records)
                kinds.append(kind)
        return texts

    def _flush(self) -> None:
        """The pending records as Arrow columns; refuses a grid too big to hold."""
        if not self.pending:
            return
        width = max(len(record) for record in self.pending)
        self.width = max(self.width, width)
        if self.n_records * self.width > MAX_GRID_CELLS:
            raise ImportFailure(
                f"La feuille « {self.title} » de « {self.file_name} » est trop grande : "
                f"{_french_int(self.n_records)} lignes sur {self.width} colonnes dépassent "
                f"{_french_int(MAX_GRID_CELLS)} cellules. Supprimez les colonnes inutiles "
                "ou découpez le fichier."
            )
        columns = [
            pa.array([record[i] if i < len(record) else "" for record in self.pending],
                     pa.large_string())
            for i in range(width)
        ]
        self.chunks.append((len(self.pending), columns))
        self.pending = []

    def table(self) -> pa.Table:
        """Every record, one column per sheet column ('' where a row is shorter)."""
        def chunk_column(length: int, columns: list[pa.Array], i: int) -> pa.Array:
            if i < len(columns):
                return columns[i]
            return pa.repeat(pa.scalar("", pa.large_string()), length)

        return pa.table({
            f"f{i}": pa.chunked_array([chunk_column(length, columns, i)
                                       for length, columns in self.chunks],
                                      pa.large_string())
            for i in range(self.width)
        })

    def kinds_of(self, table: RawTable) -> dict[str, np.ndarray]:
        """Per header of `table`, the kind of each of its cells (TEXT when untyped)."""
        positions = np.searchsorted(np.frombuffer(self.rows, dtype=np.int64), table.row_numbers)
        result: dict[str, np.ndarray] = {}
        for header, column in zip(table.headers, table.source_columns, strict=True):
            if column not in self.typed:
                continue
            records, kinds = self.typed[column]
            by_record = np.zeros(self.n_records, dtype=np.int8)
            by_record[np.frombuffer(records, dtype=np.int64)] = np.frombuffer(kinds, np.int8)
            result[header] = by_record[positions]
        return result

    def _too_wide(self, coordinate: str) -> str:
        return (
            f"La feuille « {self.title} » de « {self.file_name} » a des données au-delà de "
            f"la colonne {MAX_COLUMNS} (cellule {coordinate}) : au plus {MAX_COLUMNS} colonnes "
            "par feuille. Supprimez ces cellules ou exportez seulement les colonnes utiles."
        )



def _french_int(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


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
