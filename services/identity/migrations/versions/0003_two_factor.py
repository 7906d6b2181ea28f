"""Two-factor sign-in: each account's factors (TOTP secret sealed, phone), recovery codes, sign-in
challenges, and the practice's "require two-factor sign-in for staff".

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

MOMENT = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("practices") as practices:
        practices.add_column(
            sa.Column("require_staff_two_factor", sa.Boolean, nullable=False, server_default=sa.false())
        )
    op.create_table(
        "two_factors",
        sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), primary_key=True),
        sa.Column("practice_id", sa.String(36), nullable=False),
        sa.Column("totp_secret", sa.Text, nullable=True),
        sa.Column("totp_pending_secret", sa.Text, nullable=True),
        sa.Column("totp_confirmed_at", MOMENT, nullable=True),
        sa.Column("totp_last_step", sa.BigInteger, nullable=True),
        sa.Column("phone", sa.String(20), nullable=True),
        sa.Column("phone_pending", sa.String(20), nullable=True),
        sa.Column("phone_confirmed_at", MOMENT, nullable=True),
    )
    op.create_table(
        "recovery_codes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("practice_id", sa.String(36), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("issued_at", MOMENT, nullable=False),
        sa.Column("used_at", MOMENT, nullable=True),
    )
    op.create_index("ix_recovery_codes_account_id", "recovery_codes", ["account_id"])
    op.create_table(
        "mfa_challenges",
        sa.Column("id_hash", sa.String(64), primary_key=True),
        sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("practice_id", sa.String(36), nullable=False),
        sa.Column("started_by", sa.String(20), nullable=False),
        sa.Column("created_at", MOMENT, nullable=False),
        sa.Column("expires_at", MOMENT, nullable=False),
        sa.Column("failed_attempts", sa.Integer, nullable=False),
        sa.Column("texts_sent", sa.Integer, nullable=False),
        sa.Column("used_at", MOMENT, nullable=True),
    )
    op.create_index("ix_mfa_challenges_account_id", "mfa_challenges", ["account_id"])


def downgrade() -> None:
    op.drop_table("mfa_challenges")
    op.drop_table("recovery_codes")
    op.drop_table("two_factors")
    with op.batch_alter_table("practices") as practices:
        practices.drop_column("require_staff_two_factor")
