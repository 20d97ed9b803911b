"""The source aliases kept on Réglages (business_logic.sources; migration 0010).

Read by `load_deals` on every snapshot read, so an edit changes what every page, the CLI
and the API show, never what is stored.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, Engine, Text, delete, insert, select
from sqlalchemy.orm import Mapped, mapped_column

from business_logic.sources import clean_aliases, source_key
from database.models import Base


class SourceAliasRecord(Base):
    """An alias of a lead source and the name it stands for."""

    __tablename__ = "source_aliases"

    alias_key: Mapped[str] = mapped_column(Text, primary_key=True)
    alias: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)


def get_source_aliases(engine: Engine | Connection) -> dict[str, str]:
    """alias → name, in alias order."""
    query = select(SourceAliasRecord.alias, SourceAliasRecord.name).order_by(
        SourceAliasRecord.alias_key)
    if isinstance(engine, Connection):
        return dict(engine.execute(query).all())
    with engine.connect() as connection:
        return dict(connection.execute(query).all())


def set_source_aliases(engine: Engine, aliases: Mapping[str, str]) -> dict[str, str]:
    """Replace the whole table with `aliases` (cleaned by `clean_aliases`: empty rows and
    self-aliases dropped); returns what was saved."""
    cleaned = clean_aliases(aliases)
    with engine.begin() as connection:
        connection.execute(delete(SourceAliasRecord))
        if cleaned:
            connection.execute(insert(SourceAliasRecord), [
                {"alias_key": source_key(alias), "alias": alias, "name": name}
                for alias, name in cleaned.items()
            ])
    return cleaned


def add_source_aliases(engine: Engine, aliases: Mapping[str, str]) -> dict[str, str]:
    """Add (or change) some aliases, keeping the others (the suggestions' button)."""
    return set_source_aliases(engine, {**get_source_aliases(engine), **aliases})
