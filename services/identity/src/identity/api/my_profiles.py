"""A signed-in person's profiles (their own, a partner's couple profile, a minor's as guardian) and
the choice of one; and the address they sign in with, which only they can change."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint
from portalkit.auth import principal, requires

from identity.api import caller, dependencies
from identity.api.schemas import (
    ChooseProfileSchema,
    EmailChangedSchema,
    EmailChangeRequestedSchema,
    EmailChangeRequestSchema,
    MyProfilesSchema,
    TokenSchema,
    TokensSchema,
)
from identity.service import email_change, profiles

blp = Blueprint("my-profiles", __name__, url_prefix="/api/v1", description="My profiles and my sign-in address.")


@blp.get("/me/profiles")
@requires()
@blp.response(200, MyProfilesSchema)
def my_profiles() -> dict[str, Any]:
    who = principal()
    items = profiles.my_profiles(dependencies().uow(), who.practice_id, who.account_id)
    return {"items": items, "current": who.profile_id}


@blp.post("/auth/profile")
@requires()
@blp.arguments(ChooseProfileSchema)
@blp.response(200, TokensSchema)
def choose_profile(body: dict[str, Any]) -> dict[str, Any]:
    """New tokens for this session, scoped to the chosen profile; refreshing keeps it."""
    deps, who = dependencies(), principal()
    chooser = profiles.Chooser(who.practice_id, who.account_id, who.session_id)
    return profiles.choose_profile(deps.uow(), chooser, body["profile_id"], deps.tokens, caller())


@blp.post("/me/email")
@requires()
@blp.arguments(EmailChangeRequestSchema)
@blp.response(202, EmailChangeRequestedSchema)
def change_my_email(body: dict[str, Any]) -> dict[str, Any]:
    """A link goes to the new address and a notice to the current one; nothing changes until the link is used."""
    deps = dependencies()
    change = email_change.EmailChange(principal().account_id, body["new_email"], body["current_password"])
    return email_change.request_email_change(deps.uow(), change, deps.hasher, deps.delivery, caller())


@blp.post("/auth/email-change/confirm")
@blp.arguments(TokenSchema)
@blp.response(200, EmailChangedSchema)
def confirm_email_change(body: dict[str, Any]) -> dict[str, Any]:
    """No access token needed: the token came to the new address, and holding it is the proof."""
    return email_change.confirm_email_change(dependencies().uow(), body["token"], caller())
