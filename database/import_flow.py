"""One import end to end: bytes → importer (pure) → one COPY transaction → remembered mappings.

Shared by the CLI and the Import page so both apply the same remembered mappings and the
same stage probabilities.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from business_logic.importing import ImportResult, import_bytes
from database.settings import (
    get_column_mappings,
    get_stage_mappings,
    get_stage_probabilities,
    remember_column_mappings,
    remember_stage_mappings,
)
from database.snapshots import save_import

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class StoredImport:
    import_id: int
    file_name: str
    result: ImportResult

    def to_dict(self) -> dict[str, Any]:
        """The JSON of cli.md `import --json`."""
        return {"import_id": self.import_id, "file_name": self.file_name,
                **self.result.report.to_dict()}


def _no_progress(_fraction: float, _message: str) -> None:
    return None


def run_import(
    engine: Engine,
    data: bytes,
    file_name: str,
    *,
    column_overrides: Mapping[str, str] | None = None,
    stage_overrides: Mapping[str, str] | None = None,
    name: str | None = None,
    sheet: str | None = None,
    progress: Progress = _no_progress,
) -> StoredImport:
    """Import `data` as a new snapshot; raises the importer's `ImportFailure` on bad input.

    Mappings given here are remembered only once the import succeeded, so a failed try
    leaves no trace.
    """
    progress(0.05, "Lecture du fichier…")
    stage_mappings = {**get_stage_mappings(engine), **(stage_overrides or {})}
    result = import_bytes(
        data,
        file_name,
        column_overrides=column_overrides,
        remembered_columns=get_column_mappings(engine),
        stage_mappings=stage_mappings,
        stage_probabilities=get_stage_probabilities(engine),
        sheet=sheet,
    )
    progress(0.6, f"Enregistrement de {len(result.deals):,} affaires…".replace(",", " "))
    import_id = save_import(
        engine,
        file_name=file_name,
        sha256=hashlib.sha256(data).hexdigest(),
        report=result.report.to_dict(),
        deals=result.deals,
        name=name,
    )
    if column_overrides:
        remember_column_mappings(engine, column_overrides)
    if stage_overrides:
        remember_stage_mappings(engine, stage_overrides)
    progress(1.0, "Import terminé.")
    return StoredImport(import_id=import_id, file_name=file_name, result=result)
