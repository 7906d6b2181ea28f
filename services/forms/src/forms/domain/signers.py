"""Who must sign a consent given to a profile, decided from the accounts that reach it (identity's links):

- a profile reached by an open `guardian` link is a minor's: a guardian signs (one guardian's signature
  completes it); the minor's own account (`self`) may not;
- a profile reached by two or more accounts through open `self` or `partner` links is a couple's: each of
  those accounts signs, and the consent is completed by the signature that leaves none of them unsigned;
- otherwise the account acting for the profile signs, and that completes it.

Staff may instead name the accounts that must complete or sign (`named`): then each named account whose
link is still open signs (or, for a form, one of them fills it in) and no other account may. A name whose
link has ended since is passed over; when none is left, the rule above decides again.
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
    NAMED = "named"


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
        if self.kind in (ProfileKind.COUPLE, ProfileKind.NAMED) and account_id not in self.accounts:
            raise SignerRefused("not-a-signer")

    def may_fill(self, account_id: str) -> bool:
        """Whether the account may fill in (and submit) a form given to the profile: a named one, when
        staff named who completes it; otherwise any account acting for the profile."""
        return self.kind != ProfileKind.NAMED or account_id in self.accounts

    def complete_with(self, signed: Set[str]) -> bool:
        """Whether the signatures of these accounts complete the consent."""
        if self.kind in (ProfileKind.COUPLE, ProfileKind.NAMED):
            return self.accounts <= signed
        return bool(signed)


class NamedSignerInvalid(ValueError):
    def __init__(self, account_id: str, message: str) -> None:
        super().__init__(message)
        self.account_id = account_id
        self.message = message


def check_named(links: Iterable[ProfileLink], named: Iterable[str], consent: bool) -> tuple[str, ...]:
    """The named accounts, once each, in order; NamedSignerInvalid names the first that cannot be named:
    no open link to the profile, or a minor's own account named for a consent (a guardian signs it)."""
    open_links = {link.account_id: link.kind for link in links if link.active}
    minor = "guardian" in open_links.values()
    chosen: list[str] = []
    for account_id in named:
        kind = open_links.get(account_id)
        if kind is None:
            raise NamedSignerInvalid(account_id, "This account does not reach the client's profile.")
        if consent and minor and kind != "guardian":
            raise NamedSignerInvalid(account_id, "A parent or guardian signs a minor's consent.")
        if account_id not in chosen:
            chosen.append(account_id)
    return tuple(chosen)


def signers_of(links: Iterable[ProfileLink], named: Iterable[str] = ()) -> Signers:
    open_links = [link for link in links if link.active]
    still_open = frozenset(named) & {link.account_id for link in open_links}
    if still_open:
        return Signers(ProfileKind.NAMED, still_open)
    guardians = frozenset(link.account_id for link in open_links if link.kind == "guardian")
    if guardians:
        return Signers(ProfileKind.MINOR, guardians)
    partners = frozenset(link.account_id for link in open_links if link.kind in ("self", "partner"))
    if len(partners) >= 2:
        return Signers(ProfileKind.COUPLE, partners)
    return Signers(ProfileKind.SINGLE)
