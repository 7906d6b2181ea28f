"""A client's history of notices in the database: the emails and texts queued for them (those carrying
their `client_id`, migration 0010) and the notices withheld, in one list, newest first. Every query names
the practice."""

from __future__ import annotations

import datetime as dt
from typing import Any

from portalkit.clock import UTC
from sqlalchemy import DateTime, String, case, cast, func, literal, null, select, union_all
from sqlalchemy.orm import Session

from messaging.adapters.orm import outbound_emails, outbound_texts, withheld_notices
from messaging.domain.notice_history import EMAIL, SMS, WITHHELD, NoticeEntry, Page, recipient_hint
from messaging.domain.outbound_email import BOUNCED


def _as_utc(moment: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands back naive datetimes; everything stored is UTC.
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


class NoticeHistory:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _every(self, practice_id: str, client_id: str) -> Any:
        e, t, w = outbound_emails.c, outbound_texts.c, withheld_notices.c
        emails = select(
            e.id,
            e.template,
            literal(EMAIL, String).label("channel"),
            e.status,
            case((e.status == BOUNCED, e.bounce_kind), else_=e.last_error).label("reason"),
            e.recipient,
            e.created_at.label("at"),
            e.sent_at,
        ).where(e.practice_id == practice_id, e.client_id == client_id)
        texts = select(
            t.id, t.template, literal(SMS, String), t.status, t.last_error, t.recipient, t.created_at, t.sent_at
        ).where(t.practice_id == practice_id, t.client_id == client_id)
        withheld = select(
            w.id,
            w.notice,
            cast(null(), String),
            literal(WITHHELD, String),
            w.reason,
            cast(null(), String),
            w.at,
            cast(null(), DateTime(timezone=True)),
        ).where(w.practice_id == practice_id, w.client_id == client_id)
        return union_all(emails, texts, withheld).subquery()

    def of_client(self, practice_id: str, client_id: str, limit: int, offset: int) -> Page:
        every = self._every(practice_id, client_id)
        total = self._session.execute(select(func.count()).select_from(every)).scalar_one()
        rows = self._session.execute(
            select(every).order_by(every.c.at.desc(), every.c.id).limit(limit).offset(offset)
        ).all()
        items = [
            NoticeEntry(
                id=row.id,
                template=row.template,
                channel=row.channel,
                status=row.status,
                reason=row.reason,
                recipient=recipient_hint(row.channel, row.recipient),
                at=_as_utc(row.at) or row.at,
                sent_at=_as_utc(row.sent_at),
            )
            for row in rows
        ]
        return Page(items, int(total), limit, offset)
