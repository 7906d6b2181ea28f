"""Secrets sent to people (verification, sign-in links, reset codes and links, staff PINs), the
account audit, email verification and failed sign-in counters on accounts, where sessions came
from, and each practice's secret lifetimes.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

MOMENT = sa.DateTime(timezone=True)
PRACTICE_LIFETIMES = {
    "verification_expiry_hours": "24",
    "sign_in_link_expiry_minutes": "1440",
    "reset_code_expiry_minutes": "15",
    "staff_pin_expiry_minutes": "15",
    "staff_reset_link_default_hours": "48",
}


def upgrade() -> None:
    with op.batch_alter_table("practices") as practices:
        for name, default in PRACTICE_LIFETIMES.items():
            practices.add_column(sa.Column(name, sa.Integer, nullable=False, server_default=default))
    with op.batch_alter_table("accounts") as accounts:
        accounts.add_column(sa.Column("email_verified_at", MOMENT, nullable=True))
        accounts.add_column(sa.Column("failed_sign_ins", sa.Integer, nullable=False, server_default="0"))
        accounts.add_column(sa.Column("last_failed_sign_in_at", MOMENT, nullable=True))
    # Accounts opened before verification existed keep working: their address counts as verified.
    op.execute("UPDATE accounts SET email_verified_at = created_at")
    with op.batch_alter_table("sessions") as sessions:
        sessions.add_column(sa.Column("ip", sa.String(64), nullable=True))
        sessions.add_column(sa.Column("user_agent", sa.String(300), nullable=True))
    op.create_index("ix_sign_in_events_ip_at", "sign_in_events", ["ip", "at"])
    _create_sent_secrets()
    _create_account_events()


def _create_sent_secrets() -> None:
    op.create_table(
        "sent_secrets",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("practice_id", sa.String(36), nullable=False),
        sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("purpose", sa.String(30), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=True, unique=True),
        sa.Column("code_hash", sa.String(64), nullable=True),
        sa.Column("issued_at", MOMENT, nullable=False),
        sa.Column("expires_at", MOMENT, nullable=False),
        sa.Column("issued_by", sa.String(36), nullable=True),
        sa.Column("failed_attempts", sa.Integer, nullable=False),
        sa.Column("used_at", MOMENT, nullable=True),
        sa.Column("superseded_at", MOMENT, nullable=True),
    )
    op.create_index("ix_sent_secrets_account_purpose", "sent_secrets", ["account_id", "purpose", "issued_at"])


def _create_account_events() -> None:
    op.create_table(
        "account_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("practice_id", sa.String(36), nullable=False),
        sa.Column("account_id", sa.String(36), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("purpose", sa.String(30), nullable=True),
        sa.Column("actor_id", sa.String(36), nullable=True),
        sa.Column("ip", sa.String(64), nullable=True),
        sa.Column("user_agent", sa.String(300), nullable=True),
        sa.Column("at", MOMENT, nullable=False),
    )
    op.create_index("ix_account_events_account_at", "account_events", ["account_id", "at"])


def downgrade() -> None:
    op.drop_table("account_events")
    op.drop_table("sent_secrets")
    op.drop_index("ix_sign_in_events_ip_at", "sign_in_events")
    with op.batch_alter_table("sessions") as sessions:
        sessions.drop_column("user_agent")
        sessions.drop_column("ip")
    with op.batch_alter_table("accounts") as accounts:
        for name in ("last_failed_sign_in_at", "failed_sign_ins", "email_verified_at"):
            accounts.drop_column(name)
    with op.batch_alter_table("practices") as practices:
        for name in PRACTICE_LIFETIMES:
            practices.drop_column(name)
