"""The outcome of an import: the canonical deals and what happened to every row (docs/cli.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from business_logic.importing.errors import RowError

#: How many rejections the JSON report carries (docs/cli.md): 1M rejected rows made 120 MB.
ERRORS_IN_JSON = 1_000


@dataclass
class ImportReport:
    """`detected` holds encoding, delimiter, decimal, date_order, date_orders and columns.

    rows_read counts data rows (blank and footer lines excluded) = imported + rejected.
    `errors` keeps every rejection; only `to_dict` caps the list it writes.
    """

    detected: dict[str, Any]
    rows_read: int
    rows_imported: int
    rows_rejected: int
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self, error_limit: int | None = ERRORS_IN_JSON) -> dict[str, Any]:
        """The JSON of `cli.py import --json` without import_id and file_name.

        `errors` holds the first `error_limit` rejections (all of them with None) and
        `errors_total` how many there are: the full list goes to a file instead.
        """
        shown = self.errors if error_limit is None else self.errors[:error_limit]
        return {
            "detected": dict(self.detected),
            "rows_read": self.rows_read,
            "rows_imported": self.rows_imported,
            "rows_rejected": self.rows_rejected,
            "errors": [error.to_dict() for error in shown],
            "errors_total": len(self.errors),
            "warnings": list(self.warnings),
        }


@dataclass
class ImportResult:
    deals: pd.DataFrame
    report: ImportReport
