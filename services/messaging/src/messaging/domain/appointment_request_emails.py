"""The emails scheduling's request events ask for: staff told that a client asked to reschedule or
cancel an appointment, and the client told that the practice answered.

Neither says who the client is, when or why, nor what staff wrote back: the practice's name, whether
it is a reschedule or a cancellation, the answer, and a link to the portal, where the person signs in
to see the rest.
"""

from __future__ import annotations

from typing import Any

from messaging.domain.account_emails import AccountEmail

APPOINTMENT_REQUEST = "appointment_request"
APPOINTMENT_REQUEST_ANSWERED = "appointment_request_answered"
_VERBS = {"reschedule": "reschedule", "cancel": "cancel"}
_APPROVED = {
    "reschedule": "Your appointment was moved to a new time.",
    "cancel": "Your appointment was cancelled as you asked.",
}


def _one_line(text: Any) -> str:
    return " ".join(str(text or "").split())


def check_kind(kind: str) -> None:
    """ValueError for a request kind these emails have no words for."""
    _verb(kind)


def _verb(kind: str) -> str:
    try:
        return _VERBS[kind]
    except KeyError:
        raise ValueError(f"unknown request kind {kind!r}") from None


def request_email(to: str, practice_name: str, kind: str, link: str) -> AccountEmail:
    """To one staff member who answers requests: there is one waiting, and where."""
    practice = _one_line(practice_name) or "Your practice"
    verb = _verb(kind)
    return AccountEmail(
        template=APPOINTMENT_REQUEST,
        to=to,
        practice_name=practice,
        first_name="",
        subject=f"A client asked to {verb} an appointment",
        lines=(
            f"A client of {practice} asked to {verb} an appointment.",
            "Sign in to the portal to approve or decline the request.",
        ),
        button=("See the request", link),
        not_you=f"You receive this because of your role at {practice}.",
    )


def answer_email(to: str, first_name: str, practice_name: str, kind: str, approved: bool, link: str) -> AccountEmail:
    """To the client: the practice answered their request; the details (and any message) are in the portal."""
    practice = _one_line(practice_name) or "Your practice"
    verb = _verb(kind)
    outcome = _APPROVED[kind] if approved else f"{practice} could not {verb} your appointment as you asked."
    return AccountEmail(
        template=APPOINTMENT_REQUEST_ANSWERED,
        to=to,
        practice_name=practice,
        first_name=_one_line(first_name).split(" ", 1)[0],
        subject=f"{practice} replied to your request",
        lines=(outcome, "Sign in to the portal to see your appointments and any message from your practice."),
        button=("See your appointments", link),
        not_you=f"You receive this because you asked {practice} to {verb} an appointment.",
    )
