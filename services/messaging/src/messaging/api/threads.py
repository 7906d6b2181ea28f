"""Secure threads over HTTP: the client's (`/api/v1/threads`, `/api/v1/messages/unread`) and staff's
(`/api/v1/staff/inbox`, `/api/v1/staff/threads`). Parse, call the use case, render."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from flask import Response, current_app
from flask_smorest import Blueprint
from portalkit.auth import CLIENT_ROLE, principal, requires
from portalkit.clock import Clock
from portalkit.errors import Problem
from portalkit.storage import ObjectStore

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.adapters.virus_scanner import NoScanner
from messaging.api.files import UPLOAD_FORM, as_download, uploaded_file
from messaging.api.thread_shapes import (
    AssignBody,
    AttachmentOut,
    BusinessHoursBody,
    BusinessHoursOut,
    InboxQuery,
    MessageOut,
    NewThreadBody,
    ReplyBody,
    StaffNewThreadBody,
    ThreadDetailOut,
    ThreadListOut,
    ThreadOut,
    UnreadOut,
    UploadLimitBody,
    UploadLimitOut,
    attachment_shape,
    hours_shape,
    message_shape,
    summary_shape,
    thread_shape,
)
from messaging.domain.threads import Message, Side
from messaging.service import attachments, business_hours, threads
from messaging.service.file_intake import FileIntake, VirusScanner
from messaging.service.inbox_filters import InboxFilter
from messaging.service.threads import THREAD_ROLES, OpenedThread, Party, PracticeDirectory


@dataclasses.dataclass(frozen=True)
class ThreadsWiring:
    unit_of_work: Callable[[], MessagingUnitOfWork]
    directory: PracticeDirectory
    clock: Clock
    objects: ObjectStore
    attachment_max_bytes: int
    scanner: VirusScanner = dataclasses.field(default_factory=NoScanner)

    @property
    def intake(self) -> FileIntake:
        return FileIntake(self.objects, self.scanner)

    def upload_limit(self, practice_id: str) -> int:
        """The practice's largest file (its setting, within the service's ceiling)."""
        return business_hours.upload_limit(self.unit_of_work(), practice_id, self.attachment_max_bytes)


def wiring() -> ThreadsWiring:
    return current_app.extensions["messaging_threads"]  # type: ignore[no-any-return]


def _client() -> Party:
    who = principal()
    if not who.profile_id:
        raise Problem(403, "profile-required", "Choose whose portal to open first.")
    return Party(who.practice_id, who.account_id, Side.CLIENT, who.profile_id)


def _staff() -> Party:
    who = principal()
    return Party(who.practice_id, who.account_id, Side.STAFF)


def _message(message: Message, viewer: Party) -> dict[str, Any]:
    return message_shape(message, viewer, wiring().clock.now())


def _detail(opened: OpenedThread, viewer: Party) -> dict[str, Any]:
    waiting = sum(1 for m in opened.messages if m.waits_for(viewer.side))
    now = wiring().clock.now()
    messages = [message_shape(m, viewer, now, opened.attachments.get(m.id)) for m in opened.messages]
    return thread_shape(opened.thread, waiting) | {"messages": messages}


def _thread_paths(blueprint: Blueprint, party: Callable[[], Party], roles: tuple[str, ...]) -> None:
    """The paths both sides share: open a thread, write in it, read it, retract one's own message."""

    @blueprint.get("/threads/<thread_id>")
    @requires(*roles)
    @blueprint.response(200, ThreadDetailOut)
    def thread(thread_id: str) -> Any:
        who = party()
        return _detail(threads.open_thread(wiring().unit_of_work(), who, thread_id), who)

    @blueprint.post("/threads/<thread_id>/messages")
    @requires(*roles)
    @blueprint.arguments(ReplyBody)
    @blueprint.response(201, MessageOut)
    def write(body: dict[str, Any], thread_id: str) -> Any:
        """`attachment_ids`: files the caller uploaded to this thread (`…/attachments`), sent with the text."""
        who = party()
        ids = tuple(body["attachment_ids"])
        message, files = threads.write(wiring().unit_of_work(), who, thread_id, body["text"], ids)
        return message_shape(message, who, wiring().clock.now(), files)

    @blueprint.post("/threads/<thread_id>/attachments")
    @requires(*roles)
    @blueprint.doc(
        requestBody=UPLOAD_FORM,
        description="One file in the multipart field `file`: a PDF, a picture (PNG, JPEG, GIF, WebP) or an Office "
        "document, read from its bytes; 422 naming `file` otherwise or when larger than the limit (10 MB).",
    )
    @blueprint.response(201, AttachmentOut)
    def upload(thread_id: str) -> Any:
        who = party()
        limit = wiring().upload_limit(who.practice_id)
        name, data = uploaded_file(limit)
        found = attachments.upload(wiring().unit_of_work(), wiring().intake, who, thread_id, name, data, limit)
        return attachment_shape(found)

    @blueprint.get("/threads/<thread_id>/attachments/<attachment_id>")
    @requires(*roles)
    @blueprint.doc(responses={"200": {"description": "The file, as a download"}})
    def download(thread_id: str, attachment_id: str) -> Response:
        found, data = attachments.download(wiring().unit_of_work(), wiring().objects, party(), thread_id, attachment_id)
        return as_download(found, data)

    @blueprint.post("/threads/<thread_id>/read")
    @requires(*roles)
    @blueprint.response(200, UnreadOut)
    def read(thread_id: str) -> Any:
        threads.mark_read(wiring().unit_of_work(), party(), thread_id)
        return {"unread": 0}

    @blueprint.post("/threads/<thread_id>/messages/<message_id>/retract")
    @requires(*roles)
    @blueprint.response(200, MessageOut)
    def retract(thread_id: str, message_id: str) -> Any:
        who = party()
        return _message(threads.retract(wiring().unit_of_work(), who, thread_id, message_id), who)


