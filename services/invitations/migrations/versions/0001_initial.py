"""Invitations, client portals with their timelines, outbox and inbox.

Revision ID: 0001
Revises:
Create Date: 2026-11-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def moment(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "invitations",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("client_id", sa.String(36), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("first_name", sa.String(200), nullable=False),
        sa.Column("practice_name", sa.String(200), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        moment("sent_at", nullable=False),
        sa.Column("sent_by", sa.String(64), nullable=False),
        moment("expires_at", nullable=False),
        sa.Column("sent_event_id", sa.String(36), nullable=True),
        moment("accepted_at"),
        sa.Column("account_id", sa.String(36), nullable=True),
        moment("superseded_at"),
    )
    op.create_index("ix_invitations_client", "invitations", ["practice_id", "client_id"])
    op.create_index("ix_invitations_sent_event_id", "invitations", ["sent_event_id"])
    op.create_table(
        "client_portals",
        sa.Column("practice_id", sa.String(64), primary_key=True),
        sa.Column("client_id", sa.String(36), primary_key=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("email", sa.String(320), nullable=True),
        moment("invited_at"),
        moment("expires_at"),
        moment("signed_up_at"),
        sa.Column("account_id", sa.String(36), nullable=True),
    )
    op.create_table(
        "portal_timeline",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("client_id", sa.String(36), nullable=False),
        sa.Column("status", sa.String(40), nullable=False),
        moment("at", nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_portal_timeline_client", "portal_timeline", ["practice_id", "client_id"])
    create_outbox_and_inbox()


def create_outbox_and_inbox() -> None:
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(36), nullable=False, unique=True),
        sa.Column("event_type", sa.String(200), nullable=False),
        sa.Column("exchange", sa.String(100), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        moment("created_at", nullable=False),
        moment("published_at"),
    )
    op.create_index(
        "ix_outbox_unpublished",
        "outbox",
        ["seq"],
        postgresql_where=sa.text("published_at IS NULL"),
        sqlite_where=sa.text("published_at IS NULL"),
    )
    op.create_table(
        "inbox",
        sa.Column("consumer", sa.String(100), nullable=False),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("event_type", sa.String(200), nullable=False),
        moment("handled_at", nullable=False),
        sa.PrimaryKeyConstraint("consumer", "event_id"),
    )


def downgrade() -> None:
    for table in ("inbox", "outbox", "portal_timeline", "client_portals", "invitations"):
        op.drop_table(table)
