"""The messaging database: outbound emails and texts, plus the outbox and inbox every service keeps."""

from __future__ import annotations

from portalkit.inbox import define_inbox_table
from portalkit.outbox import define_outbox_table
from sqlalchemy import Column, DateTime, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()
outbox = define_outbox_table(metadata)
inbox = define_inbox_table(metadata)

outbound_emails = Table(
    "outbound_emails",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    # One email per event that asked for it, whatever the broker redelivers.
    Column("cause_event_id", String(36), nullable=False, unique=True),
    Column("correlation_id", String(100), nullable=False),
    Column("template", String(50), nullable=False),
    Column("recipient", String(320), nullable=False),
    Column("subject", String(300), nullable=False),
    Column("text_body", Text, nullable=True),
    Column("html_body", Text, nullable=True),
    Column("status", String(20), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=True),
    Column("last_error", String(200), nullable=True),
    Index("ix_outbound_emails_due", "status", "next_attempt_at"),
    Index("ix_outbound_emails_practice_sent", "practice_id", "sent_at"),
)

outbound_texts = Table(
    "outbound_texts",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    # One text per event that asked for it, whatever the broker redelivers.
    Column("cause_event_id", String(36), nullable=False, unique=True),
    Column("correlation_id", String(100), nullable=False),
    Column("template", String(50), nullable=False),
    Column("recipient", String(20), nullable=False),
    Column("body", Text, nullable=True),
    Column("status", String(20), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=True),
    Column("last_error", String(200), nullable=True),
    Index("ix_outbound_texts_due", "status", "next_attempt_at"),
)