client = Blueprint("client_threads", __name__, url_prefix="/api/v1", description="A client's secure messages.")
_thread_paths(client, _client, (CLIENT_ROLE,))


@client.get("/threads")
@requires(CLIENT_ROLE)
@client.response(200, ThreadListOut)
def client_threads() -> Any:
    found = threads.client_threads(wiring().unit_of_work(), _client())
    return {"items": [summary_shape(s) for s in found], "unread": sum(s.unread for s in found)}


@client.post("/threads")
@requires(CLIENT_ROLE)
@client.arguments(NewThreadBody)
@client.response(201, ThreadDetailOut)
def client_start(body: dict[str, Any]) -> Any:
    who = _client()
    opened = threads.start_thread(
        wiring().unit_of_work(), wiring().directory, who, client_id=str(who.client_id), **body
    )
    return _detail(opened, who)


@client.get("/messages/unread")
@requires(CLIENT_ROLE)
@client.response(200, UnreadOut)
def client_unread() -> Any:
    """For the dashboard: how many messages wait for the client, over every thread."""
    return {"unread": threads.unread_for_client(wiring().unit_of_work(), _client())}


staff = Blueprint("staff_threads", __name__, url_prefix="/api/v1/staff", description="The practice's secure messages.")
_thread_paths(staff, _staff, THREAD_ROLES)


@staff.get("/inbox")
@requires(*THREAD_ROLES)
@staff.arguments(InboxQuery, location="query")
@staff.response(200, ThreadListOut)
def inbox(query: dict[str, Any]) -> Any:
    who = _staff()
    assigned = who.account_id if query["assigned"] == "me" else query["assigned"]
    wanted = InboxFilter(query["unread"], assigned, query["client_id"], query["archived"])
    found = threads.inbox(wiring().unit_of_work(), who, wanted)
    return {"items": [summary_shape(s) for s in found], "unread": sum(s.unread for s in found)}


@staff.post("/threads")
@requires(*THREAD_ROLES)
@staff.arguments(StaffNewThreadBody)
@staff.response(201, ThreadDetailOut)
def staff_start(body: dict[str, Any]) -> Any:
    who = _staff()
    return _detail(threads.start_thread(wiring().unit_of_work(), wiring().directory, who, **body), who)


@staff.post("/threads/<thread_id>/assign")
@requires(*THREAD_ROLES)
@staff.arguments(AssignBody)
@staff.response(200, ThreadOut)
def assign(body: dict[str, Any], thread_id: str) -> Any:
    thread = threads.assign(wiring().unit_of_work(), wiring().directory, _staff(), thread_id, body["staff_id"])
    return thread_shape(thread)


@staff.post("/threads/<thread_id>/archive")
@requires(*THREAD_ROLES)
@staff.response(200, ThreadOut)
def archive(thread_id: str) -> Any:
    return thread_shape(threads.archive(wiring().unit_of_work(), _staff(), thread_id, archived=True))


@staff.post("/threads/<thread_id>/unarchive")
@requires(*THREAD_ROLES)
@staff.response(200, ThreadOut)
def unarchive(thread_id: str) -> Any:
    return thread_shape(threads.archive(wiring().unit_of_work(), _staff(), thread_id, archived=False))


@staff.get("/messaging/settings")
@requires(*THREAD_ROLES)
@staff.response(200, BusinessHoursOut)
def hours() -> Any:
    """The business hours (weekly windows in the time zone) and the automatic reply outside them."""
    practice_id = _staff().practice_id
    found = business_hours.hours_of(wiring().unit_of_work(), practice_id)
    return hours_shape(found, wiring().clock.now()) | _upload_limit_shape(practice_id)


@staff.put("/messaging/settings")
@requires(*business_hours.SETTING_ROLES)
@staff.arguments(BusinessHoursBody)
@staff.response(200, BusinessHoursOut)
def set_hours(body: dict[str, Any]) -> Any:
    who = _staff()
    windows = [(w["weekday"], w["starts"], w["ends"]) for w in body["hours"]]
    saved = business_hours.set_hours(
        wiring().unit_of_work(), who.practice_id, who.account_id, body["time_zone"], windows, body["auto_reply"]
    )
    return hours_shape(saved, wiring().clock.now()) | _upload_limit_shape(who.practice_id)


@staff.put("/messaging/settings/uploads")
@requires(*business_hours.SETTING_ROLES)
@staff.arguments(UploadLimitBody)
@staff.response(200, UploadLimitOut)
def set_upload_limit(body: dict[str, Any]) -> Any:
    """The largest file the practice accepts (bytes): 1 MB up to the service's ceiling (`upload_ceiling_bytes`)."""
    who = _staff()
    ceiling = wiring().attachment_max_bytes
    limit = body["upload_max_bytes"]
    business_hours.set_upload_limit(wiring().unit_of_work(), who.practice_id, who.account_id, limit, ceiling)
    return _upload_limit_shape(who.practice_id)


def _upload_limit_shape(practice_id: str) -> dict[str, int]:
    ceiling = wiring().attachment_max_bytes
    return {"upload_max_bytes": wiring().upload_limit(practice_id), "upload_ceiling_bytes": ceiling}
