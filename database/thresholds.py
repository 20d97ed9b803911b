"""The alert thresholds the user set on Réglages (docs/definitions.md, "Seuils").

One row per threshold the user changed; a missing row means the default of
`business_logic.metrics.Thresholds`. Reading never fails on a removed or unknown name.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Engine, Numeric, Text, delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Mapped, mapped_column

from business_logic.metrics.thresholds import LIMITS, Thresholds
from database.models import Base


class ThresholdRecord(Base):
    """A threshold changed on Réglages (name of a `Thresholds` field, its value)."""

    __tablename__ = "threshold_settings"

    name: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[Decimal] = mapped_column(Numeric(10, 4))


def get_thresholds(engine: Engine) -> Thresholds:
    """The thresholds in force: the saved values, the defaults for the others."""
    with engine.connect() as connection:
        rows = connection.execute(select(ThresholdRecord.name, ThresholdRecord.value)).all()
    return Thresholds.from_mapping({name: value for name, value in rows if name in LIMITS})


def set_thresholds(engine: Engine, thresholds: Thresholds) -> None:
    """Save every threshold (validated by `Thresholds` itself); a value equal to the
    default is stored too, so a later change of default does not move the user's choice."""
    rows = [{"name": name, "value": value} for name, value in thresholds.to_dict().items()]
    statement = insert(ThresholdRecord).values(rows)
    statement = statement.on_conflict_do_update(
        index_elements=["name"], set_={"value": statement.excluded.value}
    )
    with engine.begin() as connection:
        connection.execute(statement)


def reset_thresholds(engine: Engine) -> None:
    """Back to the defaults (forget every saved threshold)."""
    with engine.begin() as connection:
        connection.execute(delete(ThresholdRecord))
