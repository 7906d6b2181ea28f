"""The RS256 keys access tokens are signed with, kept in the database so that every worker and every
restart signs with the same key, and the access tokens themselves."""

from __future__ import annotations

import dataclasses
import json
import threading
from typing import Any

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from portalkit.clock import Clock
from sqlalchemy import Engine, insert, select

from identity.adapters.orm import signing_keys
from identity.domain.model import Account, new_id

KEY_BITS = 2048
ALGORITHM = "RS256"


class SigningKeys:
    """Never call inside an open unit of work: on SQLite its own transaction would wait for that one."""

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock
        self._current: RSAKey | None = None
        self._lock = threading.Lock()

    def current(self) -> RSAKey:
        with self._lock:
            if self._current is None:
                self._current = self._oldest() or self._create()
            return self._current

    def public_key_set(self) -> dict[str, Any]:
        self.current()  # never publish an empty set: a verifier would cache it
        with self._engine.connect() as connection:
            rows = connection.execute(select(signing_keys.c.private_jwk).order_by(signing_keys.c.created_at)).all()
        keys = [RSAKey.import_key(json.loads(row.private_jwk)) for row in rows]
        return dict(KeySet(keys).as_dict(private=False))  # type: ignore[arg-type]

    def _oldest(self) -> RSAKey | None:
        # Workers that raced to create a key all settle on the same one: the oldest.
        with self._engine.connect() as connection:
            row = connection.execute(
                select(signing_keys.c.private_jwk).order_by(signing_keys.c.created_at, signing_keys.c.kid).limit(1)
            ).first()
        return RSAKey.import_key(json.loads(row.private_jwk)) if row else None

    def _create(self) -> RSAKey:
        generated = RSAKey.generate_key(KEY_BITS, private=True)
        key = RSAKey.import_key(
            generated.as_dict(private=True), parameters={"kid": generated.thumbprint(), "use": "sig", "alg": ALGORITHM}
        )
        with self._engine.begin() as connection:
            connection.execute(
                insert(signing_keys).values(
                    kid=key.kid, private_jwk=json.dumps(key.as_dict(private=True)), created_at=self._clock.now()
                )
            )
        return self._oldest() or key


@dataclasses.dataclass(frozen=True)
class TokenRules:
    issuer: str
    audience: str
    ttl_seconds: int


class AccessTokens:
    def __init__(self, keys: SigningKeys, rules: TokenRules, clock: Clock) -> None:
        self._keys = keys
        self._rules = rules
        self._clock = clock

    @property
    def ttl_seconds(self) -> int:
        return self._rules.ttl_seconds

    def issue(self, account: Account, session_id: str, profile_id: str | None) -> str:
        """`profile_id`: the client profile the session is scoped to (see service/profiles.py)."""
        key = self._keys.current()
        now = int(self._clock.now().timestamp())
        claims = {
            "iss": self._rules.issuer,
            "aud": self._rules.audience,
            "sub": account.id,
            "practice_id": account.practice_id,
            "role": account.role,
            "email": account.email,
            "profile_id": profile_id,
            "sid": session_id,
            "iat": now,
            "exp": now + self._rules.ttl_seconds,
            "jti": new_id(),
        }
        return jwt.encode({"alg": ALGORITHM, "kid": key.kid, "typ": "JWT"}, claims, key)
