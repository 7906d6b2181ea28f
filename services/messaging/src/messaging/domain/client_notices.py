"""The notices that tell a client something new waits in the portal, by email and / or text (SMS): a new
secure message, a document the practice shared. Never the message, the document's name or anything in
it: the practice's name, a first name and a link.

A text notice is worth sending for a day; after that the client has most likely signed in anyway.
"""

from __future__ import annotations

import datetime as dt

from messaging.domain.account_emails import AccountEmail
from messaging.domain.notice_preferences import E164
from messaging.domain.text_message import CodeText, InvalidText

DOCUMENT_SHARED = "document_shared"
SMS_NEW_SECURE_MESSAGE = "sms_new_secure_message"
SMS_DOCUMENT_SHARED = "sms_document_shared"
SMS_TASK_REMINDER = "sms_task_reminder"
SMS_PAYMENT_FAILED = "sms_payment_failed"
SMS_REFUND_ISSUED = "sms_refund_issued"
SMS_ESTIMATE_ISSUED = "sms_estimate_issued"
SMS_REQUEST_ANSWERED = "sms_request_answered"
TEXT_LIFETIME = dt.timedelta(days=1)
_MAX_PRACTICE_NAME = 40


def _one_line(text: str) -> str:
    return " ".join(text.split())


def document_email(
    to: str, first_name: str, practice_name: str, link: str, logo_url: str | None = None
) -> AccountEmail:
    """To the client: the practice shared a document (which one stays in the portal)."""
    practice = _one_line(practice_name) or "Your practice"
    return AccountEmail(
        template=DOCUMENT_SHARED,
        to=to,
        practice_name=practice,
        first_name=_one_line(first_name).split(" ", 1)[0],
        subject=f"{practice} shared a document with you",
        lines=(
            f"{practice} shared a document with you in its client portal.",
            "For your privacy it is not attached to this email: sign in to see it.",
        ),
        button=("See your documents", link),
        not_you=f"You receive this because {practice} invited you to its client portal.",
        logo_url=logo_url,
    )


def _text(template: str, to: str, body: str, now: dt.datetime) -> CodeText:
    if not E164.match(to):
        raise InvalidText("the recipient is not a phone number")
    return CodeText(template, to, body, now + TEXT_LIFETIME)


def _practice(practice_name: str) -> str:
    return _one_line(practice_name)[:_MAX_PRACTICE_NAME] or "your practice"


def message_text(to: str, practice_name: str, link: str, now: dt.datetime) -> CodeText:
    body = f"You have a new secure message from {_practice(practice_name)}. Sign in: {link}"
    return _text(SMS_NEW_SECURE_MESSAGE, to, body, now)


def document_text(to: str, practice_name: str, link: str, now: dt.datetime) -> CodeText:
    body = f"{_practice(practice_name)} shared a document with you. Sign in: {link}"
    return _text(SMS_DOCUMENT_SHARED, to, body, now)


def task_reminder_text(to: str, practice_name: str, link: str, due: str, now: dt.datetime) -> CodeText:
    """A form reminder by text: something to complete by a date, never what."""
    body = f"{_practice(practice_name)}: you have something to complete in your portal by {due}. Sign in: {link}"
    return _text(SMS_TASK_REMINDER, to, body, now)


def payment_failed_text(to: str, practice_name: str, link: str, now: dt.datetime) -> CodeText:
    """A declined charge by text: never how much or which card."""
    body = f"A payment to {_practice(practice_name)} did not go through. Sign in to pay: {link}"
    return _text(SMS_PAYMENT_FAILED, to, body, now)


def refund_text(to: str, practice_name: str, link: str, now: dt.datetime) -> CodeText:
    body = f"{_practice(practice_name)} issued you a refund. Sign in for your receipt: {link}"
    return _text(SMS_REFUND_ISSUED, to, body, now)


def estimate_text(to: str, practice_name: str, link: str, now: dt.datetime) -> CodeText:
    """A Good Faith Estimate by text: that there is one to read, never what it comes to."""
    body = f"{_practice(practice_name)} sent you a Good Faith Estimate. Sign in to read it: {link}"
    return _text(SMS_ESTIMATE_ISSUED, to, body, now)


def request_answered_text(to: str, practice_name: str, link: str, now: dt.datetime) -> CodeText:
    """Staff answered the client's reschedule or cancel request: never how, nor which appointment."""
    body = f"{_practice(practice_name)} replied to your appointment request. Sign in: {link}"
    return _text(SMS_REQUEST_ANSWERED, to, body, now)
