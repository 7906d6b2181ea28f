"""The invitation email: who is invited, by which practice, and the link to accept.

Nothing clinical goes into it: the practice's name, the person's first name, a link and a date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re

from messaging.domain.email_layout import button, html_page, paragraph, web_address
from messaging.domain.outbound_email import RenderedEmail

TEMPLATE = "invitation"
REMINDER_TEMPLATE = "invitation_reminder"

_ADDRESS = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")


class InvalidDelivery(ValueError):
    """The delivery details can never make an email (no address, no link)."""


@dataclasses.dataclass(frozen=True)
class InvitationDelivery:
    to: str
    recipient_name: str
    practice_name: str
    accept_url: str
    expires_at: dt.datetime
    first_name: str = ""
    # The practice's logo (an absolute address); without one, the email shows its name.
    logo_url: str | None = None

    def __post_init__(self) -> None:
        if not _ADDRESS.match(self.to):
            raise InvalidDelivery("the recipient address is not an email address")
        if not self.accept_url.startswith(("https://", "http://")) or any(c.isspace() for c in self.accept_url):
            raise InvalidDelivery("the accept link is not a web address")
        if self.expires_at.tzinfo is None:
            raise InvalidDelivery("the expiry has no time zone")
        # Names end up in a header (the subject) and in the greeting: one line, single spaces.
        object.__setattr__(self, "practice_name", _one_line(self.practice_name) or "Your practice")
        object.__setattr__(self, "recipient_name", _one_line(self.recipient_name))
        object.__setattr__(self, "first_name", _one_line(self.first_name))
        if not web_address(self.logo_url):
            object.__setattr__(self, "logo_url", None)

    @property
    def greeting_name(self) -> str:
        return self.first_name or (self.recipient_name.split(" ", 1)[0] if self.recipient_name else "")


def _one_line(text: str) -> str:
    return " ".join(str(text or "").split())


def plain_expiry(moment: dt.datetime) -> str:
    """'Friday 9 January 2026 at 17:00 UTC'."""
    utc = moment.astimezone(dt.UTC)
    return f"{utc:%A} {utc.day} {utc:%B %Y} at {utc:%H:%M} UTC"


def render_invitation(delivery: InvitationDelivery, reminder: bool = False) -> RenderedEmail:
    """The invitation, or the reminder sent before it expires (same link, same expiry)."""
    return RenderedEmail(
        subject=render_subject(delivery, reminder),
        text_body=_text(delivery, reminder),
        html_body=_html(delivery, reminder),
    )


def render_subject(delivery: InvitationDelivery, reminder: bool) -> str:
    if reminder:
        return f"Reminder: your invitation from {delivery.practice_name} expires soon"
    return f"{delivery.practice_name} invites you to its client portal"


def _invited_line(delivery: InvitationDelivery, reminder: bool) -> str:
    if reminder:
        return f"A reminder: {delivery.practice_name} has invited you to create an account on its client portal."
    return f"{delivery.practice_name} has invited you to create an account on its client portal."


def _greeting(delivery: InvitationDelivery) -> str:
    return f"Hello {delivery.greeting_name}," if delivery.greeting_name else "Hello,"


def _text(delivery: InvitationDelivery, reminder: bool) -> str:
    practice = delivery.practice_name
    return "\n".join(
        [
            _greeting(delivery),
            "",
            _invited_line(delivery, reminder),
            "",
            "Create your account:",
            delivery.accept_url,
            "",
            f"This invitation expires on {plain_expiry(delivery.expires_at)}.",
            f"If it has expired, ask {practice} to send you a new invitation.",
            "",
            "This email contains no health information. If you did not expect it, you can ignore it:",
            "no account is created unless you use the link.",
            "",
        ]
    )


def _html(delivery: InvitationDelivery, reminder: bool) -> str:
    practice = delivery.practice_name
    body = "\n".join(
        [
            paragraph(_greeting(delivery)),
            paragraph(_invited_line(delivery, reminder)),
            button("Create your account", delivery.accept_url),
            f"<p>This invitation expires on <strong>{html.escape(plain_expiry(delivery.expires_at))}</strong>.</p>",
            paragraph(f"If it has expired, ask {practice} to send you a new invitation."),
        ]
    )
    footer = "If you did not expect it, you can ignore it: no account is created unless you use the link."
    return html_page(render_subject(delivery, reminder), practice, body, footer, delivery.logo_url)
