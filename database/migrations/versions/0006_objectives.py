"""Objectives: a monthly won-value target, for the company or for one owner (issue 11).

Revision ID: 0006
Revises: 0005

One row per (month, owner); `owner` NULL is the company's target. A plain
UNIQUE (month, owner) would let two company rows in (NULLs are distinct in PostgreSQL and
NULLS NOT DISTINCT needs PostgreSQL 15), so the key is a unique index on
(month, coalesce(owner, '')). `month` is the first day of the month (CHECK).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "objectives",
        sa.Column("id", sa.Integer(), sa.Identity(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("owner", sa.Text(), nullable=True),
        sa.Column("amount", sa.Numeric(precision=16, scale=2), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objectives")),
        sa.CheckConstraint("extract(day from month) = 1", name=op.f("ck_objectives_first_day")),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_objectives_amount_positive")),
    )
    op.execute(
        "CREATE UNIQUE INDEX uq_objectives_month_owner ON objectives (month, coalesce(owner, ''))"
    )


def downgrade() -> None:
    op.drop_table("objectives")
