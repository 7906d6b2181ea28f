"""What practice staff do with invitations and see of their clients' portals."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint
from portalkit.auth import STAFF_ROLES, principal, requires

from invitations.api import wiring
from invitations.api.schemas import (
    BulkInviteBody,
    BulkInviteOut,
    InvitationLinkOut,
    PortalStatusesOut,
    PortalStatusesQuery,
    PortalStatusOut,
    RevokedInvitationOut,
    SendInvitationBody,
    SentInvitationOut,
)
from invitations.service.portals import portal_status, practice_portal_statuses
from invitations.service.sending import SendInvitation, send_invitation
from invitations.service.staff_actions import StaffMember, bulk_invite, copy_invitation_link, revoke_invitation

# Billing staff may see where a portal stands but do not invite.
INVITERS = ("owner", "admin", "clinician", "front_desk")

blueprint = Blueprint("staff", __name__, url_prefix="/api/v1/staff", description="Invitations sent by staff.")


def caller() -> StaffMember:
    who = principal()
    return StaffMember(who.practice_id, who.account_id, who.email)


@blueprint.post("/clients/<client_id>/invitations")
@requires(*INVITERS)
@blueprint.arguments(SendInvitationBody)
@blueprint.response(201, SentInvitationOut)
def send(body: dict[str, Any], client_id: str) -> Any:
    staff = caller()
    command = SendInvitation(staff.practice_id, client_id, staff.account_id, staff.email, body["email"])
    return send_invitation(wiring().unit_of_work(), wiring().identity, wiring().mailing, command)


@blueprint.post("/clients/<client_id>/invitations/revoke")
@requires(*INVITERS)
@blueprint.response(200, RevokedInvitationOut)
def revoke(client_id: str) -> Any:
    return revoke_invitation(wiring().unit_of_work(), caller(), client_id)


@blueprint.get("/clients/<client_id>/invitations/current/link")
@requires(*INVITERS)
@blueprint.response(200, InvitationLinkOut, headers={"Cache-Control": {"schema": {"type": "string"}}})
def copy_link(client_id: str) -> Any:
    link = copy_invitation_link(wiring().unit_of_work(), wiring().mailing, caller(), client_id)
    # The answer holds a live secret: no cache may keep it.
    return link, 200, {"Cache-Control": "no-store"}


@blueprint.post("/invitations/bulk")
@requires(*INVITERS)
@blueprint.arguments(BulkInviteBody)
@blueprint.response(200, BulkInviteOut)
def bulk(body: dict[str, Any]) -> Any:
    client_ids = list(dict.fromkeys(body["client_ids"]))
    results = bulk_invite(wiring().unit_of_work, wiring().identity, wiring().mailing, caller(), client_ids)
    return {"results": results}


@blueprint.get("/clients/<client_id>/portal-status")
@requires(*STAFF_ROLES)
@blueprint.response(200, PortalStatusOut)
def status(client_id: str) -> Any:
    return portal_status(wiring().unit_of_work(), wiring().identity, principal().practice_id, client_id)


@blueprint.get("/portal-statuses")
@requires(*STAFF_ROLES)
@blueprint.arguments(PortalStatusesQuery, location="query")
@blueprint.response(200, PortalStatusesOut)
def statuses(query: dict[str, Any]) -> Any:
    return practice_portal_statuses(wiring().unit_of_work(), principal().practice_id, query["status"])
