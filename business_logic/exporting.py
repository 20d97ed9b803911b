"""Exports of deals and rejected rows (CSV for French Excel, XLSX), formula-safe.

docs/definitions.md, "Règles d'import": text such as `=HYPERLINK(...)` is data, and every export
neutralises it — a spreadsheet must never execute a cell that came from a CRM export
(CSV/XLSX formula injection, OWASP). A leading apostrophe makes Excel show it as text.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_MAX_DATA_ROWS = 1_048_575  # 1,048,576 rows per sheet, one of them the header


class ExportTooLarge(ValueError):
    """A sheet would exceed Excel's row limit; the message says what to do, in French."""


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A new frame whose text cells can no longer be evaluated as formulas."""
    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if pd.api.types.is_string_dtype(column) or column.dtype == object:
            risky = column.astype("str").str.startswith(_FORMULA_STARTS, na=False)
            if risky.any():
                column = column.astype(object)
                column[risky] = "'" + column[risky].astype(str)
                out[name] = column
    return out


def frame_to_csv(frame: pd.DataFrame) -> bytes:
    """CSV as French Excel opens it: UTF-8 with BOM, `;`, decimal comma, dates `26/11/2026`."""
    buffer = io.StringIO()
    neutralise_formulas(frame).to_csv(
        buffer, sep=";", decimal=",", index=False, date_format="%d/%m/%Y"
    )
    return buffer.getvalue().encode("utf-8-sig")


def errors_frame(errors: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Rejected rows (line, column, value, reason) with French headers, for a CSV download."""
    rows = [
        {"Ligne": e["row"], "Colonne": e["column"], "Valeur": e["value"], "Raison": e["message"]}
        for e in errors
    ]
    return pd.DataFrame(rows, columns=["Ligne", "Colonne", "Valeur", "Raison"])


def frames_to_xlsx(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """One sheet per frame (openpyxl), text neutralised, sheet names cut to Excel's 31."""
    for name, frame in sheets.items():
        if len(frame) > EXCEL_MAX_DATA_ROWS:
            raise ExportTooLarge(
                f"La feuille « {name} » compterait {len(frame):,} lignes, au-delà de la limite "
                f"d'Excel ({EXCEL_MAX_DATA_ROWS:,}) : filtrez les affaires ou exportez en CSV."
                .replace(",", " ")
            )
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            neutralise_formulas(frame).to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()
