"""Notices: each client account's channel (email, text or both) and mobile number; the email provider's
reports (bounces, complaints, deliveries) kept once each; addresses that bounced for good; notices
withheld (no consent to electronic notices); when an email was delivered or bounced.

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

MOMENT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "notice_preferences",
        sa.Column("practice_id", sa.String(64), primary_key=True),
        sa.Column("account_id", sa.String(64), primary_key=True),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("mobile", sa.String(20), nullable=True),
        sa.Column("updated_at", MOMENT, nullable=False),
    )
    op.create_table(
        "email_provider_events",
        sa.Column("provider_event_id", sa.String(100), primary_key=True),
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("email_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("received_at", MOMENT, nullable=False),
    )
    op.create_table(
        "bounced_addresses",
        sa.Column("practice_id", sa.String(64), primary_key=True),
        sa.Column("address", sa.String(320), primary_key=True),
        sa.Column("email_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("at", MOMENT, nullable=False),
    )
    op.create_table(
        "withheld_notices",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("client_id", sa.String(64), nullable=False),
        sa.Column("cause_event_id", sa.String(36), nullable=False, unique=True),
        sa.Column("notice", sa.String(50), nullable=False),
        sa.Column("reason", sa.String(50), nullable=False),
        sa.Column("at", MOMENT, nullable=False),
    )
    op.create_index("ix_withheld_notices_client", "withheld_notices", ["practice_id", "client_id"])
    with op.batch_alter_table("outbound_emails") as table:
        table.add_column(sa.Column("delivered_at", MOMENT, nullable=True))
        table.add_column(sa.Column("bounced_at", MOMENT, nullable=True))
        table.add_column(sa.Column("bounce_kind", sa.String(20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbound_emails") as table:
        table.drop_column("bounce_kind")
        table.drop_column("bounced_at")
        table.drop_column("delivered_at")
    op.drop_index("ix_withheld_notices_client", "withheld_notices")
    op.drop_table("withheld_notices")
    op.drop_table("bounced_addresses")
    op.drop_table("email_provider_events")
    op.drop_table("notice_preferences")
