"""The emails about a person's own account: verify the address, the confirmation that follows, a
sign-in link with its code, a password reset code or link, and a change of the sign-in address (the
link to the new address, the notice to the old one).

Nothing clinical goes into them: the practice's name, a first name, a link and/or a code, an expiry,
and a line for the person who did not ask for it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from collections.abc import Mapping
from typing import Any

from messaging.domain.email_layout import NO_HEALTH_INFORMATION, button, html_page, paragraph, web_address
from messaging.domain.invitation_email import _ADDRESS, InvalidDelivery, plain_expiry
from messaging.domain.outbound_email import RenderedEmail

EMAIL_VERIFICATION = "email_verification"
ACCOUNT_CONFIRMATION = "account_confirmation"
SIGN_IN_LINK = "sign_in_link"
PASSWORD_RESET_CODE = "password_reset_code"
PASSWORD_RESET_LINK = "password_reset_link"
EMAIL_CHANGE = "email_change"
EMAIL_CHANGE_NOTICE = "email_change_notice"

_CODE = re.compile(r"^\d{6}$")
NOT_YOU = "If this wasn't you, you can ignore this email: nothing changes unless the link or code is used."


@dataclasses.dataclass(frozen=True)
class AccountEmail:
    """One email about an account, ready to render: a heading, what to do, a button and/or a code."""

    template: str
    to: str
    practice_name: str
    first_name: str
    subject: str
    lines: tuple[str, ...]
    button: tuple[str, str] | None = None
    code: str | None = None
    expires_at: dt.datetime | None = None
    not_you: str = NOT_YOU
    # The practice's logo (an absolute address), shown above the heading; without one, its name.
    logo_url: str | None = None

    def __post_init__(self) -> None:
        if not _ADDRESS.match(self.to):
            raise InvalidDelivery("the recipient address is not an email address")
        if self.button and not web_address(self.button[1]):
            raise InvalidDelivery("the link is not a web address")
        if self.code is not None and not _CODE.match(self.code):
            raise InvalidDelivery("the code is not six digits")
        if self.expires_at is not None and self.expires_at.tzinfo is None:
            raise InvalidDelivery("the expiry has no time zone")
        if not web_address(self.logo_url):
            # A logo is a nicety: one that is no web address is left out rather than the email.
            object.__setattr__(self, "logo_url", None)


def _one_line(text: Any) -> str:
    return " ".join(str(text or "").split())


def account_email(template: str, delivery: Mapping[str, Any], expires_at: dt.datetime | None) -> AccountEmail:
    """The email a template makes of a sealed delivery; InvalidDelivery when it can make none."""
    practice = _one_line(delivery.get("practice_name")) or "Your practice"
    common = {
        "template": template,
        "to": str(delivery["to"]),
        "practice_name": practice,
        "first_name": _one_line(delivery.get("recipient_name")).split(" ", 1)[0],
        "expires_at": expires_at,
    }
    return _BUILDERS[template](practice, delivery, common)


def _verification(practice: str, delivery: Mapping[str, Any], common: dict[str, Any]) -> AccountEmail:
    return AccountEmail(
        subject=f"Confirm your email address for {practice}",
        lines=(f"Please confirm this email address to finish setting up your {practice} client portal account.",),
        button=("Confirm my email address", str(delivery["verify_url"])),
        **common,
    )


def _confirmation(practice: str, delivery: Mapping[str, Any], common: dict[str, Any]) -> AccountEmail:
    return AccountEmail(
        subject=f"Your {practice} client portal account is ready",
        lines=(
            "Your email address is confirmed and your account is ready.",
            f"Your username is: {_one_line(delivery['username'])}",
            "For extra protection, you can turn on two-step sign-in in your account settings.",
        ),
        button=("Go to the portal", str(delivery["sign_in_url"])),
        not_you=f"If you did not create this account, contact {practice}.",
        **common,
    )


def _sign_in_link(practice: str, delivery: Mapping[str, Any], common: dict[str, Any]) -> AccountEmail:
    return AccountEmail(
        subject=f"Your sign-in link for {practice}",
        lines=(
            f"Use the button to sign in to the {practice} client portal,",
            "or type this code on the sign-in page. Either works once.",
        ),
        button=("Sign in", str(delivery["sign_in_url"])),
        code=str(delivery["code"]),
        **common,
    )


def _reset_code(practice: str, delivery: Mapping[str, Any], common: dict[str, Any]) -> AccountEmail:
    return AccountEmail(
        subject=f"Your password reset code for {practice}",
        lines=("Type this code on the reset page to choose a new password. It works once.",),
        code=str(delivery["code"]),
        **common,
    )


def _reset_link(practice: str, delivery: Mapping[str, Any], common: dict[str, Any]) -> AccountEmail:
    return AccountEmail(
        subject=f"Choose a new password for {practice}",
        lines=(f"{practice} sent you a link to choose a new password for its client portal.",),
        button=("Choose a new password", str(delivery["reset_url"])),
        **common,
    )


def _email_change(practice: str, delivery: Mapping[str, Any], common: dict[str, Any]) -> AccountEmail:
    return AccountEmail(
        subject=f"Confirm your new sign-in address for {practice}",
        lines=(
            f"You asked to sign in to the {practice} client portal with this email address.",
            "Confirm it to make the change. Until then you keep signing in with your current address.",
        ),
        button=("Confirm my new address", str(delivery["confirm_url"])),
        not_you="If this wasn't you, you can ignore this email: nothing changes unless the link is used.",
        **common,
    )


def _email_change_notice(practice: str, delivery: Mapping[str, Any], common: dict[str, Any]) -> AccountEmail:
    return AccountEmail(
        subject=f"A change of your sign-in address for {practice} was asked for",
        lines=(
            f"Someone signed in to your {practice} client portal account asked to sign in with another "
            f"address from now on: {_one_line(delivery['new_email_hint'])}",
            "Nothing changes until a link sent to that address is used.",
        ),
        not_you=f"If this wasn't you, change your password now and contact {practice}.",
        **common,
    )


_BUILDERS = {
    EMAIL_VERIFICATION: _verification,
    ACCOUNT_CONFIRMATION: _confirmation,
    SIGN_IN_LINK: _sign_in_link,
    PASSWORD_RESET_CODE: _reset_code,
    PASSWORD_RESET_LINK: _reset_link,
    EMAIL_CHANGE: _email_change,
    EMAIL_CHANGE_NOTICE: _email_change_notice,
}


def render_account_email(email: AccountEmail) -> RenderedEmail:
    return RenderedEmail(subject=email.subject, text_body=_text(email), html_body=_html(email))


def _greeting(email: AccountEmail) -> str:
    return f"Hello {email.first_name}," if email.first_name else "Hello,"


def _expiry(email: AccountEmail) -> str:
    return f"This expires on {plain_expiry(email.expires_at)}." if email.expires_at else ""


def _text(email: AccountEmail) -> str:
    lines = [_greeting(email), "", *email.lines, ""]
    if email.button:
        lines += [f"{email.button[0]}:", email.button[1], ""]
    if email.code:
        lines += [f"Your code: {email.code}", ""]
    if email.expires_at:
        lines += [_expiry(email), ""]
    lines += [f"{NO_HEALTH_INFORMATION} {email.not_you}", ""]
    return "\n".join(lines)


def _html(email: AccountEmail) -> str:
    parts = [paragraph(_greeting(email)), *(paragraph(line) for line in email.lines)]
    if email.button:
        parts.append(button(*email.button))
    if email.code:
        parts.append(
            f'<p>Your code: <strong style="font-size:24px;letter-spacing:4px">{html.escape(email.code)}</strong></p>'
        )
    if email.expires_at:
        parts.append(paragraph(_expiry(email)))
    return html_page(email.subject, email.practice_name, "\n".join(parts), email.not_you, email.logo_url)
