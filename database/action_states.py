"""Done and snoozed actions (docs/actions.md), table `action_states` (migration 0009).

Keyed by the deal key of business_logic/actions/keys.py, never by import: a state made on
one snapshot applies to the same deal in the next export. Functions take a Connection; the
caller owns the transaction (`with engine.begin() as connection:`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, Date, DateTime, Engine, Text, delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Mapped, mapped_column

from business_logic.actions import ActionState
from database.models import Base


class ActionStateRecord(Base):
    __tablename__ = "action_states"

    deal_key: Mapped[str] = mapped_column(Text, primary_key=True)
    state: Mapped[str] = mapped_column(Text)
    until: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True),
                                                    server_default=func.now())


def get_action_states(connection: Connection | Engine) -> dict[str, ActionState]:
    """Every saved state, by deal key (an Engine: read on a connection of its own)."""
    if isinstance(connection, Engine):
        with connection.connect() as own:
            return get_action_states(own)
    rows = connection.execute(select(ActionStateRecord.deal_key, ActionStateRecord.state,
                                     ActionStateRecord.until)).all()
    return {key: ActionState(key, state, until) for key, state, until in rows}


def _upsert(connection: Connection, deal_key: str, state: str, until: dt.date | None) -> None:
    statement = insert(ActionStateRecord).values(deal_key=deal_key, state=state, until=until)
    connection.execute(statement.on_conflict_do_update(
        index_elements=["deal_key"],
        set_={"state": state, "until": until, "updated_at": func.now()},
    ))


def mark_done(connection: Connection, deal_key: str) -> None:
    """« Fait »: the deal leaves the list until the user undoes it."""
    _upsert(connection, deal_key, "done", None)


def snooze(connection: Connection, deal_key: str, until: dt.date) -> None:
    """« Reporter »: hidden until `until` (business_logic.actions.snooze_until)."""
    _upsert(connection, deal_key, "snoozed", until)


def clear_action_state(connection: Connection, deal_key: str) -> bool:
    """« Annuler »: back in the list; False when the deal had no state."""
    result = connection.execute(delete(ActionStateRecord).where(
        ActionStateRecord.deal_key == deal_key))
    return bool(result.rowcount)
