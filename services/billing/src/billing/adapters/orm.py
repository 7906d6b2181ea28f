"""The tables of the billing service; migrations/versions create them."""

from __future__ import annotations

from portalkit.db import UtcDateTime
from portalkit.inbox import define_inbox_table
from portalkit.outbox import define_outbox_table
from sqlalchemy import JSON, Boolean, Column, Date, Index, Integer, LargeBinary, MetaData, String, Table, Text, column

metadata = MetaData()

billing_settings = Table(
    "billing_settings",
    metadata,
    Column("practice_id", String(64), primary_key=True),
    Column("currency", String(3), nullable=False),
    # 0: autopay charges an invoice when it is issued; N: N days later.
    Column("autopay_delay_days", Integer, nullable=False),
    Column("late_cancel_fee_cents", Integer, nullable=False, server_default="0"),
    Column("no_show_fee_cents", Integer, nullable=False, server_default="0"),
    # The practice's billing profile, printed on superbills, statements and receipts (0006).
    Column("practice_name", String(200), nullable=False, server_default=""),
    Column("address", Text, nullable=False, server_default=""),
    Column("npi", String(10), nullable=False, server_default=""),
    Column("tax_id", String(10), nullable=False, server_default=""),
    Column("processor", String(20), nullable=False, server_default="sandbox"),  # or stripe
    Column("updated_at", UtcDateTime, nullable=False),
    Column("updated_by", String(64), nullable=False),
)

