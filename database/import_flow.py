"""One import end to end: bytes → importer (pure) → one COPY transaction → remembered mappings.

Shared by the CLI and the Import page so both apply the same remembered mappings and the
same stage probabilities.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from business_logic.history.export_date import export_date_from_file_name
from business_logic.importing import ImportResult, NothingImported, build_deals
from business_logic.importing.building import mapped_table
from business_logic.importing.chunked import CHUNK_ROWS, ChunkedBuild, PartsDisagree
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
    exported_on: dt.date | None = None

    def to_dict(self, error_limit: int | None = 1000) -> dict[str, Any]:
        """The JSON of docs/cli.md `import --json` (errors capped at `error_limit`), plus
        the export date (docs/history.md)."""
        extra = {} if self.exported_on is None else {"exported_on": self.exported_on.isoformat()}
        return {"import_id": self.import_id, "file_name": self.file_name,
                **self.result.report.to_dict(error_limit=error_limit), **extra}


@dataclass(frozen=True)
class ImporterSettings:
    """What the database remembers for the importer: hand-made mappings, probabilities."""

    remembered_columns: dict[str, str]
    stage_mappings: dict[str, str]
    stage_probabilities: dict[str, float]


def importer_settings(engine: Engine) -> ImporterSettings:
    return ImporterSettings(
        remembered_columns=get_column_mappings(engine),
        stage_mappings=get_stage_mappings(engine),
        stage_probabilities=get_stage_probabilities(engine),
    )


def default_export_date(file_name: str) -> dt.date:
    """The export date an import gets unless the user sets one (docs/history.md): the date
    in the file name, else today."""
    return export_date_from_file_name(file_name) or dt.date.today()


def store_result(
    engine: Engine,
    data: bytes,
    file_name: str,
    result: ImportResult,
    *,
    name: str | None = None,
    column_overrides: Mapping[str, str] | None = None,
    stage_overrides: Mapping[str, str] | None = None,
    rows_sent: Callable[[int], None] | None = None,
    exported_on: dt.date | None = None,
) -> StoredImport:
    """Save a parsed import as a new snapshot (one COPY transaction), then remember the
    mappings the user made by hand — only once the import succeeded, so a failed try
    leaves no trace.

    Raises `NothingImported` when every row was rejected (docs/cli.md): such a file must not
    become the latest snapshot. The stored report keeps the first ERRORS_IN_JSON
    rejections and their total; `result.report.errors` has them all.
    """
    if result.report.rows_imported == 0:
        raise NothingImported(result.report)
    exported_on = exported_on or default_export_date(file_name)
    import_id = save_import(
        engine,
        file_name=file_name,
        sha256=hashlib.sha256(data).hexdigest(),
        report=result.report.to_dict(),
        deals=result.deals,
        name=name,
        rows_sent=rows_sent,
        exported_on=exported_on,
    )
    _remember_overrides(engine, column_overrides, stage_overrides)
    return StoredImport(import_id=import_id, file_name=file_name, result=result,
                        exported_on=exported_on)


def store_chunks(
    engine: Engine,
    data: bytes,
    file_name: str,
    build: ChunkedBuild,
    *,
    name: str | None = None,
    column_overrides: Mapping[str, str] | None = None,
    stage_overrides: Mapping[str, str] | None = None,
    rows_sent: Callable[[int], None] | None = None,
    exported_on: dt.date | None = None,
) -> StoredImport:
    """`store_result` for a file built in chunks: each chunk is stored as soon as it is
    built, in the same one transaction; the report (known once every chunk is built) is
    written before the commit. Raises `NothingImported` (nothing kept) like store_result,
    and `PartsDisagree` when the file must be built whole (nothing kept either)."""
    exported_on = exported_on or default_export_date(file_name)
    results: list[ImportResult] = []

    def report() -> dict[str, Any]:
        result = build.result()
        if result.report.rows_imported == 0:
            raise NothingImported(result.report)
        results.append(result)
        return result.report.to_dict()

    import_id = save_import(
        engine, file_name=file_name, sha256=lambda: hashlib.sha256(data).hexdigest(),
        report=report,
        deals=build, name=name, rows_sent=rows_sent, exported_on=exported_on,
    )
    _remember_overrides(engine, column_overrides, stage_overrides)
    return StoredImport(import_id=import_id, file_name=file_name, result=results[0],
                        exported_on=exported_on)


def _remember_overrides(engine: Engine, columns: Mapping[str, str] | None,
                        stages: Mapping[str, str] | None) -> None:
    """The mappings the user made by hand, kept only once the import is stored."""
    if columns:
        remember_column_mappings(engine, columns)
    if stages:
        remember_stage_mappings(engine, stages)


#: From this many data rows a file is checked and stored in chunks (`ChunkedBuild`): smaller
#: files gain little from it.
CHUNKED_FROM_ROWS = 200_000
# Share of the bar for reading and checking the file; the rest follows the rows sent to
# COPY (1M deals here: ~3.5 s to read and check, ~3 s to store). In chunks: the share of
# reading the file; the rest follows the rows checked and sent.
_READ_SHARE = 0.55
_CHUNKED_READ_SHARE = 0.3


def _spaced(count: int) -> str:
    return f"{count:,}".replace(",", "\u202f")


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
    exported_on: dt.date | None = None,
    chunk_rows: int | None = None,
) -> StoredImport:
    """Import `data` as a new snapshot exported on `exported_on` (default:
    `default_export_date`); raises the importer's `ImportFailure` on bad input
    (`NothingImported`, carrying the report, when every row was rejected).

    A file of CHUNKED_FROM_ROWS rows or more is checked and stored in chunks of
    `chunk_rows` (default CHUNK_ROWS; a smaller file too when `chunk_rows` is given), each
    chunk's COPY overlapping the check of the next; the result is the same as built whole.
    """
    progress(0.05, "Lecture du fichier…")
    settings = importer_settings(engine)
    raw, mapping = mapped_table(data, file_name, column_overrides=column_overrides,
                                remembered_columns=settings.remembered_columns, sheet=sheet)
    stage_mappings = {**settings.stage_mappings, **(stage_overrides or {})}
    stored_args = {"name": name, "column_overrides": column_overrides,
                   "stage_overrides": stage_overrides, "exported_on": exported_on}
    if chunk_rows is None and len(raw) >= CHUNKED_FROM_ROWS:
        chunk_rows = CHUNK_ROWS
    if chunk_rows is not None and len(raw) > chunk_rows:
        build = ChunkedBuild(raw, mapping, stage_mappings=stage_mappings,
                             stage_probabilities=settings.stage_probabilities,
                             chunk_rows=chunk_rows)
        total = len(raw)

        def checked_so_far(_sent: int) -> None:
            done = build.rows_done
            progress(_CHUNKED_READ_SHARE + (1 - _CHUNKED_READ_SHARE) * 0.98 * done / total,
                     f"Vérification et enregistrement : {_spaced(done)} lignes sur "
                     f"{_spaced(total)}…")

        checked_so_far(0)
        try:
            stored = store_chunks(engine, data, file_name, build, rows_sent=checked_so_far,
                                  **stored_args)
        except PartsDisagree:  # a choice of the whole file differs: nothing kept, build whole
            stored = None
        if stored is not None:
            progress(1.0, "Import terminé.")
            return stored
    result = build_deals(raw, mapping, stage_mappings=stage_mappings,
                         stage_probabilities=settings.stage_probabilities)
    total = len(result.deals)

    def stored_so_far(sent: int) -> None:
        progress(_READ_SHARE + (1 - _READ_SHARE) * 0.98 * sent / max(total, 1),
                 f"Enregistrement : {_spaced(sent)} affaires sur {_spaced(total)}…")

    stored_so_far(0)
    stored = store_result(engine, data, file_name, result, rows_sent=stored_so_far,
                          **stored_args)
    progress(1.0, "Import terminé.")
    return stored
