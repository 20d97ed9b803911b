"""Source aliases (Réglages): one name per lead source, applied when a snapshot is read.

Revision ID: 0010
Revises: 0011 (written on 0005; re-chained after the migrations main gained)
Create Date: 2026-11-30 13:10:00

One row per alias: its normalised key (business_logic.sources.source_key: case, accents and
spaces ignored), the alias as typed, and the name it stands for. Snapshots are not touched:
`load_deals` renames the sources it reads (docs/definitions.md, "Sources"). `imports.name`,
the optional name of an import, exists since 0001.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "source_aliases",
        sa.Column("alias_key", sa.Text(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("alias_key", name=op.f("pk_source_aliases")),
    )


def downgrade() -> None:
    op.drop_table("source_aliases")
