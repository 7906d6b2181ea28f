"""The emails that tell someone a secure message waits for them in the portal.

Never the message, its subject, the client's name or anything clinical: the practice's name, a first
name for the client, and a link to the portal, where the person signs in to read it.
"""

from __future__ import annotations

from messaging.domain.account_emails import AccountEmail

NEW_SECURE_MESSAGE = "new_secure_message"
NEW_CLIENT_MESSAGE = "new_client_message"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def client_notice(to: str, first_name: str, practice_name: str, link: str, logo_url: str | None = None) -> AccountEmail:
    """To the client: the practice wrote to them."""
    practice = _one_line(practice_name) or "Your practice"
    return AccountEmail(
        template=NEW_SECURE_MESSAGE,
        to=to,
        practice_name=practice,
        first_name=_one_line(first_name).split(" ", 1)[0],
        subject=f"You have a new secure message from {practice}",
        lines=(
            f"{practice} sent you a secure message in its client portal.",
            "For your privacy it is not in this email: sign in to read it and reply.",
        ),
        button=("Read the message", link),
        not_you=f"You receive this because {practice} invited you to its client portal.",
        logo_url=logo_url,
    )


def staff_notice(to: str, practice_name: str, link: str) -> AccountEmail:
    """To a staff member: a client wrote (which client stays in the portal)."""
    practice = _one_line(practice_name) or "Your practice"
    return AccountEmail(
        template=NEW_CLIENT_MESSAGE,
        to=to,
        practice_name=practice,
        first_name="",
        subject=f"New secure message in the {practice} portal",
        lines=(
            f"A client sent a secure message to {practice} in the client portal.",
            "Sign in to read it in the inbox.",
        ),
        button=("Open the inbox", link),
        not_you=f"You receive this because of your role at {practice}.",
    )
