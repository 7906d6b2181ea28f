"""What practice staff do with invitations and see of their clients' portals."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint
from portalkit.auth import STAFF_ROLES, principal, requires

from invitations.api import wiring
from invitations.api.schemas import PortalStatusesOut, PortalStatusOut, SendInvitationBody, SentInvitationOut
from invitations.service.portals import portal_status, practice_portal_statuses
from invitations.service.sending import SendInvitation, send_invitation

# Billing staff may see where a portal stands but do not invite.
INVITERS = ("owner", "admin", "clinician", "front_desk")

blueprint = Blueprint("staff", __name__, url_prefix="/api/v1/staff", description="Invitations sent by staff.")


@blueprint.post("/clients/<client_id>/invitations")
@requires(*INVITERS)
@blueprint.arguments(SendInvitationBody)
@blueprint.response(201, SentInvitationOut)
def send(body: dict[str, Any], client_id: str) -> Any:
    caller = principal()
    command = SendInvitation(caller.practice_id, client_id, caller.account_id, caller.email, body["email"])
    return send_invitation(wiring().unit_of_work(), wiring().identity, wiring().mailing, command)


@blueprint.get("/clients/<client_id>/portal-status")
@requires(*STAFF_ROLES)
@blueprint.response(200, PortalStatusOut)
def status(client_id: str) -> Any:
    return portal_status(wiring().unit_of_work(), wiring().identity, principal().practice_id, client_id)


@blueprint.get("/portal-statuses")
@requires(*STAFF_ROLES)
@blueprint.response(200, PortalStatusesOut)
def statuses() -> Any:
    return {"items": practice_portal_statuses(wiring().unit_of_work(), principal().practice_id)}
