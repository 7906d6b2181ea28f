"""The practice's late-cancellation and no-show fees (0: none).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("billing_settings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("late_cancel_fee_cents", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("no_show_fee_cents", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("billing_settings", schema=None) as batch_op:
        batch_op.drop_column("no_show_fee_cents")
        batch_op.drop_column("late_cancel_fee_cents")
