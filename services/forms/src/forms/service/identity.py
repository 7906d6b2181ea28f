"""The port to identity: is a client one of the practice's, and what is the client called."""

from __future__ import annotations

import dataclasses
from typing import Protocol


@dataclasses.dataclass(frozen=True)
class ClientRecord:
    id: str
    name: str
    practice_name: str


class Identity(Protocol):
    def client(self, practice_id: str, client_id: str) -> ClientRecord | None: ...

    def features(self, practice_id: str) -> dict[str, bool]:
        """The practice's portal features, each on or off."""
        ...
