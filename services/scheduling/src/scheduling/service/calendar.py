"""What the client sees: their upcoming and past appointments, each as a calendar file, and a private
feed URL a calendar program subscribes to (the token is kept hashed; revoking ends it)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import secrets
import uuid

from portalkit.errors import Problem, not_found

from scheduling.adapters.unit_of_work import SchedulingUnitOfWork
from scheduling.domain.appointment import Appointment, Mode, Status
from scheduling.domain.calendar import CalendarEntry, CalendarFeed, calendar_text, entry_summary
from scheduling.domain.requests import AppointmentRequest
from scheduling.service.actors import ClientCaller
from scheduling.service.identity import Identity
from scheduling.service.video import CLIENT_JOIN_PATH, join_paths

FEED_NAME = "Appointments"


@dataclasses.dataclass(frozen=True)
class ClientAppointments:
    time_zone: str
    upcoming: list[Appointment]
    past: list[Appointment]
    clinician_names: dict[str, str]
    # The portal's join path of each video appointment that can be joined now (by appointment id).
    join_urls: dict[str, str]
    # The practice's cancellation policy, and each appointment's latest reschedule or cancel request.
    notice_hours: int
    requests: dict[str, AppointmentRequest]
    now: dt.datetime


def client_appointments(uow: SchedulingUnitOfWork, caller: ClientCaller, telehealth: bool) -> ClientAppointments:
    """Upcoming: booked and not yet ended, soonest first. Past: the rest, latest first. `telehealth`:
    False while the practice offers none (then no appointment can be joined from the portal)."""
    with uow:
        uow.read_as_one_moment()  # each appointment beside its latest request as they stood together
        now = uow.clock.now()
        every = uow.appointments.of_client(caller.practice_id, caller.client_id)
        upcoming = [a for a in every if a.status is Status.BOOKED and a.ends_at > now]
        past = [a for a in reversed(every) if a not in upcoming]
        policy = uow.settings.of(caller.practice_id)
        names = uow.clinicians.names(caller.practice_id)
        requests = uow.requests.latest_of(caller.practice_id, [a.id for a in every])
        links = join_paths(upcoming, now, telehealth, CLIENT_JOIN_PATH)
        return ClientAppointments(
            policy.time_zone, upcoming, past, names, links, policy.cancellation_notice_hours, requests, now
        )


def appointment_calendar(uow: SchedulingUnitOfWork, caller: ClientCaller, appointment_id: str) -> str:
    with uow:
        appointment = uow.appointments.by_id(caller.practice_id, appointment_id)
        if appointment is None or appointment.client_id != caller.client_id:
            raise not_found("Appointment")
        names = uow.clinicians.names(caller.practice_id)
        return calendar_text([_entry(appointment, names)], "Appointment")


def feed_calendar(uow: SchedulingUnitOfWork, identity: Identity, token: str) -> str:
    """The feed's appointments; an unknown or revoked token is 404 (never says which). The feed lives
    only as long as the account that opened it may open the profile: when a guardian's or partner's
    link ends or is removed, or the account is disabled, the feed is revoked for good (a link made
    again later needs a new feed). The feed is part of the portal's appointments: while the practice
    has them off it is an empty calendar (calendar programs then take the entries away, as the portal
    does), and the same URL fills again when they are back on."""
    with uow:
        feed = uow.feeds.by_token_hash(_hash(token))
        if feed is None or feed.revoked_at is not None:
            raise not_found("Calendar")
        if not identity.reaches(feed.practice_id, feed.client_id, feed.account_id):
            uow.feeds.revoke_all(feed.practice_id, feed.client_id, uow.clock.now())
            uow.commit()
            raise not_found("Calendar")
        if not identity.features(feed.practice_id).get("appointments", True):
            return calendar_text([], FEED_NAME)
        every = uow.appointments.of_client(feed.practice_id, feed.client_id)
        names = uow.clinicians.names(feed.practice_id)
        return calendar_text([_entry(a, names) for a in every], FEED_NAME)


def open_feed(uow: SchedulingUnitOfWork, caller: ClientCaller) -> str:
    """A new private feed token (the older one stops working); shown once, kept hashed."""
    token = secrets.token_urlsafe(32)
    with uow:
        now = uow.clock.now()
        uow.feeds.revoke_all(caller.practice_id, caller.client_id, now)
        feed = CalendarFeed(
            str(uuid.uuid4()), caller.practice_id, caller.client_id, caller.account_id, _hash(token), now
        )
        uow.feeds.add(feed)
        uow.commit()
    return token


def feed_opened_at(uow: SchedulingUnitOfWork, caller: ClientCaller) -> CalendarFeed | None:
    with uow:
        return uow.feeds.current(caller.practice_id, caller.client_id)


def revoke_feed(uow: SchedulingUnitOfWork, caller: ClientCaller) -> None:
    with uow:
        if not uow.feeds.revoke_all(caller.practice_id, caller.client_id, uow.clock.now()):
            raise Problem(404, "not-found", "There is no calendar feed to turn off.")
        uow.commit()


def _entry(appointment: Appointment, names: dict[str, str]) -> CalendarEntry:
    name = names.get(appointment.clinician_id, "")
    place = "Video (join from the portal)" if appointment.mode is Mode.VIDEO else appointment.location or ""
    return CalendarEntry(
        uid=f"{appointment.id}@scheduling",
        starts_at=appointment.starts_at,
        ends_at=appointment.ends_at,
        summary=entry_summary(name, appointment.mode),
        location=place,
        status=appointment.status,
        stamp=appointment.cancelled_at or appointment.created_at,
    )


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
