"""The tables of the invitations service; migrations/versions create them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from portalkit.inbox import define_inbox_table
from portalkit.outbox import define_outbox_table
from sqlalchemy import Column, DateTime, Index, Integer, MetaData, String, Table, Text, TypeDecorator


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
    Column("sent_by", String(64), nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("sent_event_id", String(36), nullable=True, index=True),
    Column("accepted_at", UtcDateTime, nullable=True),
    Column("account_id", String(36), nullable=True),
    Column("superseded_at", UtcDateTime, nullable=True),
    Index("ix_invitations_client", "practice_id", "client_id"),
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

outbox = define_outbox_table(metadata)
inbox = define_inbox_table(metadata)
