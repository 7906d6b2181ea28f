"""Reminders: the practice's choices (48 h, 2 h; email, text) and the reminders claimed.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHOICES = (("remind_48h", True), ("remind_2h", True), ("remind_by_email", True), ("remind_by_sms", False))


def upgrade() -> None:
    with op.batch_alter_table("scheduling_settings", schema=None) as batch_op:
        for name, default in CHOICES:
            batch_op.add_column(
                sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.true() if default else sa.false())
            )
    op.create_table(
        "appointment_reminders",
        sa.Column("appointment_id", sa.String(length=36), nullable=False),
        sa.Column("lead_hours", sa.Integer(), nullable=False),
        sa.Column("practice_id", sa.String(length=64), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("appointment_id", "lead_hours", name="pk_appointment_reminders"),
    )
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.create_index("ix_appointments_start", ["starts_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.drop_index("ix_appointments_start")
    op.drop_table("appointment_reminders")
    with op.batch_alter_table("scheduling_settings", schema=None) as batch_op:
        for name, _default in CHOICES:
            batch_op.drop_column(name)
