"""Documents' rows and the log of their access, and profile pictures' rows; every query names the practice."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from messaging.adapters.orm import document_access, documents, profile_pictures
from messaging.domain.documents import Document, Origin
from messaging.domain.profile_picture import ProfilePicture

_D = documents.c
_CHANGING = ("opened_at", "acknowledged_at", "acknowledged_by")


def _document(row: Any) -> Document:
    values = dict(row._mapping)
    values["origin"] = Origin(values["origin"])
    return Document(**values)


class DocumentRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, document: Document) -> None:
        values = dataclasses.asdict(document) | {"origin": document.origin.value}
        self._session.execute(insert(documents).values(**values))

    def get(self, practice_id: str, document_id: str, lock: bool = False) -> Document | None:
        query = select(documents).where(_D.practice_id == practice_id, _D.id == document_id)
        row = self._session.execute(query.with_for_update() if lock else query).first()
        return _document(row) if row else None

    def save(self, document: Document) -> None:
        changes = {name: getattr(document, name) for name in _CHANGING}
        self._session.execute(update(documents).where(_D.id == document.id).values(**changes))

    def of_client(self, practice_id: str, client_id: str, origin: Origin | None = None) -> list[Document]:
        """Newest first."""
        query = select(documents).where(_D.practice_id == practice_id, _D.client_id == client_id)
        if origin is not None:
            query = query.where(_D.origin == origin.value)
        rows = self._session.execute(query.order_by(_D.created_at.desc(), _D.id))
        return [_document(row) for row in rows]

    def waiting_count(self, practice_id: str, client_id: str) -> int:
        """Shared documents not opened yet, or not acknowledged as asked (Document.waiting)."""
        query = select(func.count()).where(
            _D.practice_id == practice_id,
            _D.client_id == client_id,
            _D.origin == Origin.PRACTICE.value,
            _D.acknowledged_at.is_(None),
            or_(_D.needs_acknowledgement.is_(True), _D.opened_at.is_(None)),
        )
        return int(self._session.execute(query).scalar_one())

    def accessed(self, document: Document, actor_id: str, side: str, action: str, now: dt.datetime) -> None:
        self._session.execute(
            insert(document_access).values(
                id=str(uuid.uuid4()),
                practice_id=document.practice_id,
                document_id=document.id,
                actor_id=actor_id,
                side=side,
                action=action,
                at=now,
            )
        )


_P = profile_pictures.c


class ProfilePictureRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, practice_id: str, client_id: str, lock: bool = False) -> ProfilePicture | None:
        query = select(profile_pictures).where(_P.practice_id == practice_id, _P.client_id == client_id)
        row = self._session.execute(query.with_for_update() if lock else query).first()
        return ProfilePicture(**dict(row._mapping)) if row else None

    def put(self, picture: ProfilePicture) -> None:
        self.remove(picture.practice_id, picture.client_id)
        self._session.execute(insert(profile_pictures).values(**dataclasses.asdict(picture)))

    def remove(self, practice_id: str, client_id: str) -> None:
        self._session.execute(delete(profile_pictures).where(_P.practice_id == practice_id, _P.client_id == client_id))
