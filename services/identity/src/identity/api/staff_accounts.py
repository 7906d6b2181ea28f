"""Staff actions on a client's portal account: a sign-in PIN, a reset link, disable and enable, and
the account's sign-in history. A client of another practice is 404, like one that does not exist."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint
from portalkit.auth import principal

from identity.api import caller, dependencies, staff
from identity.api.schemas import (
    AccountHistorySchema,
    AccountStateSchema,
    ClientTwoFactorResetSchema,
    IssuedPinSchema,
    ResetLinkRequestSchema,
    ResetLinkSchema,
)
from identity.service import account_access

blp = Blueprint(
    "staff-accounts", __name__, url_prefix="/api/v1/staff/clients", description="A client's portal account."
)


@blp.post("/<client_id>/sign-in-pin")
@staff("send_sign_in_pin")
@blp.response(201, IssuedPinSchema)
def issue_sign_in_pin(client_id: str) -> dict[str, Any]:
    deps, who = dependencies(), principal()
    return account_access.issue_sign_in_pin(
        deps.uow(), who.practice_id, client_id, who.account_id, deps.delivery.pepper, caller()
    )


@blp.post("/<client_id>/reset-link")
@staff("send_reset_link")
@blp.arguments(ResetLinkRequestSchema)
@blp.response(201, ResetLinkSchema)
def issue_reset_link(body: dict[str, Any], client_id: str) -> dict[str, Any]:
    deps, who = dependencies(), principal()
    choice = (body["expires_at"], body["send_email"])
    return account_access.issue_reset_link(
        deps.uow(), who.practice_id, client_id, who.account_id, choice, deps.delivery, caller()
    )


@blp.post("/<client_id>/account/disable")
@staff("disable_enable_account")
@blp.response(200, AccountStateSchema)
def disable_account(client_id: str) -> dict[str, Any]:
    who = principal()
    return account_access.set_enabled(dependencies().uow(), who.practice_id, client_id, who.account_id, False, caller())


@blp.post("/<client_id>/account/enable")
@staff("disable_enable_account")
@blp.response(200, AccountStateSchema)
def enable_account(client_id: str) -> dict[str, Any]:
    who = principal()
    return account_access.set_enabled(dependencies().uow(), who.practice_id, client_id, who.account_id, True, caller())


@blp.get("/<client_id>/sign-in-events")
@staff("read_audit")
@blp.response(200, AccountHistorySchema)
def sign_in_events(client_id: str) -> dict[str, Any]:
    return account_access.sign_in_history(dependencies().uow(), principal().practice_id, client_id)


@blp.post("/<client_id>/2fa/reset")
@staff("reset_two_factor")
@blp.response(200, ClientTwoFactorResetSchema)
def reset_two_factor(client_id: str) -> dict[str, Any]:
    """The client lost the phone: two-factor sign-in off, every session ended, recorded with who did it."""
    who = principal()
    return account_access.reset_two_factor(dependencies().uow(), who.practice_id, client_id, who.account_id, caller())
