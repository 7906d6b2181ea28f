"""Identity's HTTP interface: public auth and staff paths, internal paths, and the JWKS."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from flask import current_app

from identity.adapters.password_hasher import PasswordHasher
from identity.adapters.signing import AccessTokens, SigningKeys
from identity.domain.sessions import SessionPolicy
from identity.service.unit_of_work import IdentityUnitOfWork


@dataclasses.dataclass(frozen=True)
class Dependencies:
    """What the views need, wired once by create_app."""

    uow: Callable[[], IdentityUnitOfWork]
    hasher: PasswordHasher
    signing_keys: SigningKeys
    tokens: AccessTokens
    session_policy: SessionPolicy
    internal_token: str


def dependencies() -> Dependencies:
    return current_app.extensions["identity"]  # type: ignore[no-any-return]
