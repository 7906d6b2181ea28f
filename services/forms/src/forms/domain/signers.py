"""Who must sign a consent given to a profile, decided from the accounts that reach it (identity's links):

- a profile reached by an open `guardian` link is a minor's: a guardian signs (one guardian's signature
  completes it); the minor's own account (`self`) may not;
- a profile reached by two or more accounts through open `self` or `partner` links is a couple's: each of
  those accounts signs, and the consent is completed by the signature that leaves none of them unsigned;
- otherwise the account acting for the profile signs, and that completes it.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable, Set


@dataclasses.dataclass(frozen=True)
class ProfileLink:
    """An account reaching a client profile as `self`, `partner` or `guardian`; `active` while it is open."""

    account_id: str
    kind: str
    active: bool = True


class ProfileKind(enum.StrEnum):
    SINGLE = "single"
    MINOR = "minor"
    COUPLE = "couple"


class SignerRefused(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclasses.dataclass(frozen=True)
class Signers:
    kind: ProfileKind
    # The guardians of a minor, or the partners of a couple; empty for a single client.
    accounts: frozenset[str] = frozenset()

    def check(self, account_id: str, signed: Set[str]) -> None:
        """Raise SignerRefused unless `account_id` may add a signature now."""
        if account_id in signed:
            raise SignerRefused("already-signed")
        if self.kind == ProfileKind.MINOR and account_id not in self.accounts:
            raise SignerRefused("guardian-must-sign")
        if self.kind == ProfileKind.COUPLE and account_id not in self.accounts:
            raise SignerRefused("not-a-signer")

    def complete_with(self, signed: Set[str]) -> bool:
        """Whether the signatures of these accounts complete the consent."""
        if self.kind == ProfileKind.COUPLE:
            return self.accounts <= signed
        return bool(signed)


def signers_of(links: Iterable[ProfileLink]) -> Signers:
    open_links = [link for link in links if link.active]
    guardians = frozenset(link.account_id for link in open_links if link.kind == "guardian")
    if guardians:
        return Signers(ProfileKind.MINOR, guardians)
    partners = frozenset(link.account_id for link in open_links if link.kind in ("self", "partner"))
    if len(partners) >= 2:
        return Signers(ProfileKind.COUPLE, partners)
    return Signers(ProfileKind.SINGLE)
