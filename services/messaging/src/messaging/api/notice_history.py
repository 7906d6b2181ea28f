"""A client's notices for staff (`GET /api/v1/staff/clients/{client_id}/notices?limit=&offset=`): parse,
call the use case, render. The wiring is the threads'."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate
from portalkit.auth import requires

from messaging.api.thread_shapes import Moment, Strict
from messaging.api.threads import _staff, wiring
from messaging.domain.notice_history import DEFAULT_PAGE, MAX_PAGE, NoticeEntry, Page
from messaging.service import notice_history
from messaging.service.threads import THREAD_ROLES


class PageQuery(Strict):
    limit = fields.Integer(load_default=DEFAULT_PAGE, validate=validate.Range(min=1, max=MAX_PAGE))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=1_000_000))


class NoticeOut(Schema):
    id = fields.String()
    kind = fields.String(metadata={"description": "The notice whatever its channel, e.g. `document_shared`."})
    template = fields.String(metadata={"description": "The email or text template, e.g. `sms_document_shared`."})
    channel = fields.String(allow_none=True, metadata={"description": "`email` or `sms`; null when withheld."})
    status = fields.String(metadata={"description": "`pending`, `sent`, `failed`, `bounced` or `withheld`."})
    reason = fields.String(allow_none=True)
    recipient = fields.String(allow_none=True, metadata={"description": "A hint: `a***@example.test`, `***0123`."})
    at = Moment()
    sent_at = Moment(allow_none=True)


class NoticePageOut(Schema):
    items = fields.List(fields.Nested(NoticeOut))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()


def notice_shape(entry: NoticeEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "kind": entry.kind,
        "template": entry.template,
        "channel": entry.channel,
        "status": entry.status,
        "reason": entry.reason,
        "recipient": entry.recipient,
        "at": entry.at,
        "sent_at": entry.sent_at,
    }


def page_shape(page: Page) -> dict[str, Any]:
    return {
        "items": [notice_shape(entry) for entry in page.items],
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
    }


blueprint = Blueprint("staff_notices", __name__, url_prefix="/api/v1/staff", description="A client's notices.")


@blueprint.get("/clients/<client_id>/notices")
@requires(*THREAD_ROLES)
@blueprint.arguments(PageQuery, location="query")
@blueprint.response(200, NoticePageOut)
def of_client(query: dict[str, Any], client_id: str) -> Any:
    """The notices the client was sent, or not (withheld, failed, bounced), newest first; 404 for a client
    not the practice's. Never a message's text; the address as a hint."""
    page = notice_history.of_client(
        wiring().unit_of_work(), wiring().directory, _staff(), client_id, query["limit"], query["offset"]
    )
    return page_shape(page)
