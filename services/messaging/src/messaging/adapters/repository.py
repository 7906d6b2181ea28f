"""Outbound emails and texts in the database, and the unit of work that carries them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from portalkit.clock import UTC
from portalkit.db import UnitOfWork
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from messaging.adapters.attachments import AttachmentRepository
from messaging.adapters.documents import DocumentRepository, ProfilePictureRepository
from messaging.adapters.notice_history import NoticeHistory
from messaging.adapters.notices import (
    BouncedAddresses,
    MobileCodes,
    NoticePreferences,
    ProviderEvents,
    WithheldNotices,
)
from messaging.adapters.orm import outbound_emails, outbound_texts
from messaging.adapters.threads import BusinessHoursRepository, MessageAudit, MessageRepository, ThreadRepository
from messaging.adapters.upload_requests import RefusedFileLog, UploadRequestRepository
from messaging.domain.outbound_email import PENDING, SENT, OutboundEmail
from messaging.domain.text_message import OutboundText

_CHANGING = (
    "status",
    "attempts",
    "next_attempt_at",
    "sent_at",
    "last_error",
    "text_body",
    "html_body",
    "delivered_at",
    "bounced_at",
    "bounce_kind",
)


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands back naive datetimes; everything stored is UTC.
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _email(row: Any) -> OutboundEmail:
    values = dict(row._mapping)
    for name in ("next_attempt_at", "created_at", "sent_at", "delivered_at", "bounced_at"):
        values[name] = _aware(values[name])
    return OutboundEmail(**values)


class OutboundEmails:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, email: OutboundEmail) -> None:
        self._session.execute(insert(outbound_emails).values(**dataclasses.asdict(email)))

    def for_cause(self, cause_event_id: str) -> OutboundEmail | None:
        row = self._session.execute(
            select(outbound_emails).where(outbound_emails.c.cause_event_id == cause_event_id)
        ).first()
        return _email(row) if row else None

    def get(self, email_id: str) -> OutboundEmail | None:
        """One email, locked: the provider's reports on it are taken in one at a time."""
        row = self._session.execute(
            select(outbound_emails).where(outbound_emails.c.id == email_id).with_for_update()
        ).first()
        return _email(row) if row else None

    def next_due(self, now: dt.datetime) -> OutboundEmail | None:
        """The oldest email due for sending, locked; one another worker holds is skipped."""
        row = self._session.execute(
            select(outbound_emails)
            .where(outbound_emails.c.status == PENDING, outbound_emails.c.next_attempt_at <= now)
            .order_by(outbound_emails.c.next_attempt_at, outbound_emails.c.created_at)
            .limit(1)
            .with_for_update(skip_locked=True)
        ).first()
        return _email(row) if row else None

    def save(self, email: OutboundEmail) -> None:
        changes = {name: getattr(email, name) for name in _CHANGING}
        self._session.execute(update(outbound_emails).where(outbound_emails.c.id == email.id).values(**changes))

    def recently_sent(self, practice_id: str, limit: int) -> list[OutboundEmail]:
        rows = self._session.execute(
            select(outbound_emails)
            .where(outbound_emails.c.practice_id == practice_id, outbound_emails.c.status == SENT)
            .order_by(outbound_emails.c.sent_at.desc(), outbound_emails.c.id)
            .limit(limit)
        ).all()
        return [_email(row) for row in rows]


def _text(row: Any) -> OutboundText:
    values = dict(row._mapping)
    for name in ("next_attempt_at", "expires_at", "created_at", "sent_at"):
        values[name] = _aware(values[name])
    return OutboundText(**values)


class OutboundTexts:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, text: OutboundText) -> None:
        self._session.execute(insert(outbound_texts).values(**dataclasses.asdict(text)))

    def for_cause(self, cause_event_id: str) -> OutboundText | None:
        row = self._session.execute(
            select(outbound_texts).where(outbound_texts.c.cause_event_id == cause_event_id)
        ).first()
        return _text(row) if row else None

    def next_due(self, now: dt.datetime) -> OutboundText | None:
        """The oldest text due for sending, locked; one another worker holds is skipped."""
        row = self._session.execute(
            select(outbound_texts)
            .where(outbound_texts.c.status == PENDING, outbound_texts.c.next_attempt_at <= now)
            .order_by(outbound_texts.c.next_attempt_at, outbound_texts.c.created_at)
            .limit(1)
            .with_for_update(skip_locked=True)
        ).first()
        return _text(row) if row else None

    def save(self, text: OutboundText) -> None:
        changes = {
            name: getattr(text, name)
            for name in ("status", "attempts", "next_attempt_at", "sent_at", "last_error", "body")
        }
        self._session.execute(update(outbound_texts).where(outbound_texts.c.id == text.id).values(**changes))


class MessagingUnitOfWork(UnitOfWork):
    emails: OutboundEmails
    texts: OutboundTexts
    threads: ThreadRepository
    messages: MessageRepository
    audit: MessageAudit
    business_hours: BusinessHoursRepository
    attachments: AttachmentRepository
    documents: DocumentRepository
    pictures: ProfilePictureRepository
    preferences: NoticePreferences
    mobile_codes: MobileCodes
    provider_events: ProviderEvents
    bounced: BouncedAddresses
    withheld: WithheldNotices
    notice_history: NoticeHistory
    upload_requests: UploadRequestRepository
    refused_files: RefusedFileLog

    def _start(self) -> None:
        self.emails = OutboundEmails(self.session)
        self.texts = OutboundTexts(self.session)
        self.threads = ThreadRepository(self.session)
        self.messages = MessageRepository(self.session)
        self.audit = MessageAudit(self.session)
        self.business_hours = BusinessHoursRepository(self.session)
        self.attachments = AttachmentRepository(self.session)
        self.documents = DocumentRepository(self.session)
        self.pictures = ProfilePictureRepository(self.session)
        self.preferences = NoticePreferences(self.session)
        self.mobile_codes = MobileCodes(self.session)
        self.provider_events = ProviderEvents(self.session)
        self.bounced = BouncedAddresses(self.session)
        self.withheld = WithheldNotices(self.session)
        self.notice_history = NoticeHistory(self.session)
        self.upload_requests = UploadRequestRepository(self.session)
        self.refused_files = RefusedFileLog(self.session)
