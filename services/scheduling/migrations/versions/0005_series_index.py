"""Moving a whole series (or this and following) reads the series' occurrences by an index.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_appointments_series", "appointments", ["practice_id", "series_id"])


def downgrade() -> None:
    op.drop_index("ix_appointments_series", table_name="appointments")
