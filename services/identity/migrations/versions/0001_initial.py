"""Practices, client profiles and emails, accounts, agreements, sessions, refresh tokens, sign-in
events, signing keys, outbox and inbox.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

MOMENT = sa.DateTime(timezone=True)


def upgrade() -> None:
    _create_messaging_tables()
    op.create_table(
        "practices",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("invitation_expiry_hours", sa.Integer, nullable=False),
    )
    _create_client_tables()
    _create_account_tables()
    _create_session_tables()


def _create_messaging_tables() -> None:
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(36), nullable=False, unique=True),
        sa.Column("event_type", sa.String(200), nullable=False),
        sa.Column("exchange", sa.String(100), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", MOMENT, nullable=False),
        sa.Column("published_at", MOMENT, nullable=True),
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
        sa.Column("handled_at", MOMENT, nullable=False),
        sa.PrimaryKeyConstraint("consumer", "event_id"),
    )


def _create_client_tables() -> None:
    op.create_table(
        "client_profiles",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("practice_id", sa.String(36), sa.ForeignKey("practices.id"), nullable=False, index=True),
        sa.Column("first_name", sa.String(100), nullable=False),
        sa.Column("last_name", sa.String(100), nullable=False),
        sa.Column("date_of_birth", sa.Date, nullable=True),
        sa.Column("phone", sa.String(30), nullable=True),
        sa.Column("created_at", MOMENT, nullable=False),
    )
    op.create_table(
        "client_emails",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("practice_id", sa.String(36), nullable=False),
        sa.Column("profile_id", sa.String(36), sa.ForeignKey("client_profiles.id"), nullable=False, index=True),
        sa.Column("address", sa.String(320), nullable=False),
        sa.Column("is_default", sa.Boolean, nullable=False),
        sa.UniqueConstraint("practice_id", "address", name="uq_client_emails_practice_address"),
    )


def _create_account_tables() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("practice_id", sa.String(36), sa.ForeignKey("practices.id"), nullable=False),
        sa.Column("email", sa.String(320), nullable=False, index=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("profile_id", sa.String(36), sa.ForeignKey("client_profiles.id"), nullable=True, index=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("invitation_id", sa.String(36), nullable=True, unique=True),
        sa.Column("created_at", MOMENT, nullable=False),
        sa.Column("last_sign_in_at", MOMENT, nullable=True),
        sa.UniqueConstraint("practice_id", "email", name="uq_accounts_practice_email"),
    )
    op.create_table(
        "agreements",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), nullable=False, index=True),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("version", sa.String(50), nullable=False),
        sa.Column("accepted_at", MOMENT, nullable=False),
    )


def _create_session_tables() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), nullable=False, index=True),
        sa.Column("practice_id", sa.String(36), nullable=False),
        sa.Column("created_at", MOMENT, nullable=False),
        sa.Column("last_used_at", MOMENT, nullable=False),
        sa.Column("expires_at", MOMENT, nullable=False),
        sa.Column("revoked_at", MOMENT, nullable=True),
    )
    op.create_table(
        "refresh_tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("session_id", sa.String(36), sa.ForeignKey("sessions.id"), nullable=False, index=True),
        sa.Column("issued_at", MOMENT, nullable=False),
        sa.Column("used_at", MOMENT, nullable=True),
    )
    op.create_table(
        "sign_in_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("practice_id", sa.String(36), nullable=True),
        sa.Column("account_id", sa.String(36), nullable=True),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("result", sa.String(30), nullable=False),
        sa.Column("method", sa.String(20), nullable=False),
        sa.Column("ip", sa.String(64), nullable=True),
        sa.Column("user_agent", sa.String(300), nullable=True),
        sa.Column("at", MOMENT, nullable=False),
    )
    op.create_index("ix_sign_in_events_account_at", "sign_in_events", ["account_id", "at"])
    op.create_index("ix_sign_in_events_practice_at", "sign_in_events", ["practice_id", "at"])
    op.create_table(
        "signing_keys",
        sa.Column("kid", sa.String(64), primary_key=True),
        sa.Column("private_jwk", sa.Text, nullable=False),
        sa.Column("created_at", MOMENT, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "signing_keys",
        "sign_in_events",
        "refresh_tokens",
        "sessions",
        "agreements",
        "accounts",
        "client_emails",
        "client_profiles",
        "practices",
        "inbox",
        "outbox",
    ):
        op.drop_table(table)
