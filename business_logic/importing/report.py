"""The outcome of an import: the canonical deals and what happened to every row (cli.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from business_logic.importing.errors import RowError


@dataclass
class ImportReport:
    """`detected` holds encoding, delimiter, decimal, date_order, date_orders and columns.

    rows_read counts data rows (blank and footer lines excluded) = imported + rejected.
    """

    detected: dict[str, Any]
    rows_read: int
    rows_imported: int
    rows_rejected: int
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON of `cli.py import --json` without import_id and file_name."""
        return {
            "detected": dict(self.detected),
            "rows_read": self.rows_read,
            "rows_imported": self.rows_imported,
            "rows_rejected": self.rows_rejected,
            "errors": [error.to_dict() for error in self.errors],
            "warnings": list(self.warnings),
        }


@dataclass
class ImportResult:
    deals: pd.DataFrame
    report: ImportReport
