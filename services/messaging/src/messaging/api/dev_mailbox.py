"""`GET /api/v1/staff/dev/mailbox`: the practice's last sent emails, for development only.

Registered only when DEV_MAILBOX is on and mail goes to files; everywhere else the path is a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_smorest import Blueprint
from marshmallow import RAISE, Schema, fields
from portalkit.auth import STAFF_ROLES, principal, requires

from messaging.adapters.mail import FileMailbox
from messaging.adapters.repository import MessagingUnitOfWork
from messaging.service.mailbox import recent_mail


class MailboxItemSchema(Schema):
    class Meta:
        unknown = RAISE

    id = fields.String(required=True)
    to = fields.String(required=True)
    subject = fields.String(required=True)
    sent_at = fields.AwareDateTime(required=True)
    text = fields.String(allow_none=True)


class MailboxSchema(Schema):
    class Meta:
        unknown = RAISE

    items = fields.List(fields.Nested(MailboxItemSchema), required=True)


def dev_mailbox_blueprint(uow_factory: Callable[[], MessagingUnitOfWork], mailbox: FileMailbox) -> Blueprint:
    blueprint = Blueprint("dev_mailbox", __name__, url_prefix="/api/v1/staff/dev", description="Dev mailbox")

    @blueprint.get("/mailbox")
    @blueprint.response(200, MailboxSchema)
    @requires(*STAFF_ROLES)
    def mailbox_view() -> Any:
        with uow_factory() as uow:
            return {"items": recent_mail(uow, principal().practice_id, mailbox.text_of)}

    return blueprint
