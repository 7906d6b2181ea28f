"""Files sent with secure messages (the bytes in object storage under random keys) and each download.

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

MOMENT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "message_attachments",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("thread_id", sa.String(36), sa.ForeignKey("threads.id"), nullable=False),
        sa.Column("message_id", sa.String(36), sa.ForeignKey("thread_messages.id"), nullable=True),
        sa.Column("uploaded_by", sa.String(64), nullable=False),
        sa.Column("filename", sa.String(200), nullable=False),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("storage_key", sa.String(200), nullable=False, unique=True),
        sa.Column("created_at", MOMENT, nullable=False),
    )
    op.create_index("ix_message_attachments_thread", "message_attachments", ["practice_id", "thread_id"])
    op.create_table(
        "attachment_downloads",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("attachment_id", sa.String(36), nullable=False),
        sa.Column("actor_id", sa.String(64), nullable=False),
        sa.Column("side", sa.String(10), nullable=False),
        sa.Column("at", MOMENT, nullable=False),
    )
    op.create_index("ix_attachment_downloads", "attachment_downloads", ["practice_id", "attachment_id"])


def downgrade() -> None:
    op.drop_table("attachment_downloads")
    op.drop_table("message_attachments")
