"""SQLAlchemy 2 typed models. The schema itself is created only by Alembic migrations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    MetaData,
    Numeric,
    Text,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ImportRecord(Base):
    """One imported file: a snapshot. Imports are never overwritten (history builds on them)."""

    __tablename__ = "imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    # The day the CRM produced the file (docs/history.md); snapshots are ordered by it.
    exported_on: Mapped[dt.date] = mapped_column(Date)
    detected: Mapped[dict[str, Any]] = mapped_column(JSONB)
    rows_read: Mapped[int] = mapped_column(Integer)
    rows_imported: Mapped[int] = mapped_column(Integer)
    rows_rejected: Mapped[int] = mapped_column(Integer)
    warnings: Mapped[list[str]] = mapped_column(JSONB)
    errors: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    # 'import' (a file, never modified) or 'saisie' (edited in the app, docs/saisie.md;
    # migration 0008); a saisie's source import and its change counter (cache key).
    kind: Mapped[str] = mapped_column(Text, server_default="import")
    copied_from: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("imports.id", ondelete="SET NULL"))
    revision: Mapped[int] = mapped_column(Integer, server_default="0")

    __table_args__ = (Index("ix_imports_exported_on_id", "exported_on", "id"),)


class DealJournalRecord(Base):
    """One change to a deal of a saisie (migration 0008, database/manual_entry.py)."""

    __tablename__ = "deal_journal"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    import_id: Mapped[int] = mapped_column(Integer, ForeignKey("imports.id",
                                                               ondelete="CASCADE"))
    source_row: Mapped[int] = mapped_column(BigInteger)
    deal_id: Mapped[str | None] = mapped_column(Text)
    changed_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now())
    action: Mapped[str] = mapped_column(Text)  # add | edit | close | delete | undo
    field: Mapped[str | None] = mapped_column(Text)  # changed columns, comma-separated
    before: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    undone_by: Mapped[int | None] = mapped_column(BigInteger)


class Deal(Base):
    """A canonical deal (docs/definitions.md); columns follow `business_logic.columns`.

    `deals` is LIST-partitioned on `import_id`, one bare partition per import (migration
    0005, database/partitions.py): no key, foreign key or index in the database. The
    primary key below only tells the ORM how rows are identified.
    """

    __tablename__ = "deals"

    import_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_row: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    deal_id: Mapped[str] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(Text)
    company: Mapped[str | None] = mapped_column(Text)
    stage_label: Mapped[str | None] = mapped_column(Text)
    stage: Mapped[str] = mapped_column(Text)
    stage_reached: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text)
    amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    currency: Mapped[str | None] = mapped_column(Text)
    # The file's probability of an open deal, NULL otherwise: the effective probability is
    # computed at read time from the settings (migration 0002, stages.effective_probability).
    probability: Mapped[Decimal | None] = mapped_column(Numeric(5, 4))
    probability_explicit: Mapped[bool] = mapped_column(Boolean, server_default="false")
    source: Mapped[str | None] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(Text)
    sector: Mapped[str | None] = mapped_column(Text)
    segment: Mapped[str | None] = mapped_column(Text)
    created_date: Mapped[dt.date | None] = mapped_column(Date)
    expected_close_date: Mapped[dt.date | None] = mapped_column(Date)
    closed_date: Mapped[dt.date | None] = mapped_column(Date)
    last_activity_date: Mapped[dt.date | None] = mapped_column(Date)
    # Per-stage entry dates from the export (migration 0011, docs/history.md).
    entered_prospect: Mapped[dt.date | None] = mapped_column(Date)
    entered_qualified: Mapped[dt.date | None] = mapped_column(Date)
    entered_proposal: Mapped[dt.date | None] = mapped_column(Date)
    entered_negotiation: Mapped[dt.date | None] = mapped_column(Date)
    entered_won: Mapped[dt.date | None] = mapped_column(Date)
    entered_lost: Mapped[dt.date | None] = mapped_column(Date)
    lost_reason: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    __table_args__ = {"postgresql_partition_by": "LIST (import_id)"}


class StageSettingRecord(Base):
    """Editable stage probabilities (Réglages); seeded with the defaults of docs/definitions.md."""

    __tablename__ = "stage_settings"

    stage: Mapped[str] = mapped_column(Text, primary_key=True)
    label_fr: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)
    probability: Mapped[Decimal] = mapped_column(Numeric(5, 4))


class StageMappingRecord(Base):
    """A stage label the user mapped by hand, remembered for the next import."""

    __tablename__ = "stage_mappings"

    label_key: Mapped[str] = mapped_column(Text, primary_key=True)
    label: Mapped[str] = mapped_column(Text)
    stage: Mapped[str] = mapped_column(Text)


class ColumnMappingRecord(Base):
    """A file header the user mapped by hand (`--map` or the import page), remembered."""

    __tablename__ = "column_mappings"

    header_key: Mapped[str] = mapped_column(Text, primary_key=True)
    header: Mapped[str] = mapped_column(Text)
    field: Mapped[str] = mapped_column(Text)
