"""Paths for the other services only (the gateway never routes /internal); they carry the internal token."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint
from marshmallow import Schema, fields
from portalkit.auth import check_internal_token

from identity.api import dependencies
from identity.api.schemas import (
    NewAccountSchema,
    OpenedAccountSchema,
    PracticeClientSchema,
    PracticeSettingsSchema,
    PracticeStaffSchema,
    SessionStateSchema,
    StaffRolesQuerySchema,
)
from identity.service import account_access, accounts, clients, profile_links, staff_directory
from identity.service import practice_settings as practice_settings_use_cases

blp = Blueprint("internal", __name__, url_prefix="/internal", description="Between services.")


@blp.before_request
def _only_other_services() -> None:
    check_internal_token(dependencies().internal_token)


@blp.get("/practices/<practice_id>/clients/<client_id>")
@blp.response(200, PracticeClientSchema)
def client_of_practice(practice_id: str, client_id: str) -> dict[str, Any]:
    return clients.get_client_of_practice(dependencies().lookup_uow(), practice_id, client_id)


class InternalProfileLinkSchema(Schema):
    account_id = fields.String()
    kind = fields.String()
    ends_on = fields.Date(allow_none=True)
    active = fields.Boolean()
    # "active" or "disabled": a disabled account reaches nothing, whatever its links say.
    account_status = fields.String(allow_none=True)


class InternalProfileLinksSchema(Schema):
    items = fields.List(fields.Nested(InternalProfileLinkSchema))


@blp.get("/practices/<practice_id>/clients/<client_id>/links")
@blp.response(200, InternalProfileLinksSchema)
def client_links(practice_id: str, client_id: str) -> dict[str, Any]:
    """For forms (who must sign a minor's or a couple's consent) and scheduling (whose calendar feed still
    works): which accounts reach the profile, how."""
    return {"items": profile_links.links_of_client(dependencies().uow(), practice_id, client_id)}


@blp.get("/practices/<practice_id>/settings")
@blp.response(200, PracticeSettingsSchema)
def practice_settings(practice_id: str) -> dict[str, Any]:
    """For services that cache settings (after identity.practice.settings_changed)."""
    deps = dependencies()
    return practice_settings_use_cases.settings_of(deps.uow(), practice_id, deps.session_policy)


@blp.get("/practices/<practice_id>/staff")
@blp.arguments(StaffRolesQuerySchema, location="query")
@blp.response(200, PracticeStaffSchema)
def practice_staff(query: dict[str, Any], practice_id: str) -> dict[str, Any]:
    """For the notifier: the active staff of those roles (`?role=owner&role=clinician`), with their addresses."""
    return staff_directory.active_staff(dependencies().uow(), practice_id, query["role"])


@blp.post("/accounts")
@blp.arguments(NewAccountSchema)
@blp.response(201, OpenedAccountSchema)
def open_client_account(body: dict[str, Any]) -> tuple[dict[str, Any], int]:
    deps = dependencies()
    sign_up = accounts.ClientSignUp(
        practice_id=body["practice_id"],
        client_id=str(body["client_id"]),
        invitation_id=str(body["invitation_id"]),
        email=body["email"],
        password=body["password"],
        agreements=[accounts.AcceptedAgreement(**agreement) for agreement in body["agreements"]],
    )
    opened = accounts.open_client_account(deps.uow(), sign_up, deps.hasher, deps.delivery)
    return opened, 201 if opened["created"] else 200


@blp.get("/sessions/<session_id>")
@blp.response(200, SessionStateSchema)
def session_state(session_id: str) -> dict[str, Any]:
    """For the gateway, on every call: is the session behind this access token still on?"""
    deps = dependencies()
    return account_access.session_state(deps.uow(), session_id, deps.session_policy)
