"""The tables of the forms service; migrations/versions create them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from portalkit.inbox import define_inbox_table
from portalkit.outbox import define_outbox_table
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    column,
)


class UtcDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes in and out; SQLite would otherwise hand back naive ones."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        return None if value is None else value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


metadata = MetaData()

templates = Table(
    "templates",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("builtin_key", String(64), nullable=True),
    Column("current_version", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", String(64), nullable=True),
    Column("copied_from", String(64), nullable=True),
    UniqueConstraint("practice_id", "builtin_key", name="uq_templates_builtin"),
    Index("ix_templates_practice", "practice_id"),
)

template_versions = Table(
    "template_versions",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("template_id", String(36), nullable=False),
    Column("practice_id", String(64), nullable=False),
    Column("number", Integer, nullable=False),
    Column("title", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("instrument", String(20), nullable=True),
    Column("items", JSON, nullable=False),
    Column("document", Text, nullable=False),
    Column("content_sha256", String(64), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", String(64), nullable=True),
    UniqueConstraint("template_id", "number", name="uq_template_versions_number"),
)

assignments = Table(
    "assignments",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("template_id", String(36), nullable=False),
    Column("template_version_id", String(36), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("title", String(200), nullable=False),
    Column("instrument", String(20), nullable=True),
    Column("assigned_at", UtcDateTime, nullable=False),
    Column("assigned_by", String(64), nullable=True),
    Column("due_on", Date, nullable=True),
    Column("packet_id", String(36), nullable=True),
    Column("replaces_id", String(36), nullable=True),
    Column("status", String(20), nullable=False),
    Column("draft", JSON, nullable=False),
    Column("draft_saved_at", UtcDateTime, nullable=True),
    Column("answers", JSON, nullable=True),
    Column("submitted_at", UtcDateTime, nullable=True),
    Column("submitted_by", String(64), nullable=True),
    Column("score_total", Integer, nullable=True),
    Column("severity", String(40), nullable=True),
    Column("risk_flag", Boolean, nullable=False),
    Column("withdrawn_at", UtcDateTime, nullable=True),
    Column("withdrawn_by", String(64), nullable=True),
    # The day the client is reminded (the day before due_on); cleared once reminded, submitted or withdrawn.
    Column("remind_at", UtcDateTime, nullable=True),
    Column("reminded_at", UtcDateTime, nullable=True),
    # Given by a recurring schedule: which one, and for which of its dates (at most one assignment each).
    Column("recurrence_id", String(36), nullable=True),
    Column("occurrence_on", Date, nullable=True),
    # Account ids staff named to complete or sign (JSON list), or NULL: the link rule decides.
    Column("signer_ids", JSON, nullable=True),
    Column("risk_acknowledged_at", UtcDateTime, nullable=True),
    Column("risk_acknowledged_by", String(64), nullable=True),
    Column("risk_acknowledged_by_email", String(320), nullable=True),
    Index("ix_assignments_client", "practice_id", "client_id"),
    Index("ix_assignments_template", "practice_id", "template_id"),
    # The scheduler reads only due rows: the marker is set while a reminder is pending.
    Index(
        "ix_assignments_remind_due",
        "remind_at",
        postgresql_where=column("remind_at").is_not(None),
        sqlite_where=column("remind_at").is_not(None),
    ),
    Index("uq_assignments_occurrence", "recurrence_id", "occurrence_on", unique=True),
)

# PHQ-9 / GAD-7 given to a client every `every_days` days until stopped; `next_on` is the date of the next
# assignment (None once stopped).
recurring_assessments = Table(
    "recurring_assessments",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("template", String(20), nullable=False),
    Column("every_days", Integer, nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("next_on", Date, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("stopped_at", UtcDateTime, nullable=True),
    Column("stopped_by", String(64), nullable=True),
    Column("last_assignment_id", String(36), nullable=True),
    Index("ix_recurring_assessments_client", "practice_id", "client_id"),
    Index(
        "ix_recurring_assessments_due",
        "next_on",
        postgresql_where=column("next_on").is_not(None),
        sqlite_where=column("next_on").is_not(None),
    ),
)

consent_signatures = Table(
    "consent_signatures",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("assignment_id", String(36), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("account_id", String(64), nullable=False),
    Column("template_id", String(36), nullable=False),
    Column("template_version_id", String(36), nullable=False),
    Column("full_name", String(200), nullable=False),
    Column("drawing_png", LargeBinary, nullable=True),
    Column("signed_at", UtcDateTime, nullable=False),
    Column("ip", String(64), nullable=True),
    Column("user_agent", String(500), nullable=True),
    Column("document_sha256", String(64), nullable=False),
    Column("resign_requested_at", UtcDateTime, nullable=True),
    Column("resign_assignment_id", String(36), nullable=True),
    Index("ix_consent_signatures_template", "practice_id", "template_id"),
    # One signature per assignment and account (a couple's consent has one per partner).
    UniqueConstraint("assignment_id", "account_id", name="uq_consent_signatures_signer"),
)

forms_settings = Table(
    "forms_settings",
    metadata,
    Column("practice_id", String(64), primary_key=True),
    Column("show_scores_to_clients", Boolean, nullable=False),
    Column("crisis_resources_text", Text, nullable=True),
    Column("updated_at", UtcDateTime, nullable=True),
    Column("updated_by", String(64), nullable=True),
)

# Append-only: every read of clinical content (the repository only ever inserts and lists).
audit_reads = Table(
    "audit_reads",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("practice_id", String(64), nullable=False),
    Column("actor_id", String(64), nullable=False),
    Column("actor_role", String(20), nullable=False),
    Column("action", String(40), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("assignment_id", String(36), nullable=True),
    Column("at", UtcDateTime, nullable=False),
    Column("ip", String(64), nullable=True),
    Index("ix_audit_reads_client", "practice_id", "client_id"),
)

outbox = define_outbox_table(metadata)
inbox = define_inbox_table(metadata)
