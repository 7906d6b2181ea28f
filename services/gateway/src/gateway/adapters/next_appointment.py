"""The client's next appointment for the dashboard, asked of scheduling with the client's own access
token. Scheduling being down or slow takes the appointment out of the dashboard, never the dashboard
itself (`AppointmentsUnavailable`)."""

from __future__ import annotations

from typing import Any

from gateway.adapters.as_client import get_as_client
from gateway.adapters.upstream import Upstream

APPOINTMENTS_PATH = "/api/v1/appointments"
SHOWN_FIELDS = (
    "id",
    "starts_at",
    "ends_at",
    "time_zone",
    "clinician_name",
    "mode",
    "location",
    "calendar_url",
    "join_url",
    "video_opens_at",
)


class AppointmentsUnavailable(Exception):
    """Scheduling could not say (down, too slow, an answer that could not be read)."""


class NextAppointment:
    def __init__(self, upstream: Upstream, scheduling_url: str, timeout: float = 3.0) -> None:
        self._upstream = upstream
        self._url = scheduling_url.rstrip("/") + APPOINTMENTS_PATH
        self._timeout = timeout

    def of(self, access_token: str) -> dict[str, Any] | None:
        """The soonest upcoming appointment (scheduling lists them soonest first), or None."""
        document = get_as_client(self._upstream, self._url, access_token, self._timeout, AppointmentsUnavailable)
        if document is None:
            return None  # a caller with no client profile has no appointments
        upcoming = document.get("upcoming")
        if not isinstance(upcoming, list) or not all(isinstance(item, dict) and "id" in item for item in upcoming):
            raise AppointmentsUnavailable()
        return {name: upcoming[0].get(name) for name in SHOWN_FIELDS} if upcoming else None
