"""Where identity's aggregates are kept; every client query names the practice it looks in."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import joinedload

from identity.adapters.orm import (
    account_events,
    accounts,
    agreements,
    client_emails,
    client_profiles,
    practices,
    profile_links,
    recovery_codes,
    refresh_tokens,
    sent_secrets,
    session_families,
    sign_in_events,
)
from identity.domain.model import ACTIVE, Account, AccountEvent, Agreement, ClientProfile, Practice, SignInEvent
from identity.domain.profile_links import ProfileLink
from identity.domain.sent_secrets import SentSecret, hash_link_token
from identity.domain.sessions import RefreshToken, Session
from identity.domain.two_factor import MfaChallenge, RecoveryCode, TwoFactor, hash_challenge_id


@dataclasses.dataclass(frozen=True)
class ClientOfPractice:
    client: ClientProfile
    practice: Practice
    account: Account | None
    electronic_notices: bool  # the account accepted notices by email and text


# Attempts that count against an account or an address (a refused secret counts too).
FAILED_RESULTS = ("wrong_password", "locked", "throttled", "wrong_code")


class Practices:
    def __init__(self, db: DbSession) -> None:
        self._db = db

    def add(self, practice: Practice) -> None:
        self._db.add(practice)

    def get(self, practice_id: str) -> Practice | None:
        return self._db.get(Practice, practice_id)

    def named(self, name: str) -> Practice | None:
        return self._db.scalars(select(Practice).where(practices.c.name == name).order_by(practices.c.id)).first()


class Clients:
    def __init__(self, db: DbSession) -> None:
        self._db = db

    def add(self, client: ClientProfile) -> None:
        for email in client.emails:
            email.practice_id = client.practice_id  # type: ignore[attr-defined]  # a column, not a domain field
        self._db.add(client)

    def get(self, practice_id: str, client_id: str) -> ClientProfile | None:
        query = select(ClientProfile).where(
            client_profiles.c.id == client_id, client_profiles.c.practice_id == practice_id
        )
        return self._db.scalars(query).first()

    def with_practice(self, practice_id: str, client_id: str) -> ClientOfPractice | None:
        """The client, its addresses, its practice, its account (the newest, if ever more than one) and
        whether that account accepted electronic notices: one query, so one moment (other services
        ask for each notice)."""
        notices = (
            select(agreements.c.id)
            .where(agreements.c.account_id == accounts.c.id, agreements.c.kind == "electronic_notices")
            .exists()
        )
        query = (
            select(ClientProfile, Practice, Account, notices)
            .join(Practice, practices.c.id == client_profiles.c.practice_id)
            .outerjoin(
                Account,
                (accounts.c.practice_id == client_profiles.c.practice_id)
                & (accounts.c.profile_id == client_profiles.c.id),
            )
            .where(client_profiles.c.id == client_id, client_profiles.c.practice_id == practice_id)
            .order_by(accounts.c.created_at.desc())
            .options(joinedload(ClientProfile.emails))  # type: ignore[attr-defined]  # mapped imperatively
        )
        row = self._db.execute(query).unique().first()
        return None if row is None else ClientOfPractice(row[0], row[1], row[2], bool(row[2] and row[3]))

    def in_practice(self, practice_id: str) -> list[ClientProfile]:
        query = (
            select(ClientProfile)
            .where(client_profiles.c.practice_id == practice_id)
            .order_by(client_profiles.c.last_name, client_profiles.c.first_name, client_profiles.c.id)
        )
        return list(self._db.scalars(query))

    def addresses_taken(self, practice_id: str, addresses: list[str]) -> list[str]:
        query = select(client_emails.c.address).where(
            client_emails.c.practice_id == practice_id,
            client_emails.c.address.in_(addresses),
        )
        return list(self._db.scalars(query))


class Accounts:
    def __init__(self, db: DbSession) -> None:
        self._db = db

    def add(self, account: Account) -> None:
        self._db.add(account)

    def get(self, account_id: str) -> Account | None:
        return self._db.get(Account, account_id)

    def with_email(self, email: str) -> list[Account]:
        """Accounts of this address in every practice: one person may be a client of two practices."""
        query = (
            select(Account)
            .where(accounts.c.email == email.strip().lower())
            .order_by(accounts.c.created_at, accounts.c.id)
        )
        return list(self._db.scalars(query))

    def in_practice_with_email(self, practice_id: str, email: str) -> Account | None:
        query = select(Account).where(accounts.c.practice_id == practice_id, accounts.c.email == email.strip().lower())
        return self._db.scalars(query).first()

    def for_invitation(self, invitation_id: str) -> Account | None:
        return self._db.scalars(select(Account).where(accounts.c.invitation_id == invitation_id)).first()

    def for_clients(self, practice_id: str, client_ids: list[str]) -> dict[str, Account]:
        query = select(Account).where(accounts.c.practice_id == practice_id, accounts.c.profile_id.in_(client_ids))
        return {account.profile_id: account for account in self._db.scalars(query) if account.profile_id}

    def active_staff(self, practice_id: str, roles: list[str]) -> list[Account]:
        """The practice's active staff accounts holding one of `roles`, oldest first."""
        query = (
            select(Account)
            .where(accounts.c.practice_id == practice_id, accounts.c.role.in_(roles), accounts.c.status == ACTIVE)
            .order_by(accounts.c.created_at, accounts.c.id)
        )
        return list(self._db.scalars(query))

    def add_agreement(self, agreement: Agreement) -> None:
        self._db.add(agreement)


