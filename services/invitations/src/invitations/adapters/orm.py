"""The tables of the invitations service; migrations/versions create them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from portalkit.inbox import define_inbox_table
from portalkit.outbox import define_outbox_table
from sqlalchemy import Column, DateTime, Index, Integer, MetaData, String, Table, Text, TypeDecorator, column


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

invitations = Table(
    "invitations",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("email", String(320), nullable=False),
    Column("first_name", String(200), nullable=False),
    Column("practice_name", String(200), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("sent_at", UtcDateTime, nullable=False),
    Column("sent_by", String(64), nullable=True),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("sent_event_id", String(36), nullable=True, index=True),
    Column("accepted_at", UtcDateTime, nullable=True),
    Column("account_id", String(36), nullable=True),
    Column("superseded_at", UtcDateTime, nullable=True),
    Column("sealed_token", Text, nullable=True),
    Column("remind_at", UtcDateTime, nullable=True),
    Column("expiry_due_at", UtcDateTime, nullable=True),
    Column("reminded_at", UtcDateTime, nullable=True),
    Column("reminded_event_id", String(36), nullable=True, index=True),
    Column("revoked_at", UtcDateTime, nullable=True),
    Column("revoked_by", String(64), nullable=True),
    Column("cause", String(120), nullable=True),
    Index("ix_invitations_client", "practice_id", "client_id"),
    # The scheduler's sweeps read only due rows: a marker is set while its job is pending.
    Index(
        "ix_invitations_remind_due",
        "remind_at",
        postgresql_where=column("remind_at").is_not(None),
        sqlite_where=column("remind_at").is_not(None),
    ),
    Index(
        "ix_invitations_expiry_due",
        "expiry_due_at",
        postgresql_where=column("expiry_due_at").is_not(None),
        sqlite_where=column("expiry_due_at").is_not(None),
    ),
)

client_portals = Table(
    "client_portals",
    metadata,
    Column("practice_id", String(64), primary_key=True),
    Column("client_id", String(36), primary_key=True),
    Column("status", String(20), nullable=False),
    Column("email", String(320), nullable=True),
    Column("invited_at", UtcDateTime, nullable=True),
    Column("expires_at", UtcDateTime, nullable=True),
    Column("signed_up_at", UtcDateTime, nullable=True),
    Column("account_id", String(36), nullable=True),
    Column("verified_at", UtcDateTime, nullable=True),
    Column("last_signed_in_at", UtcDateTime, nullable=True),
    Column("disabled_at", UtcDateTime, nullable=True),
)

portal_timeline = Table(
    "portal_timeline",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("practice_id", String(64), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("status", String(40), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("actor", String(64), nullable=False),
    Column("detail", Text, nullable=False),
    Index("ix_portal_timeline_client", "practice_id", "client_id"),
)

# Append-only: every copy of an invitation link by staff (the audit log of item 3 of issue 5).
link_copies = Table(
    "invitation_link_copies",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("practice_id", String(64), nullable=False),
    Column("invitation_id", String(36), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("copied_by", String(64), nullable=False),
    Column("copied_by_email", String(320), nullable=False),
    Column("copied_at", UtcDateTime, nullable=False),
    Index("ix_invitation_link_copies_client", "practice_id", "client_id"),
)

outbox = define_outbox_table(metadata)
inbox = define_inbox_table(metadata)
