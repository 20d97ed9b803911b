"""Actions prioritaires: what the user marked done or snoozed, by deal (issue 12, item 6).

One row per deal key (the CRM's deal id, or `clé:<name + company>` for a file without ids:
business_logic/actions/keys.py), independent of any import, so a state survives the next
import of the same CRM and the deletion of old imports. `until` is the first day a snoozed
deal shows again (NULL for done).

Revision ID: 0009
Revises: 0007 (assigned after 0005; re-chained after main's 0006-0007 when merged)
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "action_states",
        sa.Column("deal_key", sa.Text(), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False,
                  server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("deal_key", name=op.f("pk_action_states")),
        sa.CheckConstraint(
            "(state = 'done' AND until IS NULL) OR (state = 'snoozed' AND until IS NOT NULL)",
            name=op.f("ck_action_states_state_until"),
        ),
    )


def downgrade() -> None:
    op.drop_table("action_states")
