"""Export date of each import (docs/history.md, « La date d'export »).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 11:00:00

`imports.exported_on DATE NOT NULL`: the day the CRM produced the file, distinct from the
time it was imported. Existing imports get the date their file name carries
(business_logic.history.export_date_from_file_name), else the day they were imported.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from business_logic.history.export_date import export_date_from_file_name

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("imports", sa.Column("exported_on", sa.Date(), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, file_name FROM imports")).all()
    for import_id, file_name in rows:  # one per import, not per deal
        found = export_date_from_file_name(file_name or "")
        if found is not None:
            connection.execute(sa.text("UPDATE imports SET exported_on = :d WHERE id = :i"),
                               {"d": found, "i": import_id})
    op.execute("UPDATE imports SET exported_on = CAST(imported_at AS DATE) "
               "WHERE exported_on IS NULL")
    op.alter_column("imports", "exported_on", nullable=False)
    op.create_index("ix_imports_exported_on_id", "imports", ["exported_on", "id"])


def downgrade() -> None:
    op.drop_index("ix_imports_exported_on_id", table_name="imports")
    op.drop_column("imports", "exported_on")
