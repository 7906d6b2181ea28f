"""The emails the forms service's events ask for: staff told that an assessment needs their attention,
and a client reminded of something to complete.

Neither says which form, which client, what was answered or any score: a practice name, a first
name, a date and a link to the portal, where the person signs in to see the rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from messaging.domain.account_emails import AccountEmail

ASSESSMENT_ATTENTION = "assessment_attention"
TASK_REMINDER = "task_reminder"
ATTENTION_SUBJECT = "An assessment needs your attention"


def _one_line(text: Any) -> str:
    return " ".join(str(text or "").split())


def plain_date(day: dt.date) -> str:
    """'Friday 9 January 2026'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def staff_link(public_base_url: str, assignment_id: str) -> str:
    """The staff page of the assignment (its id only; the page asks who is signed in)."""
    return f"{public_base_url.rstrip('/')}/staff/assignments/{assignment_id}"


def attention_email(to: str, practice_name: str, link: str) -> AccountEmail:
    """To one staff member who may read results: something needs them, and where to look."""
    practice = _one_line(practice_name) or "Your practice"
    return AccountEmail(
        template=ASSESSMENT_ATTENTION,
        to=to,
        practice_name=practice,
        first_name="",
        subject=ATTENTION_SUBJECT,
        lines=(
            f"An assessment at {practice} needs your attention.",
            "Sign in to the portal to see it.",
        ),
        button=("Open it in the portal", link),
        not_you=f"You receive this because of your role at {practice}.",
    )


def reminder_email(delivery: Mapping[str, Any], due_on: dt.date) -> AccountEmail:
    """To the client: the practice asks them to complete something by a date. InvalidDelivery when the
    sealed details make no safe email (no address, a link that is not a web address)."""
    practice = _one_line(delivery.get("practice_name")) or "Your practice"
    return AccountEmail(
        template=TASK_REMINDER,
        to=str(delivery["to"]),
        practice_name=practice,
        first_name=_one_line(delivery.get("recipient_name")).split(" ", 1)[0],
        subject=f"You have something to complete for {practice}",
        lines=(
            f"{practice} has asked you to complete something on its client portal.",
            f"Please complete it by {plain_date(due_on)}.",
        ),
        button=("See what to complete", str(delivery["tasks_url"])),
        not_you=f"You receive this because {practice} invited you to its client portal.",
    )
