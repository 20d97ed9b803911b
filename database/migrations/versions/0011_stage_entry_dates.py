"""Per-stage entry dates read from the export (docs/history.md, « Temps par étape »).

Revision ID: 0011
Revises: 0005 (the merger re-chains it)

Six nullable DATE columns on `deals`: `entered_prospect` … `entered_lost`, the day the deal
entered each canonical stage when the export says so (HubSpot's "Date entered <stage>").
`deals` is LIST-partitioned, one partition per import (0005): ADD COLUMN on the parent
reaches every attached partition, and a new import's bare table (`CREATE TABLE … (LIKE
deals)`) gets them too. Nullable without a default, so no stored row is rewritten; existing
snapshots read back with no entry date.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copy of business_logic.columns.ENTRY_DATE_FIELDS at this revision.
_COLUMNS = ("entered_prospect", "entered_qualified", "entered_proposal",
            "entered_negotiation", "entered_won", "entered_lost")


def upgrade() -> None:
    op.execute("ALTER TABLE deals " + ", ".join(f"ADD COLUMN {c} DATE" for c in _COLUMNS))


def downgrade() -> None:
    op.execute("ALTER TABLE deals " + ", ".join(f"DROP COLUMN {c}" for c in _COLUMNS))
