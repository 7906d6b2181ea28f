"""The client's dashboard, assembled by the gateway: the tasks to complete (none yet: no service
that gives clients tasks exists) and which portal features the practice offers, so the page shows
only the sections of features that are on."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, request
from portalkit.auth import bearer_token

from gateway.api.admission import Admission
from gateway.api.browser_session import access_token_from_cookie

DASHBOARD_PATH = "/api/v1/dashboard"


def dashboard_blueprint(admission: Admission) -> Blueprint:
    blueprint = Blueprint("dashboard", __name__)

    @blueprint.get(DASHBOARD_PATH)
    def dashboard() -> dict[str, Any]:
        caller = admission.admit(bearer_token() or access_token_from_cookie(request, None), DASHBOARD_PATH)
        return {"tasks": [], "features": admission.features.of(caller.practice_id)}

    return blueprint
