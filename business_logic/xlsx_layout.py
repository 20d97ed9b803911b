"""A board-ready workbook (issue 12, item 3): real number, percent, euro and date formats,
widths fitted to the content, a frozen header row and an autofilter on every table sheet.

The format of a column follows its French header (the headers are ours, built in
business_logic.weekly_review): "(€)" or "Montant" → euros, "Taux" or "Probabilité" →
percent of a fraction 0..1, a date → JJ/MM/AAAA. On the "Synthèse" sheet (indicator, value
rows) the format follows each row's indicator instead.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

EURO_FORMAT: Final = '#,##0\\ "€";\\-#,##0\\ "€"'
PERCENT_FORMAT: Final = "0.0%"
DATE_FORMAT: Final = "DD/MM/YYYY"
COUNT_FORMAT: Final = "#,##0"
SUMMARY_SHEET: Final = "Synthèse"
_HEADER_FILL: Final = PatternFill("solid", fgColor="DBEAFE")
_WIDTH_SAMPLE_ROWS: Final = 500  # widths read from the first rows: fast on 1M rows
_MAX_WIDTH: Final = 60


def number_format_for(label: str) -> str | None:
    """The Excel format a header (or a Synthèse indicator) calls for; None keeps General."""
    lowered = label.lower()
    if "(€)" in label or lowered in ("montant", "pipeline brut", "pipeline pondéré"):
        return EURO_FORMAT
    if lowered.startswith("taux") or lowered.startswith("probabilité"):
        return PERCENT_FORMAT
    if lowered.startswith("affaires") or lowered in ("gagnées", "perdues"):
        return COUNT_FORMAT
    return None


def _format_cell(cell, number_format: str | None) -> None:
    if isinstance(cell.value, dt.date | dt.datetime):
        cell.number_format = DATE_FORMAT
    elif number_format and isinstance(cell.value, int | float):
        cell.number_format = number_format


def _fit_widths(sheet: Worksheet) -> None:
    for index, column in enumerate(sheet.iter_cols(max_row=_WIDTH_SAMPLE_ROWS), start=1):
        longest = 0
        for cell in column:
            value = cell.value
            if isinstance(value, dt.date | dt.datetime):
                length = 10
            elif isinstance(value, float):
                length = len(f"{value:,.0f}") + 3
            else:
                length = len(str(value)) if value is not None else 0
            longest = max(longest, length)
        sheet.column_dimensions[get_column_letter(index)].width = min(longest + 3, _MAX_WIDTH)


def _table_sheet(sheet: Worksheet) -> None:
    """Header bold on a tint, frozen, filterable; every column in its format."""
    formats = [number_format_for(str(c.value or "")) for c in sheet[1]]
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=False)
    for row in sheet.iter_rows(min_row=2):
        for cell, number_format in zip(row, formats, strict=False):
            _format_cell(cell, number_format)
    sheet.freeze_panes = "A2"
    if sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions


def _summary_sheet(sheet: Worksheet) -> None:
    """Indicator / value rows: each value in the format its indicator calls for."""
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for label, value in sheet.iter_rows(min_row=2, max_col=2):
        text = str(label.value or "")
        _format_cell(value, number_format_for(text) or COUNT_FORMAT)
        if text.startswith("Filtre"):
            label.font = Font(italic=True)
        value.alignment = Alignment(horizontal="left")
    sheet.freeze_panes = "A2"


def lay_out_workbook(workbook: Workbook) -> None:
    """Apply the formats, widths, frozen header and filters to every sheet, in place."""
    for sheet in workbook.worksheets:
        if sheet.title == SUMMARY_SHEET:
            _summary_sheet(sheet)
        else:
            _table_sheet(sheet)
        _fit_widths(sheet)
