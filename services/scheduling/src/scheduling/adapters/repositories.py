"""Appointments, clinicians, availability, appointment types, settings and calendar feeds, kept in
the service's database. Every query names the practice."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import Select, delete, insert, literal_column, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from scheduling.adapters.orm import (
    appointment_reminders,
    appointment_requests,
    appointment_types,
    appointments,
    availability_windows,
    calendar_feeds,
    clinicians,
    scheduling_settings,
)
from scheduling.domain.appointment import MAX_DURATION_MINUTES, Appointment, CancelledBy, Mode, Status
from scheduling.domain.availability import AppointmentType, Busy, WeeklyWindow
from scheduling.domain.calendar import CalendarFeed
from scheduling.domain.practice_settings import SchedulingPolicy
from scheduling.domain.requests import AppointmentRequest, RequestKind, RequestStatus

# The longest an appointment and its buffer can last: an appointment starting this long before a
# window is the earliest that can still reach into it.
_LONGEST = dt.timedelta(minutes=MAX_DURATION_MINUTES + 120)


class _Repository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _first(self, query: Select[Any], lock: bool = False) -> Any:
        row = self._session.execute(query.with_for_update() if lock else query).first()
        return None if row is None else row._mapping

    def _all(self, query: Select[Any]) -> list[Any]:
        return [row._mapping for row in self._session.execute(query).all()]

    def _insert_ignoring_conflict(self, table: Any, values: dict[str, Any]) -> bool:
        """Insert unless the key is taken already; whether the row was inserted."""
        dialect = self._session.get_bind().dialect.name
        statement = (postgresql_insert if dialect == "postgresql" else sqlite_insert)(table).values(**values)
        # RETURNING, not rowcount: psycopg reports -1 rows for INSERT ... ON CONFLICT DO NOTHING.
        inserted = self._session.execute(statement.on_conflict_do_nothing().returning(literal_column("1")))
        return inserted.first() is not None


class AppointmentRepository(_Repository):
    def add(self, appointment: Appointment) -> None:
        self._session.execute(insert(appointments).values(**_row(appointment)))

    def save(self, appointment: Appointment) -> None:
        row = _row(appointment)
        self._session.execute(update(appointments).where(appointments.c.id == appointment.id).values(**row))

    def by_id(self, practice_id: str, appointment_id: str, lock: bool = False) -> Appointment | None:
        query = select(appointments).where(
            appointments.c.practice_id == practice_id, appointments.c.id == appointment_id
        )
        row = self._first(query, lock)
        return None if row is None else _appointment(row)

    def of_series(self, practice_id: str, series_id: str) -> list[Appointment]:
        """The series' occurrences, earliest first, locked for the change that follows."""
        query = (
            select(appointments)
            .where(appointments.c.practice_id == practice_id, appointments.c.series_id == series_id)
            .order_by(appointments.c.starts_at)
        )
        return [_appointment(row) for row in self._all(query.with_for_update())]

    def of_client(self, practice_id: str, client_id: str) -> list[Appointment]:
        query = (
            select(appointments)
            .where(appointments.c.practice_id == practice_id, appointments.c.client_id == client_id)
            .order_by(appointments.c.starts_at)
        )
        return [_appointment(row) for row in self._all(query)]

    def between(
        self, practice_id: str, start: dt.datetime, end: dt.datetime, clinician_id: str | None = None
    ) -> list[Appointment]:
        """Appointments starting in [start - the longest appointment, end), of one clinician or all: every
        one that can meet [start, end), read as a range on the indexed start."""
        query = select(appointments).where(
            appointments.c.practice_id == practice_id,
            appointments.c.starts_at >= start - _LONGEST,
            appointments.c.starts_at < end,
        )
        if clinician_id is not None:
            query = query.where(appointments.c.clinician_id == clinician_id)
        return [_appointment(row) for row in self._all(query.order_by(appointments.c.starts_at))]

    def busy(self, practice_id: str, clinician_id: str, start: dt.datetime, end: dt.datetime) -> list[Busy]:
        """The clinician's booked time (with buffers) that meets [start, end)."""
        query = select(appointments.c.starts_at, appointments.c.ends_at, appointments.c.buffer_minutes).where(
            appointments.c.practice_id == practice_id,
            appointments.c.clinician_id == clinician_id,
            appointments.c.status == Status.BOOKED.value,
            appointments.c.starts_at >= start - _LONGEST,
            appointments.c.starts_at < end,
        )
        rows = self._all(query)
        return [Busy(r["starts_at"], r["ends_at"] + dt.timedelta(minutes=r["buffer_minutes"])) for r in rows]


def _row(appointment: Appointment) -> dict[str, Any]:
    row = dataclasses.asdict(appointment)
    row |= {"ends_at": appointment.ends_at, "mode": appointment.mode.value, "status": appointment.status.value}
    row["cancelled_by"] = appointment.cancelled_by.value if appointment.cancelled_by else None
    return row


