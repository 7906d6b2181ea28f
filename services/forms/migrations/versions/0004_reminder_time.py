"""A reminder is due at a moment (9 AM the day before the due date, on the practice's clock), no longer
on a UTC date: `remind_at` replaces `remind_on`. Pending reminders keep their day, at 09:00 UTC.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from portalkit.db import UtcDateTime

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NINE = dt.time(9)


def upgrade() -> None:
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("remind_at", sa.DateTime(timezone=True), nullable=True))
    _carry_over(lambda day, _: dt.datetime.combine(day, NINE, tzinfo=dt.UTC))
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.drop_index("ix_assignments_remind_due")
        batch_op.drop_column("remind_on")
        _index_due(batch_op, "remind_at")


def downgrade() -> None:
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("remind_on", sa.Date(), nullable=True))
    _carry_over(lambda _, moment: moment.date())
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.drop_index("ix_assignments_remind_due")
        batch_op.drop_column("remind_at")
        _index_due(batch_op, "remind_on")


def _index_due(batch_op: Any, column: str) -> None:
    """The scheduler's index: only rows with a reminder still to send."""
    only_due = sa.text(f"{column} IS NOT NULL")
    batch_op.create_index(
        "ix_assignments_remind_due", [column], unique=False, postgresql_where=only_due, sqlite_where=only_due
    )


def _carry_over(convert: Callable[[dt.date | None, dt.datetime | None], dt.date | dt.datetime]) -> None:
    """Fill the new column from the old one, row by row (`convert(remind_on, remind_at)`)."""
    table = sa.table(
        "assignments",
        sa.column("id", sa.String),
        sa.column("remind_on", sa.Date),
        sa.column("remind_at", UtcDateTime),
    )
    connection = op.get_bind()
    pending = sa.or_(table.c.remind_on.is_not(None), table.c.remind_at.is_not(None))
    for row in connection.execute(sa.select(table.c.id, table.c.remind_on, table.c.remind_at).where(pending)).all():
        target = "remind_at" if row.remind_at is None else "remind_on"
        value = convert(row.remind_on, row.remind_at)
        connection.execute(sa.update(table).where(table.c.id == row.id).values({target: value}))
