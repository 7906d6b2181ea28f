"""A client account's notice preferences: read them (email until chosen otherwise), choose them, and
confirm the mobile number with the code texted to it (domain/mobile_confirmation.py). Saving a new or
changed number texts a code and leaves the number unconfirmed; a confirmed number publishes
`messaging.mobile.confirmed` v1 `{account_id, confirmed_at}` (never the number)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable

from portalkit import context
from portalkit.clock import utc_iso
from portalkit.errors import Problem, ValidationProblem

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.domain.mobile_confirmation import (
    CodeRefused,
    MobileCode,
    TooManyCodes,
    check_may_send,
)
from messaging.domain.notice_preferences import DEFAULT, InvalidPreference, NoticePreference
from messaging.domain.text_message import code_text
from messaging.service.texting import queue_text

MOBILE_CONFIRMED = "messaging.mobile.confirmed"
log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class CodeSending:
    """What texting a code takes: the pepper its HMAC is made with, and the practice's name to sign it."""

    pepper: bytes
    practice_name: Callable[[str], str]


_REFUSED = {
    "wrong": "This code is not right. Check it, or send a new code.",
    "expired": "This code has expired. Send a new code.",
    "dead": "This code can no longer be used. Send a new code.",
}


def nothing_to_confirm() -> Problem:
    return Problem(
        409, "nothing-to-confirm", "There is no mobile number waiting to be confirmed.", "Save a mobile number first."
    )


def too_many_codes(wait: TooManyCodes) -> Problem:
    return Problem(
        429,
        "too-many-codes",
        "We have texted enough codes for now.",
        f"Try again in {_in_words(wait.retry_after)}.",
        retry_after=wait.retry_after,
    )


def _in_words(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} seconds"
    return f"{(seconds + 59) // 60} minutes"


def preference_of(uow: MessagingUnitOfWork, practice_id: str, account_id: str) -> NoticePreference:
    with uow:
        return uow.preferences.get(practice_id, account_id) or DEFAULT


def choose(
    uow: MessagingUnitOfWork,
    practice_id: str,
    account_id: str,
    channel: str,
    mobile: str | None,
    codes: CodeSending,
) -> NoticePreference:
    """422 naming `channel` or `mobile` when they make no preference, 429 when a new number would need one
    code too many; nothing is written then. A new or changed number is texted a code."""
    with uow:
        previous = uow.preferences.get(practice_id, account_id) or DEFAULT
        try:
            chosen = NoticePreference.choose(channel, mobile, uow.clock.now(), previous)
        except InvalidPreference as error:
            raise ValidationProblem(error.errors) from None
        if chosen.needs_confirming_after(previous) and chosen.mobile is not None:
            _text_code(uow, practice_id, account_id, chosen.mobile, codes, new_number=True)
        elif chosen.mobile is None:
            _end_live_code(uow, practice_id, account_id)
        uow.preferences.save(practice_id, account_id, chosen)
        uow.commit()
        return chosen


def send_new_code(
    uow: MessagingUnitOfWork, practice_id: str, account_id: str, codes: CodeSending
) -> tuple[NoticePreference, dt.datetime]:
    """Text a new code to the unconfirmed number (the one before stops working); 409 without one, 429 too soon."""
    with uow:
        preference = uow.preferences.get(practice_id, account_id) or DEFAULT
        if preference.mobile is None or preference.mobile_confirmed:
            raise nothing_to_confirm()
        expires_at = _text_code(uow, practice_id, account_id, preference.mobile, codes)
        uow.commit()
        return preference, expires_at


def confirm(uow: MessagingUnitOfWork, practice_id: str, account_id: str, code: str, pepper: bytes) -> NoticePreference:
    """The number is confirmed when `code` is the live one texted to it. A wrong, expired or used-up code
    is 422 naming `code` and confirms nothing (a wrong one counts: five, and a new code is needed)."""
    with uow:
        preference = uow.preferences.get(practice_id, account_id) or DEFAULT
        if preference.mobile is None or preference.mobile_confirmed:
            raise nothing_to_confirm()
        latest = uow.mobile_codes.latest(practice_id, account_id)
        if latest is None or latest.mobile != preference.mobile:
            raise ValidationProblem({"code": [_REFUSED["dead"]]})
        now = uow.clock.now()
        try:
            latest.check(code, pepper, now)
        except CodeRefused as refused:
            uow.mobile_codes.save(latest)
            uow.commit()  # the wrong try counts
            raise ValidationProblem({"code": [_REFUSED[refused.reason]]}) from None
        uow.mobile_codes.save(latest)
        confirmed = preference.confirmed(now)
        uow.preferences.save(practice_id, account_id, confirmed)
        uow.publish(MOBILE_CONFIRMED, {"account_id": account_id, "confirmed_at": utc_iso(now)}, practice_id)
        uow.commit()
        log.info("mobile confirmed", extra={"account_id": account_id})
        return confirmed


def _text_code(
    uow: MessagingUnitOfWork,
    practice_id: str,
    account_id: str,
    mobile: str,
    codes: CodeSending,
    new_number: bool = False,
) -> dt.datetime:
    now = uow.clock.now()
    issued = uow.mobile_codes.issued_since(practice_id, account_id, now - dt.timedelta(hours=1))
    try:
        check_may_send(issued, now, new_number)
    except TooManyCodes as wait:
        raise too_many_codes(wait) from None
    _end_live_code(uow, practice_id, account_id)
    record, code = MobileCode.issue(practice_id, account_id, mobile, codes.pepper, now)
    uow.mobile_codes.add(record)
    text = code_text(
        "notices", {"to": mobile, "code": code, "practice_name": codes.practice_name(practice_id)}, record.expires_at
    )
    queue_text(
        uow, text, practice_id=practice_id, cause_event_id=record.id, correlation_id=context.current_correlation_id()
    )
    log.info("mobile code texted", extra={"account_id": account_id})
    return record.expires_at


def _end_live_code(uow: MessagingUnitOfWork, practice_id: str, account_id: str) -> None:
    latest = uow.mobile_codes.latest(practice_id, account_id)
    if latest is not None and latest.live:
        latest.end(uow.clock.now())
        uow.mobile_codes.save(latest)
