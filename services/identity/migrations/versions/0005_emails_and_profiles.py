"""A client changing the address they sign in with (the pending address rides on its secret), and
account<->profile links (self, partner, guardian with an end date), with the profile a session is
scoped to. Every client account gets the `self` link to the profile it was invited for.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sent_secrets") as secrets:
        secrets.add_column(sa.Column("new_email", sa.String(320), nullable=True))
    with op.batch_alter_table("sessions") as sessions:
        sessions.add_column(sa.Column("profile_id", sa.String(36), nullable=True))
    op.create_table(
        "profile_links",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("practice_id", sa.String(36), nullable=False),
        sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("profile_id", sa.String(36), sa.ForeignKey("client_profiles.id"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("ends_on", sa.Date, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(36), nullable=True),
        sa.UniqueConstraint("account_id", "profile_id", name="uq_profile_links_account_profile"),
    )
    op.create_index("ix_profile_links_account_id", "profile_links", ["account_id"])
    op.create_index("ix_profile_links_profile_id", "profile_links", ["profile_id"])
    # The link id is the account id: unique, and no UUID function is needed on either database.
    op.execute(
        "INSERT INTO profile_links (id, practice_id, account_id, profile_id, kind, created_at) "
        "SELECT id, practice_id, id, profile_id, 'self', created_at FROM accounts WHERE profile_id IS NOT NULL"
    )
    op.execute(
        "UPDATE sessions SET profile_id = (SELECT profile_id FROM accounts WHERE accounts.id = sessions.account_id)"
    )


def downgrade() -> None:
    op.drop_table("profile_links")
    with op.batch_alter_table("sessions") as sessions:
        sessions.drop_column("profile_id")
    with op.batch_alter_table("sent_secrets") as secrets:
        secrets.drop_column("new_email")
