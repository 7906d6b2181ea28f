"""The practice's time zone (IANA name): the clock its reminders and due dates follow.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("practices") as practices:
        practices.add_column(sa.Column("time_zone", sa.String(64), nullable=False, server_default="America/New_York"))


def downgrade() -> None:
    with op.batch_alter_table("practices") as practices:
        practices.drop_column("time_zone")
