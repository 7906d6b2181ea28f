"""A client's insurance policies (primary, secondary) and where their card photos are kept.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "insurance_policies",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("client_id", sa.String(36), nullable=False),
        sa.Column("rank", sa.String(10), nullable=False),
        sa.Column("payer", sa.String(120), nullable=False),
        sa.Column("member_id", sa.String(60), nullable=False),
        sa.Column("group_number", sa.String(60), nullable=False),
        sa.Column("plan", sa.String(120), nullable=False),
        sa.Column("subscriber_name", sa.String(120), nullable=False),
        sa.Column("subscriber_relationship", sa.String(20), nullable=False),
        sa.Column("subscriber_date_of_birth", sa.Date(), nullable=False),
        sa.Column("front_key", sa.String(200), nullable=True),
        sa.Column("front_type", sa.String(40), nullable=True),
        sa.Column("back_key", sa.String(200), nullable=True),
        sa.Column("back_type", sa.String(40), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("verified_by", sa.String(64), nullable=True),
    )
    op.create_index("uq_insurance_rank", "insurance_policies", ["practice_id", "client_id", "rank"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_insurance_rank", table_name="insurance_policies")
    op.drop_table("insurance_policies")
