"""Access-token verification: every service checks the identity service's JWTs itself.

Tokens are RS256 JWTs; the public keys come from identity's JWKS endpoint and are cached. A token
with an unknown key id triggers one refetch (keys rotate), at most every `refetch_interval` seconds.
"""

from __future__ import annotations

import dataclasses
import functools
import hmac
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

import requests
from flask import Flask, current_app, g, request
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from portalkit.clock import Clock
from portalkit.errors import Problem, forbidden, unauthorized

STAFF_ROLES = frozenset({"owner", "admin", "clinician", "billing", "front_desk"})
CLIENT_ROLE = "client"
ALGORITHMS = ["RS256"]

F = TypeVar("F", bound=Callable[..., Any])


@dataclasses.dataclass(frozen=True)
class Principal:
    account_id: str
    practice_id: str
    role: str
    email: str
    profile_id: str | None
    session_id: str | None

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES


class TokenVerifier:
    def __init__(
        self,
        jwks_url: str,
        issuer: str,
        audience: str,
        clock: Clock,
        fetch: Callable[[str], dict[str, Any]] | None = None,
        refetch_interval: float = 30.0,
    ) -> None:
        self._jwks_url = jwks_url
        self._issuer = issuer
        self._audience = audience
        self._clock = clock
        self._fetch = fetch or _fetch_json
        self._refetch_interval = refetch_interval
        self._keys: KeySet | None = None
        self._fetched_at = float("-inf")
        self._lock = threading.Lock()

    def verify(self, token: str) -> Principal:
        claims = self._decode(token)
        registry = jwt.JWTClaimsRegistry(
            now=int(self._clock.now().timestamp()),
            leeway=30,
            iss={"essential": True, "value": self._issuer},
            aud={"essential": True, "value": self._audience},
            exp={"essential": True},
            sub={"essential": True},
        )
        try:
            registry.validate(claims)
        except JoseError as error:
            raise unauthorized("Your session has ended. Sign in again.") from error
        return Principal(
            account_id=claims["sub"],
            practice_id=claims["practice_id"],
            role=claims["role"],
            email=claims.get("email", ""),
            profile_id=claims.get("profile_id"),
            session_id=claims.get("sid"),
        )

    def _decode(self, token: str) -> dict[str, Any]:
        for refresh in (False, True):
            keys = self._key_set(refresh)
            try:
                return dict(jwt.decode(token, keys, algorithms=ALGORITHMS).claims)
            except (JoseError, ValueError) as error:
                if refresh or not _unknown_key(error):
                    raise unauthorized("The access token is not valid.") from error
        raise unauthorized("The access token is not valid.")

    def _key_set(self, refresh: bool) -> KeySet:
        with self._lock:
            stale = time.monotonic() - self._fetched_at > self._refetch_interval
            if self._keys is None or (refresh and stale):
                try:
                    self._keys = KeySet.import_key_set(self._fetch(self._jwks_url))  # type: ignore[arg-type]
                except (requests.RequestException, ValueError) as error:
                    if self._keys is None:
                        raise Problem(503, "keys-unavailable", "Sign-in keys are unavailable.") from error
                self._fetched_at = time.monotonic()
            return self._keys


def _unknown_key(error: Exception) -> bool:
    return "kid" in str(error).lower() or "key" in type(error).__name__.lower()


def _fetch_json(url: str) -> dict[str, Any]:
    response = requests.get(url, timeout=5)
    response.raise_for_status()
    return dict(response.json())


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def principal() -> Principal:
    """The caller of the current request; only inside a view guarded by `requires`."""
    return g.principal  # type: ignore[no-any-return]


def install_verifier(app: Flask, verifier: TokenVerifier) -> None:
    app.extensions["token_verifier"] = verifier


def requires(*roles: str) -> Callable[[F], F]:
    """Guard a view: a valid access token (checked by the app's installed verifier), and one of
    `roles` when any are named. The caller is then `principal()`."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            token = bearer_token()
            if token is None:
                raise unauthorized()
            caller = current_app.extensions["token_verifier"].verify(token)
            if roles and caller.role not in roles:
                raise forbidden()
            g.principal = caller
            return view(*args, **kwargs)

        return guarded  # type: ignore[return-value]

    return decorate


INTERNAL_TOKEN_HEADER = "X-Internal-Token"


def check_internal_token(expected: str) -> None:
    """Calls between services carry the shared internal token; nothing outside may make them."""
    given = request.headers.get(INTERNAL_TOKEN_HEADER, "")
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        raise forbidden("Internal endpoint.")
