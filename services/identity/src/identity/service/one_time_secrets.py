"""Issuing and redeeming the secrets sent to people, shared by verification, sign-in links, resets
and staff PINs; every issue and use is written to the account's audit log."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from portalkit.clock import utc_iso
from portalkit.errors import Problem
from portalkit.sealed import Sealer

from identity.domain.model import Account, AccountEvent
from identity.domain.sent_secrets import (
    SELF_SERVICE_MAILS_PER_HOUR,
    IssuedSecret,
    SecretRefused,
    SecretRequest,
    SentSecret,
    issue_secret,
)
from identity.service.caller import Caller
from identity.service.unit_of_work import IdentityUnitOfWork


@dataclasses.dataclass(frozen=True)
class SecretDelivery:
    """What it takes to send a secret: the address people open, the key sealing deliveries for the
    notifier, and the pepper under which codes are hashed."""

    public_base_url: str
    sealer: Sealer
    pepper: bytes

    def url(self, path: str) -> str:
        return self.public_base_url.rstrip("/") + path

    def sealed(self, **details: Any) -> str:
        return self.sealer.seal(details)


_LINK_REFUSALS = {
    "expired": ("link-expired", "This link has expired.", "Ask for a new one."),
    "used": ("link-used", "This link has already been used.", "Ask for a new one if you still need it."),
    "dead": ("link-used", "This link can no longer be used.", "Ask for a new one."),
    "superseded": ("link-superseded", "A newer link replaced this one.", "Use the newest email you received."),
}


def link_refused(reason: str) -> Problem:
    code, title, detail = _LINK_REFUSALS[reason]
    return Problem(410, code, title, detail)


def link_not_found() -> Problem:
    return Problem(404, "link-not-found", "This link is not valid.", "Check that you copied all of it.")


def invalid_code() -> Problem:
    # The same answer for an unknown address, a wrong code and a code tried too often.
    return Problem(401, "invalid-code", "The email or code is not right.", "Check both, or ask for a new code.")


def code_expired() -> Problem:
    return Problem(410, "code-expired", "This code has expired.", "Ask for a new one.")


def issue(
    uow: IdentityUnitOfWork,
    request: SecretRequest,
    pepper: bytes,
    caller: Caller | None = None,
) -> IssuedSecret:
    """A new secret; the older ones of the same purpose for the account stop working."""
    now = uow.clock.now()
    for older in uow.secrets.live(request.account_id, request.purpose):
        older.supersede(now)
    issued = issue_secret(request, pepper, now)
    uow.secrets.add(issued.record)
    audit(uow, issued.record, "secret_issued", caller, actor_id=request.issued_by)
    return issued


def redeem_token(uow: IdentityUnitOfWork, token: str, purposes: tuple[str, ...]) -> tuple[SentSecret, Account]:
    """The secret of this link and its account, spent now; 404 or 410 when it cannot be."""
    secret = uow.secrets.with_token(token)
    account = uow.accounts.get(secret.account_id) if secret else None
    if secret is None or account is None or secret.purpose not in purposes:
        raise link_not_found()
    try:
        secret.redeem(uow.clock.now())
    except SecretRefused as refused:
        raise link_refused(refused.reason) from refused
    return secret, account


def redeem_code(
    uow: IdentityUnitOfWork, email: str, code: str, purpose: str, pepper: bytes, practice_id: str | None = None
) -> tuple[SentSecret, Account]:
    """The live secret of that purpose whose code matches, spent now. A wrong code is counted (and
    committed) before the refusal, so five of them kill the secret."""
    now = uow.clock.now()
    candidates = [a for a in uow.accounts.with_email(email) if practice_id in (None, a.practice_id)]
    live = [(secret, account) for account in candidates for secret in uow.secrets.live(account.id, purpose)]
    wrong = False
    for secret, account in live:
        try:
            secret.check_code(code, pepper, now)
        except SecretRefused as refused:
            if refused.reason == "expired":
                raise code_expired() from refused
            wrong = wrong or refused.reason == "wrong"
            continue
        secret.redeem(now)
        return secret, account
    if wrong:
        uow.commit()
    raise invalid_code()


def audit(
    uow: IdentityUnitOfWork,
    secret: SentSecret,
    action: str,
    caller: Caller | None,
    actor_id: str | None = None,
) -> None:
    record_account_event(uow, secret.practice_id, secret.account_id, action, caller, secret.purpose, actor_id)


def record_account_event(
    uow: IdentityUnitOfWork,
    practice_id: str,
    account_id: str,
    action: str,
    caller: Caller | None = None,
    purpose: str | None = None,
    actor_id: str | None = None,
) -> None:
    caller = caller or Caller()
    uow.account_log.record(
        AccountEvent(
            practice_id=practice_id,
            account_id=account_id,
            action=action,
            at=uow.clock.now(),
            purpose=purpose,
            actor_id=actor_id,
            ip=(caller.ip or "")[:64] or None,
            user_agent=(caller.user_agent or "")[:300] or None,
        )
    )


def expiry_text(moment: dt.datetime) -> str:
    return utc_iso(moment)


def mail_each_account(
    uow: IdentityUnitOfWork,
    email: str,
    purpose: str,
    wanted: Callable[[Account], bool],
    mail: Callable[[Account], None],
    caller: Caller | None = None,
) -> None:
    """For the requests that answer the same whatever the address (forgot password, email me a
    link, resend verification): `mail` each account of the address that is `wanted` and has not had
    its hourly share of such mails, in one transaction. A withheld mail is written to the audit log."""
    with uow:
        hour_ago = uow.clock.now() - dt.timedelta(hours=1)
        for account in uow.accounts.with_email(email):
            if not wanted(account):
                continue
            if uow.secrets.issued_since(account.id, purpose, hour_ago) >= SELF_SERVICE_MAILS_PER_HOUR:
                record_account_event(uow, account.practice_id, account.id, "secret_withheld", caller, purpose)
                continue
            mail(account)
        uow.commit()
