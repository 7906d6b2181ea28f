"""Upload requests over HTTP: staff's (`/api/v1/staff/clients/{id}/upload-requests`,
`/api/v1/staff/upload-requests/{id}/cancel`) and the client's (`/api/v1/upload-requests`, `…/{id}/file`).
Parse, call the use case, render. The wiring is the threads'."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate
from portalkit.auth import CLIENT_ROLE, requires

from messaging.api.documents import DocumentOut, document_shape, upload_doc, uploaded
from messaging.api.thread_shapes import Moment, Strict
from messaging.api.threads import _client, _staff, wiring
from messaging.domain.upload_requests import MAX_NOTE_LENGTH, MAX_TITLE_LENGTH, UploadRequest
from messaging.service import upload_requests
from messaging.service.threads import THREAD_ROLES


class AskBody(Strict):
    title = fields.String(required=True, validate=validate.Length(min=1, max=MAX_TITLE_LENGTH))
    note = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=MAX_NOTE_LENGTH))
    due_on = fields.Date(load_default=None, allow_none=True)


class UploadRequestOut(Schema):
    id = fields.String()
    client_id = fields.String()
    title = fields.String()
    note = fields.String(allow_none=True)
    due_on = fields.Date(allow_none=True)
    status = fields.String()
    created_at = Moment()
    document_id = fields.String(allow_none=True)
    fulfilled_at = Moment(allow_none=True)
    cancelled_at = Moment(allow_none=True)


class UploadRequestListOut(Schema):
    items = fields.List(fields.Nested(UploadRequestOut))
    open = fields.Integer()


class FulfilledOut(Schema):
    request = fields.Nested(UploadRequestOut)
    document = fields.Nested(DocumentOut)


def request_shape(request: UploadRequest) -> dict[str, Any]:
    return {
        "id": request.id,
        "client_id": request.client_id,
        "title": request.title,
        "note": request.note,
        "due_on": request.due_on,
        "status": request.status.value,
        "created_at": request.created_at,
        "document_id": request.document_id,
        "fulfilled_at": request.fulfilled_at,
        "cancelled_at": request.cancelled_at,
    }


def _listing(found: list[UploadRequest]) -> dict[str, Any]:
    return {"items": [request_shape(r) for r in found], "open": sum(1 for r in found if r.is_open)}


client = Blueprint("client_upload_requests", __name__, url_prefix="/api/v1", description="Files the practice asks for.")


@client.get("/upload-requests")
@requires(CLIENT_ROLE)
@client.response(200, UploadRequestListOut)
def asked_of_me() -> Any:
    """Open and fulfilled requests, newest first; `open` for the dashboard."""
    return _listing(upload_requests.of_client(wiring().unit_of_work(), _client()))


@client.post("/upload-requests/<request_id>/file")
@requires(CLIENT_ROLE)
@client.doc(**upload_doc("409 `request-closed` when the request was fulfilled already."))
@client.response(201, FulfilledOut)
def fulfil(request_id: str) -> Any:
    who = _client()
    file = uploaded(who.practice_id)
    request, document = upload_requests.fulfil(wiring().unit_of_work(), wiring().intake, who, request_id, file)
    return {"request": request_shape(request), "document": document_shape(document)}


staff = Blueprint("staff_upload_requests", __name__, url_prefix="/api/v1/staff", description="Files asked of clients.")


@staff.get("/clients/<client_id>/upload-requests")
@requires(*THREAD_ROLES)
@staff.response(200, UploadRequestListOut)
def of_client(client_id: str) -> Any:
    """Every request made of the client (open, fulfilled, cancelled), newest first."""
    return _listing(upload_requests.of_client_for_staff(wiring().unit_of_work(), _staff(), client_id))


@staff.post("/clients/<client_id>/upload-requests")
@requires(*THREAD_ROLES)
@staff.arguments(AskBody)
@staff.response(201, UploadRequestOut)
def ask(body: dict[str, Any], client_id: str) -> Any:
    """404 for a client not the practice's; a due date in the past is 422 naming `due_on`."""
    wording = (body["title"], body["note"])
    found = upload_requests.ask(
        wiring().unit_of_work(), wiring().directory, _staff(), client_id, wording, body["due_on"]
    )
    return request_shape(found)


@staff.post("/upload-requests/<request_id>/cancel")
@requires(*THREAD_ROLES)
@staff.response(200, UploadRequestOut)
def cancel(request_id: str) -> Any:
    """409 `request-closed` when fulfilled or cancelled already."""
    return request_shape(upload_requests.cancel(wiring().unit_of_work(), _staff(), request_id))