class Sessions:
    def __init__(self, db: DbSession) -> None:
        self._db = db

    def add(self, session: Session, token: RefreshToken) -> None:
        self._db.add(session)
        self._db.flush()  # unrelated mappers are not ordered by foreign key: the session row goes first
        self._db.add(token)

    def add_token(self, token: RefreshToken) -> None:
        self._db.add(token)

    def get(self, session_id: str) -> Session | None:
        return self._db.get(Session, session_id)

    def with_holder(self, session_id: str) -> tuple[Session, Account, Practice | None] | None:
        """The session with its account and the account's practice, in one query: the gateway asks
        on every call."""
        query = (
            select(Session, Account, Practice)
            .join(Account, accounts.c.id == session_families.c.account_id)
            .outerjoin(Practice, practices.c.id == accounts.c.practice_id)
            .where(session_families.c.id == session_id)
        )
        row = self._db.execute(query).first()
        return None if row is None else (row[0], row[1], row[2])

    def of_account(self, account_id: str) -> list[Session]:
        query = (
            select(Session)
            .where(session_families.c.account_id == account_id, session_families.c.revoked_at.is_(None))
            .order_by(session_families.c.created_at.desc(), session_families.c.id)
        )
        return list(self._db.scalars(query))

    def unspent_tokens(self, session_id: str) -> list[RefreshToken]:
        query = select(RefreshToken).where(
            refresh_tokens.c.session_id == session_id, refresh_tokens.c.used_at.is_(None)
        )
        return list(self._db.scalars(query.with_for_update()))

    def token_for_update(self, token_hash: str) -> RefreshToken | None:
        """Locked until commit, so two refreshes with one token cannot both succeed."""
        return self._db.get(RefreshToken, token_hash, with_for_update=True)


class SignInLog:
    """Append-only: there is no way here to change or remove a row."""

    def __init__(self, db: DbSession) -> None:
        self._db = db

    def record(self, event: SignInEvent) -> None:
        self._db.add(event)

    def failures_of_account_since(self, account_id: str, since: dt.datetime) -> int:
        return self._count_failures(sign_in_events.c.account_id == account_id, since)

    def failures_from_ip_since(self, ip: str, since: dt.datetime) -> int:
        return self._count_failures(sign_in_events.c.ip == ip, since)

    def _count_failures(self, who: object, since: dt.datetime) -> int:
        query = select(func.count()).where(
            who,  # type: ignore[arg-type]
            sign_in_events.c.at > since,
            sign_in_events.c.result.in_(FAILED_RESULTS),
        )
        return int(self._db.scalar(query) or 0)

    def of_account(self, account_id: str, limit: int) -> list[SignInEvent]:
        query = (
            select(SignInEvent)
            .where(sign_in_events.c.account_id == account_id)
            .order_by(sign_in_events.c.at.desc(), sign_in_events.c.id.desc())
            .limit(limit)
        )
        return list(self._db.scalars(query))


class AccountLog:
    """Append-only, like the sign-in log: secrets issued and used, password changes, staff actions."""

    def __init__(self, db: DbSession) -> None:
        self._db = db

    def record(self, event: AccountEvent) -> None:
        self._db.add(event)

    def of_account(self, account_id: str, limit: int) -> list[AccountEvent]:
        query = (
            select(AccountEvent)
            .where(account_events.c.account_id == account_id)
            .order_by(account_events.c.at.desc(), account_events.c.id.desc())
            .limit(limit)
        )
        return list(self._db.scalars(query))


