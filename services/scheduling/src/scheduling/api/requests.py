"""Staff answer clients' reschedule and cancel requests."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint

from scheduling.api import allowed, staff_caller, wiring
from scheduling.api.schemas import ApproveBody, DeclineBody, PendingRequestsOut, RequestOut
from scheduling.api.shapes import appointment_shape, request_shape
from scheduling.service import requests

blueprint = Blueprint("requests", __name__, url_prefix="/api/v1/staff", description="Clients' requests.")


@blueprint.get("/appointment-requests")
@allowed("book")
@blueprint.response(200, PendingRequestsOut)
def pending() -> Any:
    """The requests waiting for an answer, oldest first, each with its appointment."""
    found = requests.pending(wiring().unit_of_work(), staff_caller())
    items = [request_shape(request) | {"appointment": appointment_shape(appointment)} for request, appointment in found]
    return {"items": items}


@blueprint.post("/appointment-requests/<request_id>/approve")
@allowed("book")
@blueprint.arguments(ApproveBody)
@blueprint.response(200, RequestOut)
def approve(body: dict[str, Any], request_id: str) -> Any:
    """A cancellation cancels the appointment; a reschedule moves it to `starts_at`."""
    answered = requests.approve(
        wiring().unit_of_work(), staff_caller(), request_id, body["starts_at"], body["message"].strip()
    )
    return request_shape(answered)


@blueprint.post("/appointment-requests/<request_id>/decline")
@allowed("book")
@blueprint.arguments(DeclineBody)
@blueprint.response(200, RequestOut)
def decline(body: dict[str, Any], request_id: str) -> Any:
    return request_shape(requests.decline(wiring().unit_of_work(), staff_caller(), request_id, body["message"].strip()))
