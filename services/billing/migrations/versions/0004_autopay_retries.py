"""How many times autopay tried an invoice's charge (a declined one is tried again).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("autopay_runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tries", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("autopay_runs", schema=None) as batch_op:
        batch_op.drop_column("tries")
