"""What this service asks of identity, synchronously, while a person waits for the answer."""

from __future__ import annotations

import dataclasses
from typing import Any, Protocol


@dataclasses.dataclass(frozen=True)
class ClientRecord:
    id: str
    first_name: str
    last_name: str
    # (address, is_default) pairs, as identity lists them.
    emails: tuple[tuple[str, bool], ...]
    practice_name: str
    invitation_expiry_hours: int | None = None
    has_account: bool = False
    # The practice's reminder setting (0: off); None: the service default.
    reminder_hours_before_expiry: int | None = None

    @property
    def default_email(self) -> str | None:
        defaults = [address for address, is_default in self.emails if is_default]
        candidates = defaults or [address for address, _ in self.emails]
        return candidates[0] if candidates else None

    def owns_email(self, address: str) -> str | None:
        """The client's own spelling of `address`, if it is one of theirs."""
        wanted = address.strip().lower()
        return next((own for own, _ in self.emails if own.lower() == wanted), None)


@dataclasses.dataclass(frozen=True)
class NewAccount:
    practice_id: str
    client_id: str
    invitation_id: str
    email: str
    password: str
    agreements: tuple[dict[str, Any], ...]


@dataclasses.dataclass(frozen=True)
class CreatedAccount:
    account_id: str
    email: str
    created: bool


class Identity(Protocol):
    def client(self, practice_id: str, client_id: str) -> ClientRecord | None:
        """The client of that practice, or None when the practice has no such client."""

    def create_account(self, account: NewAccount) -> CreatedAccount:
        """Create the portal account; raises portalkit.errors.Problem with identity's refusal."""
