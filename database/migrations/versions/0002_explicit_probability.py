"""Stored deals keep only the file's explicit probability; the effective one is computed
when a snapshot is read (issue 7, item 19: snapshots are never overwritten).

Before: `deals.probability` held the effective probability, rewritten by an UPDATE on every
stage-probability change, and `weighted_amount` was generated from it. After: it holds the
explicit probability of an open deal (`probability_explicit`), NULL otherwise; the rule
(`business_logic.stages.effective_probability`) applies the settings at read time.

No information is lost: a non-explicit probability was always 1 (won), 0 (lost) or the
stage's current setting (the old UPDATE kept it so), which the downgrade recomputes.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_column("deals", "weighted_amount")
    op.alter_column("deals", "probability", existing_type=sa.Numeric(5, 4), nullable=True)
    op.execute("UPDATE deals SET probability = NULL WHERE NOT probability_explicit")


def downgrade() -> None:
    op.execute(
        "UPDATE deals SET probability = CASE status WHEN 'won' THEN 1 WHEN 'lost' THEN 0"
        " ELSE (SELECT s.probability FROM stage_settings s WHERE s.stage = deals.stage) END"
        " WHERE probability IS NULL"
    )
    op.alter_column("deals", "probability", existing_type=sa.Numeric(5, 4), nullable=False)
    op.add_column(
        "deals",
        sa.Column("weighted_amount", sa.Numeric(precision=20, scale=6),
                  sa.Computed("amount * probability", persisted=True), nullable=True),
    )
