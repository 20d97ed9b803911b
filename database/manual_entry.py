"""Manual entry (issue 13, item 1; docs/saisie.md): deals kept, fixed and closed in the app.

Imports are never modified. Editing happens in a snapshot of kind "saisie" (migration
0008), created empty or as a copy of an import, with its own `deals` partition like any
snapshot (database/partitions.py): every page, comparison and export reads it as it reads
an import. Each function below is one use case in one transaction: the saisie's `imports`
row is locked first (writers to one saisie take turns), the deal is checked by
`business_logic.manual_entry.check_deal` (a refused value raises `ManualEntryError` before
anything is written), the row is written, the change journaled (database/deal_journal.py)
and the saisie's `revision` bumped (so no cached copy of its old rows is read again).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, text

from business_logic.manual_entry import (
    STORED_FIELDS,
    FieldError,
    changed_fields,
    check_deal,
    closing_fields,
    entry_fields,
)
from database import snapshot_cache
from database.deal_journal import (
    JournalEntry,
    mark_undone,
    read_journal,
    record_change,
)
from database.deal_rows import (
    delete_row,
    insert_deal,
    labels_in_use,
    other_ids,
    read_deal,
    update_deal,
)
from database.models import ImportRecord, StageMappingRecord
from database.partitions import attach_partition, create_bare_partition, partition_name

SAISIE = "saisie"
_COLUMNS = ", ".join(STORED_FIELDS)


class ManualEntryError(ValueError):
    """A change refused, nothing written; `errors` per field when values were refused."""

    def __init__(self, message: str, errors: list[FieldError] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or []


def create_saisie(engine: Engine, *, copy_of: int | None = None,
                  exported_on: dt.date | None = None) -> int:
    """A new saisie, empty or holding a copy of import `copy_of`'s deals (same rows, same
    row numbers, copied inside PostgreSQL); returns its id. The source is only read."""
    with engine.begin() as connection:
        if copy_of is not None:
            found = connection.execute(select(ImportRecord.id).where(
                ImportRecord.id == copy_of)).first()
            if found is None:
                raise ManualEntryError(f"Import n°{copy_of} introuvable.")
        file_name = "Saisie vide" if copy_of is None else f"Saisie (copie du n° {copy_of})"
        import_id = connection.execute(insert(ImportRecord).values(
            file_name=file_name, sha256="", detected={}, rows_read=0, rows_imported=0,
            rows_rejected=0, warnings=[], errors=[], kind=SAISIE, copied_from=copy_of,
            exported_on=func.current_date() if exported_on is None else exported_on,
        ).returning(ImportRecord.id)).scalar_one()
        name = create_bare_partition(connection, import_id)
        if copy_of is not None:
            connection.execute(text(
                f"INSERT INTO {name} ({_COLUMNS}, source_row) SELECT {_COLUMNS}, source_row"
                f" FROM deals WHERE import_id = :source ORDER BY source_row"),
                {"source": copy_of})
        attach_partition(connection, import_id)
        _count_rows(connection, import_id)
    return import_id


def _lock_saisie(connection: Connection, import_id: int) -> None:
    kind = connection.execute(select(ImportRecord.kind).where(
        ImportRecord.id == import_id).with_for_update()).scalar_one_or_none()
    if kind is None:
        raise ManualEntryError(f"Saisie n°{import_id} introuvable.")
    if kind != SAISIE:
        raise ManualEntryError(
            f"L'import n°{import_id} ne se modifie pas (un import reste tel que le fichier "
            "l'a donné) : créez une saisie à partir de lui.")


def _count_rows(connection: Connection, import_id: int) -> None:
    """Keep the summary's deal count true, and bump the revision (the cache key)."""
    connection.execute(text(
        f"UPDATE imports SET rows_read = n, rows_imported = n, revision = revision + 1"
        f" FROM (SELECT count(*) AS n FROM {partition_name(import_id)}) AS c"
        f" WHERE id = :id"), {"id": import_id})
    forget_cached_copy(connection.engine, import_id)


def _mappings(connection: Connection, import_id: int) -> dict[str, str]:
    """The labels in use first (their stage was settled at import), then the remembered
    mappings (Import page) for a label typed anew."""
    remembered = connection.execute(select(StageMappingRecord.label, StageMappingRecord.stage))
    return {**dict(remembered.all()), **labels_in_use(connection, import_id)}


def _checked(connection: Connection, import_id: int, fields: Mapping[str, Any],
             source_row: int | None, default_id: str | None) -> dict[str, Any]:
    checked = check_deal(fields, other_ids=other_ids(connection, import_id, source_row),
                         stage_mappings=_mappings(connection, import_id),
                         default_id=default_id)
    if checked.errors:
        raise ManualEntryError("Affaire non enregistrée : " + " ; ".join(
            e.message for e in checked.errors), checked.errors)
    assert checked.record is not None
    return checked.record


def add_deal(engine: Engine, import_id: int, fields: Mapping[str, Any]) -> int:
    """Add a deal to a saisie; returns its row number (the next after the last one). Without
    an id it gets `S<row>` (an import's generated ids are `L<row>`)."""
    with engine.begin() as connection:
        _lock_saisie(connection, import_id)
        source_row = connection.execute(text(
            "SELECT coalesce(max(source_row), 1) + 1 FROM deals WHERE import_id = :i"),
            {"i": import_id}).scalar_one()
        record = _checked(connection, import_id, fields, None, f"S{source_row}")
        insert_deal(connection, import_id, source_row, record)
        record_change(connection, import_id, source_row, record["deal_id"], "add",
                      STORED_FIELDS, None, record)
        _count_rows(connection, import_id)
    return source_row


