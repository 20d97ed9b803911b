"""Alert thresholds as settings (cold, untreated, stale, soon, quick-win probability).

Revision ID: 0003
Revises: 0001 (to be re-chained after 0002 at merge time)
Create Date: 2026-11-30 10:20:00

A missing row means the default of business_logic.metrics.Thresholds, so the table
starts empty.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "threshold_settings",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("value", sa.Numeric(precision=10, scale=4), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_threshold_settings")),
    )


def downgrade() -> None:
    op.drop_table("threshold_settings")
