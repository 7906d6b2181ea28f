"""Attachments' rows and the log of their downloads; every query names the practice and the thread."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from messaging.adapters.orm import attachment_downloads, message_attachments
from messaging.domain.attachments import Attachment

_A = message_attachments.c


def _attachment(row: Any) -> Attachment:
    return Attachment(**dict(row._mapping))


class AttachmentRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, attachment: Attachment) -> None:
        self._session.execute(insert(message_attachments).values(**dataclasses.asdict(attachment)))

    def get(self, practice_id: str, thread_id: str, attachment_id: str) -> Attachment | None:
        row = self._session.execute(
            select(message_attachments).where(
                _A.practice_id == practice_id, _A.thread_id == thread_id, _A.id == attachment_id
            )
        ).first()
        return _attachment(row) if row else None

    def attach(self, attachment_id: str, message_id: str) -> None:
        self._session.execute(update(message_attachments).where(_A.id == attachment_id).values(message_id=message_id))

    def of_thread(self, practice_id: str, thread_id: str) -> list[Attachment]:
        query = (
            select(message_attachments)
            .where(_A.practice_id == practice_id, _A.thread_id == thread_id, _A.message_id.is_not(None))
            .order_by(_A.created_at, _A.id)
        )
        return [_attachment(row) for row in self._session.execute(query)]

    def downloaded(self, attachment: Attachment, actor_id: str, side: str, now: dt.datetime) -> None:
        self._session.execute(
            insert(attachment_downloads).values(
                id=str(uuid.uuid4()),
                practice_id=attachment.practice_id,
                attachment_id=attachment.id,
                actor_id=actor_id,
                side=side,
                at=now,
            )
        )

    def downloads_of(self, practice_id: str, attachment_id: str) -> list[dict[str, Any]]:
        query = select(attachment_downloads).where(
            attachment_downloads.c.practice_id == practice_id, attachment_downloads.c.attachment_id == attachment_id
        )
        return [dict(row._mapping) for row in self._session.execute(query)]