def _appointment(row: Any) -> Appointment:
    values = {k: v for k, v in row.items() if k != "ends_at"}
    values |= {"mode": Mode(row["mode"]), "status": Status(row["status"])}
    values["cancelled_by"] = CancelledBy(row["cancelled_by"]) if row["cancelled_by"] else None
    return Appointment(**values)


class ClinicianRepository(_Repository):
    def ensure(self, practice_id: str, account_id: str, display_name: str, now: dt.datetime) -> None:
        values = {"practice_id": practice_id, "account_id": account_id, "display_name": display_name}
        self._insert_ignoring_conflict(clinicians, values | {"created_at": now})

    def rename(self, practice_id: str, account_id: str, display_name: str) -> None:
        self._session.execute(
            update(clinicians)
            .where(clinicians.c.practice_id == practice_id, clinicians.c.account_id == account_id)
            .values(display_name=display_name)
        )

    def lock(self, practice_id: str, account_id: str) -> None:
        """Booking for this clinician waits here for any other booking of theirs to commit."""
        self._first(self._of(practice_id).where(clinicians.c.account_id == account_id), lock=True)

    def names(self, practice_id: str) -> dict[str, str]:
        return {row["account_id"]: row["display_name"] for row in self._all(self._of(practice_id))}

    def _of(self, practice_id: str) -> Select[Any]:
        return select(clinicians).where(clinicians.c.practice_id == practice_id)


class AvailabilityRepository(_Repository):
    def replace(self, practice_id: str, clinician_id: str, windows: list[WeeklyWindow], ids: list[str]) -> None:
        self._session.execute(delete(availability_windows).where(*self._of(practice_id, clinician_id)))
        for window_id, window in zip(ids, windows, strict=True):
            values = {"id": window_id, "practice_id": practice_id, "clinician_id": clinician_id}
            times = {"weekday": window.weekday, "starts": _hhmm(window.starts), "ends": _hhmm(window.ends)}
            self._session.execute(insert(availability_windows).values(**values, **times))

    def of(self, practice_id: str, clinician_id: str) -> list[WeeklyWindow]:
        query = select(availability_windows).where(*self._of(practice_id, clinician_id))
        rows = self._all(query.order_by(availability_windows.c.weekday, availability_windows.c.starts))
        return [
            WeeklyWindow(r["weekday"], dt.time.fromisoformat(r["starts"]), dt.time.fromisoformat(r["ends"]))
            for r in rows
        ]

    def clinicians_with_windows(self, practice_id: str) -> list[str]:
        query = select(availability_windows.c.clinician_id).where(availability_windows.c.practice_id == practice_id)
        return sorted({row["clinician_id"] for row in self._all(query.distinct())})

    @staticmethod
    def _of(practice_id: str, clinician_id: str) -> tuple[Any, ...]:
        return (availability_windows.c.practice_id == practice_id, availability_windows.c.clinician_id == clinician_id)


def _hhmm(moment: dt.time) -> str:
    return moment.strftime("%H:%M")


class AppointmentTypeRepository(_Repository):
    def add(self, kind: AppointmentType) -> None:
        row = dataclasses.asdict(kind) | {"mode": kind.mode.value}
        self._session.execute(insert(appointment_types).values(**row))

    def by_id(self, practice_id: str, type_id: str) -> AppointmentType | None:
        query = self._of(practice_id).where(appointment_types.c.id == type_id)
        row = self._first(query)
        return None if row is None else _type(row)

    def all(self, practice_id: str) -> list[AppointmentType]:
        return [_type(row) for row in self._all(self._of(practice_id).order_by(appointment_types.c.name))]

    @staticmethod
    def _of(practice_id: str) -> Select[Any]:
        return select(appointment_types).where(appointment_types.c.practice_id == practice_id)


def _type(row: Any) -> AppointmentType:
    return AppointmentType(**{**row, "mode": Mode(row["mode"])})


class SettingsRepository(_Repository):
    def of(self, practice_id: str) -> SchedulingPolicy:
        query = select(scheduling_settings).where(scheduling_settings.c.practice_id == practice_id)
        row = self._first(query)
        return SchedulingPolicy(practice_id) if row is None else SchedulingPolicy(**row)

    def save(self, policy: SchedulingPolicy) -> None:
        self._session.execute(
            delete(scheduling_settings).where(scheduling_settings.c.practice_id == policy.practice_id)
        )
        self._session.execute(insert(scheduling_settings).values(**dataclasses.asdict(policy)))


