"""Pure import of CRM deal exports: bytes → canonical deals + report (docs/definitions.md,
Règles d'import).

No Streamlit, no SQL: the UI, the CLI and the tests call the same functions.
"""

from business_logic.importing.building import build_deals, import_bytes
from business_logic.importing.errors import (
    ImportFailure,
    NothingImported,
    RowError,
    UnknownStageLabels,
)
from business_logic.importing.headers import suggest_mapping
from business_logic.importing.reading import read_table
from business_logic.importing.report import ImportReport, ImportResult
from business_logic.importing.table import RawTable
from business_logic.importing.xlsx import xlsx_sheet_names

__all__ = [
    "ImportFailure",
    "ImportReport",
    "ImportResult",
    "NothingImported",
    "RawTable",
    "RowError",
    "UnknownStageLabels",
    "build_deals",
    "import_bytes",
    "read_table",
    "suggest_mapping",
    "xlsx_sheet_names",
]
