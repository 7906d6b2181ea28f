"""A client's mobile number for notices is texted only once confirmed with a code: when it was confirmed,
and the codes texted (their HMAC only). Numbers saved before this revision are unconfirmed: their texts
go by email until the client confirms the number on the Notifications page.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MOMENT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column("notice_preferences", sa.Column("mobile_confirmed_at", MOMENT, nullable=True))
    op.create_table(
        "mobile_codes",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("account_id", sa.String(64), nullable=False),
        sa.Column("mobile", sa.String(20), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("issued_at", MOMENT, nullable=False),
        sa.Column("expires_at", MOMENT, nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("used_at", MOMENT, nullable=True),
        sa.Column("ended_at", MOMENT, nullable=True),
    )
    op.create_index("ix_mobile_codes_account", "mobile_codes", ["practice_id", "account_id", "issued_at"])


def downgrade() -> None:
    op.drop_index("ix_mobile_codes_account", "mobile_codes")
    op.drop_table("mobile_codes")
    with op.batch_alter_table("notice_preferences") as table:
        table.drop_column("mobile_confirmed_at")
