"""An email the system owes someone, and the rules for retrying it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

PENDING = "pending"
SENT = "sent"
FAILED = "failed"
BOUNCED = "bounced"
HARD = "hard"
SOFT = "soft"

FIRST_RETRY_DELAY = dt.timedelta(seconds=30)
RETRY_GROWTH = 4


def retry_delay(attempts: int) -> dt.timedelta:
    """30 s after the first failed attempt, then 2 min, 8 min, 32 min, …"""
    return FIRST_RETRY_DELAY * RETRY_GROWTH ** (max(attempts, 1) - 1)


@dataclasses.dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text_body: str
    html_body: str


@dataclasses.dataclass
class OutboundEmail:
    id: str
    practice_id: str
    cause_event_id: str
    correlation_id: str
    template: str
    recipient: str
    subject: str
    text_body: str | None
    html_body: str | None
    status: str
    attempts: int
    next_attempt_at: dt.datetime
    created_at: dt.datetime
    sent_at: dt.datetime | None = None
    last_error: str | None = None
    delivered_at: dt.datetime | None = None
    bounced_at: dt.datetime | None = None
    bounce_kind: str | None = None
    # The client profile a client notice tells (staff's list of the client's notices); None for staff's.
    client_id: str | None = None

    @classmethod
    def queue(
        cls,
        *,
        practice_id: str,
        cause_event_id: str,
        correlation_id: str,
        template: str,
        recipient: str,
        content: RenderedEmail,
        now: dt.datetime,
        client_id: str | None = None,
    ) -> OutboundEmail:
        return cls(
            id=str(uuid.uuid4()),
            practice_id=practice_id,
            cause_event_id=cause_event_id,
            correlation_id=correlation_id,
            template=template,
            recipient=recipient,
            subject=content.subject,
            text_body=content.text_body,
            html_body=content.html_body,
            status=PENDING,
            attempts=0,
            next_attempt_at=now,
            created_at=now,
            client_id=client_id,
        )

    def mark_sent(self, now: dt.datetime) -> None:
        self.attempts += 1
        self.status = SENT
        self.sent_at = now
        self.last_error = None
        self._forget_bodies()

    def record_failure(self, reason: str, now: dt.datetime, max_attempts: int, permanent: bool = False) -> None:
        """Schedule the next attempt with a growing delay, or give up after `max_attempts`."""
        self.attempts += 1
        self.last_error = reason[:200]
        if permanent or self.attempts >= max_attempts:
            self.status = FAILED
            self._forget_bodies()
        else:
            self.next_attempt_at = now + retry_delay(self.attempts)

    def record_bounce(self, kind: str, at: dt.datetime) -> bool:
        """The provider could not deliver it (`kind` hard or soft); False when it already bounced. A bounce
        wins over a delivery reported before it: the mailbox said no after all."""
        if self.status == BOUNCED:
            return False
        self.status = BOUNCED
        self.bounced_at = at
        self.bounce_kind = kind
        self._forget_bodies()
        return True

    def record_delivered(self, at: dt.datetime) -> bool:
        """The provider delivered it; a report that comes after a bounce (or again) changes nothing."""
        if self.status == BOUNCED or self.delivered_at is not None:
            return False
        self.delivered_at = at
        return True

    def _forget_bodies(self) -> None:
        # The bodies hold a one-time link: once the mailbox has it (or it will never be sent),
        # keeping a copy here only widens what a database leak would expose.
        self.text_body = None
        self.html_body = None
