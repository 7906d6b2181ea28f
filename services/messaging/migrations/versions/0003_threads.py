"""Secure message threads between a client and the practice, their messages and the audit of retractions.

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

MOMENT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "threads",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("client_id", sa.String(64), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("clinician_id", sa.String(64), nullable=True),
        sa.Column("assigned_to", sa.String(64), nullable=True),
        sa.Column("started_by", sa.String(10), nullable=False),
        sa.Column("created_at", MOMENT, nullable=False),
        sa.Column("last_message_at", MOMENT, nullable=False),
        sa.Column("archived_at", MOMENT, nullable=True),
    )
    op.create_index("ix_threads_practice_client", "threads", ["practice_id", "client_id", "last_message_at"])
    op.create_index("ix_threads_practice_last", "threads", ["practice_id", "last_message_at"])
    op.create_table(
        "thread_messages",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("thread_id", sa.String(36), sa.ForeignKey("threads.id"), nullable=False),
        sa.Column("sender_side", sa.String(10), nullable=False),
        sa.Column("sender_id", sa.String(64), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("sent_at", MOMENT, nullable=False),
        sa.Column("read_at", MOMENT, nullable=True),
        sa.Column("retracted_at", MOMENT, nullable=True),
    )
    op.create_index("ix_thread_messages_thread", "thread_messages", ["thread_id", "sent_at"])
    op.create_table(
        "message_audit",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("thread_id", sa.String(36), nullable=False),
        sa.Column("message_id", sa.String(36), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("actor_id", sa.String(64), nullable=False),
        sa.Column("at", MOMENT, nullable=False),
        sa.Column("original_body", sa.Text(), nullable=True),
    )
    op.create_index("ix_message_audit_message", "message_audit", ["practice_id", "message_id"])


def downgrade() -> None:
    op.drop_table("message_audit")
    op.drop_table("thread_messages")
    op.drop_table("threads")
