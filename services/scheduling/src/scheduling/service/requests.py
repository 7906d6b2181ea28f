"""Clients ask to reschedule (proposing times) or cancel (with a reason); staff approve or decline with
a message. Approving moves or cancels the appointment in the same transaction; a cancellation the
client asked for late is a late cancellation, however soon staff answer. `scheduling.request.created`
and `.answered` (ids, the kind and the answer; never the reason or the message) let the notifier email
the staff and the client."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import uuid
from collections.abc import Iterator

from portalkit.errors import Problem, ValidationProblem, not_found
from sqlalchemy.exc import IntegrityError

from scheduling.adapters.unit_of_work import SchedulingUnitOfWork
from scheduling.domain.appointment import Appointment, CancelledBy, Status
from scheduling.domain.requests import AppointmentRequest, RequestClosed, RequestKind
from scheduling.service.actors import ClientCaller, Staff
from scheduling.service.appointments import cancelled_in, get, invalid_as_422, moved_in, taken_as_409

REQUEST_CREATED = "scheduling.request.created"
REQUEST_ANSWERED = "scheduling.request.answered"


@dataclasses.dataclass(frozen=True)
class Ask:
    kind: RequestKind
    reason: str
    proposed_times: tuple[dt.datetime, ...] = ()


def ask(uow: SchedulingUnitOfWork, caller: ClientCaller, appointment_id: str, wish: Ask) -> AppointmentRequest:
    with uow, _one_open():
        appointment = uow.appointments.by_id(caller.practice_id, appointment_id)
        if appointment is None or appointment.client_id != caller.client_id:
            raise not_found("Appointment")
        now = uow.clock.now()
        if appointment.status is not Status.BOOKED or appointment.starts_at <= now:
            raise Problem(409, "appointment-closed", "This appointment can no longer be changed.")
        with invalid_as_422():
            request = AppointmentRequest(
                str(uuid.uuid4()),
                caller.practice_id,
                appointment_id,
                caller.client_id,
                wish.kind,
                wish.reason,
                wish.proposed_times,
                now,
                caller.account_id,
            )
        uow.requests.add(request)
        data = _ids(request) | {"clinician_id": appointment.clinician_id}
        uow.publish(REQUEST_CREATED, data, caller.practice_id)
        uow.commit()
        return request


@contextlib.contextmanager
def _one_open() -> Iterator[None]:
    try:
        yield
    except IntegrityError as error:  # the partial unique index: one pending request per appointment
        raise Problem(409, "request-pending", "You asked already.", "Your practice will answer soon.") from error


def pending(uow: SchedulingUnitOfWork, staff: Staff) -> list[tuple[AppointmentRequest, Appointment]]:
    with uow:
        requests = uow.requests.pending(staff.practice_id)
        found = [(r, uow.appointments.by_id(staff.practice_id, r.appointment_id)) for r in requests]
        return [(request, appointment) for request, appointment in found if appointment is not None]


def approve(
    uow: SchedulingUnitOfWork, staff: Staff, request_id: str, starts_at: dt.datetime | None, message: str
) -> AppointmentRequest:
    """A reschedule takes `starts_at` (one of the proposed times, or another); a cancel takes none."""
    with uow, _answering(), taken_as_409():
        request = _request(uow, staff, request_id).decided(True, staff.account_id, uow.clock.now(), message)
        appointment = get(uow, staff.practice_id, request.appointment_id)
        if request.kind is RequestKind.CANCEL:
            cancelled_in(uow, appointment, CancelledBy.CLIENT, asked_at=request.created_at)
        elif starts_at is None:
            raise ValidationProblem({"starts_at": ["Choose the new time."]})
        else:
            moved_in(uow, appointment, starts_at)
        _answered(uow, request)
        uow.commit()
        return request


def decline(uow: SchedulingUnitOfWork, staff: Staff, request_id: str, message: str) -> AppointmentRequest:
    with uow, _answering():
        request = _request(uow, staff, request_id).decided(False, staff.account_id, uow.clock.now(), message)
        _answered(uow, request)
        uow.commit()
        return request


def _answered(uow: SchedulingUnitOfWork, request: AppointmentRequest) -> None:
    """Save the answer and tell the client (by email: only that there is one, never the message)."""
    uow.requests.save(request)
    uow.publish(REQUEST_ANSWERED, _ids(request) | {"status": request.status.value}, request.practice_id)


def _ids(request: AppointmentRequest) -> dict[str, str]:
    return {
        "request_id": request.id,
        "appointment_id": request.appointment_id,
        "client_id": request.client_id,
        "kind": request.kind.value,
    }


def _request(uow: SchedulingUnitOfWork, staff: Staff, request_id: str) -> AppointmentRequest:
    request = uow.requests.by_id(staff.practice_id, request_id, lock=True)
    if request is None:
        raise not_found("Request")
    return request


@contextlib.contextmanager
def _answering() -> Iterator[None]:
    try:
        yield
    except RequestClosed as error:
        raise Problem(409, "request-answered", "This request was answered already.") from error
