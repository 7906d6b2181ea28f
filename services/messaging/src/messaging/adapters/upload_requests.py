"""Upload requests' rows and the log of files the virus scanner refused; every query names the practice."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from messaging.adapters.orm import refused_files, upload_requests
from messaging.domain.upload_requests import RequestStatus, UploadRequest

_R = upload_requests.c
_CHANGING = ("status", "document_id", "fulfilled_at", "cancelled_at", "cancelled_by", "reminded_at")


def _request(row: Any) -> UploadRequest:
    values = dict(row._mapping)
    values["status"] = RequestStatus(values["status"])
    return UploadRequest(**values)


class UploadRequestRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, request: UploadRequest) -> None:
        values = dataclasses.asdict(request) | {"status": request.status.value}
        self._session.execute(insert(upload_requests).values(**values))

    def get(self, practice_id: str, request_id: str, lock: bool = False) -> UploadRequest | None:
        query = select(upload_requests).where(_R.practice_id == practice_id, _R.id == request_id)
        row = self._session.execute(query.with_for_update() if lock else query).first()
        return _request(row) if row else None

    def save(self, request: UploadRequest) -> None:
        changes = {name: getattr(request, name) for name in _CHANGING} | {"status": request.status.value}
        self._session.execute(update(upload_requests).where(_R.id == request.id).values(**changes))

    def of_client(self, practice_id: str, client_id: str, statuses: tuple[RequestStatus, ...]) -> list[UploadRequest]:
        """Newest first."""
        query = (
            select(upload_requests)
            .where(
                _R.practice_id == practice_id,
                _R.client_id == client_id,
                _R.status.in_([status.value for status in statuses]),
            )
            .order_by(_R.created_at.desc(), _R.id)
        )
        return [_request(row) for row in self._session.execute(query)]

    def overdue(self, today: dt.date, limit: int) -> list[UploadRequest]:
        """Open requests due before `today` and not reminded yet, oldest due first, locked (one another
        sweeper holds is skipped): what one sweep reminds, at most `limit`."""
        query = (
            select(upload_requests)
            .where(_R.status == RequestStatus.OPEN.value, _R.due_on < today, _R.reminded_at.is_(None))
            .order_by(_R.due_on, _R.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [_request(row) for row in self._session.execute(query)]


class RefusedFileLog:
    """Append-only."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, practice_id: str, actor_id: str, side: str, target: str, signature: str, now: dt.datetime) -> None:
        values = {"practice_id": practice_id, "actor_id": actor_id, "side": side, "target": target}
        values |= {"signature": signature[:200], "at": now}
        self._session.execute(insert(refused_files).values(id=str(uuid.uuid4()), **values))
