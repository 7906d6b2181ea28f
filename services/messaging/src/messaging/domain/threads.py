"""Secure message threads: a client (profile) writes with the practice, optionally to one clinician.

A message is never edited once sent. Its sender may take it back within five minutes: the reader
then sees that a message was retracted, not what it said (the text is kept in the audit only).
Each side has its own read state: a message is read once someone on the other side opened the thread.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import html
import re
import uuid

MAX_TEXT_LENGTH = 5000
MAX_SUBJECT_LENGTH = 200
RETRACT_WINDOW = dt.timedelta(minutes=5)
# Control characters other than tab and line breaks say nothing a reader should see.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


class Side(enum.StrEnum):
    CLIENT = "client"
    STAFF = "staff"
    # The practice's automatic reply (business hours): nobody to retract it, read by the client.
    PRACTICE = "practice"

    @property
    def other(self) -> Side:
        return Side.STAFF if self is Side.CLIENT else Side.CLIENT


class InvalidMessage(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class CannotRetract(Exception):
    def __init__(self, code: str, title: str) -> None:
        super().__init__(title)
        self.code = code
        self.title = title


def clean_text(text: str, field: str = "text", limit: int = MAX_TEXT_LENGTH) -> str:
    """The text as stored: line breaks made plain, invisible control characters dropped, the ends trimmed."""
    cleaned = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not cleaned:
        raise InvalidMessage(field, "Write something first.")
    if len(cleaned) > limit:
        raise InvalidMessage(field, f"At most {limit} characters.")
    return cleaned


def as_html(text: str) -> str:
    """Safe to put into a page: every character of markup escaped, line breaks kept as <br>."""
    return "<br>".join(html.escape(line, quote=True) for line in text.split("\n"))


@dataclasses.dataclass
class Message:
    id: str
    practice_id: str
    thread_id: str
    sender_side: Side
    sender_id: str | None
    body: str | None
    sent_at: dt.datetime
    read_at: dt.datetime | None = None
    retracted_at: dt.datetime | None = None

    @classmethod
    def write(cls, thread: Thread, side: Side, sender_id: str | None, text: str, now: dt.datetime) -> Message:
        return cls(str(uuid.uuid4()), thread.practice_id, thread.id, side, sender_id, clean_text(text), now)

    @property
    def retracted(self) -> bool:
        return self.retracted_at is not None

    def waits_for(self, reader: Side) -> bool:
        """Unread by `reader`'s side: written by the other side, not opened, not taken back."""
        written_by_other = (self.sender_side is Side.CLIENT) == (reader is Side.STAFF)
        return written_by_other and self.read_at is None and not self.retracted

    def retract_deadline(self) -> dt.datetime:
        return self.sent_at + RETRACT_WINDOW

    def retract(self, side: Side, actor_id: str, now: dt.datetime) -> str:
        """Take the message back; the text it had (for the audit). Only its sender, only in the window."""
        if self.sender_side is not side or self.sender_id != actor_id:
            raise CannotRetract("not-your-message", "Only the person who sent a message can retract it.")
        if self.retracted:
            raise CannotRetract("already-retracted", "This message was retracted already.")
        if now > self.retract_deadline():
            raise CannotRetract(
                "retract-window-closed", "A message can be retracted only in the 5 minutes after sending."
            )
        original = self.body or ""
        self.body = None
        self.retracted_at = now
        return original


@dataclasses.dataclass
class Thread:
    id: str
    practice_id: str
    client_id: str
    subject: str
    clinician_id: str | None
    assigned_to: str | None
    started_by: Side
    created_at: dt.datetime
    last_message_at: dt.datetime
    archived_at: dt.datetime | None = None

    @classmethod
    def start(
        cls, practice_id: str, client_id: str, subject: str, clinician_id: str | None, side: Side, now: dt.datetime
    ) -> Thread:
        title = clean_text(subject, "subject", MAX_SUBJECT_LENGTH).replace("\n", " ")
        return cls(str(uuid.uuid4()), practice_id, client_id, title, clinician_id, clinician_id, side, now, now)

    def record(self, message: Message) -> None:
        """A new message moves the thread up; one from the client brings an archived thread back."""
        self.last_message_at = message.sent_at
        if message.sender_side is Side.CLIENT:
            self.archived_at = None
