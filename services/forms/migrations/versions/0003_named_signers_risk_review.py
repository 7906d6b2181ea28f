"""The accounts staff name to complete or sign an assignment; who acknowledged a risk flag, and when.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("signer_ids", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("risk_acknowledged_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("risk_acknowledged_by", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("risk_acknowledged_by_email", sa.String(length=320), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.drop_column("risk_acknowledged_by_email")
        batch_op.drop_column("risk_acknowledged_by")
        batch_op.drop_column("risk_acknowledged_at")
        batch_op.drop_column("signer_ids")
