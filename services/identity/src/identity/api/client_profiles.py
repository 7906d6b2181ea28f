"""Staff keep a client profile's email addresses and the accounts that reach it (partner, guardian).
Addresses travel in bodies, never in paths: a path ends up in access logs."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint
from portalkit.auth import principal

from identity.api import caller, dependencies, staff
from identity.api.schemas import (
    AddressSchema,
    ClientSchema,
    NewProfileLinkSchema,
    ProfileLinkSchema,
    ProfileLinksSchema,
)
from identity.service import client_emails, profile_links

blp = Blueprint(
    "staff-client-profiles",
    __name__,
    url_prefix="/api/v1/staff/clients",
    description="A client's email addresses, and the accounts that may open the client's profile.",
)


@blp.post("/<client_id>/emails")
@staff("manage_client_emails")
@blp.arguments(AddressSchema)
@blp.response(201, ClientSchema)
def add_email(body: dict[str, Any], client_id: str) -> dict[str, Any]:
    return client_emails.add_email(dependencies().uow(), principal().practice_id, client_id, body["address"])


@blp.post("/<client_id>/emails/remove")
@staff("manage_client_emails")
@blp.arguments(AddressSchema)
@blp.response(200, ClientSchema)
def remove_email(body: dict[str, Any], client_id: str) -> dict[str, Any]:
    """Not the default (choose another first), and not the address the client signs in with."""
    who = principal()
    staff_member = (who.account_id, caller())
    return client_emails.remove_email(dependencies().uow(), who.practice_id, client_id, body["address"], staff_member)


@blp.post("/<client_id>/emails/default")
@staff("manage_client_emails")
@blp.arguments(AddressSchema)
@blp.response(200, ClientSchema)
def make_default(body: dict[str, Any], client_id: str) -> dict[str, Any]:
    """The address invitations go to; the sign-in address of an account does not change."""
    return client_emails.make_default(dependencies().uow(), principal().practice_id, client_id, body["address"])


@blp.get("/<client_id>/links")
@staff("read_profile_links")
@blp.response(200, ProfileLinksSchema)
def links(client_id: str) -> dict[str, Any]:
    return {"items": profile_links.links_of_client(dependencies().uow(), principal().practice_id, client_id)}


@blp.post("/<client_id>/links")
@staff("link_profiles")
@blp.arguments(NewProfileLinkSchema)
@blp.response(201, ProfileLinkSchema)
def link_account(body: dict[str, Any], client_id: str) -> dict[str, Any]:
    return profile_links.link_account(dependencies().uow(), _action(), client_id, profile_links.NewLink(**body))


@blp.delete("/<client_id>/links/<link_id>")
@staff("link_profiles")
@blp.response(204)
def unlink_account(client_id: str, link_id: str) -> None:
    profile_links.unlink_account(dependencies().uow(), _action(), client_id, link_id)


def _action() -> profile_links.StaffAction:
    who = principal()
    return profile_links.StaffAction(who.practice_id, who.account_id, caller())
