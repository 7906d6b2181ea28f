"""Telehealth: rooms are named with 192 random bits when a video appointment is booked (or moved to
video), so no one can guess one. Only the appointment's client and its clinician are let in, from 10
minutes before the start until the end, and only while the practice offers telehealth: each gets the
room's address with a token of their own (see adapters/video.py), from `enter`; every other answer
carries at most the portal's join path, never the room's name."""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from typing import Protocol

from portalkit.clock import utc_iso
from portalkit.errors import Problem, not_found

from scheduling.adapters.unit_of_work import SchedulingUnitOfWork
from scheduling.domain.appointment import Appointment, Mode, Status
from scheduling.service.actors import ClientCaller, Staff
from scheduling.service.identity import Identity

CLIENT_JOIN_PATH = "/api/v1/appointments/{id}/video"
STAFF_JOIN_PATH = "/api/v1/staff/appointments/{id}/video"
# How participants are named in the room when the portal has no better name.
CLIENT_NAME, CLINICIAN_NAME = "Client", "Clinician"


@dataclasses.dataclass(frozen=True)
class Participant:
    id: str
    name: str
    moderator: bool


class VideoRooms(Protocol):
    def join_url(self, room: str, participant: Participant, until: dt.datetime) -> str:
        """The room's address for this participant, good until `until`."""
        ...


def with_room(appointment: Appointment) -> Appointment:
    """A video appointment gets its room once; an in-person one needs none. Lowercase hex: Jitsi folds
    room names (and a token's `room`) to lowercase, so mixed case would carry fewer bits than it seems."""
    if appointment.mode is not Mode.VIDEO or appointment.video_room:
        return appointment
    return dataclasses.replace(appointment, video_room=secrets.token_hex(24))


def join_paths(appointments: list[Appointment], now: dt.datetime, offered: bool, path: str) -> dict[str, str]:
    """The portal's join path of each appointment that can be joined now (none while telehealth is off)."""
    if not offered:
        return {}
    return {a.id: path.format(id=a.id) for a in appointments if a.joinable(now)}


def enter(
    uow: SchedulingUnitOfWork, identity: Identity, video: VideoRooms, who: ClientCaller | Staff, appointment_id: str
) -> str:
    """The room's address for `who`, a participant, while the room is open; anyone else: 404 (the
    appointment's client or another practice) or 403 (another staff member)."""
    with uow:
        appointment = uow.appointments.by_id(who.practice_id, appointment_id)
        if appointment is None or (isinstance(who, ClientCaller) and appointment.client_id != who.client_id):
            raise not_found("Appointment")
        if isinstance(who, Staff) and appointment.clinician_id != who.account_id:
            raise Problem(403, "not-a-participant", "Only the appointment's clinician joins its video.")
        _check_open(appointment, uow.clock.now())
        clinician = uow.clinicians.names(who.practice_id).get(appointment.clinician_id) or CLINICIAN_NAME
    assert appointment.video_room is not None
    if isinstance(who, Staff):
        participant = Participant(who.account_id, clinician, moderator=True)
    else:
        contact = identity.contact(who.practice_id, appointment.client_id)
        participant = Participant(who.client_id, (contact.first_name if contact else "") or CLIENT_NAME, False)
    return video.join_url(appointment.video_room, participant, appointment.ends_at)


def _check_open(appointment: Appointment, now: dt.datetime) -> None:
    if appointment.mode is not Mode.VIDEO or appointment.video_room is None:
        raise Problem(409, "not-video", "This appointment is not a video appointment.")
    if appointment.status is not Status.BOOKED:
        raise Problem(409, "appointment-closed", "This appointment was cancelled or missed.")
    if now < appointment.video_opens_at:
        raise Problem(
            409,
            "video-not-open",
            "The video opens 10 minutes before the appointment.",
            "Come back then.",
            opens_at=utc_iso(appointment.video_opens_at),
        )
    if now >= appointment.ends_at:
        raise Problem(409, "video-ended", "This appointment has ended.")
