"""The messaging database: outbound emails and texts, secure message threads, plus the outbox and
inbox every service keeps."""

from __future__ import annotations

from portalkit.db import UtcDateTime
from portalkit.inbox import define_inbox_table
from portalkit.outbox import define_outbox_table
from sqlalchemy import JSON, Boolean, Column, Date, DateTime, ForeignKey, Index, Integer, MetaData, String, Table, Text

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
    # The provider's reports (webhook): a bounce wins over a delivery, whatever order they come in.
    Column("delivered_at", UtcDateTime, nullable=True),
    Column("bounced_at", UtcDateTime, nullable=True),
    Column("bounce_kind", String(20), nullable=True),
    # The client profile the email tells (a client notice); null for staff's emails.
    Column("client_id", String(64), nullable=True),
    Index("ix_outbound_emails_due", "status", "next_attempt_at"),
    Index("ix_outbound_emails_practice_sent", "practice_id", "sent_at"),
    Index("ix_outbound_emails_client", "practice_id", "client_id", "created_at"),
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
    # The client profile the text tells (a client notice); null for sign-in codes.
    Column("client_id", String(64), nullable=True),
    Index("ix_outbound_texts_due", "status", "next_attempt_at"),
    Index("ix_outbound_texts_client", "practice_id", "client_id", "created_at"),
)

