"""A signed-in person's own sessions (to end one) and recent sign-ins ("was this you?")."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint
from portalkit.auth import principal, requires

from identity.api import caller, dependencies
from identity.api.schemas import MySessionsSchema, MySignInsSchema
from identity.service import account_access

blp = Blueprint("me", __name__, url_prefix="/api/v1/me", description="My sessions and sign-ins.")


@blp.get("/sessions")
@requires()
@blp.response(200, MySessionsSchema)
def my_sessions() -> dict[str, Any]:
    deps, who = dependencies(), principal()
    sessions = account_access.my_sessions(deps.uow(), who.account_id, who.session_id, deps.session_policy)
    return {"items": [{**session, "place": deps.places.place_of(session["ip"])} for session in sessions]}


@blp.delete("/sessions/<session_id>")
@requires()
@blp.response(204)
def end_my_session(session_id: str) -> None:
    account_access.end_my_session(dependencies().uow(), principal().account_id, session_id, caller())


@blp.get("/sign-ins")
@requires()
@blp.response(200, MySignInsSchema)
def my_sign_ins() -> dict[str, Any]:
    deps = dependencies()
    sign_ins = account_access.my_sign_ins(deps.uow(), principal().account_id)
    return {"items": [{**sign_in, "place": deps.places.place_of(sign_in["ip"])} for sign_in in sign_ins]}
