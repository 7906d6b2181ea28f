"""Sealed fields inside events: secrets only the notifier may read (a link with its token, an address).

Events cross the broker and sit in outbox tables; a sealed field is encrypted and authenticated
(Fernet: AES-128-CBC + HMAC-SHA256) with a key that only the producer and the notifier hold.
"""

from __future__ import annotations

import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken


class SealError(ValueError):
    pass


class Sealer:
    def __init__(self, key: str) -> None:
        if not key:
            raise SealError("SEALED_PAYLOAD_KEY is not set")
        self._fernet = Fernet(key.encode())

    def seal(self, value: dict[str, Any]) -> str:
        return self._fernet.encrypt(json.dumps(value, sort_keys=True).encode()).decode()

    def unseal(self, token: str) -> dict[str, Any]:
        try:
            return dict(json.loads(self._fernet.decrypt(token.encode())))
        except (InvalidToken, ValueError) as error:
            raise SealError("sealed field cannot be opened") from error


def new_key() -> str:
    return Fernet.generate_key().decode()
