"""The port to identity: is a client one of the practice's, which portal features it offers."""

from __future__ import annotations

from typing import Protocol


class Identity(Protocol):
    def client_exists(self, practice_id: str, client_id: str) -> bool: ...

    def features(self, practice_id: str) -> dict[str, bool]: ...
