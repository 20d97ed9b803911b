"""Initial schema: imports (snapshots), deals, stage settings and remembered mappings.

Revision ID: 0001
Revises:
Create Date: 2026-11-26 21:25:06.146849
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "column_mappings",
        sa.Column("header_key", sa.Text(), nullable=False),
        sa.Column("header", sa.Text(), nullable=False),
        sa.Column("field", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("header_key", name=op.f("pk_column_mappings")),
    )
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("sha256", sa.Text(), nullable=False),
        sa.Column(
            "imported_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("detected", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("rows_imported", sa.Integer(), nullable=False),
        sa.Column("rows_rejected", sa.Integer(), nullable=False),
        sa.Column("warnings", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("errors", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imports")),
    )
    op.create_table(
        "stage_mappings",
        sa.Column("label_key", sa.Text(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("stage", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("label_key", name=op.f("pk_stage_mappings")),
    )
    op.create_table(
        "stage_settings",
        sa.Column("stage", sa.Text(), nullable=False),
        sa.Column("label_fr", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("probability", sa.Numeric(precision=5, scale=4), nullable=False),
        sa.PrimaryKeyConstraint("stage", name=op.f("pk_stage_settings")),
    )
    op.create_table(
        "deals",
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("source_row", sa.BigInteger(), nullable=False),
        sa.Column("deal_id", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("company", sa.Text(), nullable=True),
        sa.Column("stage_label", sa.Text(), nullable=True),
        sa.Column("stage", sa.Text(), nullable=False),
        sa.Column("stage_reached", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("currency", sa.Text(), nullable=True),
        sa.Column("probability", sa.Numeric(precision=5, scale=4), nullable=False),
        sa.Column("probability_explicit", sa.Boolean(), server_default="false", nullable=False),
        sa.Column(
            "weighted_amount",
            sa.Numeric(precision=20, scale=6),
            sa.Computed("amount * probability", persisted=True),
            nullable=True,
        ),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("owner", sa.Text(), nullable=True),
        sa.Column("sector", sa.Text(), nullable=True),
        sa.Column("segment", sa.Text(), nullable=True),
        sa.Column("created_date", sa.Date(), nullable=True),
        sa.Column("expected_close_date", sa.Date(), nullable=True),
        sa.Column("closed_date", sa.Date(), nullable=True),
        sa.Column("last_activity_date", sa.Date(), nullable=True),
        sa.Column("lost_reason", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["imports.id"],
            name=op.f("fk_deals_import_id_imports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("import_id", "source_row", name=op.f("pk_deals")),
    )
    op.create_index(
        "ix_deals_import_expected_close",
        "deals",
        ["import_id", "expected_close_date"],
        unique=False,
    )
    op.create_index("ix_deals_import_owner", "deals", ["import_id", "owner"], unique=False)
    op.create_index("ix_deals_import_sector", "deals", ["import_id", "sector"], unique=False)
    op.create_index("ix_deals_import_stage", "deals", ["import_id", "stage"], unique=False)

    stage_settings = sa.table(
        "stage_settings",
        sa.column("stage", sa.Text),
        sa.column("label_fr", sa.Text),
        sa.column("position", sa.Integer),
        sa.column("probability", sa.Numeric(5, 4)),
    )
    # Defaults of docs/definitions.md ("Étapes et probabilités par défaut"), frozen here so
    # that a later change of the code's defaults never rewrites a user's database silently.
    op.bulk_insert(
        stage_settings,
        [
            {"stage": "prospect", "label_fr": "Prospect", "position": 1, "probability": 0.10},
            {"stage": "qualified", "label_fr": "Qualifié", "position": 2, "probability": 0.30},
            {"stage": "proposal", "label_fr": "Proposition", "position": 3, "probability": 0.50},
            {"stage": "negotiation", "label_fr": "Négociation", "position": 4, "probability": 0.70},
            {"stage": "won", "label_fr": "Gagné", "position": 5, "probability": 1.00},
            {"stage": "lost", "label_fr": "Perdu", "position": 6, "probability": 0.00},
        ],
    )


def downgrade() -> None:
    op.drop_index("ix_deals_import_stage", table_name="deals")
    op.drop_index("ix_deals_import_sector", table_name="deals")
    op.drop_index("ix_deals_import_owner", table_name="deals")
    op.drop_index("ix_deals_import_expected_close", table_name="deals")
    op.drop_table("deals")
    op.drop_table("stage_settings")
    op.drop_table("stage_mappings")
    op.drop_table("imports")
    op.drop_table("column_mappings")
