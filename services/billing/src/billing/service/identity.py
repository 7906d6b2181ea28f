"""The port to identity: is a client one of the practice's, which portal features it offers."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Protocol


@dataclasses.dataclass(frozen=True)
class ClientDetails:
    """What a superbill, statement or receipt prints of the client."""

    name: str
    date_of_birth: dt.date | None


class Identity(Protocol):
    def client_exists(self, practice_id: str, client_id: str) -> bool: ...

    def features(self, practice_id: str) -> dict[str, bool]: ...

    def client_details(self, practice_id: str, client_id: str) -> ClientDetails | None: ...

    def time_zone(self, practice_id: str) -> dt.tzinfo:
        """The practice's clock: which month an entry written near midnight belongs to."""
        ...
