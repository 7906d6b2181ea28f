"""What staff set up: the practice's scheduling policy, appointment types, clinicians' availability."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask_smorest import Blueprint

from scheduling.api import allowed, staff_caller, wiring
from scheduling.api.schemas import (
    AvailabilityBody,
    CliniciansOut,
    PolicyOut,
    PolicyPatch,
    TypeBody,
    TypeOut,
    TypesOut,
)
from scheduling.api.shapes import type_shape
from scheduling.domain.appointment import Mode
from scheduling.domain.availability import WeeklyWindow
from scheduling.service import setup
from scheduling.service.appointments import invalid_as_422

blueprint = Blueprint("setup", __name__, url_prefix="/api/v1/staff", description="Scheduling set-up.")


@blueprint.get("/scheduling/settings")
@allowed("read_appointments")
@blueprint.response(200, PolicyOut)
def policy() -> Any:
    return setup.policy_of(wiring().unit_of_work(), staff_caller().practice_id)


@blueprint.patch("/scheduling/settings")
@allowed("change_settings")
@blueprint.arguments(PolicyPatch)
@blueprint.response(200, PolicyOut)
def change_policy(body: dict[str, Any]) -> Any:
    return setup.change_policy(wiring().unit_of_work(), staff_caller().practice_id, body)


@blueprint.get("/appointment-types")
@allowed("read_appointments")
@blueprint.response(200, TypesOut)
def types() -> Any:
    return {"items": [type_shape(t) for t in setup.types_of(wiring().unit_of_work(), staff_caller().practice_id)]}


@blueprint.post("/appointment-types")
@allowed("edit_types")
@blueprint.arguments(TypeBody)
@blueprint.response(201, TypeOut)
def add_type(body: dict[str, Any]) -> Any:
    fields = body | {"mode": Mode(body["mode"])}
    if fields["mode"] is Mode.VIDEO:
        fields["location"] = None
    return type_shape(setup.add_type(wiring().unit_of_work(), staff_caller().practice_id, fields)), 201


@blueprint.get("/clinicians")
@allowed("read_appointments")
@blueprint.response(200, CliniciansOut)
def clinicians() -> Any:
    found = setup.clinicians(wiring().unit_of_work(), wiring().identity, staff_caller().practice_id)
    return {"items": found}


@blueprint.put("/clinicians/<clinician_id>/availability")
@allowed("set_availability")
@blueprint.arguments(AvailabilityBody)
@blueprint.response(204)
def set_availability(body: dict[str, Any], clinician_id: str) -> Any:
    """Replaces the clinician's name (as clients see it) and weekly windows, in the practice's time zone."""
    with invalid_as_422():
        windows = [WeeklyWindow(w["weekday"], _time(w["starts"]), _time(w["ends"])) for w in body["windows"]]
    setup.set_availability(
        wiring().unit_of_work(),
        wiring().identity,
        staff_caller().practice_id,
        clinician_id,
        body["display_name"],
        windows,
    )
    return "", 204


def _time(moment: dt.time) -> dt.time:
    return moment.replace(second=0, microsecond=0)
