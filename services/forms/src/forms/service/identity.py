"""The port to identity: is a client one of the practice's, what is the client called and written to,
and which accounts reach the client's profile (and how)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Protocol

from forms.domain.signers import ProfileLink


@dataclasses.dataclass(frozen=True)
class ClientRecord:
    id: str
    name: str
    practice_name: str
    first_name: str = ""
    default_email: str | None = None


class Identity(Protocol):
    def client(self, practice_id: str, client_id: str) -> ClientRecord | None: ...

    def features(self, practice_id: str) -> dict[str, bool]:
        """The practice's portal features, each on or off."""
        ...

    def time_zone(self, practice_id: str) -> dt.tzinfo:
        """The practice's clock (its settings' IANA time zone): what "the day before" a due date means."""
        ...

    def links(self, practice_id: str, client_id: str) -> list[ProfileLink]:
        """Every account linked to the profile (open or ended)."""
        ...
