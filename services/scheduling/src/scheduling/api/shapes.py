"""How appointments and types look in answers."""

from __future__ import annotations

import dataclasses
from typing import Any

from scheduling.domain.appointment import Appointment
from scheduling.domain.availability import AppointmentType
from scheduling.domain.requests import AppointmentRequest

# What a client reads for a clinician the practice has not named yet (never empty, never an id).
UNNAMED_CLINICIAN = "Your clinician"


def appointment_shape(
    appointment: Appointment,
    names: dict[str, str] | None = None,
    join_urls: dict[str, str] | None = None,
    unnamed: str = "",
) -> dict[str, Any]:
    """`join_url`: the portal's join path while the caller may join the video, else None (the room's
    name is never shown). `unnamed`: the clinician's name when they have none (clients' answers give
    UNNAMED_CLINICIAN; staff's an empty one, their page names the staff member)."""
    shape = dataclasses.asdict(appointment)
    shape.pop("video_room")
    shape |= {
        "ends_at": appointment.ends_at,
        "mode": appointment.mode.value,
        "status": appointment.status.value,
        "cancelled_by": appointment.cancelled_by.value if appointment.cancelled_by else None,
        "clinician_name": (names or {}).get(appointment.clinician_id) or unnamed,
        "calendar_url": f"/api/v1/appointments/{appointment.id}/calendar",
        "join_url": (join_urls or {}).get(appointment.id),
        "video_opens_at": appointment.video_opens_at if appointment.mode.value == "video" else None,
    }
    return shape


def request_shape(request: AppointmentRequest | None) -> dict[str, Any] | None:
    if request is None:
        return None
    shape = dataclasses.asdict(request)
    return shape | {
        "kind": request.kind.value,
        "status": request.status.value,
        "proposed_times": list(request.proposed_times),
    }


def type_shape(kind: AppointmentType) -> dict[str, Any]:
    return dataclasses.asdict(kind) | {"mode": kind.mode.value}
