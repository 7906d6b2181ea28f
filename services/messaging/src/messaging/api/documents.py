"""Documents over HTTP: the client's (`/api/v1/documents`: from the practice, `/api/v1/uploads`: their own)
and staff's (`/api/v1/staff/clients/{id}/documents`, `/api/v1/staff/documents/{id}/file`). Parse, call the
use case, render. The wiring is the threads' (one object store, one size limit)."""

from __future__ import annotations

from typing import Any

from flask import Response, request
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError, fields, validate
from portalkit.auth import CLIENT_ROLE, requires
from portalkit.errors import ValidationProblem

from messaging.api.files import UPLOAD_FORM, as_download, uploaded_file
from messaging.api.thread_shapes import Moment, Strict
from messaging.api.threads import _client, _staff, wiring
from messaging.domain.documents import MAX_TITLE_LENGTH, Document, Origin
from messaging.service import documents
from messaging.service.threads import THREAD_ROLES


class UploadFields(Strict):
    title = fields.String(load_default=None, validate=validate.Length(max=MAX_TITLE_LENGTH))


class ShareFields(UploadFields):
    needs_acknowledgement = fields.Boolean(load_default=False)


class DocumentOut(Schema):
    id = fields.String()
    client_id = fields.String()
    origin = fields.String()
    title = fields.String()
    filename = fields.String()
    content_type = fields.String()
    size = fields.Integer()
    needs_acknowledgement = fields.Boolean()
    created_at = Moment()
    opened_at = Moment(allow_none=True)
    acknowledged_at = Moment(allow_none=True)
    waiting = fields.Boolean()


class DocumentListOut(Schema):
    items = fields.List(fields.Nested(DocumentOut))
    waiting = fields.Integer()


class WaitingOut(Schema):
    waiting = fields.Integer()


def document_shape(document: Document) -> dict[str, Any]:
    return {
        "id": document.id,
        "client_id": document.client_id,
        "origin": document.origin.value,
        "title": document.title,
        "filename": document.filename,
        "content_type": document.content_type,
        "size": document.size,
        "needs_acknowledgement": document.needs_acknowledgement,
        "created_at": document.created_at,
        "opened_at": document.opened_at,
        "acknowledged_at": document.acknowledged_at,
        "waiting": document.waiting,
    }


def _listing(found: list[Document]) -> dict[str, Any]:
    return {"items": [document_shape(d) for d in found], "waiting": sum(1 for d in found if d.waiting)}


def parsed_form(schema: Schema) -> dict[str, Any]:
    """The multipart form's text fields (everything but `file`); 422 naming the fields, unknown ones too."""
    try:
        return schema.load(request.form.to_dict())  # type: ignore[no-any-return]
    except ValidationError as error:
        raise ValidationProblem(error.normalized_messages()) from None  # type: ignore[arg-type]


def uploaded(practice_id: str) -> documents.File:
    """The file within the practice's limit; read first: it sets the request's size limit before the form is read."""
    limit = wiring().upload_limit(practice_id)
    name, data = uploaded_file(limit)
    return name, data, limit


def upload_doc(fields_note: str) -> dict[str, Any]:
    return {
        "requestBody": UPLOAD_FORM,
        "description": "One file in the multipart field `file`: a PDF, a picture (PNG, JPEG, GIF, WebP) or an Office "
        "document, read from its bytes; 422 naming `file` otherwise, when larger than the practice's limit or refused "
        "by the virus scan (503 when the scan cannot answer). " + fields_note,
    }


client = Blueprint("client_documents", __name__, url_prefix="/api/v1", description="A client's documents.")


@client.get("/documents")
@requires(CLIENT_ROLE)
@client.response(200, DocumentListOut)
def shared_with_me() -> Any:
    """Documents from the practice, newest first; `waiting`: not opened yet or not acknowledged as asked."""
    return _listing(documents.client_documents(wiring().unit_of_work(), _client(), Origin.PRACTICE))


@client.get("/documents/waiting")
@requires(CLIENT_ROLE)
@client.response(200, WaitingOut)
def waiting() -> Any:
    """For the dashboard: how many documents from the practice wait for the client."""
    return {"waiting": documents.waiting_for_client(wiring().unit_of_work(), _client())}


@client.get("/documents/<document_id>/file")
@requires(CLIENT_ROLE)
@client.doc(responses={"200": {"description": "The file, as a download"}})
def shared_file(document_id: str) -> Response:
    found, data = documents.download(wiring().unit_of_work(), wiring().objects, _client(), document_id, Origin.PRACTICE)
    return as_download(found, data)


@client.post("/documents/<document_id>/acknowledge")
@requires(CLIENT_ROLE)
@client.response(200, DocumentOut)
def acknowledge(document_id: str) -> Any:
    """409 `nothing-to-acknowledge` when the practice did not ask; again changes nothing."""
    return document_shape(documents.acknowledge(wiring().unit_of_work(), _client(), document_id))


@client.get("/uploads")
@requires(CLIENT_ROLE)
@client.response(200, DocumentListOut)
def my_uploads() -> Any:
    return _listing(documents.client_documents(wiring().unit_of_work(), _client(), Origin.CLIENT))


@client.post("/uploads")
@requires(CLIENT_ROLE)
@client.doc(**upload_doc("Optional form field `title`."))
@client.response(201, DocumentOut)
def add_upload() -> Any:
    who = _client()
    file = uploaded(who.practice_id)
    body = parsed_form(UploadFields())
    found = documents.upload(wiring().unit_of_work(), wiring().intake, who, file, body["title"])
    return document_shape(found)


@client.get("/uploads/<document_id>/file")
@requires(CLIENT_ROLE)
@client.doc(responses={"200": {"description": "The file, as a download"}})
def upload_file(document_id: str) -> Response:
    found, data = documents.download(wiring().unit_of_work(), wiring().objects, _client(), document_id, Origin.CLIENT)
    return as_download(found, data)


staff = Blueprint("staff_documents", __name__, url_prefix="/api/v1/staff", description="Clients' documents.")


@staff.get("/clients/<client_id>/documents")
@requires(*THREAD_ROLES)
@staff.response(200, DocumentListOut)
def client_documents(client_id: str) -> Any:
    """Both ways (`origin` practice or client), newest first."""
    return _listing(documents.staff_documents(wiring().unit_of_work(), _staff(), client_id))


@staff.post("/clients/<client_id>/documents")
@requires(*THREAD_ROLES)
@staff.doc(**upload_doc("Optional form fields `title` and `needs_acknowledgement` (true / false)."))
@staff.response(201, DocumentOut)
def share(client_id: str) -> Any:
    who = _staff()
    file = uploaded(who.practice_id)
    body = parsed_form(ShareFields())
    found = documents.share(
        wiring().unit_of_work(),
        wiring().intake,
        wiring().directory,
        who,
        client_id,
        file,
        body["title"],
        body["needs_acknowledgement"],
    )
    return document_shape(found)


@staff.get("/documents/<document_id>/file")
@requires(*THREAD_ROLES)
@staff.doc(responses={"200": {"description": "The file, as a download"}})
def staff_file(document_id: str) -> Response:
    found, data = documents.download(wiring().unit_of_work(), wiring().objects, _staff(), document_id)
    return as_download(found, data)