# Secure message threads: a client (profile) and the practice, optionally addressed to a clinician.
threads = Table(
    "threads",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("client_id", String(64), nullable=False),
    Column("subject", String(200), nullable=False),
    Column("clinician_id", String(64), nullable=True),
    Column("assigned_to", String(64), nullable=True),
    Column("started_by", String(10), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_message_at", UtcDateTime, nullable=False),
    Column("archived_at", UtcDateTime, nullable=True),
    Index("ix_threads_practice_client", "practice_id", "client_id", "last_message_at"),
    Index("ix_threads_practice_last", "practice_id", "last_message_at"),
)

# A retracted message keeps its row (the reader sees that something was taken back) without its body.
thread_messages = Table(
    "thread_messages",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("thread_id", String(36), ForeignKey("threads.id"), nullable=False),
    Column("sender_side", String(10), nullable=False),
    Column("sender_id", String(64), nullable=True),
    Column("body", Text, nullable=True),
    Column("sent_at", UtcDateTime, nullable=False),
    Column("read_at", UtcDateTime, nullable=True),
    Column("retracted_at", UtcDateTime, nullable=True),
    Index("ix_thread_messages_thread", "thread_id", "sent_at"),
)

# Append-only: who retracted which message when, with the text as it was sent.
message_audit = Table(
    "message_audit",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("thread_id", String(36), nullable=False),
    Column("message_id", String(36), nullable=False),
    Column("action", String(20), nullable=False),
    Column("actor_id", String(64), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("original_body", Text, nullable=True),
    Index("ix_message_audit_message", "practice_id", "message_id"),
)

# One row per practice that set its hours: windows as [{weekday, starts "HH:MM", ends "HH:MM"}].
business_hours = Table(
    "business_hours",
    metadata,
    Column("practice_id", String(64), primary_key=True),
    Column("time_zone", String(64), nullable=False),
    Column("windows", JSON, nullable=False),
    Column("auto_reply", Text, nullable=True),
    # The largest file the practice accepts (bytes, within ATTACHMENT_MAX_BYTES); none: that ceiling.
    Column("upload_max_bytes", Integer, nullable=True),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("updated_by", String(64), nullable=False),
)

# Files sent with messages: the bytes are in object storage under `storage_key`; `message_id` is set
# when the message that carries the file is sent.
message_attachments = Table(
    "message_attachments",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("thread_id", String(36), ForeignKey("threads.id"), nullable=False),
    Column("message_id", String(36), ForeignKey("thread_messages.id"), nullable=True),
    Column("uploaded_by", String(64), nullable=False),
    Column("filename", String(200), nullable=False),
    Column("content_type", String(100), nullable=False),
    Column("size", Integer, nullable=False),
    Column("storage_key", String(200), nullable=False, unique=True),
    Column("created_at", UtcDateTime, nullable=False),
    Index("ix_message_attachments_thread", "practice_id", "thread_id"),
)

# Append-only: every download of an attachment, by whom.
attachment_downloads = Table(
    "attachment_downloads",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("attachment_id", String(36), nullable=False),
    Column("actor_id", String(64), nullable=False),
    Column("side", String(10), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_attachment_downloads", "practice_id", "attachment_id"),
)

# Documents between the practice and one client profile (`origin` practice: shared by staff; client: the
# client's own upload); the bytes are in object storage under `storage_key`.
documents = Table(
    "documents",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("client_id", String(64), nullable=False),
    Column("origin", String(10), nullable=False),
    Column("uploaded_by", String(64), nullable=False),
    Column("title", String(200), nullable=False),
    Column("filename", String(200), nullable=False),
    Column("content_type", String(100), nullable=False),
    Column("size", Integer, nullable=False),
    Column("storage_key", String(200), nullable=False, unique=True),
    Column("needs_acknowledgement", Boolean, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("opened_at", UtcDateTime, nullable=True),
    Column("acknowledged_at", UtcDateTime, nullable=True),
    Column("acknowledged_by", String(64), nullable=True),
    Index("ix_documents_client", "practice_id", "client_id", "origin"),
)

# Append-only: every download and acknowledgement of a document, by whom and from which side.
document_access = Table(
    "document_access",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("document_id", String(36), ForeignKey("documents.id"), nullable=False),
    Column("actor_id", String(64), nullable=False),
    Column("side", String(10), nullable=False),
    Column("action", String(20), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_document_access", "practice_id", "document_id"),
)

# A client profile's picture: the square PNG in object storage under `storage_key` (replaced on each upload).
profile_pictures = Table(
    "profile_pictures",
    metadata,
    Column("practice_id", String(64), primary_key=True),
    Column("client_id", String(64), primary_key=True),
    Column("storage_key", String(200), nullable=False, unique=True),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("updated_by", String(64), nullable=False),
)

# How each client account hears of portal news: `channel` email, sms or both, and the mobile number texts go to
# (only once `mobile_confirmed_at` says the client typed back the code texted to it).
notice_preferences = Table(
    "notice_preferences",
    metadata,
    Column("practice_id", String(64), primary_key=True),
    Column("account_id", String(64), primary_key=True),
    Column("channel", String(10), nullable=False),
    Column("mobile", String(20), nullable=True),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("mobile_confirmed_at", UtcDateTime, nullable=True),
)

# The codes texted to confirm a mobile number: only their HMAC (portalkit.codes), each for one number.
mobile_codes = Table(
    "mobile_codes",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("account_id", String(64), nullable=False),
    Column("mobile", String(20), nullable=False),
    Column("code_hash", String(64), nullable=False),
    Column("issued_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("failed_attempts", Integer, nullable=False, default=0),
    Column("used_at", UtcDateTime, nullable=True),
    Column("ended_at", UtcDateTime, nullable=True),
    Index("ix_mobile_codes_account", "practice_id", "account_id", "issued_at"),
)

# Each report of the email provider's webhook, once (its event id): a redelivered report changes nothing.
email_provider_events = Table(
    "email_provider_events",
    metadata,
    Column("provider_event_id", String(100), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("email_id", String(36), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
)

# Addresses not to mail again (a hard bounce or a complaint), per practice, until the client's address changes.
bounced_addresses = Table(
    "bounced_addresses",
    metadata,
    Column("practice_id", String(64), primary_key=True),
    Column("address", String(320), primary_key=True),
    Column("email_id", String(36), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("at", UtcDateTime, nullable=False),
)

# A notice not sent, and why (the client gave no consent to electronic notices): one per event.
withheld_notices = Table(
    "withheld_notices",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("client_id", String(64), nullable=False),
    Column("cause_event_id", String(36), nullable=False, unique=True),
    Column("notice", String(50), nullable=False),
    Column("reason", String(50), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_withheld_notices_client", "practice_id", "client_id"),
)

# Append-only: each file refused because the virus scanner recognised something in it (nothing of the file
# is kept: who sent it, where, and the scanner's name for what it found).
refused_files = Table(
    "refused_files",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("actor_id", String(64), nullable=False),
    Column("side", String(10), nullable=False),
    Column("target", String(20), nullable=False),
    Column("signature", String(200), nullable=False),
    Column("at", UtcDateTime, nullable=False),
)

# Staff asked a client profile for a file ("Please upload a photo ID"); fulfilled by the client's upload
# (`document_id`) or cancelled by staff.
upload_requests = Table(
    "upload_requests",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("client_id", String(64), nullable=False),
    Column("title", String(200), nullable=False),
    Column("note", Text, nullable=True),
    Column("due_on", Date, nullable=True),
    Column("status", String(10), nullable=False),
    Column("requested_by", String(64), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("document_id", String(36), ForeignKey("documents.id"), nullable=True),
    Column("fulfilled_at", UtcDateTime, nullable=True),
    Column("cancelled_at", UtcDateTime, nullable=True),
    Column("cancelled_by", String(64), nullable=True),
    # The one reminder sent once the due date had passed.
    Column("reminded_at", UtcDateTime, nullable=True),
    Index("ix_upload_requests_client", "practice_id", "client_id", "status"),
    Index("ix_upload_requests_due", "status", "due_on"),
)
