"""What the client sees and does: their appointments, a calendar file each, a private calendar feed,
and (when the practice offers self-scheduling) open slots to book."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask_smorest import Blueprint
from portalkit.auth import requires

from scheduling.api import client_caller, enter_room, telehealth_offered, wiring
from scheduling.api.schemas import (
    AppointmentOut,
    AskBody,
    BookingOptionsOut,
    BookSlotBody,
    CalendarFeedOut,
    ClientAppointmentsOut,
    RequestOut,
    SlotsOut,
    SlotsQuery,
)
from scheduling.api.shapes import UNNAMED_CLINICIAN, appointment_shape, request_shape, type_shape
from scheduling.domain.appointment import Appointment
from scheduling.domain.requests import RequestKind
from scheduling.service import booking, calendar, requests

blueprint = Blueprint("client", __name__, url_prefix="/api/v1", description="The client's appointments.")
FEED_PATH = "/api/v1/calendar-feeds/"


@blueprint.get("/appointments")
@requires("client")
@blueprint.response(200, ClientAppointmentsOut)
def my_appointments() -> Any:
    caller = client_caller()
    seen = calendar.client_appointments(wiring().unit_of_work(), caller, telehealth_offered(caller.practice_id))
    names = seen.clinician_names

    def shape(appointment: Appointment, links: dict[str, str] | None = None) -> dict[str, Any]:
        late = appointment.late_if_cancelled_at(seen.now, seen.notice_hours)
        extra = {"request": request_shape(seen.requests.get(appointment.id)), "late_if_cancelled_now": late}
        return appointment_shape(appointment, names, links, UNNAMED_CLINICIAN) | extra

    return {
        "time_zone": seen.time_zone,
        "cancellation_notice_hours": seen.notice_hours,
        "upcoming": [shape(a, seen.join_urls) for a in seen.upcoming],
        "past": [shape(a) for a in seen.past],
    }


@blueprint.post("/appointments/<appointment_id>/requests")
@requires("client")
@blueprint.arguments(AskBody)
@blueprint.response(201, RequestOut)
def ask(body: dict[str, Any], appointment_id: str) -> Any:
    """Ask to reschedule (`proposed_times`: 1 to 3) or to cancel (`reason`); staff answer."""
    wish = requests.Ask(RequestKind(body["kind"]), body["reason"].strip(), tuple(body["proposed_times"]))
    return request_shape(requests.ask(wiring().unit_of_work(), client_caller(), appointment_id, wish)), 201


@blueprint.get("/appointments/<appointment_id>/video")
@requires("client")
@blueprint.response(303)
def join_video(appointment_id: str) -> Any:
    """To the video room (with the client's own token), from 10 minutes before the start until the end."""
    return enter_room(client_caller(), appointment_id)


@blueprint.get("/appointments/<appointment_id>/calendar")
@requires("client")
def appointment_file(appointment_id: str) -> Response:
    text = calendar.appointment_calendar(wiring().unit_of_work(), client_caller(), appointment_id)
    return calendar_response(text, "appointment.ics")


def calendar_response(text: str, filename: str) -> Response:
    response = Response(text, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.get("/appointments/calendar-feed")
@requires("client")
@blueprint.response(200, CalendarFeedOut)
def feed_state() -> Any:
    """Whether a feed is on (its URL is shown only once, when it is made)."""
    feed = calendar.feed_opened_at(wiring().unit_of_work(), client_caller())
    return {"active": feed is not None, "created_at": feed.created_at if feed else None, "url": None}


@blueprint.post("/appointments/calendar-feed")
@requires("client")
@blueprint.response(201, CalendarFeedOut)
def open_feed() -> Any:
    """A new private feed URL; an older one stops working."""
    token = calendar.open_feed(wiring().unit_of_work(), client_caller())
    url = wiring().public_base_url.rstrip("/") + FEED_PATH + token
    return {"active": True, "created_at": None, "url": url}, 201


@blueprint.delete("/appointments/calendar-feed")
@requires("client")
@blueprint.response(204)
def revoke_feed() -> Any:
    calendar.revoke_feed(wiring().unit_of_work(), client_caller())
    return "", 204


@blueprint.get("/calendar-feeds/<token>")
def feed(token: str) -> Response:
    """For calendar programs: no sign-in, the unguessable token is the key. Empty while the practice has
    appointments off (the gateway cannot tell: the practice is known from the token only)."""
    text = calendar.feed_calendar(wiring().unit_of_work(), wiring().identity, token)
    return calendar_response(text, "appointments.ics")


@blueprint.get("/booking/options")
@requires("client")
@blueprint.response(200, BookingOptionsOut)
def booking_options() -> Any:
    found = booking.options(wiring().unit_of_work(), client_caller().practice_id)
    clinicians = [{"id": c, "name": name or UNNAMED_CLINICIAN} for c, name in found.clinicians.items()]
    return {"clinicians": clinicians, "types": [type_shape(t) for t in found.types]}


@blueprint.get("/booking/slots")
@requires("client")
@blueprint.arguments(SlotsQuery, location="query")
@blueprint.response(200, SlotsOut)
def open_slots(query: dict[str, Any]) -> Any:
    found, zone = booking.slots(
        wiring().unit_of_work(),
        client_caller().practice_id,
        query["clinician_id"],
        query["type_id"],
        query["start"],
        query["end"],
    )
    return {"time_zone": zone, "slots": found}


@blueprint.post("/booking/appointments")
@requires("client")
@blueprint.arguments(BookSlotBody)
@blueprint.response(201, AppointmentOut)
def book_slot(body: dict[str, Any]) -> Any:
    caller = client_caller()
    booked = booking.book_slot(
        wiring().unit_of_work(), caller, body["clinician_id"], body["type_id"], body["starts_at"]
    )
    names = booking.options(wiring().unit_of_work(), caller.practice_id).clinicians
    return appointment_shape(booked, names, unnamed=UNNAMED_CLINICIAN), 201
