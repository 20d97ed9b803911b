"""Named what-if scenarios (the Simulateur, docs/objectifs.md, « Simulateur »): save,
list, load, delete.

A scenario is its levers (business_logic.planning.whatif.Levers, stored as their JSON)
under a unique name; it never refers to nor changes the deals. The caller owns the
transaction (style.md): every function takes a Connection.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import Connection, DateTime, Integer, Text, delete, func, select
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.orm import Mapped, mapped_column

from business_logic.planning.whatif import Levers
from database.models import Base

MAX_NAME_LENGTH: Final = 80


class ScenarioRecord(Base):
    """A saved scenario (migration 0007)."""

    __tablename__ = "scenarios"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    levers: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True),
                                                    server_default=func.now())


@dataclass(frozen=True)
class SavedScenario:
    name: str
    levers: Levers
    created_at: dt.datetime


def scenario_name(name: str) -> str:
    """The name as stored (trimmed); ValueError in French when empty or too long."""
    cleaned = " ".join(str(name).split())
    if not cleaned:
        raise ValueError("nom du scénario : il est vide")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise ValueError(f"nom du scénario : {len(cleaned)} caractères, "
                         f"{MAX_NAME_LENGTH} au plus")
    return cleaned


def save_scenario(connection: Connection, name: str, levers: Levers) -> bool:
    """Save `levers` under `name`; an existing scenario of that name is replaced (its date
    becomes now). Returns True when it replaced one."""
    name = scenario_name(name)
    existed = connection.execute(
        select(ScenarioRecord.id).where(ScenarioRecord.name == name)).first() is not None
    statement = insert(ScenarioRecord).values(name=name, levers=levers.to_dict())
    connection.execute(statement.on_conflict_do_update(
        index_elements=["name"],
        set_={"levers": statement.excluded.levers, "created_at": func.now()}))
    return existed


def list_scenarios(connection: Connection) -> list[SavedScenario]:
    """Every saved scenario, by name. One whose levers no longer read (a lever removed
    since) is left out rather than breaking the page."""
    rows = connection.execute(select(ScenarioRecord.name, ScenarioRecord.levers,
                                     ScenarioRecord.created_at)
                              .order_by(ScenarioRecord.name)).all()
    out = []
    for name, data, created_at in rows:
        try:
            out.append(SavedScenario(name, Levers.from_dict(data), created_at))
        except (ValueError, TypeError):
            continue
    return out


def load_scenario(connection: Connection, name: str) -> Levers | None:
    """The levers saved under `name`, None when there is none; ValueError in French when
    they no longer read."""
    data = connection.execute(select(ScenarioRecord.levers)
                              .where(ScenarioRecord.name == name)).scalar_one_or_none()
    if data is None:
        return None
    try:
        return Levers.from_dict(data)
    except (ValueError, TypeError) as error:
        raise ValueError(f"scénario « {name} » illisible : {error}") from None


def delete_scenario(connection: Connection, name: str) -> bool:
    """Forget the scenario; False when there was none of that name."""
    result = connection.execute(delete(ScenarioRecord).where(ScenarioRecord.name == name))
    return result.rowcount > 0
