"""The journal of a saisie's changes (migration 0008, docs/saisie.md): write, read, as JSON.

One row per change of one deal: `field` names the stored columns it changed, `before` and
`after` hold their values (the whole row for an addition or a deletion), so that undoing
it restores exactly what was there. Rows are read and written in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, insert, select, update

from business_logic.columns import CANONICAL_COLUMNS
from database.models import DealJournalRecord


@dataclass(frozen=True)
class JournalEntry:
    """One journaled change; `fields` in column order, `before`/`after` decoded."""

    entry_id: int
    import_id: int
    source_row: int
    deal_id: str | None
    changed_at: dt.datetime
    action: str
    fields: tuple[str, ...]
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    undone_by: int | None

    @property
    def undoable(self) -> bool:
        """An undo is final; a change is undone at most once."""
        return self.action != "undo" and self.undone_by is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.entry_id, "import_id": self.import_id, "source_row": self.source_row,
            "deal_id": self.deal_id, "changed_at": self.changed_at.isoformat(),
            "action": self.action, "fields": list(self.fields),
            "before": encode(self.before), "after": encode(self.after),
            "undone_by": self.undone_by,
        }


def encode(values: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """Stored values as JSON: dates in ISO, decimals as floats."""
    if values is None:
        return None
    out: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = float(value)
        out[name] = value
    return out


def decode(values: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The inverse of `encode`, by each column's kind (business_logic.columns)."""
    if values is None:
        return None
    out: dict[str, Any] = {}
    for name, value in values.items():
        if value is not None and CANONICAL_COLUMNS.get(name) == "date":
            value = dt.date.fromisoformat(value)
        out[name] = value
    return out


def record_change(connection: Connection, import_id: int, source_row: int,
                  deal_id: str | None, action: str, fields: Sequence[str],
                  before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> int:
    """Journal one change; returns its id."""
    return connection.execute(insert(DealJournalRecord).values(
        import_id=import_id, source_row=source_row, deal_id=deal_id, action=action,
        field=",".join(fields) or None, before=encode(before), after=encode(after),
    ).returning(DealJournalRecord.id)).scalar_one()


def mark_undone(connection: Connection, entry_id: int, undo_id: int) -> None:
    connection.execute(update(DealJournalRecord).where(DealJournalRecord.id == entry_id)
                       .values(undone_by=undo_id))


def _entry(row: Any) -> JournalEntry:
    return JournalEntry(
        entry_id=row.id, import_id=row.import_id, source_row=row.source_row,
        deal_id=row.deal_id, changed_at=row.changed_at, action=row.action,
        fields=tuple(row.field.split(",")) if row.field else (),
        before=decode(row.before), after=decode(row.after), undone_by=row.undone_by,
    )


def read_journal(connection: Connection, import_id: int, source_row: int | None = None,
                 entry_id: int | None = None) -> list[JournalEntry]:
    """The entries of a saisie (or of one deal, or one entry), newest first."""
    table = DealJournalRecord.__table__
    query = select(table).where(table.c.import_id == import_id)
    if source_row is not None:
        query = query.where(table.c.source_row == source_row)
    if entry_id is not None:
        query = query.where(table.c.id == entry_id)
    return [_entry(row) for row in connection.execute(query.order_by(table.c.id.desc()))]