def _change(engine: Engine, import_id: int, source_row: int, action: str,
            fields_of: Any) -> list[str]:
    """Edit or close: the new values from `fields_of(current)`, checked, written, journaled."""
    with engine.begin() as connection:
        _lock_saisie(connection, import_id)
        current = _existing(connection, import_id, source_row)
        record = _checked(connection, import_id, fields_of(current), source_row, None)
        changed = changed_fields(current, record)
        if not changed:
            return []
        update_deal(connection, import_id, source_row, {n: record[n] for n in changed})
        record_change(connection, import_id, source_row, record["deal_id"], action, changed,
                      {n: current[n] for n in changed}, {n: record[n] for n in changed})
        _count_rows(connection, import_id)
    return changed


def _existing(connection: Connection, import_id: int, source_row: int) -> dict[str, Any]:
    current = read_deal(connection, import_id, source_row)
    if current is None:
        raise ManualEntryError(f"Affaire introuvable (ligne {source_row} de la saisie "
                               f"n°{import_id}).")
    return current


def edit_deal(engine: Engine, import_id: int, source_row: int,
              changes: Mapping[str, Any]) -> list[str]:
    """Change some fields of a deal (others kept); returns the stored columns changed
    (empty: nothing to do, nothing journaled)."""
    return _change(engine, import_id, source_row, "edit",
                   lambda current: {**entry_fields(current), **changes})


def close_deal(engine: Engine, import_id: int, source_row: int, outcome: str,
               closed_on: dt.date, lost_reason: str | None = None) -> list[str]:
    """Close a deal as won or lost on `closed_on` (business_logic.manual_entry.closing_fields)."""
    return _change(engine, import_id, source_row, "close",
                   lambda current: closing_fields(current, outcome, closed_on, lost_reason))


def delete_deal(engine: Engine, import_id: int, source_row: int) -> None:
    """Delete a deal; the journal keeps its whole row, so the deletion can be undone."""
    with engine.begin() as connection:
        _lock_saisie(connection, import_id)
        current = _existing(connection, import_id, source_row)
        delete_row(connection, import_id, source_row)
        record_change(connection, import_id, source_row, current["deal_id"], "delete",
                      STORED_FIELDS, current, None)
        _count_rows(connection, import_id)


@dataclass(frozen=True)
class Undone:
    """The change undone and the undo entry that reverted it."""

    entry: JournalEntry
    undo_id: int


CONFLICT = ("Impossible d'annuler : l'affaire a changé depuis ; annulez d'abord les "
            "changements plus récents.")


def undo(engine: Engine, import_id: int, entry_id: int | None = None) -> Undone:
    """Undo one change (default: the saisie's latest change not yet undone), restoring
    exactly the values it replaced. Refused when the deal changed since in the same fields
    (or its id is now used by another deal): undo the later changes first."""
    with engine.begin() as connection:
        _lock_saisie(connection, import_id)
        entries = [e for e in read_journal(connection, import_id, entry_id=entry_id)
                   if e.undoable]
        if not entries:
            raise ManualEntryError("Aucun changement à annuler." if entry_id is None else
                                   f"Le changement n°{entry_id} n'est pas annulable "
                                   "(introuvable, ou déjà annulé).")
        entry = entries[0]
        current = read_deal(connection, import_id, entry.source_row)
        restored = _restore(connection, entry, current)
        undo_id = record_change(
            connection, import_id, entry.source_row, entry.deal_id, "undo", entry.fields,
            None if current is None else {n: current[n] for n in entry.fields}, restored)
        mark_undone(connection, entry.entry_id, undo_id)
        _count_rows(connection, import_id)
    return Undone(entry, undo_id)


def _restore(connection: Connection, entry: JournalEntry,
             current: dict[str, Any] | None) -> dict[str, Any] | None:
    """Put back `entry.before` when the deal still holds `entry.after`; the values restored."""
    import_id, row = entry.import_id, entry.source_row
    after = entry.after or {}
    if entry.action == "delete":
        before = entry.before or {}
        if current is not None or before["deal_id"] in other_ids(connection, import_id, row):
            raise ManualEntryError(CONFLICT)
        insert_deal(connection, import_id, row, before)
        return before
    if current is None or any(current[n] != after[n] for n in entry.fields):
        raise ManualEntryError(CONFLICT)
    if entry.action == "add":
        delete_row(connection, import_id, row)
        return None
    before = entry.before or {}
    update_deal(connection, import_id, row, before)
    return before


def journal(engine: Engine, import_id: int, source_row: int | None = None) -> list[JournalEntry]:
    """The changes of a saisie, or of one of its deals, newest first."""
    with engine.connect() as connection:
        return read_journal(connection, import_id, source_row)


def entry_choices(engine: Engine, import_id: int) -> dict[str, list[str]]:
    """The values in use in a snapshot, for the form's pickers: stage labels and sources."""
    with engine.connect() as connection:
        labels = list(labels_in_use(connection, import_id))
        sources = list(connection.execute(text(
            "SELECT DISTINCT source FROM deals WHERE import_id = :i AND source IS NOT NULL"
            " ORDER BY source"), {"i": import_id}).scalars())
    return {"stage_label": labels, "source": sources}


def forget_cached_copy(engine: Engine, import_id: int) -> None:
    """Remove the saisie's Arrow files (a stale one is never read anyway: its name holds
    the old revision), so the folder does not fill with past states of one saisie."""
    folder = snapshot_cache.cache_dir(engine)
    if folder is not None:
        snapshot_cache.forget(folder, import_id)
