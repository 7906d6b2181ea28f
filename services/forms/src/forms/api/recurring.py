"""Staff schedule PHQ-9 or GAD-7 for a client every N days, list the schedules and stop one."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from forms.api import allowed, staff_caller, wiring
from forms.api.schemas import Moment, Strict
from forms.domain.recurring import MAX_EVERY_DAYS, MIN_EVERY_DAYS, RECURRING_TEMPLATES, RecurringAssessment
from forms.service import recurring

blueprint = Blueprint(
    "recurring", __name__, url_prefix="/api/v1/staff", description="Assessments given every N days until stopped."
)


class RecurringBody(Strict):
    template = fields.String(required=True, validate=validate.OneOf(RECURRING_TEMPLATES))
    every_days = fields.Integer(required=True, strict=True, validate=validate.Range(MIN_EVERY_DAYS, MAX_EVERY_DAYS))
    starts_on = fields.Date(load_default=None, allow_none=True)


class RecurringOut(Schema):
    id = fields.String()
    client_id = fields.String()
    template = fields.String()
    every_days = fields.Integer()
    starts_on = fields.Date()
    next_on = fields.Date(allow_none=True)
    active = fields.Boolean()
    created_at = Moment()
    created_by = fields.String()
    stopped_at = Moment(allow_none=True)
    stopped_by = fields.String(allow_none=True)
    last_assignment_id = fields.String(allow_none=True)


class RecurringListOut(Schema):
    items = fields.List(fields.Nested(RecurringOut))


@blueprint.post("/clients/<client_id>/recurring-assessments")
@allowed("assign")
@blueprint.arguments(RecurringBody)
@blueprint.response(201, RecurringOut)
def schedule(body: dict[str, Any], client_id: str) -> Any:
    """The first assignment is given on `starts_on` (default and at once: today), then every `every_days`."""
    made = recurring.schedule(
        wiring().unit_of_work(),
        wiring().identity,
        staff_caller(),
        client_id,
        body["template"],
        body["every_days"],
        body["starts_on"],
    )
    return shape(made)


@blueprint.get("/clients/<client_id>/recurring-assessments")
@allowed("read_status")
@blueprint.response(200, RecurringListOut)
def schedules(client_id: str) -> Any:
    found = recurring.schedules_of_client(wiring().unit_of_work(), wiring().identity, staff_caller(), client_id)
    return {"items": [shape(s) for s in found]}


@blueprint.delete("/clients/<client_id>/recurring-assessments/<schedule_id>")
@allowed("assign")
@blueprint.response(204)
def stop(client_id: str, schedule_id: str) -> Any:
    recurring.stop(wiring().unit_of_work(), staff_caller(), client_id, schedule_id)
    return ""


def shape(schedule: RecurringAssessment) -> dict[str, Any]:
    fields_ = ("id", "client_id", "template", "every_days", "starts_on", "next_on", "created_at", "created_by")
    more = ("stopped_at", "stopped_by", "last_assignment_id")
    return {name: getattr(schedule, name) for name in fields_ + more} | {"active": schedule.active}
