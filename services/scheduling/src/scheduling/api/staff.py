"""What practice staff do: book, move, cancel, mark missed; the calendar of a period."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from flask import url_for
from flask_smorest import Blueprint
from portalkit.errors import ValidationProblem

from scheduling.api import allowed, enter_room, staff_caller, telehealth_offered, wiring
from scheduling.api.schemas import (
    AppointmentOut,
    AppointmentsOut,
    CancelBody,
    MoveBody,
    MovedOut,
    MoveSeriesBody,
    NewAppointmentBody,
    RangeQuery,
    WarningsOut,
)
from scheduling.api.shapes import appointment_shape
from scheduling.domain.appointment import Appointment, CancelledBy, Mode, Place
from scheduling.domain.availability import AppointmentType
from scheduling.domain.recurrence import Repeat
from scheduling.service import appointments, hours, series
from scheduling.service.appointments import NewAppointment, invalid_as_422

blueprint = Blueprint("staff", __name__, url_prefix="/api/v1/staff", description="Appointments kept by staff.")
LONGEST_RANGE = dt.timedelta(days=62)


@blueprint.post("/appointments")
@allowed("book")
@blueprint.arguments(NewAppointmentBody)
@blueprint.response(201, AppointmentsOut)
def book(body: dict[str, Any]) -> Any:
    """One appointment, or a series when `repeat` is given (every 1 or 2 weeks, `count` times)."""
    made = appointments.book(wiring().unit_of_work(), wiring().identity, staff_caller(), _new(body))
    location = url_for("staff.appointment", appointment_id=made[0].id)
    return _with_warnings(made), 201, {"Location": location}


@blueprint.post("/appointments/check")
@allowed("book")
@blueprint.arguments(NewAppointmentBody)
@blueprint.response(200, WarningsOut)
def check(body: dict[str, Any]) -> Any:
    """What booking this body would be warned of (outside the clinician's weekly hours); books nothing."""
    found = hours.check(wiring().unit_of_work(), staff_caller(), _new(body))
    return {"warnings": [dataclasses.asdict(w) for w in found]}


def _with_warnings(changed: list[Appointment]) -> dict[str, Any]:
    found = hours.warnings(wiring().unit_of_work(), changed)
    return {"items": [appointment_shape(a) for a in changed], "warnings": [dataclasses.asdict(w) for w in found]}


def _new(body: dict[str, Any]) -> NewAppointment:
    kind = _type(body["type_id"]) if body["type_id"] else None
    mode = Mode(body.get("mode") or (kind.mode.value if kind else "video"))
    location = body["location"] if body.get("mode") else (kind.location if kind else None)
    with invalid_as_422():
        place = Place(mode, location if mode is Mode.IN_PERSON else None)
    repeat = Repeat(body["repeat"]["every_weeks"], body["repeat"]["count"]) if body["repeat"] else None
    return NewAppointment(
        clinician_id=body["clinician_id"],
        client_id=body["client_id"],
        type_name=body["type_name"] or (kind.name if kind else ""),
        starts_at=body["starts_at"],
        duration_minutes=body["duration_minutes"] or (kind.duration_minutes if kind else 0),
        place=place,
        type_id=kind.id if kind else None,
        buffer_minutes=kind.buffer_minutes if kind else 0,
        repeat=repeat,
    )


def _type(type_id: str) -> AppointmentType:
    return appointments.appointment_type(wiring().unit_of_work(), staff_caller().practice_id, type_id)


@blueprint.get("/appointments")
@allowed("read_appointments")
@blueprint.arguments(RangeQuery, location="query")
@blueprint.response(200, AppointmentsOut)
def calendar(query: dict[str, Any]) -> Any:
    """The practice's appointments from `from` to `to` (at most 62 days), of a clinician or a client."""
    start, end = query["start"], query["end"]
    if start is None or end is None or not start < end <= start + LONGEST_RANGE:
        raise ValidationProblem({"to": ["Give `from` and `to`, at most 62 days apart."]})
    staff = staff_caller()
    chosen = (query["clinician_id"], query["client_id"])
    seen = appointments.calendar(
        wiring().unit_of_work(), staff, start, end, chosen, telehealth_offered(staff.practice_id)
    )
    return {"items": [appointment_shape(a, seen.clinician_names, seen.join_urls) for a in seen.appointments]}


@blueprint.get("/appointments/<appointment_id>")
@allowed("read_appointments")
@blueprint.response(200, AppointmentOut)
def appointment(appointment_id: str) -> Any:
    found, names = appointments.one(wiring().unit_of_work(), staff_caller().practice_id, appointment_id)
    return appointment_shape(found, names)


@blueprint.get("/appointments/<appointment_id>/video")
@allowed("read_appointments")
@blueprint.response(303)
def join_video(appointment_id: str) -> Any:
    """To the video room as its moderator: the appointment's clinician only, while it can be joined."""
    return enter_room(staff_caller(), appointment_id)


@blueprint.post("/appointments/<appointment_id>/move")
@allowed("book")
@blueprint.arguments(MoveBody)
@blueprint.response(200, MovedOut)
def move(body: dict[str, Any], appointment_id: str) -> Any:
    place = None
    if body.get("mode"):
        with invalid_as_422():
            place = Place(Mode(body["mode"]), body["location"])
    moved = appointments.move(
        wiring().unit_of_work(), staff_caller(), appointment_id, body["starts_at"], body["duration_minutes"], place
    )
    found = hours.warnings(wiring().unit_of_work(), [moved])
    return appointment_shape(moved) | {"warnings": [dataclasses.asdict(w) for w in found]}


@blueprint.post("/appointments/<appointment_id>/move-series")
@allowed("book")
@blueprint.arguments(MoveSeriesBody)
@blueprint.response(200, AppointmentsOut)
def move_series(body: dict[str, Any], appointment_id: str) -> Any:
    """Every occurrence not yet started (`scope: series`) or this one and the later ones (`following`):
    `starts_at` is this occurrence's new start, the others move as far on the practice's wall clock."""
    change = series.SeriesChange(
        series.Scope(body["scope"]), body["starts_at"], body["duration_minutes"], body["clinician_id"]
    )
    moved = series.move_series(wiring().unit_of_work(), wiring().identity, staff_caller(), appointment_id, change)
    return _with_warnings(moved)


@blueprint.post("/appointments/<appointment_id>/cancel")
@allowed("book")
@blueprint.arguments(CancelBody)
@blueprint.response(200, AppointmentOut)
def cancel(body: dict[str, Any], appointment_id: str) -> Any:
    """`by`: who cancelled; the client cancelling with less than the practice's notice is a late cancellation."""
    cancelled = appointments.cancel(
        wiring().unit_of_work(), staff_caller().practice_id, appointment_id, CancelledBy(body["by"])
    )
    return appointment_shape(cancelled)


@blueprint.post("/appointments/<appointment_id>/no-show")
@allowed("book")
@blueprint.response(200, AppointmentOut)
def no_show(appointment_id: str) -> Any:
    return appointment_shape(
        appointments.mark_no_show(wiring().unit_of_work(), staff_caller().practice_id, appointment_id)
    )
