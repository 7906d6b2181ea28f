"""Good Faith Estimates: a row per version of a client's estimate, the PDF as issued and as
acknowledged, and who acknowledged it, when, from where and which document they were shown.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    moment = sa.DateTime(timezone=True)
    op.create_table(
        "estimates",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("client_id", sa.String(36), nullable=False),
        sa.Column("series_id", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("primary_service", sa.String(200), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("lines", sa.JSON(), nullable=False),
        sa.Column("total_cents", sa.Integer(), nullable=False),
        sa.Column("created_at", moment, nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("replaces", sa.String(36), nullable=True),
        sa.Column("issued_at", moment, nullable=True),
        sa.Column("issued_by", sa.String(64), nullable=True),
        sa.Column("party", sa.JSON(), nullable=True),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("document_sha256", sa.String(64), nullable=True),
        sa.Column("acknowledged_at", moment, nullable=True),
        sa.Column("acknowledged_by", sa.String(64), nullable=True),
        sa.Column("acknowledged_ip", sa.String(64), nullable=True),
        sa.Column("acknowledged_user_agent", sa.String(400), nullable=True),
        sa.Column("acknowledged_sha256", sa.String(64), nullable=True),
        sa.Column("acknowledged_content", sa.LargeBinary(), nullable=True),
    )
    op.create_index("ix_estimates_client", "estimates", ["practice_id", "client_id", "created_at"])
    op.create_index("uq_estimates_series_version", "estimates", ["series_id", "version"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_estimates_series_version", table_name="estimates")
    op.drop_index("ix_estimates_client", table_name="estimates")
    op.drop_table("estimates")
