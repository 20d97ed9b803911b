"""Imports (snapshots): save one in a single transaction, list, delete.

An import never overwrites an older one: snapshots are the base of history features.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import psycopg
from sqlalchemy import Engine, func, insert, select, text, update
from sqlalchemy.exc import SQLAlchemyError

from database.models import ImportRecord
from database.partitions import attach_partition, create_bare_partition

if TYPE_CHECKING:  # pandas and pyarrow only where rows move: `delete-import` stays light
    import pandas as pd


class StorageError(RuntimeError):
    """The import could not be stored; nothing of it was kept. French message."""


@dataclass(frozen=True)
class ImportSummary:
    import_id: int
    file_name: str
    name: str | None
    imported_at: dt.datetime
    rows_read: int
    rows_imported: int
    rows_rejected: int
    exported_on: dt.date
    #: 'import' (a file) or 'saisie' (edited in the app, docs/saisie.md)
    kind: str = "import"

    @property
    def is_saisie(self) -> bool:
        return self.kind == "saisie"

    def to_dict(self) -> dict[str, Any]:
        return {
            "import_id": self.import_id,
            "file_name": self.file_name,
            "name": self.name,
            "imported_at": self.imported_at.isoformat(),
            "rows_read": self.rows_read,
            "rows_imported": self.rows_imported,
            "rows_rejected": self.rows_rejected,
            "exported_on": self.exported_on.isoformat(),
            "kind": self.kind,
        }


def save_import(
    engine: Engine,
    *,
    file_name: str,
    sha256: str | Callable[[], str],
    report: dict[str, Any] | Callable[[], dict[str, Any]],
    deals: pd.DataFrame | Iterable[pd.DataFrame],
    name: str | None = None,
    rows_sent: Callable[[int], None] | None = None,
    exported_on: dt.date | None = None,
) -> int:
    """Store the import row and its deals atomically; return the new import id.

    The deals go into a partition of their own, created bare, filled by COPY and attached
    in this one transaction (database/partitions.py).

    `report` is `ImportReport.to_dict()`, or for a file built in chunks (`deals` then
    yields each chunk's frame) a function giving it once they are all sent — it may raise
    to abandon the import (`sha256` may be a function too: it then runs while PostgreSQL
    takes the last rows); `rows_sent` hears how many deals were sent so
    far; `exported_on` is the export date (docs/history.md), default the database's current
    date. Any failure (constraint, I/O, interruption) rolls the whole import back: nothing
    partial ever reaches the database.
    """
    try:
        return _save_in_one_transaction(engine, file_name, sha256, report, deals, name,
                                        rows_sent, exported_on)
    except (psycopg.Error, SQLAlchemyError) as exc:
        reason = str(exc).splitlines()[0]
        raise StorageError(
            f"L'import n'a pas pu être enregistré ; rien n'a été conservé ({reason})."
        ) from exc


def _save_in_one_transaction(
    engine: Engine,
    file_name: str,
    sha256: str | Callable[[], str],
    report: dict[str, Any] | Callable[[], dict[str, Any]],
    deals: pd.DataFrame | Iterable[pd.DataFrame],
    name: str | None,
    rows_sent: Callable[[int], None] | None,
    exported_on: dt.date | None = None,
) -> int:
    """While PostgreSQL takes the last rows, this process works out what is known only
    then (a report or hash given as functions) and writes the snapshot's Arrow file to a
    temporary name, given its name once committed (removed if the import fails)."""
    from database import snapshot_cache
    from database.deal_copy import copy_deals_in, stage_cache

    folder = snapshot_cache.cache_dir(engine)
    later = report if callable(report) else None
    known: dict[str, Any] = {}

    def while_sending(sent: Any) -> None:  # the Arrow table sent
        if later:
            known["report"] = later()
        if callable(sha256):
            known["sha256"] = sha256()
        known["cache"] = stage_cache(folder, sent)

    try:
        with engine.begin() as connection:
            # CRM_STATEMENT_TIMEOUT bounds reads; storing a large file (COPY, ~2.5 s per 1M
            # rows here) may take longer on a slow server, and the server has just answered.
            connection.execute(text("SET LOCAL statement_timeout = 0"))
            import_id = connection.execute(
                insert(ImportRecord)
                .values(
                    file_name=file_name,
                    name=name,
                    sha256="" if callable(sha256) else sha256,
                    **_report_columns({} if later else report, 0 if later else len(deals)),
                    exported_on=func.current_date() if exported_on is None else exported_on,
                )
                .returning(ImportRecord.id)
            ).scalar_one()
            create_bare_partition(connection, import_id)
            copy_deals_in(connection, import_id, deals, rows_sent, while_sending=while_sending)
            values = (_report_columns(known["report"], 0) if later else {}) | (
                {"sha256": known["sha256"]} if "sha256" in known else {})
            if values:
                connection.execute(update(ImportRecord).where(ImportRecord.id == import_id)
                                   .values(**values))
            path = (snapshot_cache.cache_file(folder, connection, import_id)
                    if folder and known.get("cache") else None)
            attach_partition(connection, import_id)
    except BaseException:
        snapshot_cache.discard(known.get("cache"))
        raise
    snapshot_cache.publish(known.get("cache"), path)
    return import_id


def _report_columns(report: dict[str, Any], deals: int) -> dict[str, Any]:
    return {
        "detected": report.get("detected", {}),
        "rows_read": int(report.get("rows_read", deals)),
        "rows_imported": int(report.get("rows_imported", deals)),
        "rows_rejected": int(report.get("rows_rejected", 0)),
        "warnings": list(report.get("warnings", [])),
        "errors": list(report.get("errors", [])),
    }


def list_imports(engine: Engine) -> list[ImportSummary]:
    """Every snapshot, newest first: by export date, then import id (docs/history.md)."""
    query = select(
        ImportRecord.id,
        ImportRecord.file_name,
        ImportRecord.name,
        ImportRecord.imported_at,
        ImportRecord.rows_read,
        ImportRecord.rows_imported,
        ImportRecord.rows_rejected,
        ImportRecord.exported_on,
        ImportRecord.kind,
    ).order_by(ImportRecord.exported_on.desc(), ImportRecord.id.desc())
    with engine.connect() as connection:
        return [ImportSummary(*row) for row in connection.execute(query)]


def latest_import_id(engine: Engine) -> int | None:
    """The latest snapshot: last by export date, then import id (docs/history.md)."""
    query = (select(ImportRecord.id)
             .order_by(ImportRecord.exported_on.desc(), ImportRecord.id.desc()).limit(1))
    with engine.connect() as connection:
        return connection.execute(query).scalar_one_or_none()


def import_exists(engine: Engine, import_id: int) -> bool:
    with engine.connect() as connection:
        found = connection.execute(select(ImportRecord.id).where(ImportRecord.id == import_id))
        return found.first() is not None


def set_exported_on(engine: Engine, import_id: int, exported_on: dt.date) -> bool:
    """Change an import's export date (Import page); False when it does not exist."""
    with engine.begin() as connection:
        result = connection.execute(update(ImportRecord).where(ImportRecord.id == import_id)
                                    .values(exported_on=exported_on))
    return result.rowcount > 0


def set_import_name(engine: Engine, import_id: int, name: str | None) -> bool:
    """Name an import, or remove its name (blank); False when it does not exist."""
    cleaned = (name or "").strip() or None
    with engine.begin() as connection:
        result = connection.execute(update(ImportRecord).where(ImportRecord.id == import_id)
                                    .values(name=cleaned))
    return result.rowcount > 0


def get_import_errors(engine: Engine, import_id: int) -> list[dict[str, Any]]:
    """The rejected rows of an import (line, column, value, reason), for download."""
    with engine.connect() as connection:
        errors = connection.execute(
            select(ImportRecord.errors).where(ImportRecord.id == import_id)
        ).scalar_one_or_none()
    return list(errors or [])
