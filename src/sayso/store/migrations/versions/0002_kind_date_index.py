"""An index for the commonest filter pair, kind and date.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_statements_kind_date", "statements", ["kind", "date"])


def downgrade() -> None:
    op.drop_index("ix_statements_kind_date", table_name="statements")
