"""Staff link an account to a client profile (partner of a couple's profile, guardian of a minor
until an optional end date, or the own profile again) and unlink it. Both are in the account's audit
with the staff member as actor and published. Another practice's client or account is 404."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from portalkit.errors import Problem, ValidationProblem, not_found
from sqlalchemy.exc import IntegrityError

from identity.domain.model import CLIENT_ROLE, Account
from identity.domain.profile_links import SELF, LinkInvalid, ProfileLink
from identity.events import PROFILE_LINK_CREATED, PROFILE_LINK_REMOVED
from identity.service.caller import Caller
from identity.service.one_time_secrets import record_account_event
from identity.service.unit_of_work import IdentityUnitOfWork


@dataclasses.dataclass(frozen=True)
class NewLink:
    """Whose account (by id or by sign-in address), how it relates to the profile, until when."""

    kind: str
    account_id: str | None = None
    account_email: str | None = None
    ends_on: dt.date | None = None


@dataclasses.dataclass(frozen=True)
class StaffAction:
    practice_id: str
    staff_id: str
    caller: Caller


def link_exists() -> Problem:
    return Problem(409, "link-exists", "This account already reaches this profile.", "Remove that link first.")


def account_not_found() -> Problem:
    return Problem(404, "account-not-found", "No client account of the practice has this id or address.", "Check it.")


def links_of_client(uow: IdentityUnitOfWork, practice_id: str, client_id: str) -> list[dict[str, Any]]:
    with uow:
        _client(uow, practice_id, client_id)
        return [_link_view(uow, link) for link in uow.profile_links.of_profile(practice_id, client_id)]


def link_account(uow: IdentityUnitOfWork, action: StaffAction, client_id: str, new: NewLink) -> dict[str, Any]:
    with uow:
        _client(uow, action.practice_id, client_id)
        account = _client_account(uow, action.practice_id, new)
        if new.kind == SELF and account.profile_id != client_id:
            raise ValidationProblem({"kind": ["Only the profile the account was invited for is its own."]})
        if uow.profile_links.between(action.practice_id, account.id, client_id) is not None:
            raise link_exists()
        link = _make(action, account, client_id, new, uow.clock.now())
        uow.profile_links.add(link)
        _announce(uow, action, link, "profile_linked", PROFILE_LINK_CREATED)
        try:
            uow.commit()
        except IntegrityError as error:  # the same link, made by a concurrent request
            raise link_exists() from error
        return _link_view(uow, link)


def _make(action: StaffAction, account: Account, client_id: str, new: NewLink, now: dt.datetime) -> ProfileLink:
    try:
        return ProfileLink.make(action.practice_id, account.id, client_id, new.kind, now, new.ends_on, action.staff_id)
    except LinkInvalid as error:
        raise ValidationProblem({error.field: [error.message]}) from error


def unlink_account(uow: IdentityUnitOfWork, action: StaffAction, client_id: str, link_id: str) -> None:
    with uow:
        _client(uow, action.practice_id, client_id)
        link = uow.profile_links.get(action.practice_id, link_id)
        if link is None or link.profile_id != client_id:
            raise not_found("Link")
        uow.profile_links.remove(link)
        _announce(uow, action, link, "profile_unlinked", PROFILE_LINK_REMOVED)
        uow.commit()


def _announce(uow: IdentityUnitOfWork, action: StaffAction, link: ProfileLink, audit: str, event: str) -> None:
    record_account_event(uow, link.practice_id, link.account_id, audit, action.caller, link.kind, action.staff_id)
    data: dict[str, str | None] = {
        "link_id": link.id,
        "account_id": link.account_id,
        "client_id": link.profile_id,
        "kind": link.kind,
        "actor_id": action.staff_id,
    }
    if event == PROFILE_LINK_CREATED:
        data["ends_on"] = link.ends_on.isoformat() if link.ends_on else None
    uow.publish(event, data, link.practice_id)


def _client(uow: IdentityUnitOfWork, practice_id: str, client_id: str) -> None:
    if uow.clients.get(practice_id, client_id) is None:
        raise not_found("Client")


def _client_account(uow: IdentityUnitOfWork, practice_id: str, new: NewLink) -> Account:
    if new.account_id:
        account = uow.accounts.get(new.account_id)
    else:
        account = uow.accounts.in_practice_with_email(practice_id, new.account_email or "")
    if account is None or account.practice_id != practice_id or account.role != CLIENT_ROLE:
        raise account_not_found()
    return account


def _link_view(uow: IdentityUnitOfWork, link: ProfileLink) -> dict[str, Any]:
    account = uow.accounts.get(link.account_id)
    return {
        "id": link.id,
        "account_id": link.account_id,
        "account_email": account.email if account else None,
        "account_status": account.status if account else None,
        "client_id": link.profile_id,
        "kind": link.kind,
        "ends_on": link.ends_on,
        "active": link.is_open(uow.clock.now()),
        "created_at": link.created_at,
        "created_by": link.created_by,
    }