cards = Table(
    "cards",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("processor_token", String(200), nullable=False),
    Column("brand", String(20), nullable=False),
    Column("last4", String(4), nullable=False),
    Column("exp_month", Integer, nullable=False),
    Column("exp_year", Integer, nullable=False),
    Column("is_default", Boolean, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    # A removed card stays for the payments made with it, never offered again.
    Column("removed_at", UtcDateTime, nullable=True),
    Index("ix_cards_client", "practice_id", "client_id"),
    # A processor token is saved once: nobody else's profile can take a card over with it.
    Index("uq_cards_processor_token", "processor_token", unique=True),
)

autopay_enrollments = Table(
    "autopay_enrollments",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("card_id", String(36), nullable=False),
    Column("consent_version", String(20), nullable=False),
    Column("consent_text", Text, nullable=False),
    Column("enrolled_by", String(64), nullable=False),
    Column("enrolled_at", UtcDateTime, nullable=False),
    Column("ip_address", String(64), nullable=False),
    Column("card_changed_at", UtcDateTime, nullable=True),
    Column("ended_at", UtcDateTime, nullable=True),
    Column("ended_by", String(64), nullable=True),
    # One enrolment in force per client; ended ones stay as the record of consent.
    Index(
        "uq_autopay_active",
        "practice_id",
        "client_id",
        unique=True,
        postgresql_where=column("ended_at").is_(None),
        sqlite_where=column("ended_at").is_(None),
    ),
)

invoices = Table(
    "invoices",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("status", String(20), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("issued_at", UtcDateTime, nullable=True),
    Column("paid_at", UtcDateTime, nullable=True),
    Column("paid_cents", Integer, nullable=False),
    Index("ix_invoices_client", "practice_id", "client_id", "created_at"),
)

invoice_lines = Table(
    "invoice_lines",
    metadata,
    Column("invoice_id", String(36), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("kind", String(20), nullable=False),  # service or adjustment
    Column("date_of_service", Date, nullable=True),
    Column("service_code", String(20), nullable=True),
    Column("description", String(200), nullable=False),
    Column("amount_cents", Integer, nullable=False),
    # What a superbill tells the insurer (0006); a fee line has none.
    Column("diagnosis_codes", JSON, nullable=True),
    Column("modifiers", JSON, nullable=True),
    Column("place_of_service", String(2), nullable=True),
    Column("units", Integer, nullable=False, server_default="1"),
    Column("clinician_name", String(120), nullable=True),
    Column("clinician_npi", String(10), nullable=True),
)

ledger_entries = Table(
    "ledger_entries",
    metadata,
    # The order entries were written in (several may share an instant).
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(36), nullable=False, unique=True),
    Column("practice_id", String(64), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("invoice_id", String(36), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("amount_cents", Integer, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("description", String(200), nullable=False),
    Column("payment_id", String(36), nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Index("ix_ledger_client", "practice_id", "client_id", "created_at"),
)

payment_attempts = Table(
    "payment_attempts",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("invoice_id", String(36), nullable=False),
    Column("card_id", String(36), nullable=False),
    Column("amount_cents", Integer, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("autopay", Boolean, nullable=False),
    Column("status", String(20), nullable=False),
    Column("decline_code", String(40), nullable=True),
    Column("processor_charge_id", String(100), nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("settled_at", UtcDateTime, nullable=True),
    Index("ix_payment_attempts_invoice", "invoice_id"),
    # The sweep settles attempts left pending by a lost processor answer.
    Index("ix_payment_attempts_status", "status", "created_at"),
    # A processor's webhook names the charge (its refunds) by the processor's id.
    Index("ix_payment_attempts_charge", "processor_charge_id"),
    # One attempt in flight per invoice: a second pay request waits for the first to settle.
    Index(
        "uq_payment_attempts_pending",
        "invoice_id",
        unique=True,
        postgresql_where=column("status") == "pending",
        sqlite_where=column("status") == "pending",
    ),
)

# An issued invoice of a client enrolled in autopay, to be charged when due (the worker's sweep).
autopay_runs = Table(
    "autopay_runs",
    metadata,
    Column("invoice_id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("due_at", UtcDateTime, nullable=False),
    Column("status", String(20), nullable=False),  # due, claimed, paid, failed, skipped
    Column("claimed_at", UtcDateTime, nullable=True),
    Column("attempt_id", String(36), nullable=True),
    # Charges tried so far; a declined one is tried again later (service/autopay_runs.py RETRY_AFTER).
    Column("tries", Integer, nullable=False, server_default="0"),
    Index("ix_autopay_runs_due", "status", "due_at"),
)

# The first answer to each Idempotency-Key of a caller, replayed for 24 hours.
idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("practice_id", String(64), primary_key=True),
    Column("account_id", String(64), primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("state", String(20), nullable=False),  # in_flight or done
    Column("status_code", Integer, nullable=True),
    Column("body", JSON, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("locked_at", UtcDateTime, nullable=False),
)

# The built-in sandbox processor's own records (adapters/sandbox.py): what a token stands for (never
# the number or CVC), and each charge by its reference.
sandbox_cards = Table(
    "sandbox_cards",
    metadata,
    Column("token", String(64), primary_key=True),
    Column("brand", String(20), nullable=False),
    Column("last4", String(4), nullable=False),
    Column("exp_month", Integer, nullable=False),
    Column("exp_year", Integer, nullable=False),
    Column("outcome", String(40), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

sandbox_charges = Table(
    "sandbox_charges",
    metadata,
    Column("reference", String(64), primary_key=True),
    Column("token", String(64), nullable=False),
    Column("amount_cents", Integer, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("charge_id", String(64), nullable=True),
    Column("decline_code", String(40), nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    # A refund finds the charge it gives back (0008).
    Index("ix_sandbox_charges_charge", "charge_id"),
)

# The sandbox's refunds, each by its reference (0008).
sandbox_refunds = Table(
    "sandbox_refunds",
    metadata,
    Column("reference", String(64), primary_key=True),
    Column("charge_id", String(64), nullable=False),
    Column("amount_cents", Integer, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("refund_id", String(64), nullable=True),
    Column("failure_code", String(40), nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Index("ix_sandbox_refunds_charge", "charge_id"),
)

# Money given back of a payment (domain/refund.py): recorded pending before the processor is asked,
# settled once; who asked, as what and from where is kept with it (0008).
refunds = Table(
    "refunds",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("payment_id", String(36), nullable=False),
    Column("invoice_id", String(36), nullable=False),
    Column("amount_cents", Integer, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("reason", String(200), nullable=False),
    Column("status", String(20), nullable=False),
    Column("failure_code", String(40), nullable=True),
    Column("processor_refund_id", String(100), nullable=True),
    Column("request_key", String(64), nullable=True),
    Column("requested_by", String(64), nullable=False),
    Column("requested_role", String(20), nullable=False),
    Column("requested_ip", String(64), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("settled_at", UtcDateTime, nullable=True),
    Index("ix_refunds_payment", "payment_id"),
    Index("ix_refunds_client", "practice_id", "client_id", "created_at"),
    # The sweep settles refunds left pending by a lost processor answer.
    Index("ix_refunds_status", "status", "created_at"),
    # One refund per Idempotency-Key of a caller: a retried request settles it rather than refunding again.
    Index("uq_refunds_request_key", "request_key", unique=True),
)

# The Stripe adapter's customers (adapters/stripe.py): one per client profile, created on its first card.
stripe_customers = Table(
    "stripe_customers",
    metadata,
    Column("practice_id", String(64), primary_key=True),
    Column("client_id", String(36), primary_key=True),
    Column("customer_id", String(100), nullable=False, unique=True),
    Column("created_at", UtcDateTime, nullable=False),
)

# Each processor webhook event taken (service/processor_events.py): a replay changes nothing.
processor_events = Table(
    "processor_events",
    metadata,
    Column("processor", String(20), primary_key=True),
    Column("event_id", String(100), primary_key=True),
    Column("event_type", String(60), nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
)

# What the processor reports refunded of a charge (cumulative, only ever raised): recorded from its
# webhooks until billing's own refunds join it.
processor_refunds = Table(
    "processor_refunds",
    metadata,
    Column("charge_id", String(100), primary_key=True),
    Column("payment_id", String(36), nullable=False),
    Column("amount_refunded_cents", Integer, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)

# Statements and superbills as staff generated them (the PDF kept as it was handed out); receipts are
# drawn from the payment when asked.
billing_documents = Table(
    "billing_documents",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("kind", String(20), nullable=False),  # statement or superbill
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("total_cents", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("content", LargeBinary, nullable=False),
    Index("ix_billing_documents_client", "practice_id", "client_id", "kind", "created_at"),
)

# Who generated or downloaded which document: append only.
document_audit = Table(
    "document_audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("practice_id", String(64), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("actor_id", String(64), nullable=False),
    Column("actor_role", String(20), nullable=False),
    Column("action", String(20), nullable=False),  # generated or downloaded
    Column("kind", String(20), nullable=False),  # statement, superbill or receipt
    Column("document_id", String(36), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("ip", String(64), nullable=True),
    Index("ix_document_audit_client", "practice_id", "client_id", "at"),
)

inbox = define_inbox_table(metadata)
outbox = define_outbox_table(metadata)

# A client's insurance: one primary and one secondary policy; the card's photos in object storage.
insurance_policies = Table(
    "insurance_policies",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("rank", String(10), nullable=False),  # primary or secondary
    Column("payer", String(120), nullable=False),
    Column("member_id", String(60), nullable=False),
    Column("group_number", String(60), nullable=False),
    Column("plan", String(120), nullable=False),
    Column("subscriber_name", String(120), nullable=False),
    Column("subscriber_relationship", String(20), nullable=False),
    Column("subscriber_date_of_birth", Date, nullable=False),
    Column("front_key", String(200), nullable=True),
    Column("front_type", String(40), nullable=True),
    Column("back_key", String(200), nullable=True),
    Column("back_type", String(40), nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("updated_by", String(64), nullable=False),
    Column("verified_at", UtcDateTime, nullable=True),
    Column("verified_by", String(64), nullable=True),
    Index("uq_insurance_rank", "practice_id", "client_id", "rank", unique=True),
)

# Good Faith Estimates: a row per version; the PDF as issued (and as acknowledged) kept beside it.
estimates = Table(
    "estimates",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("series_id", String(36), nullable=False),
    Column("version", Integer, nullable=False),
    Column("status", String(20), nullable=False),
    Column("primary_service", String(200), nullable=False),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("lines", JSON, nullable=False),
    Column("total_cents", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("replaces", String(36), nullable=True),
    Column("issued_at", UtcDateTime, nullable=True),
    Column("issued_by", String(64), nullable=True),
    Column("party", JSON, nullable=True),
    Column("content", LargeBinary, nullable=True),
    Column("document_sha256", String(64), nullable=True),
    Column("acknowledged_at", UtcDateTime, nullable=True),
    Column("acknowledged_by", String(64), nullable=True),
    Column("acknowledged_ip", String(64), nullable=True),
    Column("acknowledged_user_agent", String(400), nullable=True),
    Column("acknowledged_sha256", String(64), nullable=True),
    Column("acknowledged_content", LargeBinary, nullable=True),
    Index("ix_estimates_client", "practice_id", "client_id", "created_at"),
    Index("uq_estimates_series_version", "series_id", "version", unique=True),
)
