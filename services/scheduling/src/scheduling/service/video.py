"""The port to the video provider: the address of an appointment's room. Rooms are named with 192
random bits when a video appointment is booked (or moved to video), so no one can guess one; the portal
hands the address only to the appointment's client and clinician, and only while it can be joined."""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from typing import Protocol

from scheduling.domain.appointment import Appointment, Mode


class VideoRooms(Protocol):
    def room_url(self, room: str) -> str: ...


def with_room(appointment: Appointment) -> Appointment:
    """A video appointment gets its room once; an in-person one needs none."""
    if appointment.mode is not Mode.VIDEO or appointment.video_room:
        return appointment
    return dataclasses.replace(appointment, video_room=secrets.token_urlsafe(24))


def join_urls(appointments: list[Appointment], now: dt.datetime, video: VideoRooms | None) -> dict[str, str]:
    """The room addresses of those that can be joined now, by appointment id; none without `video`."""
    if video is None:
        return {}
    return {a.id: video.room_url(a.video_room) for a in appointments if a.joinable(now) and a.video_room}
