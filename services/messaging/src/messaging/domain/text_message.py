"""A text message (SMS) the system owes someone: a sign-in code or the code confirming a mobile number
for notices. No clinical content: the practice's name, the code and when it stops working.

A code is useless once expired, so a text is retried (30 s, then 2 min, …) only until its code
expires and then given up.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import uuid
from collections.abc import Mapping
from typing import Any

from messaging.domain.outbound_email import retry_delay

PENDING = "pending"
SENT = "sent"
FAILED = "failed"

SIGN_IN_CODE = "sms_sign_in_code"
ENROLMENT_CODE = "sms_enrolment_code"
MOBILE_CONFIRMATION_CODE = "sms_mobile_confirmation_code"

_PHONE = re.compile(r"^\+[1-9]\d{7,14}$")
_CODE = re.compile(r"^\d{6}$")
_MAX_PRACTICE_NAME = 40


class InvalidText(ValueError):
    """The sealed details make no safe text (no number, no code)."""


@dataclasses.dataclass(frozen=True)
class CodeText:
    template: str
    to: str
    body: str
    expires_at: dt.datetime


def code_text(purpose: str, delivery: Mapping[str, Any], expires_at: dt.datetime) -> CodeText:
    to, code = str(delivery.get("to") or ""), str(delivery.get("code") or "")
    if not _PHONE.match(to):
        raise InvalidText("the recipient is not a phone number")
    if not _CODE.match(code):
        raise InvalidText("the code is not six digits")
    practice = " ".join(str(delivery.get("practice_name") or "").split())[:_MAX_PRACTICE_NAME] or "Your practice"
    minutes = expires_at.strftime("%H:%M UTC")
    if purpose == "enrolment":
        body = f"{practice}: {code} is your code to confirm this phone for sign-in. It expires at {minutes}."
        template = ENROLMENT_CODE
    elif purpose == "notices":
        body = f"{practice}: {code} is your code to confirm this number for portal notices. It expires at {minutes}."
        template = MOBILE_CONFIRMATION_CODE
    else:
        body = f"{practice}: {code} is your sign-in code. It expires at {minutes}. Never share it."
        template = SIGN_IN_CODE
    return CodeText(template, to, body, expires_at)


@dataclasses.dataclass
class OutboundText:
    id: str
    practice_id: str
    cause_event_id: str
    correlation_id: str
    template: str
    recipient: str
    body: str | None
    status: str
    attempts: int
    next_attempt_at: dt.datetime
    expires_at: dt.datetime
    created_at: dt.datetime
    sent_at: dt.datetime | None = None
    last_error: str | None = None
    # The client profile a client notice tells; None for sign-in codes.
    client_id: str | None = None

    @classmethod
    def queue(
        cls,
        *,
        practice_id: str,
        cause_event_id: str,
        correlation_id: str,
        text: CodeText,
        now: dt.datetime,
        client_id: str | None = None,
    ) -> OutboundText:
        return cls(
            id=str(uuid.uuid4()),
            practice_id=practice_id,
            cause_event_id=cause_event_id,
            correlation_id=correlation_id,
            template=text.template,
            recipient=text.to,
            body=text.body,
            status=PENDING,
            attempts=0,
            next_attempt_at=now,
            expires_at=text.expires_at,
            created_at=now,
            client_id=client_id,
        )

    def mark_sent(self, now: dt.datetime) -> None:
        self.attempts += 1
        self.status = SENT
        self.sent_at = now
        self.last_error = None
        self.body = None  # it holds a code; the phone has it now

    def record_failure(self, reason: str, now: dt.datetime, max_attempts: int, permanent: bool = False) -> None:
        self.attempts += 1
        self.last_error = reason[:200]
        retry_at = now + retry_delay(self.attempts)
        if permanent or self.attempts >= max_attempts or retry_at >= self.expires_at:
            self.status = FAILED
            self.body = None
        else:
            self.next_attempt_at = retry_at
