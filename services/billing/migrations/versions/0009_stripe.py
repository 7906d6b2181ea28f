"""The Stripe adapter and processor webhooks: the practice's choice of processor, Stripe's customer per
client profile, the webhook events taken (once each) and what the processor reports refunded.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("billing_settings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("processor", sa.String(20), server_default="sandbox", nullable=False))
    with op.batch_alter_table("payment_attempts", schema=None) as batch_op:
        batch_op.create_index("ix_payment_attempts_charge", ["processor_charge_id"])
    op.create_table(
        "stripe_customers",
        sa.Column("practice_id", sa.String(64), primary_key=True),
        sa.Column("client_id", sa.String(36), primary_key=True),
        sa.Column("customer_id", sa.String(100), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "processor_events",
        sa.Column("processor", sa.String(20), primary_key=True),
        sa.Column("event_id", sa.String(100), primary_key=True),
        sa.Column("event_type", sa.String(60), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "processor_refunds",
        sa.Column("charge_id", sa.String(100), primary_key=True),
        sa.Column("payment_id", sa.String(36), nullable=False),
        sa.Column("amount_refunded_cents", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("processor_refunds")
    op.drop_table("processor_events")
    op.drop_table("stripe_customers")
    with op.batch_alter_table("payment_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_payment_attempts_charge")
    with op.batch_alter_table("billing_settings", schema=None) as batch_op:
        batch_op.drop_column("processor")
