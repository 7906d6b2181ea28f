"""Use cases of secure threads: start one, write, read, retract; staff list, assign and archive.

Every query is scoped by the caller's practice (from the token); a client reaches only the threads of
the profile their token acts for. Anything else is 404, never 403, so ids tell nothing. Events carry
ids only, never a subject or a text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Protocol

from portalkit.clock import utc_iso
from portalkit.errors import Problem, ValidationProblem, not_found

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.adapters.threads import ThreadSummary
from messaging.domain.attachments import Attachment
from messaging.domain.threads import CannotRetract, InvalidMessage, Message, Side, Thread
from messaging.service.inbox_filters import InboxFilter

THREAD_STARTED = "messaging.thread.started"
MESSAGE_SENT = "messaging.message.sent"
MESSAGE_RETRACTED = "messaging.message.retracted"
THREAD_ASSIGNED = "messaging.thread.assigned"
THREAD_ARCHIVED = "messaging.thread.archived"
THREAD_EVENTS = (THREAD_STARTED, MESSAGE_SENT, MESSAGE_RETRACTED, THREAD_ASSIGNED, THREAD_ARCHIVED)
# The staff who may be addressed or given a thread: those who see clients.
THREAD_ROLES = ("owner", "admin", "clinician", "front_desk")
INBOX_SIZE = 200
AUTO_REPLY_DELAY = dt.timedelta(milliseconds=1)


@dataclasses.dataclass(frozen=True)
class Party:
    """Who acts: a staff member of the practice, or a client acting for one client profile."""

    practice_id: str
    account_id: str
    side: Side
    client_id: str | None = None


class PracticeDirectory(Protocol):
    def client_exists(self, practice_id: str, client_id: str) -> bool: ...

    def staff_ids(self, practice_id: str, roles: tuple[str, ...]) -> set[str]:
        """The account ids of the practice's active staff of those roles."""
        ...

    def practice_name(self, practice_id: str) -> str:
        """The practice's name ("" when it cannot be told): it signs the code texted to a client's mobile."""
        ...


@dataclasses.dataclass(frozen=True)
class OpenedThread:
    thread: Thread
    messages: list[Message]
    # Each message's files (by message id); none for a retracted message.
    attachments: dict[str, list[Attachment]] = dataclasses.field(default_factory=dict)


def _invalid(error: InvalidMessage) -> ValidationProblem:
    return ValidationProblem({error.field: [str(error)]})


def thread_of(uow: MessagingUnitOfWork, who: Party, thread_id: str, lock: bool = False) -> Thread:
    thread = uow.threads.get(who.practice_id, thread_id, lock=lock)
    if thread is None or (who.side is Side.CLIENT and thread.client_id != who.client_id):
        raise not_found("Thread")
    return thread


def _check_staff_member(directory: PracticeDirectory, practice_id: str, account_id: str | None, field: str) -> None:
    if account_id is not None and account_id not in directory.staff_ids(practice_id, THREAD_ROLES):
        raise ValidationProblem({field: ["Not a staff member of this practice who sees clients."]})


def start_thread(
    uow: MessagingUnitOfWork,
    directory: PracticeDirectory,
    who: Party,
    *,
    client_id: str,
    subject: str,
    text: str,
    clinician_id: str | None = None,
) -> OpenedThread:
    """A new thread with its first message; a client starts one for their own profile only."""
    if who.side is Side.STAFF and not directory.client_exists(who.practice_id, client_id):
        raise not_found("Client")
    _check_staff_member(directory, who.practice_id, clinician_id, "clinician_id")
    with uow:
        now = uow.clock.now()
        try:
            thread = Thread.start(who.practice_id, client_id, subject, clinician_id, who.side, now)
            message = Message.write(thread, who.side, who.account_id, text, now)
        except InvalidMessage as error:
            raise _invalid(error) from None
        uow.threads.add(thread)
        uow.messages.add(message)
        reply = _auto_reply_if_closed(uow, thread, message)
        uow.publish(
            THREAD_STARTED,
            {
                "thread_id": thread.id,
                "client_id": client_id,
                "clinician_id": clinician_id,
                "started_by": who.side.value,
            },
            who.practice_id,
        )
        _published_sent(uow, thread, message)
        if reply is not None:
            _published_sent(uow, thread, reply)
        uow.commit()
        return OpenedThread(thread, [message] if reply is None else [message, reply])


def _published_sent(uow: MessagingUnitOfWork, thread: Thread, message: Message) -> None:
    data = {
        "message_id": message.id,
        "thread_id": thread.id,
        "client_id": thread.client_id,
        "sender_side": message.sender_side.value,
        "sender_id": message.sender_id,
        "clinician_id": thread.clinician_id,
        "assigned_to": thread.assigned_to,
    }
    uow.publish(MESSAGE_SENT, data, thread.practice_id)


def write(
    uow: MessagingUnitOfWork, who: Party, thread_id: str, text: str, attachment_ids: tuple[str, ...] = ()
) -> tuple[Message, list[Attachment]]:
    """The message and the files sent with it: the caller's own uploads to this thread, not sent yet."""
    with uow:
        thread = thread_of(uow, who, thread_id, lock=True)
        try:
            message = Message.write(thread, who.side, who.account_id, text, uow.clock.now())
        except InvalidMessage as error:
            raise _invalid(error) from None
        files = [_own_upload(uow, who, thread.id, attachment_id) for attachment_id in dict.fromkeys(attachment_ids)]
        thread.record(message)
        uow.messages.add(message)
        for attachment in files:
            uow.attachments.attach(attachment.id, message.id)
        reply = _auto_reply_if_closed(uow, thread, message)
        uow.threads.save(thread)
        _published_sent(uow, thread, message)
        if reply is not None:
            _published_sent(uow, thread, reply)
        uow.commit()
        return message, files


