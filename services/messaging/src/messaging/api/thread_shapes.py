"""The shapes of the threads API (services/messaging/README.md); unknown fields are refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

from marshmallow import RAISE, Schema, fields, validate
from portalkit.clock import utc_iso

from messaging.adapters.threads import ThreadSummary
from messaging.domain.attachments import Attachment
from messaging.domain.business_hours import MAX_AUTO_REPLY_LENGTH, BusinessHours
from messaging.domain.threads import MAX_SUBJECT_LENGTH, MAX_TEXT_LENGTH, Message, Side, Thread, as_html
from messaging.service.threads import Party

ID = validate.Length(min=1, max=64)


class Strict(Schema):
    class Meta:
        unknown = RAISE


class Moment(fields.AwareDateTime):
    def _serialize(self, value: dt.datetime | None, attr: Any, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else utc_iso(value)


class MessageBody(Strict):
    text = fields.String(required=True, validate=validate.Length(min=1, max=MAX_TEXT_LENGTH))


class ReplyBody(MessageBody):
    attachment_ids = fields.List(fields.String(validate=ID), load_default=list, validate=validate.Length(max=5))


class NewThreadBody(MessageBody):
    subject = fields.String(required=True, validate=validate.Length(min=1, max=MAX_SUBJECT_LENGTH))
    clinician_id = fields.String(load_default=None, allow_none=True, validate=ID)


class StaffNewThreadBody(NewThreadBody):
    client_id = fields.String(required=True, validate=ID)


class AssignBody(Strict):
    staff_id = fields.String(required=True, allow_none=True, validate=ID)


class InboxQuery(Strict):
    unread = fields.Boolean(load_default=False)
    # "me" or a staff member's account id.
    assigned = fields.String(load_default=None, validate=ID)
    client_id = fields.String(load_default=None, validate=ID)
    archived = fields.Boolean(load_default=False)


class AttachmentOut(Schema):
    id = fields.String()
    filename = fields.String()
    content_type = fields.String()
    size = fields.Integer()


class MessageOut(Schema):
    id = fields.String()
    thread_id = fields.String()
    sender_side = fields.String()
    sender_id = fields.String(allow_none=True)
    mine = fields.Boolean()
    text = fields.String(allow_none=True)
    html = fields.String(allow_none=True)
    sent_at = Moment()
    read_at = Moment(allow_none=True)
    retracted = fields.Boolean()
    retracted_at = Moment(allow_none=True)
    retractable_until = Moment(allow_none=True)
    attachments = fields.List(fields.Nested(AttachmentOut))


class ThreadOut(Schema):
    id = fields.String()
    client_id = fields.String()
    subject = fields.String()
    clinician_id = fields.String(allow_none=True)
    assigned_to = fields.String(allow_none=True)
    started_by = fields.String()
    created_at = Moment()
    last_message_at = Moment()
    archived_at = Moment(allow_none=True)
    unread = fields.Integer()


class ThreadDetailOut(ThreadOut):
    messages = fields.List(fields.Nested(MessageOut))


class ThreadListOut(Schema):
    items = fields.List(fields.Nested(ThreadOut))
    unread = fields.Integer()


class UnreadOut(Schema):
    unread = fields.Integer()


def thread_shape(thread: Thread, unread: int = 0) -> dict[str, Any]:
    return {
        "id": thread.id,
        "client_id": thread.client_id,
        "subject": thread.subject,
        "clinician_id": thread.clinician_id,
        "assigned_to": thread.assigned_to,
        "started_by": thread.started_by.value,
        "created_at": thread.created_at,
        "last_message_at": thread.last_message_at,
        "archived_at": thread.archived_at,
        "unread": unread,
    }


def summary_shape(summary: ThreadSummary) -> dict[str, Any]:
    return thread_shape(summary.thread, summary.unread)


def attachment_shape(attachment: Attachment) -> dict[str, Any]:
    return {
        "id": attachment.id,
        "filename": attachment.filename,
        "content_type": attachment.content_type,
        "size": attachment.size,
    }


def message_shape(
    message: Message, viewer: Party, now: dt.datetime, attachments: list[Attachment] | None = None
) -> dict[str, Any]:
    """What one side sees of a message: a retracted one without its text; the sender's own with the
    moment it can no longer be retracted, while it still can."""
    mine = message.sender_side is viewer.side and message.sender_id == viewer.account_id
    open_window = mine and not message.retracted and now <= message.retract_deadline()
    return {
        "id": message.id,
        "thread_id": message.thread_id,
        "sender_side": message.sender_side.value,
        "sender_id": message.sender_id if viewer.side is Side.STAFF else None,
        "mine": mine,
        "text": message.body,
        "html": None if message.body is None else as_html(message.body),
        "sent_at": message.sent_at,
        "read_at": message.read_at,
        "retracted": message.retracted,
        "retracted_at": message.retracted_at,
        "retractable_until": message.retract_deadline() if open_window else None,
        "attachments": [] if message.retracted else [attachment_shape(a) for a in attachments or []],
    }


class WindowFields(Strict):
    weekday = fields.Integer(required=True, validate=validate.Range(min=0, max=6))
    starts = fields.Time(required=True, format="%H:%M")
    ends = fields.Time(required=True, format="%H:%M")


class BusinessHoursBody(Strict):
    time_zone = fields.String(required=True, validate=validate.Length(min=1, max=64))
    hours = fields.List(fields.Nested(WindowFields), required=True)
    auto_reply = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=MAX_AUTO_REPLY_LENGTH))


class UploadLimitBody(Strict):
    upload_max_bytes = fields.Integer(required=True, strict=True)


class UploadLimitOut(Schema):
    upload_max_bytes = fields.Integer()
    upload_ceiling_bytes = fields.Integer()


class BusinessHoursOut(UploadLimitOut):
    time_zone = fields.String()
    hours = fields.List(fields.Dict())
    auto_reply = fields.String(allow_none=True)
    open_now = fields.Boolean()


def hours_shape(hours: BusinessHours, now: dt.datetime) -> dict[str, Any]:
    windows = [
        {"weekday": w.weekday, "starts": w.starts.strftime("%H:%M"), "ends": w.ends.strftime("%H:%M")}
        for w in hours.windows
    ]
    return {
        "time_zone": hours.time_zone,
        "hours": windows,
        "auto_reply": hours.auto_reply,
        "open_now": hours.is_open(now),
    }
