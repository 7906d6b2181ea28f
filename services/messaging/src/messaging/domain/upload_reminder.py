"""The one reminder of a requested upload past its due date, by email and / or text: the practice asked
for a file, it was due on a date, sign in to send it. Never what was asked (a title or note may name
something private), only the practice, a first name, the date and a link to the client's documents."""

from __future__ import annotations

import datetime as dt

from messaging.domain.account_emails import AccountEmail
from messaging.domain.client_notices import _one_line, _practice, _text
from messaging.domain.forms_emails import plain_date
from messaging.domain.text_message import CodeText

UPLOAD_REMINDER = "upload_reminder"
SMS_UPLOAD_REMINDER = "sms_upload_reminder"


def reminder_email(to: str, first_name: str, practice_name: str, link: str, due_on: dt.date) -> AccountEmail:
    practice = _one_line(practice_name) or "Your practice"
    return AccountEmail(
        template=UPLOAD_REMINDER,
        to=to,
        practice_name=practice,
        first_name=_one_line(first_name).split(" ", 1)[0],
        subject=f"{practice} is still waiting for a file from you",
        lines=(
            f"{practice} asked you for a file in its client portal, due on {plain_date(due_on)}.",
            "Sign in to see what was asked and to send it.",
        ),
        button=("See what was asked", link),
        not_you=f"You receive this because {practice} invited you to its client portal.",
    )


def reminder_text(to: str, practice_name: str, link: str, due_on: dt.date, now: dt.datetime) -> CodeText:
    practice = _practice(practice_name)
    body = f"{practice} is still waiting for a file you were asked for by {due_on.day} {due_on:%b}. Sign in: {link}"
    return _text(SMS_UPLOAD_REMINDER, to, body, now)
