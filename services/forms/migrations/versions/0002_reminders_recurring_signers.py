"""Reminders of due assignments, recurring assessments, one consent signature per signer.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("remind_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("recurrence_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("occurrence_on", sa.Date(), nullable=True))
        batch_op.create_index(
            "ix_assignments_remind_due",
            ["remind_on"],
            unique=False,
            postgresql_where=sa.text("remind_on IS NOT NULL"),
            sqlite_where=sa.text("remind_on IS NOT NULL"),
        )
        batch_op.create_index("uq_assignments_occurrence", ["recurrence_id", "occurrence_on"], unique=True)
    _schedule_reminders_of_pending_assignments()

    op.create_table(
        "recurring_assessments",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("practice_id", sa.String(length=64), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("template", sa.String(length=20), nullable=False),
        sa.Column("every_days", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("next_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("stopped_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("stopped_by", sa.String(length=64), nullable=True),
        sa.Column("last_assignment_id", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("recurring_assessments", schema=None) as batch_op:
        batch_op.create_index("ix_recurring_assessments_client", ["practice_id", "client_id"], unique=False)
        batch_op.create_index(
            "ix_recurring_assessments_due",
            ["next_on"],
            unique=False,
            postgresql_where=sa.text("next_on IS NOT NULL"),
            sqlite_where=sa.text("next_on IS NOT NULL"),
        )

    _one_signature_per_signer()


def downgrade() -> None:
    with op.batch_alter_table("consent_signatures", schema=None) as batch_op:
        batch_op.drop_constraint("uq_consent_signatures_signer", type_="unique")
        batch_op.create_unique_constraint("consent_signatures_assignment_id_key", ["assignment_id"])  # fails if several
    op.drop_table("recurring_assessments")
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.drop_index("uq_assignments_occurrence")
        batch_op.drop_index("ix_assignments_remind_due")
        batch_op.drop_column("occurrence_on")
        batch_op.drop_column("recurrence_id")
        batch_op.drop_column("reminded_at")
        batch_op.drop_column("remind_on")


def _one_signature_per_signer() -> None:
    """0001 allowed one signature per assignment (an unnamed unique constraint); now one per account."""
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint("consent_signatures_assignment_id_key", "consent_signatures", type_="unique")
        op.create_unique_constraint(
            "uq_consent_signatures_signer", "consent_signatures", ["assignment_id", "account_id"]
        )
        return
    # SQLite cannot drop an unnamed constraint: the table is copied from this definition, which lacks it.
    with op.batch_alter_table("consent_signatures", copy_from=_signatures_without_unique(), recreate="always") as batch:
        batch.create_unique_constraint("uq_consent_signatures_signer", ["assignment_id", "account_id"])


def _signatures_without_unique() -> sa.Table:
    return sa.Table(
        "consent_signatures",
        sa.MetaData(),
        sa.Column("id", sa.String(length=36), primary_key=True),
        sa.Column("practice_id", sa.String(length=64), nullable=False),
        sa.Column("assignment_id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("account_id", sa.String(length=64), nullable=False),
        sa.Column("template_id", sa.String(length=36), nullable=False),
        sa.Column("template_version_id", sa.String(length=36), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("drawing_png", sa.LargeBinary(), nullable=True),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ip", sa.String(length=64), nullable=True),
        sa.Column("user_agent", sa.String(length=500), nullable=True),
        sa.Column("document_sha256", sa.String(length=64), nullable=False),
        sa.Column("resign_requested_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resign_assignment_id", sa.String(length=36), nullable=True),
        sa.Index("ix_consent_signatures_template", "practice_id", "template_id"),
    )


def _schedule_reminders_of_pending_assignments() -> None:
    """Pending assignments due after today get their reminder the day before (as new ones do)."""
    assignments = sa.table(
        "assignments", sa.column("id"), sa.column("status"), sa.column("due_on", sa.Date), sa.column("remind_on")
    )
    bind = op.get_bind()
    today = dt.datetime.now(dt.UTC).date()
    pending = sa.select(assignments.c.id, assignments.c.due_on).where(
        assignments.c.status == "pending", assignments.c.due_on > today
    )
    for row in bind.execute(pending).all():
        remind_on = row.due_on - dt.timedelta(days=1)
        bind.execute(sa.update(assignments).where(assignments.c.id == row.id).values(remind_on=remind_on))
