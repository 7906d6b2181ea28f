"""Staff paths for the practice's clients; every query is scoped by the caller's practice."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint
from portalkit.auth import principal

from identity.api import dependencies, staff
from identity.api.schemas import ClientListSchema, ClientSchema, NewClientSchema
from identity.service import clients as use_cases

blp = Blueprint("staff-clients", __name__, url_prefix="/api/v1/staff/clients", description="A practice's clients.")


@blp.post("")
@staff("create_client")
@blp.arguments(NewClientSchema)
@blp.response(201, ClientSchema)
def create_client(body: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    client = use_cases.create_client(dependencies().uow(), principal().practice_id, use_cases.NewClient(**body))
    return client, {"Location": f"/api/v1/staff/clients/{client['id']}"}


@blp.get("")
@staff("read_clients")
@blp.response(200, ClientListSchema)
def list_clients() -> dict[str, Any]:
    return {"items": use_cases.list_clients(dependencies().uow(), principal().practice_id)}


@blp.get("/<client_id>")
@staff("read_clients")
@blp.response(200, ClientSchema)
def get_client(client_id: str) -> dict[str, Any]:
    return use_cases.get_client(dependencies().uow(), principal().practice_id, client_id)
