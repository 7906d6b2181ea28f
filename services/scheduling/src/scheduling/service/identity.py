"""The port to identity: is a client one of the practice's, who are its staff, which portal features
it offers."""

from __future__ import annotations

import dataclasses
from typing import Protocol


@dataclasses.dataclass(frozen=True)
class StaffMember:
    account_id: str
    email: str
    role: str


@dataclasses.dataclass(frozen=True)
class ClientContact:
    """Where a client's reminders go: the default address and the phone (either may be missing)."""

    first_name: str
    email: str | None
    phone: str | None
    practice_name: str


class Identity(Protocol):
    def client_exists(self, practice_id: str, client_id: str) -> bool: ...

    def staff(self, practice_id: str) -> list[StaffMember]:
        """The practice's active staff who see clients (owners, admins, clinicians)."""
        ...

    def features(self, practice_id: str) -> dict[str, bool]: ...

    def contact(self, practice_id: str, client_id: str) -> ClientContact | None: ...

    def reaches(self, practice_id: str, client_id: str, account_id: str) -> bool:
        """Whether the account may still open the client's profile: an open link, an account not disabled."""
        ...
