"""The unit of work with identity's repositories attached."""

from __future__ import annotations

from collections.abc import Callable

from portalkit.clock import Clock
from portalkit.db import UnitOfWork
from sqlalchemy.orm import Session as DbSession

from identity.adapters.orm import start_mappers
from identity.adapters.repositories import (
    AccountLog,
    Accounts,
    Clients,
    MfaChallenges,
    Practices,
    ProfileLinks,
    RecoveryCodes,
    SentSecrets,
    Sessions,
    SignInLog,
    TwoFactors,
)


class IdentityUnitOfWork(UnitOfWork):
    practices: Practices
    clients: Clients
    accounts: Accounts
    sessions: Sessions
    sign_ins: SignInLog
    account_log: AccountLog
    secrets: SentSecrets
    two_factors: TwoFactors
    recovery_codes: RecoveryCodes
    challenges: MfaChallenges
    profile_links: ProfileLinks

    def __init__(self, session_factory: Callable[[], DbSession], clock: Clock) -> None:
        start_mappers()
        super().__init__(session_factory, clock)

    def _start(self) -> None:
        self.practices = Practices(self.session)
        self.clients = Clients(self.session)
        self.accounts = Accounts(self.session)
        self.sessions = Sessions(self.session)
        self.sign_ins = SignInLog(self.session)
        self.account_log = AccountLog(self.session)
        self.secrets = SentSecrets(self.session)
        self.two_factors = TwoFactors(self.session)
        self.recovery_codes = RecoveryCodes(self.session)
        self.challenges = MfaChallenges(self.session)
        self.profile_links = ProfileLinks(self.session)
