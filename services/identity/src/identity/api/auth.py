"""Public sign-in paths: login, refresh, logout and /me."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_smorest import Blueprint
from portalkit.auth import bearer_token, principal, requires
from portalkit.errors import Problem

from identity.api import caller, dependencies
from identity.api.schemas import LoginSchema, LogoutSchema, MeSchema, RefreshSchema, TokensSchema
from identity.service import sign_in as use_cases

blp = Blueprint("auth", __name__, url_prefix="/api/v1", description="Signing in and out.")


@blp.post("/auth/login")
@blp.arguments(LoginSchema)
@blp.response(200, TokensSchema)
def login(body: dict[str, Any]) -> dict[str, Any]:
    deps = dependencies()
    credentials = use_cases.Credentials(body["email"], body["password"], body["practice_id"])
    return use_cases.sign_in(
        deps.uow(), credentials, caller(), deps.hasher, deps.tokens, deps.session_policy, deps.lockout
    )


@blp.post("/auth/refresh")
@blp.arguments(RefreshSchema)
@blp.response(200, TokensSchema)
def refresh(body: dict[str, Any]) -> dict[str, Any]:
    deps = dependencies()
    return use_cases.refresh_session(deps.uow(), body["refresh_token"], caller(), deps.tokens, deps.session_policy)


@blp.post("/auth/logout")
@blp.arguments(LogoutSchema)
@blp.response(204)
def logout(body: dict[str, Any]) -> None:
    use_cases.sign_out(dependencies().uow(), body.get("refresh_token"), _session_of_bearer())


def _session_of_bearer() -> str | None:
    """Signing out works with an expired or broken access token too: it then ends nothing by itself."""
    token = bearer_token()
    if token is None:
        return None
    try:
        return current_app.extensions["token_verifier"].verify(token).session_id  # type: ignore[no-any-return]
    except Problem:
        return None


@blp.get("/me")
@requires()
@blp.response(200, MeSchema)
def me() -> dict[str, Any]:
    caller, deps = principal(), dependencies()
    return use_cases.describe_account(
        deps.uow(), caller.account_id, caller.practice_id, caller.profile_id, deps.session_policy
    )
