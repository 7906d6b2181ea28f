"""Practice settings: invitation reminder, idle timeout, what the sign-in pages show, and the
portal features the practice offers.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("practices") as practices:
        practices.add_column(sa.Column("invitation_reminder_hours", sa.Integer, nullable=False, server_default="24"))
        practices.add_column(sa.Column("session_idle_minutes", sa.Integer, nullable=True))
        practices.add_column(sa.Column("logo_url", sa.String(500), nullable=True))
        practices.add_column(sa.Column("contact_phone", sa.String(30), nullable=True))
        practices.add_column(sa.Column("portal_features", sa.JSON, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("practices") as practices:
        for name in (
            "portal_features",
            "contact_phone",
            "logo_url",
            "session_idle_minutes",
            "invitation_reminder_hours",
        ):
            practices.drop_column(name)
