"""The invitation email: who is invited, by which practice, and the link to accept.

Nothing clinical goes into it: the practice's name, the person's first name, a link and a date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re

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


_PAGE_STYLE = (
    "margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;"
    "color:#1f2328;background:#ffffff"
)
# Dark blue on white and white on dark blue: both well above the WCAG AA contrast ratio.
_BUTTON_STYLE = (
    "display:inline-block;padding:12px 24px;background:#1a4f8b;color:#ffffff;"
    "font-weight:bold;text-decoration:none;border-radius:6px"
)


def _html(delivery: InvitationDelivery, reminder: bool) -> str:
    practice = html.escape(delivery.practice_name)
    title = html.escape(render_subject(delivery, reminder))
    url = html.escape(delivery.accept_url, quote=True)
    expiry = html.escape(plain_expiry(delivery.expires_at))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
</head>
<body style="{_PAGE_STYLE}">
<main role="main" style="max-width:560px;margin:0 auto">
<h1 style="font-size:22px;margin:0 0 16px">{title}</h1>
<p>{html.escape(_greeting(delivery))}</p>
<p>{html.escape(_invited_line(delivery, reminder))}</p>
<p style="margin:24px 0"><a href="{url}" style="{_BUTTON_STYLE}">Create your account</a></p>
<p>If the button does not work, copy this address into your browser:<br><a href="{url}">{url}</a></p>
<p>This invitation expires on <strong>{expiry}</strong>.
If it has expired, ask {practice} to send you a new invitation.</p>
<hr style="border:none;border-top:1px solid #d0d7de;margin:24px 0">
<p style="font-size:14px;color:#57606a">This email contains no health information.
If you did not expect it, you can ignore it: no account is created unless you use the link.</p>
</main>
</body>
</html>
"""
