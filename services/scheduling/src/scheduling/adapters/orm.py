"""The tables of the scheduling service; migrations/versions create them."""

from __future__ import annotations

from portalkit.db import UtcDateTime
from portalkit.inbox import define_inbox_table
from portalkit.outbox import define_outbox_table
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    column,
)

metadata = MetaData()

appointments = Table(
    "appointments",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("clinician_id", String(64), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("type_id", String(36), nullable=True),
    Column("type_name", String(100), nullable=False),
    Column("starts_at", UtcDateTime, nullable=False),
    Column("ends_at", UtcDateTime, nullable=False),
    Column("duration_minutes", Integer, nullable=False),
    Column("buffer_minutes", Integer, nullable=False),
    Column("mode", String(20), nullable=False),
    Column("location", String(300), nullable=True),
    Column("time_zone", String(64), nullable=False),
    Column("series_id", String(36), nullable=True),
    Column("status", String(20), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("cancelled_at", UtcDateTime, nullable=True),
    Column("cancelled_by", String(20), nullable=True),
    Column("late_cancellation", Boolean, nullable=False),
    Column("no_show_at", UtcDateTime, nullable=True),
    Column("video_room", String(64), nullable=True),
    # Open slots read only the window's appointments of one clinician (bench/slots.py).
    Index("ix_appointments_clinician_start", "practice_id", "clinician_id", "starts_at"),
    Index("ix_appointments_client_start", "practice_id", "client_id", "starts_at"),
    # Moving a series reads its occurrences.
    Index("ix_appointments_series", "practice_id", "series_id"),
    # The reminder sweep reads the appointments of the next hours across practices.
    Index("ix_appointments_start", "starts_at"),
    # The last word against double booking: one booked appointment per clinician and start, even when
    # two requests pass the overlap check at the same instant (the clinician row lock is the first word).
    Index(
        "uq_appointments_booked_start",
        "practice_id",
        "clinician_id",
        "starts_at",
        unique=True,
        postgresql_where=column("status") == "booked",
        sqlite_where=column("status") == "booked",
    ),
)

# A client's request to reschedule or cancel; one pending per appointment (the partial unique index).
appointment_requests = Table(
    "appointment_requests",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("appointment_id", String(36), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("reason", String(500), nullable=False),
    Column("proposed_times", JSON, nullable=False),
    Column("status", String(20), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("decided_at", UtcDateTime, nullable=True),
    Column("decided_by", String(64), nullable=True),
    Column("message", String(500), nullable=False),
    Index("ix_appointment_requests_practice_status", "practice_id", "status"),
    Index("ix_appointment_requests_appointment", "practice_id", "appointment_id"),
    Index(
        "uq_appointment_requests_pending",
        "appointment_id",
        unique=True,
        postgresql_where=column("status") == "pending",
        sqlite_where=column("status") == "pending",
    ),
)

# A clinician as scheduling knows them (a staff account of identity): the name clients see. Booking
# locks the clinician's row, so two bookings of one clinician take turns.
clinicians = Table(
    "clinicians",
    metadata,
    Column("practice_id", String(64), nullable=False),
    Column("account_id", String(64), nullable=False),
    Column("display_name", String(100), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("practice_id", "account_id", name="pk_clinicians"),
)

availability_windows = Table(
    "availability_windows",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("clinician_id", String(64), nullable=False),
    Column("weekday", Integer, nullable=False),
    Column("starts", String(5), nullable=False),  # local wall time, HH:MM
    Column("ends", String(5), nullable=False),
    Index("ix_availability_clinician", "practice_id", "clinician_id"),
)

appointment_types = Table(
    "appointment_types",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("name", String(100), nullable=False),
    Column("duration_minutes", Integer, nullable=False),
    Column("buffer_minutes", Integer, nullable=False),
    Column("mode", String(20), nullable=False),
    Column("location", String(300), nullable=True),
    Column("bookable", Boolean, nullable=False),
    Index("ix_appointment_types_practice", "practice_id"),
)

scheduling_settings = Table(
    "scheduling_settings",
    metadata,
    Column("practice_id", String(64), primary_key=True),
    Column("time_zone", String(64), nullable=False),
    Column("cancellation_notice_hours", Integer, nullable=False),
    Column("booking_lead_hours", Integer, nullable=False),
    Column("booking_horizon_days", Integer, nullable=False),
    Column("remind_48h", Boolean, nullable=False),
    Column("remind_2h", Boolean, nullable=False),
    Column("remind_by_email", Boolean, nullable=False),
    Column("remind_by_sms", Boolean, nullable=False),
)

# One row per reminder sent (or claimed): the unique key is what lets two schedulers run at once and
# still remind of an appointment once per lead time. Moving an appointment clears its rows.
appointment_reminders = Table(
    "appointment_reminders",
    metadata,
    Column("appointment_id", String(36), nullable=False),
    Column("lead_hours", Integer, nullable=False),
    Column("practice_id", String(64), nullable=False),
    Column("claimed_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("appointment_id", "lead_hours", name="pk_appointment_reminders"),
)

# A client's private calendar feed: only the token's SHA-256 is kept; revoking ends it for good.
calendar_feeds = Table(
    "calendar_feeds",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(64), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("account_id", String(64), nullable=False),
    Column("token_sha256", String(64), nullable=False, unique=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("revoked_at", UtcDateTime, nullable=True),
    Index("ix_calendar_feeds_client", "practice_id", "client_id"),
)

outbox = define_outbox_table(metadata)
inbox = define_inbox_table(metadata)
