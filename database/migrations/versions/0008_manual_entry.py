"""Manual entry (issue 13, item 1): snapshots of kind "saisie" and the journal of their changes.

Why: imports stay immutable (history builds on them); a founder edits deals in a snapshot
of its own, a "saisie", created empty or as a copy of an import (docs/saisie.md). Every
change to it is journaled so that it can be shown per deal and undone exactly.

- `imports.kind`: 'import' (a file, never modified) or 'saisie' (editable); existing rows
  are imports.
- `imports.copied_from`: the import a saisie was copied from (NULL: created empty, or that
  import was deleted since).
- `imports.revision`: bumped by every change to a saisie, so a cached copy of its rows
  (database/snapshot_cache.py) is never read after a change.
- `deal_journal`: one row per change (add / edit / close / delete / undo) of one deal,
  identified by its `source_row` in the snapshot (stable even when its `deal_id` is
  edited); `field` names the changed columns, `before` and `after` their values (JSONB,
  whole row for add and delete); `undone_by` points at the undo entry that reverted it.
  Deleted with its snapshot (ON DELETE CASCADE).

A saisie's deals live in its own `deals` partition, like an import's (migration 0005).

Revision ID: 0008
Revises: 0007 (written on 0005; re-chained after 0006 and 0007 when main was merged)
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTIONS = ("add", "edit", "close", "delete", "undo")


def upgrade() -> None:
    op.add_column("imports", sa.Column("kind", sa.Text(), nullable=False,
                                       server_default="import"))
    op.create_check_constraint("kind", "imports", "kind IN ('import', 'saisie')")
    op.add_column("imports", sa.Column(
        "copied_from", sa.Integer(),
        sa.ForeignKey("imports.id", ondelete="SET NULL",
                      name="fk_imports_copied_from_imports"),
        nullable=True))
    op.add_column("imports", sa.Column("revision", sa.Integer(), nullable=False,
                                       server_default="0"))
    op.create_table(
        "deal_journal",
        sa.Column("id", sa.BigInteger(), sa.Identity(), primary_key=True),
        sa.Column("import_id", sa.Integer(),
                  sa.ForeignKey("imports.id", ondelete="CASCADE"), nullable=False),
        sa.Column("source_row", sa.BigInteger(), nullable=False),
        sa.Column("deal_id", sa.Text(), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False,
                  server_default=sa.func.now()),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("field", sa.Text(), nullable=True),
        sa.Column("before", JSONB(), nullable=True),
        sa.Column("after", JSONB(), nullable=True),
        sa.Column("undone_by", sa.BigInteger(), nullable=True),
        sa.CheckConstraint("action IN ('add', 'edit', 'close', 'delete', 'undo')",
                           name="action"),
    )
    op.create_index("ix_deal_journal_import_id_source_row", "deal_journal",
                    ["import_id", "source_row", "id"])


def downgrade() -> None:
    """Saisies have no place in the older schema: they are deleted with their partitions
    (an import's rows are untouched)."""
    connection = op.get_bind()
    saisies = connection.execute(sa.text("SELECT id FROM imports WHERE kind = 'saisie'"))
    for import_id in saisies.scalars().all():
        op.execute(f"DROP TABLE IF EXISTS deals_import_{int(import_id)}")
        op.execute(f"DELETE FROM imports WHERE id = {int(import_id)}")
    op.drop_table("deal_journal")
    op.drop_column("imports", "revision")
    op.drop_column("imports", "copied_from")
    op.drop_constraint("kind", "imports", type_="check")
    op.drop_column("imports", "kind")
