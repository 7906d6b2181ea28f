"""A trigger on the outbox that wakes the listening relay when events are written (PostgreSQL only),
so it publishes at once instead of polling the table.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op
from portalkit.outbox import install_outbox_wakeup, remove_outbox_wakeup

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    install_outbox_wakeup(op)


def downgrade() -> None:
    remove_outbox_wakeup(op)
