"""XLSX workbooks → RawTable (first sheet, or the one the user picks).

Real date cells become ISO text and number cells keep a decimal point; columns whose cells
are all typed are marked so that their values are parsed without guessing.
"""

from __future__ import annotations

import datetime as dt
import io

from business_logic.importing.errors import ImportFailure
from business_logic.importing.table import RawTable, to_raw_table


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
        records: list[list[str]] = []
        kinds: list[list[str]] = []
        for row in worksheet.iter_rows(min_row=1, values_only=True):
            cells = [_xlsx_cell(value) for value in row]
            records.append([text for text, _ in cells])
            kinds.append([kind for _, kind in cells])
    except ImportFailure:
        raise
    except Exception as error:
        raise ImportFailure(_unreadable_xlsx(file_name, error)) from None
    finally:
        workbook.close()
    table = to_raw_table(records, file_name)
    table.column_types = _typed_columns(table, kinds)
    return table


def _unreadable_xlsx(file_name: str, error: Exception) -> str:
    reason = str(error).splitlines()[0] if str(error) else type(error).__name__
    return f"« {file_name} » n'est pas un classeur XLSX lisible ({reason})."


def _xlsx_cell(value: object) -> tuple[str, str]:
    """A cell as text plus its kind; dates become ISO text, numbers use a decimal point."""
    if value is None:
        return "", ""
    if isinstance(value, bool):
        return ("VRAI" if value else "FAUX"), "text"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat(), "date"
        return value.isoformat(sep=" "), "date"
    if isinstance(value, dt.date):
        return value.isoformat(), "date"
    if isinstance(value, int):
        return str(value), "number"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return "", ""
        text = repr(value)
        if "e" in text or "E" in text:
            text = f"{value:.10f}".rstrip("0").rstrip(".")
        return (text[:-2] if text.endswith(".0") else text), "number"
    return str(value), "text"


def _typed_columns(table: RawTable, kinds: list[list[str]]) -> dict[str, str]:
    result: dict[str, str] = {}
    if not len(table):
        return result
    offsets = table.row_numbers - 1  # records are 0-based, rows 1-based
    for position, header in enumerate(table.headers):
        seen = {kinds[offset][position] for offset in offsets
                if position < len(kinds[offset])} - {""}
        if seen in ({"number"}, {"date"}):
            result[header] = seen.pop()
    return result
