"""The reminders scheduling's events ask for: an email and / or a text to the client that an
appointment is coming, with its time and a link to the portal, and nothing about what it is for.

A text is useless once the appointment started, so it is given up then (its `expires_at`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from messaging.domain.account_emails import AccountEmail, InvalidDelivery
from messaging.domain.text_message import CodeText, InvalidText

APPOINTMENT_REMINDER = "appointment_reminder"
SMS_APPOINTMENT_REMINDER = "sms_appointment_reminder"
_PHONE = re.compile(r"^\+[1-9]\d{7,14}$")
_MAX_PRACTICE_NAME = 40


def _one_line(text: Any) -> str:
    return " ".join(str(text or "").split())


def _when(delivery: Mapping[str, Any]) -> str:
    when = _one_line(delivery.get("when"))[:80]
    if not when:
        raise InvalidDelivery("the reminder has no time")
    return when


def reminder_email(delivery: Mapping[str, Any]) -> AccountEmail:
    """To the client's address; InvalidDelivery when the sealed details make no safe email."""
    practice = _one_line(delivery.get("practice_name")) or "Your practice"
    when = _when(delivery)
    return AccountEmail(
        template=APPOINTMENT_REMINDER,
        to=str(delivery.get("email") or ""),
        practice_name=practice,
        first_name=_one_line(delivery.get("recipient_name")).split(" ", 1)[0],
        subject=f"Your appointment with {practice} on {when}",
        lines=(
            f"This is a reminder of your appointment with {practice} on {when}.",
            "Open the portal to see the details, add it to your calendar or ask to change it.",
        ),
        button=("See your appointment", str(delivery.get("appointments_url") or "")),
        not_you=f"You receive this because you have an appointment with {practice}.",
    )


def reminder_text(delivery: Mapping[str, Any], starts_at: dt.datetime) -> CodeText:
    """To the client's phone; InvalidText without a number or a time."""
    to = str(delivery.get("phone") or "")
    if not _PHONE.match(to):
        raise InvalidText("the recipient is not a phone number")
    practice = _one_line(delivery.get("practice_name"))[:_MAX_PRACTICE_NAME] or "Your practice"
    try:
        when = _when(delivery)
    except InvalidDelivery as error:
        raise InvalidText(str(error)) from None
    body = f"{practice}: a reminder of your appointment on {when}. Details in your portal."
    return CodeText(SMS_APPOINTMENT_REMINDER, to, body, starts_at)
