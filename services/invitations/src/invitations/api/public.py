"""The invitation link a client opens: see it (never uses it up), then accept it."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint

from invitations.api import wiring
from invitations.api.schemas import AcceptedInvitationOut, AcceptInvitationBody, OpenInvitationOut
from invitations.service.acceptance import AcceptInvitation, accept_invitation, open_invitation

blueprint = Blueprint(
    "invitations", __name__, url_prefix="/api/v1/invitations", description="Invitation links opened by clients."
)

ACCEPTANCE_FIELDS = ("accept_terms", "accept_privacy", "accept_electronic_notices")


@blueprint.get("/<token>")
@blueprint.response(200, OpenInvitationOut)
def show(token: str) -> Any:
    return open_invitation(wiring().unit_of_work(), wiring().agreements, token)


@blueprint.post("/<token>/accept")
@blueprint.arguments(AcceptInvitationBody)
@blueprint.response(201, AcceptedInvitationOut)
def accept(body: dict[str, Any], token: str) -> Any:
    command = AcceptInvitation(
        token=token,
        password=body["password"],
        accepted=frozenset(name for name in ACCEPTANCE_FIELDS if body[name]),
        password_confirmation=body["password_confirmation"],
    )
    return accept_invitation(wiring().unit_of_work(), wiring().identity, wiring().agreements, command)
