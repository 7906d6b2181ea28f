"""Reminders of overdue upload requests (`reminded_at`: the one reminder was sent), and the client each
outbound email and text tells (`client_id`, for staff's list of a client's notices; null for emails to
staff and for those queued before this revision).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MOMENT = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("upload_requests") as table:
        table.add_column(sa.Column("reminded_at", MOMENT, nullable=True))
    op.create_index("ix_upload_requests_due", "upload_requests", ["status", "due_on"])
    for name in ("outbound_emails", "outbound_texts"):
        with op.batch_alter_table(name) as table:
            table.add_column(sa.Column("client_id", sa.String(64), nullable=True))
        op.create_index(f"ix_{name}_client", name, ["practice_id", "client_id", "created_at"])


def downgrade() -> None:
    for name in ("outbound_texts", "outbound_emails"):
        op.drop_index(f"ix_{name}_client", name)
        with op.batch_alter_table(name) as table:
            table.drop_column("client_id")
    op.drop_index("ix_upload_requests_due", "upload_requests")
    with op.batch_alter_table("upload_requests") as table:
        table.drop_column("reminded_at")