def _own_upload(uow: MessagingUnitOfWork, who: Party, thread_id: str, attachment_id: str) -> Attachment:
    attachment = uow.attachments.get(who.practice_id, thread_id, attachment_id)
    if attachment is None or attachment.uploaded_by != who.account_id or attachment.message_id is not None:
        raise ValidationProblem({"attachment_ids": ["Upload the file to this conversation first."]})
    return attachment


def _auto_reply_if_closed(uow: MessagingUnitOfWork, thread: Thread, message: Message) -> Message | None:
    """The practice's automatic reply to a client writing outside business hours, added to the thread;
    once until staff answer, however many messages the client sends meanwhile."""
    if message.sender_side is not Side.CLIENT:
        return None
    hours = uow.business_hours.of(thread.practice_id)
    text = hours.reply_to_client_at(message.sent_at) if hours else None
    if text is None or uow.messages.auto_replied_since_staff(thread.practice_id, thread.id):
        return None
    # A moment after the client's message, so the conversation reads in order.
    reply = Message.write(thread, Side.PRACTICE, None, text, message.sent_at + AUTO_REPLY_DELAY)
    thread.record(reply)
    uow.messages.add(reply)
    return reply


def open_thread(uow: MessagingUnitOfWork, who: Party, thread_id: str) -> OpenedThread:
    with uow:
        thread = thread_of(uow, who, thread_id)
        messages = uow.messages.of_thread(who.practice_id, thread.id)
        standing = {m.id for m in messages if not m.retracted}
        files: dict[str, list[Attachment]] = {}
        for attachment in uow.attachments.of_thread(who.practice_id, thread.id):
            if attachment.message_id in standing:
                files.setdefault(attachment.message_id, []).append(attachment)
        return OpenedThread(thread, messages, files)


def mark_read(uow: MessagingUnitOfWork, who: Party, thread_id: str) -> int:
    """Everything the other side wrote in the thread is read now (by anyone on the caller's side)."""
    with uow:
        thread = thread_of(uow, who, thread_id)
        count = uow.messages.mark_read(who.practice_id, thread.id, who.side, uow.clock.now())
        uow.commit()
        return count


def retract(uow: MessagingUnitOfWork, who: Party, thread_id: str, message_id: str) -> Message:
    with uow:
        thread = thread_of(uow, who, thread_id)
        message = uow.messages.get(who.practice_id, thread.id, message_id, lock=True)
        if message is None:
            raise not_found("Message")
        try:
            original = message.retract(who.side, who.account_id, uow.clock.now())
        except CannotRetract as error:
            raise Problem(409, error.code, error.title) from None
        uow.messages.save(message)
        uow.audit.retracted(message, who.account_id, original)
        data = {
            "message_id": message.id,
            "thread_id": thread.id,
            "client_id": thread.client_id,
            "retracted_at": utc_iso(message.retracted_at or uow.clock.now()),
        }
        uow.publish(MESSAGE_RETRACTED, data, who.practice_id)
        uow.commit()
        return message


def client_threads(uow: MessagingUnitOfWork, who: Party) -> list[ThreadSummary]:
    with uow:
        return uow.threads.of_client(who.practice_id, str(who.client_id))


def unread_for_client(uow: MessagingUnitOfWork, who: Party) -> int:
    with uow:
        return uow.messages.unread_for_client(who.practice_id, str(who.client_id))


def inbox(uow: MessagingUnitOfWork, who: Party, wanted: InboxFilter) -> list[ThreadSummary]:
    with uow:
        return uow.threads.inbox(who.practice_id, wanted, INBOX_SIZE)


def assign(
    uow: MessagingUnitOfWork, directory: PracticeDirectory, who: Party, thread_id: str, staff_id: str | None
) -> Thread:
    """Give the thread to a staff member (None: to nobody in particular)."""
    _check_staff_member(directory, who.practice_id, staff_id, "staff_id")
    with uow:
        thread = thread_of(uow, who, thread_id, lock=True)
        thread.assigned_to = staff_id
        uow.threads.save(thread)
        data = {
            "thread_id": thread.id,
            "client_id": thread.client_id,
            "assigned_to": staff_id,
            "actor_id": who.account_id,
        }
        uow.publish(THREAD_ASSIGNED, data, who.practice_id)
        uow.commit()
        return thread


def archive(uow: MessagingUnitOfWork, who: Party, thread_id: str, archived: bool) -> Thread:
    """Out of the inbox (or back into it); a client's next message brings it back by itself."""
    with uow:
        thread = thread_of(uow, who, thread_id, lock=True)
        if (thread.archived_at is not None) != archived:
            thread.archived_at = uow.clock.now() if archived else None
            uow.threads.save(thread)
            data = {
                "thread_id": thread.id,
                "client_id": thread.client_id,
                "archived": archived,
                "actor_id": who.account_id,
            }
            uow.publish(THREAD_ARCHIVED, data, who.practice_id)
            uow.commit()
        return thread
