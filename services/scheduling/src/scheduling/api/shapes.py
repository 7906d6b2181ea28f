"""How appointments and types look in answers."""

from __future__ import annotations

import dataclasses
from typing import Any

from scheduling.domain.appointment import Appointment
from scheduling.domain.availability import AppointmentType


def appointment_shape(appointment: Appointment, names: dict[str, str] | None = None) -> dict[str, Any]:
    shape = dataclasses.asdict(appointment)
    shape |= {
        "ends_at": appointment.ends_at,
        "mode": appointment.mode.value,
        "status": appointment.status.value,
        "cancelled_by": appointment.cancelled_by.value if appointment.cancelled_by else None,
        "clinician_name": (names or {}).get(appointment.clinician_id) or "Your clinician",
        "calendar_url": f"/api/v1/appointments/{appointment.id}/calendar",
    }
    return shape


def type_shape(kind: AppointmentType) -> dict[str, Any]:
    return dataclasses.asdict(kind) | {"mode": kind.mode.value}