class CalendarFeedRepository(_Repository):
    def add(self, feed: CalendarFeed) -> None:
        self._session.execute(insert(calendar_feeds).values(**dataclasses.asdict(feed)))

    def revoke_all(self, practice_id: str, client_id: str, now: dt.datetime) -> int:
        result = self._session.execute(
            update(calendar_feeds)
            .where(
                calendar_feeds.c.practice_id == practice_id,
                calendar_feeds.c.client_id == client_id,
                calendar_feeds.c.revoked_at.is_(None),
            )
            .values(revoked_at=now)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    def current(self, practice_id: str, client_id: str) -> CalendarFeed | None:
        query = select(calendar_feeds).where(
            calendar_feeds.c.practice_id == practice_id,
            calendar_feeds.c.client_id == client_id,
            calendar_feeds.c.revoked_at.is_(None),
        )
        row = self._first(query)
        return None if row is None else CalendarFeed(**row)

    def by_token_hash(self, token_sha256: str) -> CalendarFeed | None:
        row = self._first(select(calendar_feeds).where(calendar_feeds.c.token_sha256 == token_sha256))
        return None if row is None else CalendarFeed(**row)


class RequestRepository(_Repository):
    def add(self, request: AppointmentRequest) -> None:
        self._session.execute(insert(appointment_requests).values(**_request_row(request)))

    def save(self, request: AppointmentRequest) -> None:
        row = _request_row(request)
        self._session.execute(update(appointment_requests).where(appointment_requests.c.id == request.id).values(**row))

    def by_id(self, practice_id: str, request_id: str, lock: bool = False) -> AppointmentRequest | None:
        query = self._of(practice_id).where(appointment_requests.c.id == request_id)
        row = self._first(query, lock)
        return None if row is None else _request(row)

    def pending(self, practice_id: str) -> list[AppointmentRequest]:
        query = self._of(practice_id).where(appointment_requests.c.status == RequestStatus.PENDING.value)
        return [_request(row) for row in self._all(query.order_by(appointment_requests.c.created_at))]

    def latest_of(self, practice_id: str, appointment_ids: list[str]) -> dict[str, AppointmentRequest]:
        """Each appointment's most recent request."""
        query = self._of(practice_id).where(appointment_requests.c.appointment_id.in_(appointment_ids))
        latest: dict[str, AppointmentRequest] = {}
        for row in self._all(query.order_by(appointment_requests.c.created_at)):
            latest[row["appointment_id"]] = _request(row)
        return latest

    @staticmethod
    def _of(practice_id: str) -> Select[Any]:
        return select(appointment_requests).where(appointment_requests.c.practice_id == practice_id)


def _request_row(request: AppointmentRequest) -> dict[str, Any]:
    row = dataclasses.asdict(request)
    row |= {"kind": request.kind.value, "status": request.status.value}
    row["proposed_times"] = [moment.astimezone(dt.UTC).isoformat() for moment in request.proposed_times]
    return row


def _request(row: Any) -> AppointmentRequest:
    times = tuple(dt.datetime.fromisoformat(moment) for moment in row["proposed_times"])
    return AppointmentRequest(
        **{**row, "kind": RequestKind(row["kind"]), "status": RequestStatus(row["status"]), "proposed_times": times}
    )


class ReminderRepository(_Repository):
    def due(self, lead_hours: int, nearer_lead_hours: int, now: dt.datetime, limit: int) -> list[Appointment]:
        """Booked appointments of any practice starting between `nearer_lead_hours` and `lead_hours` from
        now that were not yet reminded for this lead: a range on the indexed start, so the sweep costs
        the appointments of those hours, not all of them."""
        reminded = select(appointment_reminders.c.appointment_id).where(
            appointment_reminders.c.appointment_id == appointments.c.id,
            appointment_reminders.c.lead_hours == lead_hours,
        )
        query = (
            select(appointments)
            .where(
                appointments.c.status == Status.BOOKED.value,
                appointments.c.starts_at > now + dt.timedelta(hours=nearer_lead_hours),
                appointments.c.starts_at <= now + dt.timedelta(hours=lead_hours),
                ~reminded.exists(),
            )
            .order_by(appointments.c.starts_at)
            .limit(limit)
        )
        return [_appointment(row) for row in self._all(query)]

    def claim(self, appointment: Appointment, lead_hours: int, now: dt.datetime) -> bool:
        """Whether this scheduler is the one to remind (another may have claimed it a moment ago)."""
        values = {"appointment_id": appointment.id, "lead_hours": lead_hours, "practice_id": appointment.practice_id}
        return self._insert_ignoring_conflict(appointment_reminders, values | {"claimed_at": now})

    def forget(self, practice_id: str, appointment_id: str) -> None:
        """A moved appointment is reminded of again, for its new time."""
        self._session.execute(
            delete(appointment_reminders).where(
                appointment_reminders.c.practice_id == practice_id,
                appointment_reminders.c.appointment_id == appointment_id,
            )
        )
