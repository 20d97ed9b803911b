"""Monthly won-value targets (docs/objectifs.md), table `objectives` (migration 0006).

A row is (month = first day, owner or None for the company, amount >= 0). Each public
function is one transaction; saving the grid of months is one call, so a page never
leaves half a year saved.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from decimal import Decimal

from sqlalchemy import Date, Engine, Identity, Integer, Numeric, Text, delete, func, select
from sqlalchemy.orm import Mapped, mapped_column

from database.models import Base

OwnerTargets = dict[tuple[dt.date, str | None], float]


class ObjectiveRecord(Base):
    """A monthly target; unique on (month, coalesce(owner, '')) (migration 0006)."""

    __tablename__ = "objectives"

    id: Mapped[int] = mapped_column(Integer, Identity(), primary_key=True)
    month: Mapped[dt.date] = mapped_column(Date)
    owner: Mapped[str | None] = mapped_column(Text, nullable=True)
    amount: Mapped[Decimal] = mapped_column(Numeric(16, 2))


def _month(month: dt.date) -> dt.date:
    return dt.date(month.year, month.month, 1)


def _owner(owner: str | None) -> str | None:
    return owner.strip() or None if owner is not None else None


def _amount(month: dt.date, amount: float) -> Decimal:
    if not isinstance(amount, int | float | Decimal) or not math.isfinite(float(amount)) or (
            amount < 0):
        raise ValueError(f"objectif de {month:%Y-%m} invalide « {amount} » : attendu un montant "
                         "positif ou nul")
    return Decimal(str(round(float(amount), 2)))


def _same_owner(owner: str | None):
    return ObjectiveRecord.owner.is_(None) if owner is None else ObjectiveRecord.owner == owner


def get_objectives(engine: Engine, year: int | None = None) -> OwnerTargets:
    """Every target ((first day of month, owner or None) → amount), optionally of one year."""
    query = select(ObjectiveRecord.month, ObjectiveRecord.owner, ObjectiveRecord.amount)
    if year is not None:
        query = query.where(func.extract("year", ObjectiveRecord.month) == year)
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return {(month, owner): float(amount) for month, owner, amount in rows}


def set_objectives(
    engine: Engine, targets: Mapping[dt.date, float | None], owner: str | None = None
) -> None:
    """Save the targets of `owner` (None: the company) for the given months, in one
    transaction; None for a month removes its target. Other months are left as they are."""
    owner = _owner(owner)
    rows = {_month(month): None if amount is None else _amount(month, amount)
            for month, amount in targets.items()}
    with engine.begin() as connection:
        if rows:
            connection.execute(delete(ObjectiveRecord).where(
                _same_owner(owner), ObjectiveRecord.month.in_(list(rows))))
        values = [{"month": m, "owner": owner, "amount": a} for m, a in rows.items()
                  if a is not None]
        if values:
            connection.execute(ObjectiveRecord.__table__.insert(), values)


def set_objective(engine: Engine, month: dt.date, amount: float, owner: str | None = None) -> None:
    """One month's target (`cli.py objectives set`)."""
    set_objectives(engine, {month: amount}, owner)


def delete_objective(engine: Engine, month: dt.date, owner: str | None = None) -> bool:
    """Remove one month's target; False when there was none."""
    with engine.begin() as connection:
        result = connection.execute(delete(ObjectiveRecord).where(
            _same_owner(_owner(owner)), ObjectiveRecord.month == _month(month)))
    return result.rowcount > 0
