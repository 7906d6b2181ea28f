"""Documents between the practice and one client profile: the practice shares one (optionally asking the
client to acknowledge it), the client uploads their own ("My uploads"). The file rules are the
attachments' (domain/attachments.py): type read from the bytes, size limited, a random storage key."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import uuid

from messaging.domain.attachments import checked_file

MAX_TITLE_LENGTH = 200


class Origin(enum.Enum):
    PRACTICE = "practice"  # shared by staff with the client
    CLIENT = "client"  # uploaded by the client


class NothingToAcknowledge(ValueError):
    """The practice did not ask for this document to be acknowledged."""


@dataclasses.dataclass
class Document:
    id: str
    practice_id: str
    client_id: str
    origin: Origin
    uploaded_by: str
    title: str
    filename: str
    content_type: str
    size: int
    storage_key: str
    needs_acknowledgement: bool
    created_at: dt.datetime
    opened_at: dt.datetime | None = None
    acknowledged_at: dt.datetime | None = None
    acknowledged_by: str | None = None

    @classmethod
    def receive(
        cls,
        origin: Origin,
        practice_id: str,
        client_id: str,
        uploaded_by: str,
        file: tuple[str, bytes, int],
        title: str | None,
        now: dt.datetime,
        needs_acknowledgement: bool = False,
    ) -> Document:
        """A new document from its file (`(name, bytes, size limit)`); InvalidAttachment when refused."""
        filename, data, limit = file
        name, kind, key = checked_file(filename, data, limit, "documents")
        return cls(
            id=str(uuid.uuid4()),
            practice_id=practice_id,
            client_id=client_id,
            origin=origin,
            uploaded_by=uploaded_by,
            title=(title or "").strip() or name,
            filename=name,
            content_type=kind,
            size=len(data),
            storage_key=key,
            needs_acknowledgement=needs_acknowledgement and origin is Origin.PRACTICE,
            created_at=now,
        )

    @property
    def waiting(self) -> bool:
        """Something for the client to do: a shared document not opened yet, or not acknowledged as asked."""
        if self.origin is not Origin.PRACTICE or self.acknowledged_at is not None:
            return False
        return self.needs_acknowledgement or self.opened_at is None

    def opened_by_client(self, now: dt.datetime) -> None:
        if self.opened_at is None:
            self.opened_at = now

    def acknowledge(self, account_id: str, now: dt.datetime) -> bool:
        """True the first time; acknowledging again changes nothing."""
        if not self.needs_acknowledgement:
            raise NothingToAcknowledge("The practice did not ask you to acknowledge this document.")
        if self.acknowledged_at is not None:
            return False
        self.acknowledged_at, self.acknowledged_by = now, account_id
        self.opened_by_client(now)
        return True
