"""The practice's logo is an image identity stores (portalkit.storage), no longer a web address:
the stored version (which names the object and the address pages use) and its content type.
The old `logo_url` addresses are dropped: no page could show them (img-src 'self').

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("practices") as practices:
        practices.add_column(sa.Column("logo_version", sa.String(64), nullable=True))
        practices.add_column(sa.Column("logo_content_type", sa.String(40), nullable=True))
        practices.drop_column("logo_url")


def downgrade() -> None:
    with op.batch_alter_table("practices") as practices:
        practices.add_column(sa.Column("logo_url", sa.String(500), nullable=True))
        practices.drop_column("logo_content_type")
        practices.drop_column("logo_version")
