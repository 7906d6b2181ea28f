"""Files the practice asks a client for (upload requests), each practice's largest file, and the files
refused by the virus scanner.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MOMENT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column("business_hours", sa.Column("upload_max_bytes", sa.Integer(), nullable=True))
    op.create_table(
        "refused_files",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("actor_id", sa.String(64), nullable=False),
        sa.Column("side", sa.String(10), nullable=False),
        sa.Column("target", sa.String(20), nullable=False),
        sa.Column("signature", sa.String(200), nullable=False),
        sa.Column("at", MOMENT, nullable=False),
    )
    op.create_table(
        "upload_requests",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("client_id", sa.String(64), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("requested_by", sa.String(64), nullable=False),
        sa.Column("created_at", MOMENT, nullable=False),
        sa.Column("document_id", sa.String(36), sa.ForeignKey("documents.id"), nullable=True),
        sa.Column("fulfilled_at", MOMENT, nullable=True),
        sa.Column("cancelled_at", MOMENT, nullable=True),
        sa.Column("cancelled_by", sa.String(64), nullable=True),
    )
    op.create_index("ix_upload_requests_client", "upload_requests", ["practice_id", "client_id", "status"])


def downgrade() -> None:
    op.drop_table("upload_requests")
    op.drop_table("refused_files")
    with op.batch_alter_table("business_hours") as batch:
        batch.drop_column("upload_max_bytes")
