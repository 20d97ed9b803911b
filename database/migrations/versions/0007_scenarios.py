"""Named what-if scenarios of the Simulateur (issue 11, docs/objectifs.md, « Simulateur »).

Revision ID: 0007
Revises: 0006 (issue 11: objectives and scenarios land together)

One row per saved scenario: its unique name, its levers as JSON (business_logic.planning.
whatif.Levers.to_dict) and when it was saved. A scenario never touches the deals: this
table refers to nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "scenarios",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("levers", JSONB(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False,
                  server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scenarios")),
        sa.UniqueConstraint("name", name=op.f("uq_scenarios_name")),
    )


def downgrade() -> None:
    op.drop_table("scenarios")
