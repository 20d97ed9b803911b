"""Snapshots built from partial rows (tests.metrics.frames.deals fills the rest)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from business_logic.history import Snapshot
from tests.metrics.frames import D, deals

A_DATE = D - dt.timedelta(days=7)
B_DATE = D


def snap(import_id: int, exported_on: dt.date, *rows: dict[str, Any],
         ids_from_file: bool | None = None) -> Snapshot:
    return Snapshot(import_id, exported_on, deals(*rows), ids_from_file)


def pair(rows_a: list[dict[str, Any]], rows_b: list[dict[str, Any]], *,
         ids_from_file: bool | None = None) -> tuple[Snapshot, Snapshot]:
    """A (a week before D) and B (at D)."""
    return (snap(1, A_DATE, *rows_a, ids_from_file=ids_from_file),
            snap(2, B_DATE, *rows_b, ids_from_file=ids_from_file))
