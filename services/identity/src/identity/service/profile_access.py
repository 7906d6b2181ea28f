"""Which client profiles an account may open now, and the one a new session starts with."""

from __future__ import annotations

from portalkit.errors import Problem

from identity.domain.model import CLIENT_ROLE, Account
from identity.domain.profile_links import default_profile
from identity.service.unit_of_work import IdentityUnitOfWork


def profile_access_ended() -> Problem:
    return Problem(
        403,
        "profile-access-ended",
        "You can no longer open this profile.",
        "Choose another profile, or ask the practice.",
    )


def open_profile_ids(uow: IdentityUnitOfWork, account: Account) -> list[str]:
    now = uow.clock.now()
    links = uow.profile_links.of_account(account.practice_id, account.id)
    return [link.profile_id for link in links if link.is_open(now)]


def starting_profile(uow: IdentityUnitOfWork, account: Account) -> str | None:
    """The profile a new session is scoped to; the caller's unit of work is open."""
    if account.role != CLIENT_ROLE:
        return None
    return default_profile(uow.profile_links.of_account(account.practice_id, account.id), uow.clock.now())


def reachable(uow: IdentityUnitOfWork, account: Account, profile_id: str | None) -> bool:
    return profile_id is None or profile_id in open_profile_ids(uow, account)


def check_profile(uow: IdentityUnitOfWork, account: Account, profile_id: str | None) -> None:
    """403 when the token's profile is one the account may no longer open (ended or unlinked)."""
    if not reachable(uow, account, profile_id):
        raise profile_access_ended()
