"""Single-row reads and writes on a snapshot's deals (database/manual_entry.py), by
`(import_id, source_row)`: through the partitioned `deals`, PostgreSQL routes each to the
snapshot's partition (migration 0005). Run in the caller's transaction."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, text

from business_logic.manual_entry import STORED_FIELDS

_COLUMNS = ", ".join(STORED_FIELDS)


def _plain(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def read_deal(connection: Connection, import_id: int, source_row: int) -> dict[str, Any] | None:
    """The stored values of one deal (None when there is no such row)."""
    row = connection.execute(text(
        f"SELECT {_COLUMNS} FROM deals WHERE import_id = :i AND source_row = :r"),
        {"i": import_id, "r": source_row}).mappings().first()
    return None if row is None else {k: _plain(v) for k, v in row.items()}


def other_ids(connection: Connection, import_id: int, source_row: int | None) -> set[str]:
    return set(connection.execute(text(
        "SELECT deal_id FROM deals WHERE import_id = :i AND source_row IS DISTINCT FROM :r"),
        {"i": import_id, "r": source_row}).scalars())


def labels_in_use(connection: Connection, import_id: int) -> dict[str, str]:
    """Stage label → the stage it names, for the labels of a snapshot (the stage picker)."""
    rows = connection.execute(text(
        "SELECT DISTINCT stage_label, stage_reached FROM deals WHERE import_id = :i"
        " AND stage_label IS NOT NULL AND stage_reached IS NOT NULL ORDER BY stage_label"),
        {"i": import_id})
    return dict(rows.all())


def insert_deal(connection: Connection, import_id: int, source_row: int,
            record: Mapping[str, Any]) -> None:
    names = ", ".join(f":{n}" for n in STORED_FIELDS)
    connection.execute(text(
        f"INSERT INTO deals (import_id, source_row, {_COLUMNS}) VALUES (:import_id,"
        f" :source_row, {names})"), {"import_id": import_id, "source_row": source_row,
                                     **record})


def update_deal(connection: Connection, import_id: int, source_row: int,
            values: Mapping[str, Any]) -> None:
    assignments = ", ".join(f"{n} = :{n}" for n in values)
    connection.execute(text(
        f"UPDATE deals SET {assignments} WHERE import_id = :import_id AND source_row = :row"),
        {**values, "import_id": import_id, "row": source_row})


def delete_row(connection: Connection, import_id: int, source_row: int) -> None:
    connection.execute(text("DELETE FROM deals WHERE import_id = :i AND source_row = :r"),
                       {"i": import_id, "r": source_row})
