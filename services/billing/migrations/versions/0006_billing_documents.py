"""Statements, superbills and receipts: the practice's billing profile, the insurer's codes on invoice
lines, the generated documents and who generated or downloaded them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("billing_settings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("practice_name", sa.String(200), server_default="", nullable=False))
        batch_op.add_column(sa.Column("address", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("npi", sa.String(10), server_default="", nullable=False))
        batch_op.add_column(sa.Column("tax_id", sa.String(10), server_default="", nullable=False))
    with op.batch_alter_table("invoice_lines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("diagnosis_codes", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("modifiers", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("place_of_service", sa.String(2), nullable=True))
        batch_op.add_column(sa.Column("units", sa.Integer(), server_default="1", nullable=False))
        batch_op.add_column(sa.Column("clinician_name", sa.String(120), nullable=True))
        batch_op.add_column(sa.Column("clinician_npi", sa.String(10), nullable=True))
    op.create_table(
        "billing_documents",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("client_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("total_cents", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
    )
    op.create_index(
        "ix_billing_documents_client", "billing_documents", ["practice_id", "client_id", "kind", "created_at"]
    )
    op.create_table(
        "document_audit",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("client_id", sa.String(36), nullable=False),
        sa.Column("actor_id", sa.String(64), nullable=False),
        sa.Column("actor_role", sa.String(20), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("document_id", sa.String(36), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ip", sa.String(64), nullable=True),
    )
    op.create_index("ix_document_audit_client", "document_audit", ["practice_id", "client_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_document_audit_client", table_name="document_audit")
    op.drop_table("document_audit")
    op.drop_index("ix_billing_documents_client", table_name="billing_documents")
    op.drop_table("billing_documents")
    with op.batch_alter_table("invoice_lines", schema=None) as batch_op:
        for name in ("clinician_npi", "clinician_name", "units", "place_of_service", "modifiers", "diagnosis_codes"):
            batch_op.drop_column(name)
    with op.batch_alter_table("billing_settings", schema=None) as batch_op:
        for name in ("tax_id", "npi", "address", "practice_name"):
            batch_op.drop_column(name)
