"""Revocation, the sealed link, the scheduler's due markers, account states and the link-copy audit.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INVITATION_COLUMNS = ("sealed_token", "remind_at", "expiry_due_at", "reminded_at", "reminded_event_id")
INVITATION_COLUMNS += ("revoked_at", "revoked_by", "cause")


def moment(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=True)


def due_index(name: str, column: str) -> None:
    where = sa.text(f"{column} IS NOT NULL")
    op.create_index(name, "invitations", [column], postgresql_where=where, sqlite_where=where)


def upgrade() -> None:
    with op.batch_alter_table("invitations") as table:
        table.alter_column("sent_by", existing_type=sa.String(64), nullable=True)
        table.add_column(sa.Column("sealed_token", sa.Text, nullable=True))
        table.add_column(moment("remind_at"))
        table.add_column(moment("expiry_due_at"))
        table.add_column(moment("reminded_at"))
        table.add_column(sa.Column("reminded_event_id", sa.String(36), nullable=True))
        table.add_column(moment("revoked_at"))
        table.add_column(sa.Column("revoked_by", sa.String(64), nullable=True))
        table.add_column(sa.Column("cause", sa.String(120), nullable=True))
    due_index("ix_invitations_remind_due", "remind_at")
    due_index("ix_invitations_expiry_due", "expiry_due_at")
    op.create_index("ix_invitations_reminded_event_id", "invitations", ["reminded_event_id"])
    # Invitations still open get their expiry announced; without a sealed token they get no reminder.
    op.execute("UPDATE invitations SET expiry_due_at = expires_at WHERE accepted_at IS NULL AND superseded_at IS NULL")
    with op.batch_alter_table("client_portals") as table:
        table.add_column(moment("verified_at"))
        table.add_column(moment("last_signed_in_at"))
        table.add_column(moment("disabled_at"))
    op.create_table(
        "invitation_link_copies",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("invitation_id", sa.String(36), nullable=False),
        sa.Column("client_id", sa.String(36), nullable=False),
        sa.Column("copied_by", sa.String(64), nullable=False),
        sa.Column("copied_by_email", sa.String(320), nullable=False),
        sa.Column("copied_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_invitation_link_copies_client", "invitation_link_copies", ["practice_id", "client_id"])


def downgrade() -> None:
    op.drop_table("invitation_link_copies")
    op.execute("UPDATE client_portals SET status = 'signed_up' WHERE status IN ('active', 'disabled')")
    with op.batch_alter_table("client_portals") as table:
        for name in ("disabled_at", "last_signed_in_at", "verified_at"):
            table.drop_column(name)
    for name in ("ix_invitations_reminded_event_id", "ix_invitations_expiry_due", "ix_invitations_remind_due"):
        op.drop_index(name, table_name="invitations")
    # Automatic invitations have no sender; they become the system's to keep the column required.
    op.execute("UPDATE invitations SET sent_by = 'system' WHERE sent_by IS NULL")
    with op.batch_alter_table("invitations") as table:
        for name in reversed(INVITATION_COLUMNS):
            table.drop_column(name)
        table.alter_column("sent_by", existing_type=sa.String(64), nullable=False)
