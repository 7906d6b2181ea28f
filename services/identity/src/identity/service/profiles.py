"""Several client profiles behind one sign-in: staff link an account to a profile (its own, a
couple's, a minor's as guardian until an end date) and unlink it; the person lists the profiles they
may reach and picks one, and every token of the session is then scoped to it. A link that ended or
was removed stops identity's client answers at once and the next refresh drops the profile."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from portalkit.errors import Problem, forbidden

from identity.adapters.signing import AccessTokens
from identity.domain.model import CLIENT_ROLE
from identity.domain.profile_links import SELF, ProfileLink
from identity.domain.sessions import IssuedRefreshToken, Session, issue_refresh_token
from identity.service.caller import Caller
from identity.service.one_time_secrets import record_account_event
from identity.service.profile_access import profile_access_ended
from identity.service.sign_in import invalid_refresh_token, token_response
from identity.service.unit_of_work import IdentityUnitOfWork


@dataclasses.dataclass(frozen=True)
class Chooser:
    """The signed-in person picking a profile, from the session their tokens belong to."""

    practice_id: str
    account_id: str
    session_id: str | None


def profile_not_found() -> Problem:
    return Problem(404, "profile-not-found", "This profile is not one you can open.", "Choose one from your list.")


def my_profiles(uow: IdentityUnitOfWork, practice_id: str, account_id: str) -> list[dict[str, Any]]:
    with uow:
        now = uow.clock.now()
        links = [link for link in uow.profile_links.of_account(practice_id, account_id) if link.is_open(now)]
        views = [_profile_view(uow, link) for link in links]
        return sorted(views, key=lambda view: (view["kind"] != SELF, view["name"].lower(), view["id"]))


def _profile_view(uow: IdentityUnitOfWork, link: ProfileLink) -> dict[str, Any]:
    profile = uow.clients.get(link.practice_id, link.profile_id)
    assert profile is not None
    return {
        "id": profile.id,
        "first_name": profile.first_name,
        "last_name": profile.last_name,
        "name": f"{profile.first_name} {profile.last_name}",
        "initials": profile.initials,
        "kind": link.kind,
        "ends_on": link.ends_on,
    }


def choose_profile(
    uow: IdentityUnitOfWork, chooser: Chooser, profile_id: str, tokens: AccessTokens, caller: Caller
) -> dict[str, Any]:
    """A new token pair for the same session, scoped to `profile_id`; the session's older refresh
    tokens are spent, so presenting one later ends the session like any reused token."""
    with uow:
        now = uow.clock.now()
        account = uow.accounts.get(chooser.account_id)
        session = uow.sessions.get(chooser.session_id) if chooser.session_id else None
        if account is None or account.practice_id != chooser.practice_id or account.role != CLIENT_ROLE:
            raise forbidden("Only clients choose a profile.")
        if session is None or session.account_id != account.id or session.revoked_at is not None:
            raise invalid_refresh_token()
        link = uow.profile_links.between(account.practice_id, account.id, profile_id)
        if link is None:
            raise profile_not_found()
        if not link.is_open(now):
            raise profile_access_ended()
        refresh = _rescope(uow, session, profile_id, now)
        record_account_event(uow, account.practice_id, account.id, "profile_chosen", caller, link.kind)
        uow.commit()
    return token_response(tokens.issue(account, session.id, profile_id), refresh.token, tokens.ttl_seconds)


def _rescope(uow: IdentityUnitOfWork, session: Session, profile_id: str, now: dt.datetime) -> IssuedRefreshToken:
    for older in uow.sessions.unspent_tokens(session.id):
        older.used_at = now
    session.profile_id = profile_id
    refresh = issue_refresh_token(session.id, now)
    uow.sessions.add_token(refresh.record)
    return refresh
