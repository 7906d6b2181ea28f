"""Threads, their messages, the retraction audit and the business hours in the database; every query
names the practice."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Any

from sqlalchemy import and_, func, insert, select, update
from sqlalchemy.orm import Session

from messaging.adapters.orm import business_hours, message_audit, thread_messages, threads
from messaging.domain.business_hours import BusinessHours, Window
from messaging.domain.threads import Message, Side, Thread
from messaging.service.inbox_filters import InboxFilter

_T = threads.c
_M = thread_messages.c


def _thread(row: Any) -> Thread:
    values = {name: getattr(row, name) for name in (c.name for c in threads.columns)}
    return Thread(**{**values, "started_by": Side(values["started_by"])})


def _message(row: Any) -> Message:
    values = dict(row._mapping)
    return Message(**{**values, "sender_side": Side(values["sender_side"])})


def _unread_by(side: Side) -> Any:
    """Messages the other side wrote that nobody on `side` has opened (retracted ones are not waiting)."""
    written_by_other = (
        _M.sender_side == Side.CLIENT.value if side is Side.STAFF else _M.sender_side != Side.CLIENT.value
    )
    return and_(written_by_other, _M.read_at.is_(None), _M.retracted_at.is_(None))


def _unread_count(side: Side) -> Any:
    return (
        select(func.count())
        .where(_M.thread_id == _T.id, _M.practice_id == _T.practice_id, _unread_by(side))
        .scalar_subquery()
        .label("unread")
    )


@dataclasses.dataclass(frozen=True)
class ThreadSummary:
    thread: Thread
    unread: int


class ThreadRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, thread: Thread) -> None:
        self._session.execute(insert(threads).values(**dataclasses.asdict(thread)))

    def save(self, thread: Thread) -> None:
        changes = {"assigned_to": thread.assigned_to, "archived_at": thread.archived_at}
        changes["last_message_at"] = thread.last_message_at
        self._session.execute(update(threads).where(_T.id == thread.id).values(**changes))

    def get(self, practice_id: str, thread_id: str, lock: bool = False) -> Thread | None:
        query = select(threads).where(_T.practice_id == practice_id, _T.id == thread_id)
        row = self._session.execute(query.with_for_update() if lock else query).first()
        return _thread(row) if row else None

    def of_client(self, practice_id: str, client_id: str) -> list[ThreadSummary]:
        query = (
            select(threads, _unread_count(Side.CLIENT))
            .where(_T.practice_id == practice_id, _T.client_id == client_id)
            .order_by(_T.last_message_at.desc(), _T.id)
        )
        return [ThreadSummary(_thread(row), int(row.unread)) for row in self._session.execute(query)]

    def inbox(self, practice_id: str, wanted: InboxFilter, limit: int) -> list[ThreadSummary]:
        unread = _unread_count(Side.STAFF)
        query = select(threads, unread).where(_T.practice_id == practice_id)
        query = query.where(_T.archived_at.is_not(None) if wanted.archived else _T.archived_at.is_(None))
        if wanted.client_id:
            query = query.where(_T.client_id == wanted.client_id)
        if wanted.assigned_to:
            query = query.where(_T.assigned_to == wanted.assigned_to)
        if wanted.unread_only:
            query = query.where(unread > 0)
        query = query.order_by(_T.last_message_at.desc(), _T.id).limit(limit)
        return [ThreadSummary(_thread(row), int(row.unread)) for row in self._session.execute(query)]


class MessageRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, message: Message) -> None:
        self._session.execute(insert(thread_messages).values(**dataclasses.asdict(message)))

    def save(self, message: Message) -> None:
        changes = {"body": message.body, "read_at": message.read_at, "retracted_at": message.retracted_at}
        self._session.execute(update(thread_messages).where(_M.id == message.id).values(**changes))

    def get(self, practice_id: str, thread_id: str, message_id: str, lock: bool = False) -> Message | None:
        query = select(thread_messages).where(
            _M.practice_id == practice_id, _M.thread_id == thread_id, _M.id == message_id
        )
        row = self._session.execute(query.with_for_update() if lock else query).first()
        return _message(row) if row else None

    def of_thread(self, practice_id: str, thread_id: str) -> list[Message]:
        query = (
            select(thread_messages)
            .where(_M.practice_id == practice_id, _M.thread_id == thread_id)
            .order_by(_M.sent_at, _M.id)
        )
        return [_message(row) for row in self._session.execute(query)]

    def mark_read(self, practice_id: str, thread_id: str, reader: Side, now: dt.datetime) -> int:
        """Every message waiting for `reader` in the thread is read now; how many were."""
        result = self._session.execute(
            update(thread_messages)
            .where(_M.practice_id == practice_id, _M.thread_id == thread_id, _unread_by(reader))
            .values(read_at=now)
        )
        return max(int(result.rowcount or 0), 0)  # type: ignore[attr-defined]

    def auto_replied_since_staff(self, practice_id: str, thread_id: str) -> bool:
        """Whether the practice's latest word in the thread is an automatic reply (staff have not
        answered since): then the client is not told the same thing again."""
        row = self._session.execute(
            select(_M.sender_side)
            .where(_M.practice_id == practice_id, _M.thread_id == thread_id, _M.sender_side != Side.CLIENT.value)
            .order_by(_M.sent_at.desc(), _M.id.desc())
            .limit(1)
        ).first()
        return row is not None and row.sender_side == Side.PRACTICE.value

    def unread_for_client(self, practice_id: str, client_id: str) -> int:
        query = (
            select(func.count())
            .select_from(thread_messages.join(threads, _T.id == _M.thread_id))
            .where(_T.practice_id == practice_id, _T.client_id == client_id, _M.practice_id == practice_id)
            .where(_unread_by(Side.CLIENT))
        )
        return int(self._session.execute(query).scalar_one())


class MessageAudit:
    def __init__(self, session: Session) -> None:
        self._session = session

    def retracted(self, message: Message, actor_id: str, original_body: str) -> None:
        self._session.execute(
            insert(message_audit).values(
                id=str(uuid.uuid4()),
                practice_id=message.practice_id,
                thread_id=message.thread_id,
                message_id=message.id,
                action="retracted",
                actor_id=actor_id,
                at=message.retracted_at,
                original_body=original_body,
            )
        )

    def of_message(self, practice_id: str, message_id: str) -> list[dict[str, Any]]:
        query = select(message_audit).where(
            message_audit.c.practice_id == practice_id, message_audit.c.message_id == message_id
        )
        return [dict(row._mapping) for row in self._session.execute(query)]


def _window(raw: dict[str, Any]) -> Window:
    return Window(int(raw["weekday"]), dt.time.fromisoformat(raw["starts"]), dt.time.fromisoformat(raw["ends"]))


class BusinessHoursRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def of(self, practice_id: str) -> BusinessHours | None:
        row = self._session.execute(select(business_hours).where(business_hours.c.practice_id == practice_id)).first()
        if row is None:
            return None
        windows = tuple(_window(raw) for raw in row.windows)
        return BusinessHours(row.practice_id, row.time_zone, windows, row.auto_reply)

    def save(self, hours: BusinessHours, actor_id: str, now: dt.datetime) -> None:
        windows = [
            {"weekday": w.weekday, "starts": w.starts.strftime("%H:%M"), "ends": w.ends.strftime("%H:%M")}
            for w in hours.windows
        ]
        values = {"time_zone": hours.time_zone, "windows": windows, "auto_reply": hours.auto_reply}
        values |= {"updated_at": now, "updated_by": actor_id}
        updated = self._session.execute(
            update(business_hours).where(business_hours.c.practice_id == hours.practice_id).values(**values)
        )
        if not updated.rowcount:  # type: ignore[attr-defined]
            self._session.execute(insert(business_hours).values(practice_id=hours.practice_id, **values))

    def upload_limit(self, practice_id: str) -> int | None:
        query = select(business_hours.c.upload_max_bytes).where(business_hours.c.practice_id == practice_id)
        return self._session.execute(query).scalar_one_or_none()

    def set_upload_limit(self, practice_id: str, limit: int | None, actor_id: str, now: dt.datetime) -> None:
        """A practice without business hours gets the row with none (UTC, no windows, no reply)."""
        values = {"upload_max_bytes": limit, "updated_at": now, "updated_by": actor_id}
        updated = self._session.execute(
            update(business_hours).where(business_hours.c.practice_id == practice_id).values(**values)
        )
        if not updated.rowcount:  # type: ignore[attr-defined]
            none = {"time_zone": "UTC", "windows": [], "auto_reply": None}
            self._session.execute(insert(business_hours).values(practice_id=practice_id, **none, **values))
