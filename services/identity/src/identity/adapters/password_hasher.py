"""argon2id password hashes with the parameters SECURITY.md asks for."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher as Argon2Hasher
from argon2 import Type
from argon2.exceptions import InvalidHashError, VerificationError

from identity.domain.passwords import normalise

# OWASP's minimum for argon2id: 19 MiB, two passes, one lane.
MEMORY_COST_KIB = 19456
TIME_COST = 2
PARALLELISM = 1


class PasswordHasher:
    def __init__(self) -> None:
        self._argon2 = Argon2Hasher(
            time_cost=TIME_COST, memory_cost=MEMORY_COST_KIB, parallelism=PARALLELISM, type=Type.ID
        )
        # Checked against when no account has the address, so that answer takes as long as a wrong password.
        self._decoy = self._argon2.hash(secrets.token_urlsafe(16))

    def hash(self, password: str) -> str:
        return self._argon2.hash(normalise(password))

    def matches(self, password_hash: str, password: str) -> bool:
        try:
            return self._argon2.verify(password_hash, normalise(password))
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        return self._argon2.check_needs_rehash(password_hash)

    def spend_the_time_of_a_check(self, password: str) -> None:
        self.matches(self._decoy, password)
