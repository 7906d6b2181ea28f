"""Refunds: money given back of a payment (pending until the processor answers, who asked kept with
it), the sandbox processor's refunds, and an index to find a sandbox charge by its id.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "refunds",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("client_id", sa.String(36), nullable=False),
        sa.Column("payment_id", sa.String(36), nullable=False),
        sa.Column("invoice_id", sa.String(36), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("failure_code", sa.String(40), nullable=True),
        sa.Column("processor_refund_id", sa.String(100), nullable=True),
        sa.Column("request_key", sa.String(64), nullable=True),
        sa.Column("requested_by", sa.String(64), nullable=False),
        sa.Column("requested_role", sa.String(20), nullable=False),
        sa.Column("requested_ip", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_refunds_payment", "refunds", ["payment_id"])
    op.create_index("ix_refunds_client", "refunds", ["practice_id", "client_id", "created_at"])
    op.create_index("ix_refunds_status", "refunds", ["status", "created_at"])
    op.create_index("uq_refunds_request_key", "refunds", ["request_key"], unique=True)
    op.create_table(
        "sandbox_refunds",
        sa.Column("reference", sa.String(64), primary_key=True),
        sa.Column("charge_id", sa.String(64), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("refund_id", sa.String(64), nullable=True),
        sa.Column("failure_code", sa.String(40), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_sandbox_refunds_charge", "sandbox_refunds", ["charge_id"])
    op.create_index("ix_sandbox_charges_charge", "sandbox_charges", ["charge_id"])


def downgrade() -> None:
    op.drop_index("ix_sandbox_charges_charge", table_name="sandbox_charges")
    op.drop_index("ix_sandbox_refunds_charge", table_name="sandbox_refunds")
    op.drop_table("sandbox_refunds")
    for name in ("uq_refunds_request_key", "ix_refunds_status", "ix_refunds_client", "ix_refunds_payment"):
        op.drop_index(name, table_name="refunds")
    op.drop_table("refunds")
