"""Files the practice asks a client for ("Please upload a photo ID"): open until the client uploads one
against it (fulfilled, with the document) or staff cancel it. An open request is a task on the client's
dashboard. Once its due date has passed (the day after it, UTC) the client is reminded, once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import uuid

from messaging.domain.threads import InvalidMessage, clean_text

MAX_TITLE_LENGTH = 200
MAX_NOTE_LENGTH = 1000


class RequestStatus(enum.Enum):
    OPEN = "open"
    FULFILLED = "fulfilled"
    CANCELLED = "cancelled"


class InvalidRequest(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class RequestClosed(ValueError):
    """The request was fulfilled or cancelled already."""


@dataclasses.dataclass
class UploadRequest:
    id: str
    practice_id: str
    client_id: str
    title: str
    note: str | None
    due_on: dt.date | None
    status: RequestStatus
    requested_by: str
    created_at: dt.datetime
    document_id: str | None = None
    fulfilled_at: dt.datetime | None = None
    cancelled_at: dt.datetime | None = None
    cancelled_by: str | None = None
    reminded_at: dt.datetime | None = None

    @classmethod
    def ask(
        cls,
        practice_id: str,
        client_id: str,
        requested_by: str,
        wording: tuple[str, str | None],
        due_on: dt.date | None,
        now: dt.datetime,
    ) -> UploadRequest:
        """`wording`: the title and the optional note; InvalidRequest naming the field otherwise."""
        title, note = wording
        try:
            title = clean_text(title, "title", MAX_TITLE_LENGTH)
            note = clean_text(note, "note", MAX_NOTE_LENGTH) if note and note.strip() else None
        except InvalidMessage as error:
            raise InvalidRequest(error.field, str(error)) from None
        if due_on is not None and due_on < now.date():
            raise InvalidRequest("due_on", "A due date cannot be in the past.")
        return cls(
            str(uuid.uuid4()), practice_id, client_id, title, note, due_on, RequestStatus.OPEN, requested_by, now
        )

    @property
    def is_open(self) -> bool:
        return self.status is RequestStatus.OPEN

    def fulfil(self, document_id: str, now: dt.datetime) -> None:
        self._still_open()
        self.status, self.document_id, self.fulfilled_at = RequestStatus.FULFILLED, document_id, now

    def cancel(self, actor_id: str, now: dt.datetime) -> None:
        self._still_open()
        self.status, self.cancelled_at, self.cancelled_by = RequestStatus.CANCELLED, now, actor_id

    def overdue(self, today: dt.date) -> bool:
        """Still open, and its due date has passed (`today`: the day now, UTC)."""
        return self.is_open and self.due_on is not None and self.due_on < today

    def remind(self, now: dt.datetime) -> bool:
        """Mark the one reminder sent; False (nothing changes) when it is not overdue or was reminded already."""
        if self.reminded_at is not None or not self.overdue(now.date()):
            return False
        self.reminded_at = now
        return True

    def _still_open(self) -> None:
        if not self.is_open:
            raise RequestClosed(f"This request was {self.status.value} already.")
