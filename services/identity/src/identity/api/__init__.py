"""Identity's HTTP interface: public auth and staff paths, internal paths, and the JWKS."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any, TypeVar

from flask import current_app, request
from portalkit.auth import principal, requires
from portalkit.storage import ObjectStore

from identity.adapters.password_hasher import PasswordHasher
from identity.adapters.places import PlaceLookup
from identity.adapters.signing import AccessTokens, SigningKeys
from identity.domain.lockout import LockoutPolicy
from identity.domain.permissions import roles_allowed
from identity.domain.sessions import SessionPolicy
from identity.service.challenges import account_must_enrol, mfa_enrolment_required
from identity.service.one_time_secrets import SecretDelivery
from identity.service.secret_sign_in import Signing
from identity.service.sign_in import Caller
from identity.service.unit_of_work import IdentityUnitOfWork


@dataclasses.dataclass(frozen=True)
class Dependencies:
    """What the views need, wired once by create_app."""

    uow: Callable[[], IdentityUnitOfWork]
    # For lookups of one statement that write nothing (other services ask for a client per notice).
    lookup_uow: Callable[[], IdentityUnitOfWork]
    hasher: PasswordHasher
    signing_keys: SigningKeys
    tokens: AccessTokens
    session_policy: SessionPolicy
    internal_token: str
    delivery: SecretDelivery
    lockout: LockoutPolicy
    objects: ObjectStore
    places: PlaceLookup

    @property
    def signing(self) -> Signing:
        return Signing(self.tokens, self.session_policy, self.delivery)


def caller() -> Caller:
    """Where the request came from (the gateway's X-Forwarded-For, through ProxyFix)."""
    return Caller(ip=request.remote_addr, user_agent=request.user_agent.string)


def dependencies() -> Dependencies:
    return current_app.extensions["identity"]  # type: ignore[no-any-return]


F = TypeVar("F", bound=Callable[..., Any])


def staff(action: str) -> Callable[[F], F]:
    """A staff path taking `action`: the roles come from the one permission table
    (domain/permissions.py), and two-factor sign-in must be on when the practice requires it of
    staff: until then every staff path answers 403 `mfa-enrolment-required` (/me and /me/2fa stay open)."""
    roles = sorted(roles_allowed(action))

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def enrolled(*args: Any, **kwargs: Any) -> Any:
            if account_must_enrol(dependencies().uow(), principal().account_id):
                raise mfa_enrolment_required()
            return view(*args, **kwargs)

        return requires(*roles)(enrolled)  # type: ignore[return-value]

    return decorate