class SentSecrets:
    def __init__(self, db: DbSession) -> None:
        self._db = db

    def add(self, secret: SentSecret) -> None:
        self._db.add(secret)

    def with_token(self, token: str) -> SentSecret | None:
        """Locked until commit, so one link cannot be used twice by two concurrent requests."""
        query = select(SentSecret).where(sent_secrets.c.token_hash == hash_link_token(token)).with_for_update()
        return self._db.scalars(query).first()

    def live(self, account_id: str, purpose: str) -> list[SentSecret]:
        """Neither used nor superseded: issuing supersedes the others, so at most one, the newest."""
        query = select(SentSecret).where(
            sent_secrets.c.account_id == account_id,
            sent_secrets.c.purpose == purpose,
            sent_secrets.c.used_at.is_(None),
            sent_secrets.c.superseded_at.is_(None),
        )
        return list(self._db.scalars(query.with_for_update()))

    def issued_since(self, account_id: str, purpose: str, since: dt.datetime) -> int:
        query = select(func.count()).where(
            sent_secrets.c.account_id == account_id,
            sent_secrets.c.purpose == purpose,
            sent_secrets.c.issued_at > since,
        )
        return self._db.scalar(query) or 0


class TwoFactors:
    def __init__(self, db: DbSession) -> None:
        self._db = db

    def get(self, account_id: str) -> TwoFactor | None:
        return self._db.get(TwoFactor, account_id)

    def for_update(self, account_id: str) -> TwoFactor | None:
        """Locked until commit: one TOTP step cannot pass two sign-ins at once."""
        return self._db.get(TwoFactor, account_id, with_for_update=True)

    def add(self, factor: TwoFactor) -> None:
        self._db.add(factor)


class RecoveryCodes:
    def __init__(self, db: DbSession) -> None:
        self._db = db

    def add(self, codes: list[RecoveryCode]) -> None:
        self._db.add_all(codes)

    def unused(self, account_id: str) -> list[RecoveryCode]:
        """Locked until commit, so one code cannot pass two concurrent challenges."""
        query = select(RecoveryCode).where(
            recovery_codes.c.account_id == account_id, recovery_codes.c.used_at.is_(None)
        )
        return list(self._db.scalars(query.with_for_update()))

    def remove_all(self, account_id: str) -> None:
        self._db.execute(delete(recovery_codes).where(recovery_codes.c.account_id == account_id))


class MfaChallenges:
    def __init__(self, db: DbSession) -> None:
        self._db = db

    def add(self, challenge: MfaChallenge) -> None:
        self._db.add(challenge)

    def with_id(self, challenge_id: str) -> MfaChallenge | None:
        """Locked until commit: two answers to one challenge cannot both pass."""
        return self._db.get(MfaChallenge, hash_challenge_id(challenge_id), with_for_update=True)


class ProfileLinks:
    """Account<->profile links; every query names the practice."""

    def __init__(self, db: DbSession) -> None:
        self._db = db

    def add(self, link: ProfileLink) -> None:
        self._db.add(link)

    def remove(self, link: ProfileLink) -> None:
        self._db.delete(link)

    def get(self, practice_id: str, link_id: str) -> ProfileLink | None:
        query = select(ProfileLink).where(profile_links.c.id == link_id, profile_links.c.practice_id == practice_id)
        return self._db.scalars(query).first()

    def of_account(self, practice_id: str, account_id: str) -> list[ProfileLink]:
        query = (
            select(ProfileLink)
            .where(profile_links.c.practice_id == practice_id, profile_links.c.account_id == account_id)
            .order_by(profile_links.c.created_at, profile_links.c.id)
        )
        return list(self._db.scalars(query))

    def of_profile(self, practice_id: str, profile_id: str) -> list[ProfileLink]:
        query = (
            select(ProfileLink)
            .where(profile_links.c.practice_id == practice_id, profile_links.c.profile_id == profile_id)
            .order_by(profile_links.c.created_at, profile_links.c.id)
        )
        return list(self._db.scalars(query))

    def between(self, practice_id: str, account_id: str, profile_id: str) -> ProfileLink | None:
        query = select(ProfileLink).where(
            profile_links.c.practice_id == practice_id,
            profile_links.c.account_id == account_id,
            profile_links.c.profile_id == profile_id,
        )
        return self._db.scalars(query).first()
